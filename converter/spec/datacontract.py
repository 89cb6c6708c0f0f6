"""The wire names .NET derives from a spec: DataContract names, namespaces, order, JSON names.

The functions taking a spec are cached (a spec hashes by identity), so codecs may call them
per element without re-deriving anything.

Both the XSD generator and the codecs need these facts, so they live once, here,
as pure functions of the model. Each rule cites where it was read or observed:
[RS] is microsoft/referencesource ``System.Runtime.Serialization``; the rest are
in ``../shared/reference/``.
"""

from __future__ import annotations

import base64
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .model import (
    ClassType,
    DictOf,
    EnumType,
    Field,
    ListOf,
    Named,
    Nullable,
    ObjectRef,
    Primitive,
    Spec,
    TypeDef,
    TypeRef,
    unwrap,
)

__all__ = [
    "ARRAYS_NS",
    "BOXABLE",
    "DATACONTRACT_NS",
    "SER_NS",
    "SYSTEM_NS",
    "XSI_NS",
    "XS_NS",
    "NamingVersion",
    "QName",
    "boxed_primitive",
    "boxed_type",
    "camel_case",
    "collection_item",
    "collection_of",
    "dictionary_names",
    "encode_local_name",
    "embedded_json_net",
    "enum_type",
    "is_nillable",
    "item_namespace",
    "json_members",
    "json_name",
    "json_skips_default",
    "member_name",
    "namespace_digest",
    "root_name",
    "stable_name",
    "type_namespace",
    "xml_members",
]

XS_NS = "http://www.w3.org/2001/XMLSchema"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SER_NS = "http://schemas.microsoft.com/2003/10/Serialization/"
ARRAYS_NS = SER_NS + "Arrays"
DATACONTRACT_NS = "http://schemas.datacontract.org/2004/07/"
SYSTEM_NS = DATACONTRACT_NS + "System"
NUMERICS_NS = DATACONTRACT_NS + "System.Numerics"

#: CLR primitive -> its DataContract name and namespace ([RS] PrimitiveDataContract.cs, Globals.cs).
_PRIMITIVE_NAMES: dict[str, tuple[str, str]] = {
    "string": ("string", XS_NS),
    "bool": ("boolean", XS_NS),
    "byte": ("unsignedByte", XS_NS),
    "sbyte": ("byte", XS_NS),
    "short": ("short", XS_NS),
    "ushort": ("unsignedShort", XS_NS),
    "int": ("int", XS_NS),
    "uint": ("unsignedInt", XS_NS),
    "long": ("long", XS_NS),
    "ulong": ("unsignedLong", XS_NS),
    "float": ("float", XS_NS),
    "double": ("double", XS_NS),
    "decimal": ("decimal", XS_NS),
    "DateTime": ("dateTime", XS_NS),
    "Uri": ("anyURI", XS_NS),
    "byte[]": ("base64Binary", XS_NS),
    "char": ("char", SER_NS),
    "Guid": ("guid", SER_NS),
    "TimeSpan": ("duration", SER_NS),
    "DateTimeOffset": ("DateTimeOffset", SYSTEM_NS),
}


@dataclass(frozen=True, slots=True)
class QName:
    """An XML qualified name."""

    name: str
    namespace: str


def type_namespace(tdef: TypeDef) -> str:
    """The contract namespace: ``[DataContract(Namespace)]`` or the default from the CLR namespace.

    >>> from converter.errors import Origin
    >>> type_namespace(EnumType("Color", "Contoso.Shared", (), Origin("x")))
    'http://schemas.datacontract.org/2004/07/Contoso.Shared'
    """
    if tdef.data_contract and tdef.data_contract.namespace is not None:
        return tdef.data_contract.namespace
    return DATACONTRACT_NS + tdef.namespace


