"""XSD in the DataContract namespaces, shaped as XsdDataContractExporter exports it.

``to_xsd(spec, profile)`` returns one schema document per target namespace plus
``index.xsd``, which imports them all so any root element can be validated.

Profiles:
- ``wire``: what XsdDataContractExporter emits for the equivalent C# classes
  (``minOccurs="0"`` unless ``IsRequired``, ``nillable`` for reference types and ``T?``);
- ``contract`` (default): the same, plus what the spec promises: required members
  present and not nillable, enumerations of possible values, and the length, range
  and pattern facets.

Shapes follow ../shared/reference/dotnet-wire-research.md section 2, read from
[RS] SchemaExporter.cs and confirmed against Mono's exporter in tests/interop.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Literal

from ..spec.datacontract import (
    DATACONTRACT_NS,
    SER_NS,
    SYSTEM_NS,
    XS_NS,
    QName,
    collection_item,
    collection_of,
    dictionary_names,
    is_nillable,
    member_name,
    stable_name,
    xml_members,
)
from ..spec.model import ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, Primitive, Spec, TypeRef, unwrap
from ..spec.model import ObjectRef

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["INDEX", "Profile", "namespace_file", "to_xsd"]

Profile = Literal["contract", "wire"]
INDEX = "index.xsd"
_XS = "{%s}" % XS_NS


def to_xsd(spec: Spec, profile: Profile = "contract") -> dict[str, bytes]:
    """Every schema document, keyed by file name (``index.xsd`` among them).

    >>> from converter.spec import parse_spec
    >>> files = to_xsd(parse_spec("spec: 1\\ntypes: {A: {namespace: N, fields: {X: int}}}"))
    >>> sorted(files)
    ['N.xsd', 'Serialization.xsd', 'index.xsd']
    """
    exporter = _Exporter(spec, profile)
    for name in spec.types:
        exporter.export(Named(name))
    for op in spec.operations:  # bodies such as List<ProductModel> have a contract of their own (ArrayOfProductModel)
        for body in (op.request, op.response):
            if body is not None:
                exporter.export(spec.resolve(body))
    files = {namespace_file(ns): schema.render() for ns, schema in exporter.schemas.items()}
    files[INDEX] = _render_index(exporter.schemas)
    return dict(sorted(files.items()))


def namespace_file(namespace: str) -> str:
    """The file name of a namespace's schema.

    >>> namespace_file("http://schemas.datacontract.org/2004/07/GlobalPortal.Api.Models")
    'GlobalPortal.Api.Models.xsd'
    >>> namespace_file("http://schemas.microsoft.com/2003/10/Serialization/Arrays")
    'Serialization.Arrays.xsd'
    >>> namespace_file("http://contoso.example/items"), namespace_file("")
    ('contoso.example.items.xsd', 'no-namespace.xsd')
    """
    if not namespace:  # [DataContract(Namespace = "")]; the exporter's file has no targetNamespace
        return "no-namespace.xsd"
    if namespace.startswith(DATACONTRACT_NS):
        stem = namespace[len(DATACONTRACT_NS):] or "DataContract"
    elif namespace.startswith(SER_NS) or namespace == SER_NS.rstrip("/"):
        stem = ("Serialization/" + namespace[len(SER_NS):]).rstrip("/")
    else:
        stem = re.sub(r"^[a-z][a-z0-9+.-]*:(//)?", "", namespace)
    return re.sub(r"[^A-Za-z0-9_-]+", ".", stem).strip(".") + ".xsd"


class _Schema:
    """One target namespace's schema being built: its prefixes, imports and components."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self.prefixes: dict[str, str] = {XS_NS: "xs", namespace: "tns"} if namespace else {XS_NS: "xs"}
        self.components: list[_Element] = []
        self.names: set[str] = set()
        self.imports_none = False

    def ref(self, qname: QName) -> str:
        """``prefix:name`` for a reference from this schema, importing its namespace; a name in no
        namespace is unprefixed (no schema here declares a default namespace)."""
        if not qname.namespace:
            self.imports_none = bool(self.namespace)
            return qname.name
        if qname.namespace not in self.prefixes:
            self.prefixes[qname.namespace] = "ser" if qname.namespace == SER_NS else f"q{len(self.prefixes) - 1}"
        return f"{self.prefixes[qname.namespace]}:{qname.name}"

    def render(self) -> bytes:
        from lxml import etree

        attributed = {"attributeFormDefault": "qualified"} if self.namespace == SER_NS else {}
        target = {"targetNamespace": self.namespace} if self.namespace else {}
        root = etree.Element(_XS + "schema", {**attributed, "elementFormDefault": "qualified", **target},
                             nsmap={p: ns for ns, p in self.prefixes.items()})
        if self.imports_none:
            etree.SubElement(root, _XS + "import", schemaLocation=namespace_file(""))
        for ns in self.prefixes:
            if ns not in (XS_NS, self.namespace):
                etree.SubElement(root, _XS + "import", namespace=ns, schemaLocation=namespace_file(ns))
        root.extend(self.components)
        etree.indent(root, space="  ")
        data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
        return data