def _type_name(spec: Spec, tdef: TypeDef) -> str:
    """[RS] DataContract.GetStableName: ``[DataContract(Name)]`` (a generic's expanded by
    ExpandGenericParameters) or the CLR name (a generic's ``{Name}Of{0}{1}...{#}``), then
    EncodeLocalName."""
    explicit = tdef.data_contract.name if tdef.data_contract else None
    if isinstance(tdef, ClassType) and tdef.generic is not None:
        pattern = explicit or tdef.clr_name + "Of" + "".join(f"{{{i}}}" for i in range(len(tdef.type_args))) + "{#}"
        return encode_local_name(_expand_generic(spec, pattern, tdef.type_args))
    return encode_local_name(explicit or tdef.clr_name)


def _expand_generic(spec: Spec, pattern: str, args: tuple[TypeRef, ...]) -> str:
    """[RS] DataContract.ExpandGenericParameters: ``{n}`` is argument n's contract name, ``{#}`` the
    digest of the arguments' namespaces unless all are built in (the loader checked the braces).
    Pinned on Mono: ``ApiResponseOfOrderRwwgaBDv``, ``PairOfSizeAndstring8KjBzSjG``."""
    names = [stable_name(spec, a) for a in args]
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] != "{":
            out.append(pattern[i])
            i += 1
            continue
        end = pattern.index("}", i)
        inner = pattern[i + 1 : end]
        if inner == "#":
            if not all(_is_builtin(q.namespace) for q in names):
                out.append(namespace_digest(f" {len(args)}" + "".join(" " + q.namespace for q in names)))
        else:
            out.append(names[int(inner)].name)
        i = end + 1
    return "".join(out)


def encode_local_name(name: str) -> str:
    """[RS] System.Xml XmlConvert.EncodeLocalName, which DataContract names and DataMember names go
    through: each character no XML name may hold becomes ``_xHHHH_`` (a leading digit too), and
    an ``_x`` that would read as such an escape has its underscore escaped.

    >>> encode_local_name("first name"), encode_local_name("DCWith.InName"), encode_local_name("1st")
    ('first_x0020_name', 'DCWith.InName', '_x0031_st')
    >>> encode_local_name("a:b"), encode_local_name("_x0041_"), encode_local_name("Größe")
    ('a_x003A_b', '_x005F_x0041_', 'Größe')
    """
    if name.isascii() and name.replace("_", "a").isalnum() and not name[:1].isdigit() and "_x" not in name:
        return name
    out: list[str] = []
    for i, ch in enumerate(name):
        if ch == "_" and _ESCAPE_LIKE.match(name, i):
            out.append("_x005F_")
        elif (_name_start(ch) if i == 0 else _name_char(ch)) and ch != ":":
            out.append(ch)
        else:
            out.append("".join(f"_x{ord(u):04X}_" if ord(u) < 0x10000 else f"_x{ord(u):08X}_" for u in ch))
    return "".join(out)


_ESCAPE_LIKE = __import__("re").compile(r"_[Xx](?:[0-9a-fA-F]{4}|[0-9a-fA-F]{8})_")


def _name_start(ch: str) -> bool:
    return ch == "_" or unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo", "Nl")


def _name_char(ch: str) -> bool:
    return _name_start(ch) or ch in ".-\u00b7" or unicodedata.category(ch) in ("Mn", "Mc", "Nd", "Lm", "Me")


@cache
def stable_name(spec: Spec, ref: TypeRef) -> QName:
    """The data contract name of any type ([RS] DataContract.cs GetStableName).

    >>> spec = Spec("t", "t", {})
    >>> stable_name(spec, ListOf(Primitive("int")))
    QName(name='ArrayOfint', namespace='http://schemas.microsoft.com/2003/10/Serialization/Arrays')
    >>> stable_name(spec, ListOf(Nullable(Primitive("int")))).name
    'ArrayOfNullableOfint'
    """
    match ref:
        case Primitive(name):
            return QName(*_PRIMITIVE_NAMES[name])
        case Named(name):
            tdef = spec.types[name]
            return QName(_type_name(spec, tdef), type_namespace(tdef))
        case ObjectRef():
            return QName("anyType", XS_NS)
        case Nullable(inner):
            return _generic(spec, "Nullable", SYSTEM_NS, (inner,))
        case ListOf(item):
            item_name = stable_name(spec, item)
            ns = ARRAYS_NS if _is_builtin(item_name.namespace) else item_name.namespace
            return QName("ArrayOf" + item_name.name, ns)
        case DictOf(key, value):
            pair = _generic(spec, "KeyValue", ARRAYS_NS, (key, value))
            return QName("ArrayOf" + pair.name, ARRAYS_NS)
    raise AssertionError(ref)


def boxed_type(primitive: str) -> QName:
    """The ``i:type`` of a boxed primitive in an ``object`` member (``int`` -> xs:int)."""
    return QName(*_PRIMITIVE_NAMES[primitive])


def boxed_primitive(namespace: str, local: str) -> str | None:
    """The primitive an ``i:type`` QName names, if it names one."""
    return _BOXED.get((namespace, local))


#: Primitives DataContractSerializer always knows in an ``object`` member; DateTimeOffset is not one
#: (observed on Mono: it writes i:type="d3p1:DateTimeOffset" but refuses to read it without known types).
BOXABLE = frozenset(_PRIMITIVE_NAMES) - {"DateTimeOffset"}
_BOXED = {(ns, local): name for name, (local, ns) in _PRIMITIVE_NAMES.items() if name in BOXABLE}


@cache
def root_name(spec: Spec, ref: TypeRef) -> QName:
    """The root element DataContractSerializer writes for a body of ``ref``: its contract name,
    but primitives and ``object`` in the Serialization namespace (observed on Mono:
    ``<int xmlns="http://schemas.microsoft.com/2003/10/Serialization/">5</int>``, ``z:anyType``)."""
    core = unwrap(ref)
    qname = stable_name(spec, core)
    if isinstance(core, ObjectRef) or (isinstance(core, Primitive) and core.name != "DateTimeOffset"):
        return QName(qname.name, SER_NS)
    return qname


@cache
def collection_of(spec: Spec, ref: TypeRef) -> ListOf | DictOf | None:
    """The collection a type is: ``List<T>`` or ``Dictionary<K,V>`` itself, or the one a
    ``[CollectionDataContract]`` type derives from; None for anything else."""
    if isinstance(ref, ListOf | DictOf):
        return ref
    if isinstance(ref, Named):
        tdef = spec.types[ref.name]
        return tdef.collection if isinstance(tdef, ClassType) else None
    return None


def _collection_contract(spec: Spec, ref: TypeRef) -> ClassType | None:
    if isinstance(ref, Named):
        tdef = spec.types[ref.name]
        if isinstance(tdef, ClassType) and tdef.collection is not None:
            return tdef
    return None


@cache
def collection_item(spec: Spec, ref: TypeRef) -> QName:
    """The element name of a collection's items: ``ItemName``, else the item contract's name
    (Nullable unwrapped; ``KeyValueOf..`` for a dictionary), in the collection's namespace
    ([RS] CollectionDataContract.cs Init)."""
    coll = collection_of(spec, ref)
    assert coll is not None, ref
    namespace = stable_name(spec, ref).namespace
    contract = _collection_contract(spec, ref)
    if contract is not None and contract.data_contract and contract.data_contract.item_name:
        return QName(encode_local_name(contract.data_contract.item_name), namespace)
    if isinstance(coll, DictOf):
        return QName(_generic(spec, "KeyValue", ARRAYS_NS, (coll.key, coll.value)).name, namespace)
    return QName(stable_name(spec, unwrap(coll.item)).name, namespace)


@cache
def dictionary_names(spec: Spec, ref: TypeRef) -> tuple[str, str]:
    """The element names of a dictionary entry's key and value: ``KeyName``/``ValueName`` or
    ``Key``/``Value``, in the collection's namespace."""
    contract = _collection_contract(spec, ref)
    dc = contract.data_contract if contract else None
    return (encode_local_name(dc.key_name) if dc and dc.key_name else "Key",
            encode_local_name(dc.value_name) if dc and dc.value_name else "Value")