class _Exporter:
    def __init__(self, spec: Spec, profile: Profile) -> None:
        self.spec = spec
        self.profile = profile
        self.schemas: dict[str, _Schema] = {}
        self._schema(SER_NS).components.extend(_serialization_components())

    def _schema(self, namespace: str) -> _Schema:
        if namespace not in self.schemas:
            self.schemas[namespace] = _Schema(namespace)
        return self.schemas[namespace]

    def _add(self, qname: QName, build: Callable[[_Schema], _Element], *, top_level: bool = True) -> None:
        """Add a named type, and its nillable top-level element, once."""
        schema = self._schema(qname.namespace)
        if qname.name in schema.names:
            return
        schema.names.add(qname.name)
        component = build(schema)
        component.set("name", qname.name)
        schema.components.append(component)
        if top_level:
            schema.components.append(_xs("element", name=qname.name, nillable="true", type=schema.ref(qname)))

    def export(self, ref: TypeRef) -> None:
        """Export the contract of ``ref`` and everything it references."""
        match ref:
            case Primitive("DateTimeOffset"):
                self._add(QName("DateTimeOffset", SYSTEM_NS), _date_time_offset)
            case Named(name):
                tdef = self.spec.types[name]
                qname = stable_name(self.spec, ref)
                if isinstance(tdef, EnumType):
                    self._add(qname, lambda schema: _enum(tdef))
                elif tdef.collection is not None:
                    self._export_items(tdef.collection)
                    self._add(qname, lambda schema: self._collection(schema, ref))
                else:
                    self._add(qname, lambda schema: self._class(schema, tdef))
            case Nullable(inner):
                self.export(inner)
            case ListOf(item):
                self.export(item)
                self._add(stable_name(self.spec, ref), lambda schema: self._collection(schema, ref))
            case DictOf(key, value):
                self.export(key)
                self.export(value)
                self._add(stable_name(self.spec, ref), lambda schema: self._collection(schema, ref))

    def _export_items(self, coll: ListOf | DictOf) -> None:
        if isinstance(coll, ListOf):
            self.export(coll.item)
        else:
            self.export(coll.key)
            self.export(coll.value)

    def _class(self, schema: _Schema, cls: ClassType) -> _Element:
        members = [self._member(schema, cls, f) for owner, f in xml_members(self.spec, cls) if owner is cls]
        sequence = _xs("sequence", children=members)
        if cls.struct:  # a value type, marked as DateTimeOffset is (observed on Mono's exporter)
            return _xs("complexType", children=[_appinfo(_ser("IsValueType", text="true")), sequence])
        if cls.base is None:
            return _xs("complexType", children=[*self._generic(cls), sequence])
        base = Named(cls.base)
        self.export(base)
        extension = _xs("extension", base=schema.ref(stable_name(self.spec, base)), children=[sequence])
        return _xs("complexType", children=[_xs("complexContent", mixed="false", children=[extension])])

    def _generic(self, cls: ClassType) -> list[_Element]:
        """A closed generic's annotation: its name pattern and arguments ([RS] SchemaExporter
        ExportGenericInfo; observed on Mono: ``<GenericType Name="ApiResponseOf{0}{#}" ...>``)."""
        if cls.generic is None:
            return []
        explicit = cls.data_contract.name if cls.data_contract else None
        pattern = explicit or cls.generic + "Of" + "".join(f"{{{i}}}" for i in range(len(cls.type_args))) + "{#}"
        params = [_ser("GenericParameter", Name=q.name, Namespace=q.namespace)
                  for q in (stable_name(self.spec, a) for a in cls.type_args)]
        info = _ser("GenericType", Name=pattern, Namespace=stable_name(self.spec, Named(cls.name)).namespace)
        info.extend(params)
        return [_appinfo(info)]

    def _member(self, schema: _Schema, cls: ClassType, f: Field) -> _Element:
        self.export(f.type)
        contract = self.profile == "contract"
        dm = f.data_member
        required = bool(dm and dm.is_required) or (contract and f.required)
        nillable = is_nillable(self.spec, f.type) and not (contract and f.required)
        value_type = unwrap(f.type)
        element = _xs("element", _occurs(min_occurs=None if required else 0, name=member_name(f), nillable=nillable))
        if dm and not dm.emit_default_value:
            element.append(_appinfo(_ser("DefaultValue", EmitDefaultValue="false")))
        type_ref = schema.ref(stable_name(self.spec, value_type))
        facets = _facets(f) if contract else []
        if facets:
            element.append(_xs("simpleType", children=[_xs("restriction", base=type_ref, children=facets)]))
        elif contract and isinstance(value_type, ListOf | DictOf) and (f.min_items is not None or f.max_items is not None):
            element.set("type", schema.ref(self._bounded(cls, f, value_type)))
        else:
            element.set("type", type_ref)
        return element

    def _bounded(self, cls: ClassType, f: Field, ref: ListOf | DictOf) -> QName:
        """A collection type with the member's item bounds, named ``ArrayOfX.Class.Member``.

        It lives in the items' namespace, because a type in the member's namespace
        cannot declare item elements of another namespace.
        """
        plain = stable_name(self.spec, ref)
        owner = stable_name(self.spec, Named(cls.name)).name if cls.generic else cls.name
        qname = QName(f"{plain.name}.{owner}.{member_name(f)}", plain.namespace)
        self._add(qname, lambda schema: self._collection(schema, ref, f.min_items, f.max_items), top_level=False)
        return qname

    def _collection(self, schema: _Schema, ref: TypeRef,
                    min_items: int | None = None, max_items: int | None = None) -> _Element:
        """``ArrayOfX`` or a ``[CollectionDataContract]``: a sequence of optional, unbounded items
        (or the given bounds), named by its ItemName, KeyName and ValueName."""
        coll = collection_of(self.spec, ref)
        assert coll is not None, ref
        item_name = collection_item(self.spec, ref).name
        occurs = {"minOccurs": str(min_items or 0),
                  "maxOccurs": "unbounded" if max_items is None else str(max_items)}
        if isinstance(coll, DictOf):
            key_name, value_name = dictionary_names(self.spec, ref)
            pair = _xs("sequence", children=[self._pair_member(schema, key_name, coll.key),
                                             self._pair_member(schema, value_name, coll.value)])
            item = _xs("element", {**occurs, "name": item_name}, children=[_xs("complexType", children=[pair])])
            annotation = [_appinfo(_ser("IsDictionary", text="true"))]
        else:
            item = self._pair_member(schema, item_name, coll.item, occurs)
            annotation = []
        return _xs("complexType", children=[*annotation, _xs("sequence", children=[item])])

    def _pair_member(self, schema: _Schema, name: str, ref: TypeRef, occurs: dict[str, str] | None = None) -> _Element:
        value_type = unwrap(ref)
        attributes = {**(occurs or {}), **_occurs(name=name, nillable=is_nillable(self.spec, ref))}
        return _xs("element", attributes, type=schema.ref(stable_name(self.spec, value_type)))