@cache
def item_namespace(spec: Spec, ref: TypeRef) -> str | None:
    """The namespace a collection declares on its own element for its items' members
    ([RS] CollectionDataContract.ChildElementNamespace through ClassDataContract.
    GetChildNamespaceToDeclare): the item contract's, when it is no enum or primitive and differs
    from the collection's. Observed on Mono: ``<Products xmlns:d2p1="http://contoso/shop"
    xmlns:d2p2="...Contoso.Shop">``."""
    coll = collection_of(spec, ref)
    if coll is None:
        return None
    item: TypeRef = coll if isinstance(coll, DictOf) else unwrap(coll.item)
    if isinstance(coll, DictOf) or isinstance(item, Primitive | ObjectRef) or enum_type(spec, item) is not None:
        return None
    ns = stable_name(spec, item).namespace
    return ns if ns and ns != stable_name(spec, ref).namespace else None


def _generic(spec: Spec, name: str, namespace: str, args: tuple[TypeRef, ...]) -> QName:
    """A closed generic's name: ``{Name}Of{Arg}...`` plus a digest when an argument
    lives outside the XSD and ``ser`` namespaces ([RS] DataContract.cs GetDCTypeStableName)."""
    arg_names = [stable_name(spec, a) for a in args]
    local = name + "Of" + "".join(q.name for q in arg_names)
    if not all(_is_builtin(q.namespace) for q in arg_names):
        local += namespace_digest(f" {len(args)}" + "".join(" " + q.namespace for q in arg_names))
    return QName(local, namespace)


def namespace_digest(namespaces: str) -> str:
    """[RS] DataContract.cs GetNamespacesDigest: base64 of the first 6 MD5 bytes,
    ``/`` as ``_S``, ``+`` as ``_P``, padding dropped.

    >>> len(namespace_digest(" 2 a b"))
    8
    """
    import hashlib  # here: OpenSSL's import is 4 ms of every start, and most specs name no such generic

    digest = hashlib.md5(namespaces.encode("utf-8"), usedforsecurity=False).digest()[:6]
    return base64.b64encode(digest).decode("ascii").replace("/", "_S").replace("+", "_P").rstrip("=")


def _is_builtin(namespace: str) -> bool:
    return namespace in (XS_NS, SER_NS)


def member_name(field: Field) -> str:
    """The XML element name: ``[DataMember(Name)]`` or the CLR name, through EncodeLocalName
    ([RS] ClassDataContract.ImportDataMembers; Mono writes ``first_x0020_name``)."""
    return encode_local_name(_member_name(field))


def _member_name(field: Field) -> str:
    if field.data_member and field.data_member.name:
        return field.data_member.name
    return field.name


@cache
def xml_members(spec: Spec, cls: ClassType) -> tuple[tuple[ClassType, Field], ...]:
    """Members in DataContractSerializer order, each with the class declaring it.

    Base members first; within a class members without ``Order`` (-1) first, then by
    ``Order``, ties by ordinal name ([RS] ClassDataContract.cs DataMemberComparer).
    """
    out: list[tuple[ClassType, Field]] = []
    for owner in spec.class_chain(cls):
        ordered = sorted(owner.fields, key=lambda f: (_order(f), member_name(f).encode("utf-16-be")))
        out.extend((owner, f) for f in ordered)
    return tuple(out)


def _order(field: Field) -> int:
    return field.data_member.order if field.data_member else -1


@cache
def json_name(spec: Spec, field: Field) -> str:
    """The JSON property name Json.NET writes for ``field`` under the spec's settings.

    An explicit ``jsonName`` wins as written; otherwise the DataMember or CLR name,
    camel-cased by ``CamelCasePropertyNamesContractResolver`` (which also camel-cases
    explicit names: OverrideSpecifiedNames=true).
    """
    if field.json_name is not None:
        return field.json_name
    name = _member_name(field)  # Json.NET takes the DataMember name as written
    return camel_case(name, spec.json.naming_version) if spec.json.naming == "camelCase" else name


NamingVersion = Literal["8.0.3", "4.5.11", "webapi"]