def _facets(f: Field) -> list[_Element]:
    """XSD facets for what the spec promises of a member (``contract`` profile)."""
    facets = [_xs("enumeration", value=v) for v in f.enum or ()]
    for kind, value in (("minLength", f.min_length), ("maxLength", f.max_length),
                        ("minInclusive", f.minimum), ("maxInclusive", f.maximum)):
        if value is not None:
            facets.append(_xs(kind, value=_number(value)))
    if f.pattern is not None:
        facets.append(_xs("pattern", value=f.pattern))
    return facets


def _number(value: int | float) -> str:
    return str(value) if isinstance(value, int) or not value.is_integer() else str(int(value))


def _enum(enum: EnumType) -> _Element:
    """An enum as a string restriction; ``[Flags]`` as a list of it ([RS] ExportEnumDataContract)."""
    values = []
    for i, member in enumerate(enum.members):
        value = _xs("enumeration", value=member.wire_name)
        if member.value != (2**i if enum.flags else i):
            value.append(_appinfo(_ser("EnumerationValue", text=str(member.value))))
        values.append(value)
    restriction = _xs("restriction", base="xs:string", children=values)
    if enum.flags:
        return _xs("simpleType", children=[_xs("list", children=[_xs("simpleType", children=[restriction])])])
    return _xs("simpleType", children=[restriction])