@cache
def camel_case(name: str, version: NamingVersion = "8.0.3") -> str:
    """Json.NET's ``StringUtils.ToCamelCase`` in each of its generations, with .NET's own
    ``char.IsUpper`` and ``char.ToLowerInvariant`` (as Mono has them: ``converter.codecs.lexical``).

    ``8.0.3``: as of 11.0.1 (8.0.3's rules, Newtonsoft.Json#1330, plus 11.0.1's: a capital
    before a separator such as a space is lowered too). ``4.5.11``: 4.5.11 to 8.0.2 lower every
    capital of a leading run but the last before a lower-case letter, with no stop at index 1
    (observed on Debian's Json.NET 6.0.8). ``webapi``: the Json.NET embedded in Mono's
    System.Net.Http.Formatting lowers only the first letter (observed through its formatter).

    >>> [camel_case(n) for n in ("ID", "URLValue", "IsHTTPS", "X509Thumbprint", "A2B", "name", "FOO BAR")]
    ['id', 'urlValue', 'isHTTPS', 'x509Thumbprint', 'a2B', 'name', 'foo BAR']
    >>> [camel_case(n, "4.5.11") for n in ("ID", "URLValue", "IsHTTPS")]
    ['id', 'urlValue', 'ishttps']
    >>> [camel_case(n, "webapi") for n in ("ID", "URLValue", "IsHTTPS")]
    ['iD', 'uRLValue', 'isHTTPS']
    """
    from ..codecs.lexical import is_upper, lower_invariant

    if not name or not is_upper(name[0]):
        return name
    if version == "webapi":
        return lower_invariant(name[0]) + name[1:]
    chars = list(name)
    for i, ch in enumerate(chars):
        if version == "8.0.3" and i == 1 and not is_upper(ch):
            break
        has_next = i + 1 < len(chars)
        if i > 0 and has_next and not is_upper(chars[i + 1]):
            # char.IsSeparator: Unicode categories Zs, Zl, Zp.
            if version == "8.0.3" and unicodedata.category(chars[i + 1]) in ("Zs", "Zl", "Zp"):
                chars[i] = lower_invariant(ch)
            break
        chars[i] = lower_invariant(ch)
    return "".join(chars)


def embedded_json_net(spec: Spec) -> bool:
    """Whether the service runs the Json.NET embedded in Mono's System.Net.Http.Formatting
    (``json.namingVersion: webapi``): besides its names, it writes ``[DataMember(EmitDefaultValue =
    false)]`` members anyway and a Uri as ``ToString()``, normalised (observed through its formatter)."""
    return spec.json.naming_version == "webapi"


def json_skips_default(spec: Spec, field: Field) -> bool:
    """Whether Json.NET leaves ``field`` out when it holds its default (``EmitDefaultValue=false``)."""
    return bool(field.data_member and not field.data_member.emit_default_value and not embedded_json_net(spec))


@cache
def is_nillable(spec: Spec, ref: TypeRef) -> bool:
    """True for reference types and ``T?``; a struct is a value type ([RS] DataContract.cs IsTypeNullable)."""
    match ref:
        case Primitive(name):
            return name in ("string", "Uri", "byte[]")
        case Named(name):
            tdef = spec.types[name]
            return isinstance(tdef, ClassType) and not tdef.struct
        case Nullable() | ListOf() | DictOf() | ObjectRef():
            return True
    raise AssertionError(ref)


@cache
def enum_type(spec: Spec, ref: TypeRef) -> EnumType | None:
    """The enum behind ``ref`` (or ``ref?``), if it is one."""
    core = unwrap(ref)
    if isinstance(core, Named):
        tdef = spec.types[core.name]
        return tdef if isinstance(tdef, EnumType) else None
    return None


@cache
def json_members(spec: Spec, cls: ClassType) -> tuple[Field, ...]:
    """Members in Json.NET's order: reflection order (public fields, then properties; each
    derived class first), then a stable sort by DataMember ``Order`` ([NJ]
    ReflectionUtils.GetFieldsAndProperties, DefaultContractResolver.CreateProperties; observed
    through Mono's JsonMediaTypeFormatter)."""
    chain = tuple(reversed(spec.class_chain(cls)))
    members = [f for fields_first in (True, False) for owner in chain for f in owner.fields
               if f.is_field == fields_first]
    return tuple(sorted(members, key=_order))