def _date_time_offset(schema: _Schema) -> _Element:
    """System.DateTimeOffset's contract ([RS] DateTimeOffsetAdapter.cs)."""
    sequence = _xs("sequence", children=[_xs("element", name="DateTime", type="xs:dateTime"),
                                         _xs("element", name="OffsetMinutes", type="xs:short")])
    return _xs("complexType", children=[_appinfo(_ser("IsValueType", text="true")), sequence])


def _serialization_components() -> list[_Element]:
    """The ``ser`` schema the exporter always adds ([RS] Globals.cs SerializationSchema)."""
    primitives = ["anyType", "anyURI", "base64Binary", "boolean", "byte", "dateTime", "decimal", "double", "float",
                  "int", "long", "QName", "short", "string", "unsignedByte", "unsignedInt", "unsignedLong",
                  "unsignedShort"]
    out = [_xs("element", name=name, nillable="true", type=f"xs:{name}") for name in primitives]
    specials = {
        "char": [_xs("restriction", base="xs:int")],
        "duration": [_xs("restriction", base="xs:duration", children=[
            _xs("pattern", value=r"\-?P(\d*D)?(T(\d*H)?(\d*M)?(\d*(\.\d*)?S)?)?"),
            _xs("minInclusive", value="-P10675199DT2H48M5.4775808S"),
            _xs("maxInclusive", value="P10675199DT2H48M5.4775807S")])],
        "guid": [_xs("restriction", base="xs:string", children=[
            _xs("pattern", value=r"[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}")])],
    }
    for name, content in specials.items():
        out.append(_xs("element", name=name, nillable="true", type=f"tns:{name}"))
        out.append(_xs("simpleType", name=name, children=content))
    out.append(_xs("attribute", name="FactoryType", type="xs:QName"))
    out.append(_xs("attribute", name="Id", type="xs:ID"))
    out.append(_xs("attribute", name="Ref", type="xs:IDREF"))
    return out


def _render_index(schemas: dict[str, _Schema]) -> bytes:
    from lxml import etree

    root = etree.Element(_XS + "schema", elementFormDefault="qualified", nsmap={"xs": XS_NS})
    root.append(etree.Comment(" Imports every namespace, so any root element can be validated. "))
    for ns in sorted(schemas):
        if not ns:  # the index itself has no target namespace: it includes the no-namespace schema
            etree.SubElement(root, _XS + "include", schemaLocation=namespace_file(ns))
        else:
            etree.SubElement(root, _XS + "import", namespace=ns, schemaLocation=namespace_file(ns))
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return data


def _occurs(*, min_occurs: int | None = None, name: str, nillable: bool) -> dict[str, str]:
    """An element's attributes in the exporter's order: minOccurs, name, nillable."""
    out = {} if min_occurs is None else {"minOccurs": str(min_occurs)}
    out["name"] = name
    if nillable:
        out["nillable"] = "true"
    return out


def _xs(tag: str, attrs: Mapping[str, str] | None = None, /, *, children: Iterable[_Element] = (),
        **attributes: str) -> _Element:
    from lxml import etree

    element = etree.Element(_XS + tag, {**(attrs or {}), **attributes})
    element.extend(children)
    return element


def _ser(tag: str, *, text: str | None = None, **attributes: str) -> _Element:
    from lxml import etree

    element = etree.Element("{%s}%s" % (SER_NS, tag), attributes, nsmap={None: SER_NS})
    element.text = text
    return element


def _appinfo(content: _Element) -> _Element:
    appinfo = _xs("appinfo", children=[content])
    return _xs("annotation", children=[appinfo])

