"""DataContract XML: read as DataContractSerializer reads it, write the bytes it writes.

Writing simulates Web API's XmlWriter over DataContractSerializer: members in
DataContract order, each in its declaring class's namespace (a default ``xmlns``
where it changes), child namespaces declared as ``d{depth}p{n}`` prefixes, nulls as
``i:nil``, newlines as CRLF. Reading scans forward for each expected member, as
DataContractSerializer does, and reports each element it would silently skip.
Facts: ../shared/reference/dotnet-wire-rules.md and dotnet-wire-research.md section 1.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import uuid
from dataclasses import dataclass
from functools import cache
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from ..errors import Origin, PayloadError
from ..spec.datacontract import (
    BOXABLE,
    NUMERICS_NS,
    SER_NS,
    QName,
    SYSTEM_NS,
    XSI_NS,
    XS_NS,
    boxed_primitive,
    boxed_type,
    collection_item,
    collection_of,
    dictionary_names,
    enum_type,
    is_nillable,
    item_namespace,
    member_name,
    stable_name,
    type_namespace,
    xml_members,
)
from ..spec.model import INTEGER_RANGES, PRIMITIVES, ClassType, DictOf, EnumType, Field, ListOf, Named, ObjectRef
from ..spec.datacontract import root_name as root_element
from ..spec.model import Primitive, Spec, TypeRef, unwrap
from . import Decoded, Encoded, Options, body_type, messages
from .clrdouble import parse_double
from .lexical import (
    DateTimeOffsetValue,
    DateTimeValue,
    TimeSpanValue,
    big_integer_fields,
    check_integer,
    dcs_enum_parse,
    dcs_enum_text,
    enum_is_defined,
    format_decimal,
    format_double,
    format_float,
    non_finite,
    normalize_uri,
    parse_decimal,
    to_single,
    whole,
)
from .compiled import Compiled
from .path import MemberPath, Template, field_template
from .values import BIG_INTEGER, RUNTIME_TYPE, Boxed, Loss, Value, default_of, is_default, runtime_class

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["Reading", "decode", "encode", "locate", "clark", "parse", "split_tag", "parse_value", "read", "read_plan", "root_name", "skip_reason"]

_NIL = f"{{{XSI_NS}}}nil"
_TYPE = f"{{{XSI_NS}}}type"
_ANY_TYPE = QName("anyType", XS_NS)


# -- writing -------------------------------------------------------------------------------


def encode(spec: Spec, type_name: str, value: Value, options: Options = Options()) -> Encoded:
    """Bytes as DataContractSerializer (through Web API's XmlWriter) writes ``value``.

    ``options.indent`` lays elements out one per line, two spaces a level, as the help page shows them.
    """
    writer = _Writer(spec, options.indent)
    ref = body_type(spec, type_name)
    qname = root_element(spec, ref)
    core = unwrap(ref)
    path = MemberPath.root(qname.name)
    if isinstance(core, ObjectRef):  # observed on Mono: <z:anyType xmlns:d1p1=".." i:type="d1p1:int" xmlns:i xmlns:z>
        writer.boxed("anyType", SER_NS, value, path, (), trailing=[("xmlns:i", XSI_NS), ("xmlns:z", SER_NS)])
        return Encoded("".join(writer.out).encode("utf-8"), tuple(writer.losses))
    if value is None:  # WriteObject(null), as observed on Mono: i:nil first, then both declarations
        nil = f'<{qname.name} i:nil="true" xmlns:i="{XSI_NS}" xmlns="{_escape_attr(qname.namespace)}" />'
        if not qname.namespace:
            nil = f'<{qname.name} i:nil="true" xmlns:i="{XSI_NS}" />'
        return Encoded(nil.encode("utf-8"), ())
    # Primitives and enums are written bare (<int xmlns="...Serialization/">5</int>); the rest declare i.
    bare = (isinstance(core, Primitive) and core.name != "DateTimeOffset") or enum_type(spec, core) is not None
    writer.element(qname.name, qname.namespace, _shape(spec, ref, qname.namespace), value, path,
                   explicit=() if bare else [("xmlns:i", XSI_NS)])
    text = "".join(writer.out)
    writer.out.clear()  # the pieces go before the bytes come: a large payload is held twice, not three times
    return Encoded(text.encode("utf-8"), tuple(writer.losses))


class _Scope:
    """An open element's namespace declarations (prefix -> namespace, "" the default) and what
    ``_Writer._lookup`` found in scope there. Scopes are interned: each remembers the elements
    opened in it (``after``), so an element met again in the same scope, as every item of a
    list is, reuses its tag, end tag and scope instead of working the declarations out again."""

    __slots__ = ("names", "found", "after")

    def __init__(self, names: dict[str, str], found: dict[str, str | None]) -> None:
        self.names = names
        self.found = found
        self.after: dict[_Key, tuple[str, str, _Scope]] = {}


@cache
def _root_scope(spec: Spec) -> _Scope:
    """The scope outside the root element (no prefix declared); per spec, so its interned scopes
    go with the spec's other plans."""
    return _Scope({"": ""}, {})


class _Writer:
    def __init__(self, spec: Spec, indent: bool) -> None:
        self.spec = spec
        self.indent = indent
        self.out: list[str] = []
        self.losses: list[Loss] = []
        root = _root_scope(spec)
        self.states: list[_Scope] = [root]
        # One scope per open element: prefix -> namespace ("" is the default namespace).
        self.scopes: list[dict[str, str]] = [root.names]
        # Each scope's answers of ``_lookup``; an element that declares nothing shares its parent's.
        self.found: list[dict[str, str | None]] = [root.found]
        self.open: list[tuple[str, bool]] = []  # (end tag, has element children)

    def _lookup(self, namespace: str) -> str | None:
        found = self.found[-1]
        if namespace in found:
            return found[namespace]
        for scope in reversed(self.scopes):
            for prefix, ns in scope.items():
                if ns == namespace and self._resolve(prefix) == namespace:
                    found[namespace] = prefix
                    return prefix
        found[namespace] = None
        return None

    def _resolve(self, prefix: str) -> str | None:
        for scope in reversed(self.scopes):
            if prefix in scope:
                return scope[prefix]
        return None

    def start(self, local: str, namespace: str, explicit: Sequence[tuple[str, str]] = (),
              declare: Sequence[str | None] = (), nil: bool = False, boxed: QName | None = None,
              trailing: Sequence[tuple[str, str]] = ()) -> None:
        """Open an element; ``declare`` are namespaces DataContractSerializer declares on it
        (``d{depth}p{n}``, those not in scope yet); ``boxed`` the ``i:type`` of an object member.
        The tag is a function of the arguments and the scope it opens in (``_Scope.after``)."""
        if self.open:
            close, _ = self.open[-1]
            self.open[-1] = (close, True)
        state = self.states[-1]
        key: _Key = (local, namespace, tuple(explicit), tuple(declare), nil, boxed, tuple(trailing))
        step = state.after.get(key)
        if step is None:
            step = state.after[key] = self._open(local, namespace, explicit, declare, nil, boxed, trailing)
        tag, close, scope = step
        self._newline()
        self.out.append(tag)
        self.out.append(">")
        self.states.append(scope)
        self.scopes.append(scope.names)
        self.found.append(scope.found)
        self.open.append((close, False))

    def leaf(self, key: _Key, text: str, empty_tag: bool, path: MemberPath) -> None:
        """An element holding only ``text``, as ``start``, ``text`` and ``end`` write it, at once: nothing
        opens under it, so no scope is pushed. ``key`` is ``start``'s: ``_leaf_key``."""
        if self.open:
            close, _ = self.open[-1]
            self.open[-1] = (close, True)
        state = self.states[-1]
        step = state.after.get(key)
        if step is None:
            step = state.after[key] = self._open(key[0], key[1], (), key[3], False, None, ())
        tag, close, _ = step
        self._newline()
        if text:
            if "\r" in text:
                self.losses.append(Loss(path, _CARRIAGE_RETURNS))
            self.out += (tag, ">", _escape_text(text, path), close)
        elif empty_tag:
            self.out += (tag, " />")
        else:
            self.out += (tag, ">", close)

    def _open(self, local: str, namespace: str, explicit: Sequence[tuple[str, str]], declare: Sequence[str | None],
              nil: bool, boxed: QName | None, trailing: Sequence[tuple[str, str]]) -> tuple[str, str, _Scope]:
        """An element's start tag (without its ``>``), end tag and scope, opened in the current scope.
        XmlWriter flushes the implicit default declaration last."""
        scope: dict[str, str] = {}
        for key, ns in trailing:
            scope[key.partition(":")[2] or ""] = ns
        prefix = self._lookup(namespace) if not trailing else next(k for k, v in scope.items() if v == namespace)
        implicit = None
        if prefix is None:
            prefix, implicit = "", namespace
            scope[""] = namespace
        attrs = list(explicit)
        for key, ns in explicit:
            scope[key.partition(":")[2] or ""] = ns
        self.scopes.append(scope)
        self.found.append({} if scope else self.found[-1])
        numbered = 0
        for child_ns in (*declare, boxed.namespace if boxed else None):
            if child_ns is not None and self._lookup(child_ns) is None:
                numbered += 1
                child_prefix = f"d{len(self.scopes) - 1}p{numbered}"
                attrs.append((f"xmlns:{child_prefix}", child_ns))
                scope[child_prefix] = child_ns
                self.found[-1] = {}  # the scope changed after the lookup
        if boxed is not None:
            type_prefix = self._lookup(boxed.namespace)
            attrs.append(("i:type", f"{type_prefix}:{boxed.name}" if type_prefix else boxed.name))
        self.scopes.pop()
        found = self.found.pop()
        if nil:
            attrs.append(("i:nil", "true"))
        attrs.extend(trailing)
        if implicit is not None:
            attrs.append(("xmlns", implicit))
        qualified = f"{prefix}:{local}" if prefix else local
        tag = "<" + qualified + "".join(f' {k}="{_escape_attr(v)}"' for k, v in attrs)
        return tag, f"</{qualified}>", _Scope(scope, found)

    def end(self, empty_tag: bool = False) -> None:
        close, children = self.open.pop()
        self.states.pop()
        self.scopes.pop()
        self.found.pop()
        if self.out[-1] == ">" and not children and empty_tag:
            self.out[-1] = " />"
            return
        if children:
            self._newline()
        self.out.append(close)

    def _newline(self) -> None:
        if self.indent and self.out:
            self.out.append(_LAYOUT[len(self.open)] if len(self.open) < len(_LAYOUT) else "\n" + "  " * len(self.open))

    def text(self, text: str, path: MemberPath) -> None:
        if not text:
            return
        if "\r" in text:
            self.losses.append(Loss(path, _CARRIAGE_RETURNS))
        self.out.append(_escape_text(text, path))

    def members(self, cls: ClassType, value: Any, path: MemberPath) -> None:
        if not isinstance(value, dict):
            raise PayloadError(f"expected an object for {cls.name}", path=path)
        for name, local, namespace, shape, step, required, skips_default, struct, key in _member_plan(self.spec, cls):
            if name in value:
                member = value[name]
            elif required:
                raise PayloadError(messages.required_missing(local, data_member=True), path=path)
            elif skips_default and struct:
                # Json.NET leaves out a default struct under EmitDefaultValue=false; the object then holds
                # default(T), which Mono's DataContractSerializer writes all the same (observed).
                member = default_of(self.spec, shape.ref)
            else:
                continue
            if skips_default and not struct and is_default(self.spec, shape.ref, member):
                continue  # Mono's DataContractSerializer writes a default struct all the same (observed)
            where = path.child(step)
            if key is not None and member is not None:  # what element() does for text, without its checks
                self.leaf(key, _format(shape.text or "", member, where), shape.empty_tag, where)
            else:
                self.element(local, namespace, shape, member, where)

    def element(self, local: str, namespace: str, shape: _Shape, value: Any, path: MemberPath,
                explicit: Sequence[tuple[str, str]] = ()) -> None:
        """One element holding a value of ``shape.ref``."""
        core = shape.core
        if isinstance(core, ObjectRef):
            self.boxed(local, namespace, value, path, explicit)
            return
        if value is None:
            if not shape.nillable:
                raise PayloadError(f"null is not a value of {shape.ref}", path=path)
            self.start(local, namespace, explicit=explicit, declare=shape.declare[:1], nil=True)
            self.end(empty_tag=True)
            return
        if shape.text is not None and not explicit:
            self.leaf(_leaf_key(local, namespace, shape), _format(shape.text, value, path), shape.empty_tag, path)
            return
        declared = shape.declared
        if declared is not None:
            if type(value) is dict and RUNTIME_TYPE not in value:
                runtime, xsi_type = declared, None  # the declared class (runtime_class says so too)
            else:
                runtime = self.runtime(declared, value, path)
                xsi_type = None if runtime is declared else stable_name(self.spec, Named(runtime.name))
            self.start(local, namespace, explicit=explicit, declare=shape.declare, boxed=xsi_type)
            self.members(runtime, value, path)
        else:
            self.start(local, namespace, explicit=explicit, declare=shape.declare)
            if shape.text is not None:
                self.text(_format(shape.text, value, path), path)
            else:
                self.content(shape.ref, core, value, path)
        # WriteString("") still closes with a full end tag (observed on Mono); other empty content does not.
        self.end(empty_tag=shape.empty_tag)

    def runtime(self, declared: ClassType, value: Any, path: MemberPath) -> ClassType:
        """The class DataContractSerializer writes for a value of ``declared`` (as ``i:type`` when it is
        a derived one, observed on Mono: ``<Main xmlns:d2p1=".." i:type="d2p1:Circle">``): a derived one
        only if it is among the known types, else it throws (SerializationException: "not expected")."""
        if not isinstance(value, dict):
            raise PayloadError(f"expected an object for {declared.name}", path=path)
        runtime = runtime_class(self.spec, declared, value, path)
        known = self.spec.known_subtypes(declared)
        if runtime is not declared and runtime not in known:
            raise PayloadError(messages.not_known_type(runtime.name, declared.name, (k.name for k in known)),
                               path=path)
        return runtime

    def boxed(self, local: str, namespace: str, value: Any, path: MemberPath, explicit: Sequence[tuple[str, str]],
              trailing: Sequence[tuple[str, str]] = ()) -> None:
        """An ``object`` element: its runtime type as ``i:type`` (observed on Mono: ``<Anything
        xmlns:d2p1="http://www.w3.org/2001/XMLSchema" i:type="d2p1:int">5</Anything>``), or i:nil."""
        if value is None:
            self.start(local, namespace, explicit=explicit, nil=True, trailing=trailing)
            self.end(empty_tag=True)
            return
        if not isinstance(value, Boxed):
            raise PayloadError("expected a boxed value for object", path=path)
        if value.type == "json":
            raise PayloadError(messages.JTOKEN_TO_XML, path=path)
        if value.type == BIG_INTEGER and isinstance(value.value, int):
            self.big_integer(local, namespace, value.value, path, explicit, trailing)
            return
        if value.type not in BOXABLE and value.type != "object":
            raise PayloadError(messages.unknown_boxed(value.type, ""), path=path)
        # A bare new object(): i:type="xs:anyType" in a member, nothing at the root (observed on Mono).
        runtime = boxed_type(value.type) if value.type != "object" else None if trailing else _ANY_TYPE
        self.start(local, namespace, explicit=explicit, boxed=runtime, trailing=trailing)
        if value.type != "object":
            self.content(Primitive(value.type), Primitive(value.type), value.value, path)
        self.end(empty_tag=value.type not in ("string", "Uri"))

    def big_integer(self, local: str, namespace: str, value: int, path: MemberPath,
                    explicit: Sequence[tuple[str, str]], trailing: Sequence[tuple[str, str]]) -> None:
        """A BigInteger as DataContractSerializer writes a [Serializable] struct: its fields, in order
        (observed on Mono: ``<d2p1:_bits>`` of unsignedInt in the Arrays namespace, ``<d2p1:_sign>``)."""
        self.losses.append(Loss(path, messages.BIG_INTEGER_XML))
        sign, bits = big_integer_fields(value)
        self.start(local, namespace, explicit=explicit, boxed=QName("BigInteger", NUMERICS_NS), trailing=trailing)
        self.element("_bits", NUMERICS_NS, _shape(self.spec, ListOf(Primitive("uint")), NUMERICS_NS), bits, path)
        self.element("_sign", NUMERICS_NS, _shape(self.spec, Primitive("int"), NUMERICS_NS), sign, path)
        self.end()

    def content(self, ref: TypeRef, core: TypeRef, value: Any, path: MemberPath) -> None:
        """What an open element holding a value of ``ref`` contains."""
        coll = collection_of(self.spec, core)
        if coll is not None:
            self.collection(core, coll, value, path)
            return
        match core:
            case Primitive("DateTimeOffset"):
                if not isinstance(value, DateTimeOffsetValue):
                    raise PayloadError("expected a DateTimeOffset", path=path)
                self.element("DateTime", SYSTEM_NS, _shape(self.spec, Primitive("DateTime"), SYSTEM_NS),
                             DateTimeValue.parse(value.utc_text()), path)
                self.element("OffsetMinutes", SYSTEM_NS, _shape(self.spec, Primitive("short"), SYSTEM_NS),
                             value.offset_minutes, path)
            case Primitive("Uri"):
                written = normalize_uri(value)
                if written != value:
                    self.losses.append(Loss(path, messages.uri_normalised(value, written)))
                self.text(written, path)
            case Primitive("float" | "double") if value == 0 and math.copysign(1, value) < 0:
                self.losses.append(Loss(path, "negative zero is written as 0 (.NET Framework drops the sign)"))
                self.text("0", path)
            case Primitive(name):
                self.text(_format(name, value, path), path)
            case Named(name) if isinstance(self.spec.types[name], EnumType):
                enum = self.spec.enum(name)
                if isinstance(value, int) and not isinstance(value, bool) and not enum_is_defined(enum, value):
                    raise PayloadError(messages.undefined_enum_xml(value, enum.name), path=path)
                try:
                    self.text(dcs_enum_text(enum, value), path)
                except ValueError as exc:
                    raise PayloadError(str(exc), path=path) from None
            case Named(name):
                self.members(self.spec.class_(name), value, path)

    def collection(self, core: TypeRef, coll: ListOf | DictOf, value: Any, path: MemberPath) -> None:
        """A collection's items, named as its contract says ([CollectionDataContract] or ArrayOfX)."""
        item_name = collection_item(self.spec, core)
        if isinstance(coll, ListOf):
            if not isinstance(value, list):
                raise PayloadError("expected a list", path=path)
            shape = _shape(self.spec, coll.item, item_name.namespace)
            for i, entry in enumerate(value):
                self.element(item_name.name, item_name.namespace, shape, entry,
                             path.item(i, item_name.name, len(value)))
            return
        if not isinstance(value, dict):
            raise PayloadError("expected a dictionary", path=path)
        key_name, value_name = dictionary_names(self.spec, core)
        key_shape = _shape(self.spec, coll.key, item_name.namespace)
        value_shape = _shape(self.spec, coll.value, item_name.namespace)
        for i, (k, v) in enumerate(value.items()):
            entry = path.entry(k, xml=item_name.name, index=i, of=len(value))
            if k is None:
                raise PayloadError("a dictionary key cannot be null", path=entry)
            self.start(item_name.name, item_name.namespace)
            self.element(key_name, item_name.namespace, key_shape, k, entry)
            self.element(value_name, item_name.namespace, value_shape, v, entry)
            self.end()


_CARRIAGE_RETURNS = "carriage returns are written as CRLF and read back as line feeds"
#: The indented layout before an element at each depth: one string each, not one per element.
_LAYOUT = tuple("\n" + "  " * depth for depth in range(64))


@dataclass(frozen=True, slots=True)
class _Shape:
    """What writing an element of type ``ref`` in a container's namespace needs, worked out once
    per member or collection instead of once per element."""

    ref: TypeRef
    core: TypeRef
    declare: tuple[str | None, str | None]  # the member's child namespace, the collection's item namespace
    nillable: bool
    declared: ClassType | None  # a class (not a collection contract): its members, i:type if derived
    text: str | None  # a primitive whose text is ``_format``'s and nothing more
    empty_tag: bool  # empty content closes as " />" (not for string and Uri)


@cache
def _shape(spec: Spec, ref: TypeRef, container_ns: str) -> _Shape:
    core = unwrap(ref)
    tdef = spec.types[core.name] if isinstance(core, Named) else None
    declared = tdef if isinstance(tdef, ClassType) and tdef.collection is None else None
    simple = isinstance(core, Primitive) and core.name not in ("DateTimeOffset", "Uri", "float", "double")
    return _Shape(ref, core, (_child_namespace(spec, core, container_ns), item_namespace(spec, core)),
                  is_nillable(spec, ref), declared, core.name if simple and isinstance(core, Primitive) else None,
                  not (isinstance(core, Primitive) and core.name in ("string", "Uri")))


#: What ``_Writer.start`` looks an element up by in its scope: its arguments.
_Key = tuple[str, str, tuple[tuple[str, str], ...], tuple[str | None, ...], bool, "QName | None",
             tuple[tuple[str, str], ...]]


def _leaf_key(local: str, namespace: str, shape: _Shape) -> _Key:
    """``start``'s key for an element of text, which declares only its member's child namespace."""
    return (local, namespace, (), shape.declare, False, None, ())


@cache
def _member_plan(spec: Spec, cls: ClassType) -> tuple[
        tuple[str, str, str, _Shape, Template, bool, bool, bool, _Key | None], ...]:
    """Each member in DataContract order: its name, element name and namespace, shape, path step,
    whether it is required, has EmitDefaultValue=false, and is a struct, and its ``_leaf_key`` if it
    holds text."""
    plan = []
    for owner, f in xml_members(spec, cls):
        dm = f.data_member
        namespace = type_namespace(owner)
        local = member_name(f)
        shape = _shape(spec, f.type, namespace)
        plan.append((f.name, local, namespace, shape, field_template(spec, f), bool(dm and dm.is_required),
                     bool(dm and not dm.emit_default_value), _is_struct(spec, f.type),
                     _leaf_key(local, namespace, shape) if shape.text is not None else None))
    return tuple(plan)


def _is_struct(spec: Spec, ref: TypeRef) -> bool:
    return isinstance(ref, Named) and isinstance(tdef := spec.types[ref.name], ClassType) and tdef.struct


def _child_namespace(spec: Spec, core: TypeRef, container_ns: str) -> str | None:
    """The namespace DataContractSerializer declares for a member's children
    ([RS] ClassDataContract.GetChildNamespaceToDeclare): class, collection and
    DateTimeOffset contracts in another namespace; never enums or primitives."""
    if isinstance(core, Primitive) and core.name != "DateTimeOffset" or isinstance(core, ObjectRef):
        return None
    if enum_type(spec, core) is not None:
        return None
    ns = stable_name(spec, core).namespace
    return ns if ns and ns != container_ns else None


def _format(name: str, value: Any, path: MemberPath) -> str:
    match name:
        case "string" | "Uri":
            return str(value)
        case "bool":
            return "true" if value else "false"
        case "float":
            return format_float(value)
        case "double":
            return format_double(value)
        case "decimal":
            return format_decimal(value)
        case "char":
            return str(ord(value))
        case "Guid":
            return str(value)
        case "DateTime":
            return str(value)
        case "TimeSpan":
            return str(value.duration())
        case "byte[]":
            return base64.b64encode(value).decode("ascii")
    if name in INTEGER_RANGES:
        try:
            return str(check_integer(name, value))
        except ValueError as exc:
            raise PayloadError(str(exc), path=path) from None
    raise AssertionError(name)


def _escape_text(text: str, path: MemberPath) -> str:
    """Text as XmlWriter writes it: markup escaped, each line break as CRLF, control characters
    as ``&#xX;``; a lone surrogate throws. Whole-string passes, linear in time and memory."""
    if _WRITER_CHANGES.search(text) is None:  # base64, numbers, most names: written as they are
        return text
    if _SURROGATE.search(text):
        raise PayloadError("a lone surrogate cannot be written as XML (Web API's writer throws)", path=path)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # str.replace runs in C at memory speed; a translate table costs a dict lookup per character
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "\r\n")
    return text.translate(_CONTROL_ESCAPES) if _CONTROL.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_CODES = [c for c in [*range(0x20), 0xFFFE, 0xFFFF] if c not in (0x9, 0xA, 0xD)]
_CONTROL_ESCAPES = {c: f"&#x{c:X};" for c in _CONTROL_CODES}
_CONTROL = re.compile("[" + "".join(map(chr, _CONTROL_CODES)) + "]")
#: Any character the writer changes or refuses.
_WRITER_CHANGES = re.compile("[" + "".join(map(chr, _CONTROL_CODES)) + "\n\r&<>\ud800-\udfff]")


def _escape_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


# -- reading -------------------------------------------------------------------------------


def decode(spec: Spec, type_name: str, data: bytes, source: str = "<input>") -> Decoded:
    """Read DataContract XML as DataContractSerializer would, into the shared value: first by
    ``_Binder`` (the common case), then, where it gives up, by the reader on the same tree."""
    root = parse(data, source)
    ref = body_type(spec, type_name)
    expected = root_element(spec, ref)
    if split_tag(str(root.tag)) == (expected.namespace, expected.name) and root.get(_NIL) is None:
        try:
            return Decoded(_binder(spec).bind(ref)(root), ())
        except _Rerun:
            pass  # a loss or an error: the reader says it, in its words and at its place
    result = read(spec, type_name, root, source)
    return Decoded(result.value, tuple(result.losses))


def locate(data: bytes, paths: Sequence[MemberPath]) -> list[tuple[int, int]]:
    """The line of the element that holds each path's value (the nearest enclosing one that exists),
    found by local names and positions from the root; column 1, as lxml gives lines only."""
    try:
        root = parse(data)
    except PayloadError:
        return [(1, 1)] * len(paths)
    found = []
    for path in paths:
        element = root
        for step in path.steps():
            # The children of that local name in any namespace, as lxml's matcher finds them (elements
            # only), up to the one at the step's position: no name split per child.
            child = None
            try:
                for i, same in enumerate(element.iterchildren("{*}" + step.xml_name) if step.xml_name else ()):
                    if i == step.position:
                        child = same
                        break
            except ValueError:  # a name lxml refuses (a NUL): no element has it
                pass
            if child is None:
                break
            element = child
        found.append((element.sourceline or 1, 1))
    return found


def root_name(data: bytes, source: str = "<input>") -> tuple[str, str]:
    """The (namespace, local name) of the root element, reading no further than its start tag."""
    from io import BytesIO

    from lxml import etree

    try:
        for _, element in etree.iterparse(BytesIO(data), events=("start",), resolve_entities=False, no_network=True,
                                          load_dtd=False):
            _refuse_dtd(element, source)
            return split_tag(str(element.tag))
    except etree.XMLSyntaxError as exc:
        raise _syntax(exc, source) from None
    raise PayloadError("invalid XML: no root element", Origin(source, 1, 1))


def _syntax(exc: Any, source: str) -> PayloadError:
    """libxml2's own words, without the position it appends (the origin carries it)."""
    line, col = exc.position
    message = str(exc.msg).removesuffix(f", line {line}, column {col}").strip()
    if "Excessive depth" in message:  # libxml2's own nesting limit, which names a parser flag
        message = messages.too_deep("elements", _LIBXML2_DEPTH)
    message = message.removesuffix(", try XML_PARSE_HUGE")  # libxml2's limits stay on
    return PayloadError(f"invalid XML: {messages.one_line(message)}", Origin(source, line, col))


def _refuse_dtd(element: etree._Element, source: str) -> None:
    """DataContractSerializer's reader runs with DtdProcessing.Prohibit: any DTD is an error, so
    no entity is declared, expanded or fetched."""
    docinfo = element.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise PayloadError(messages.DTD_REFUSED, Origin(source, 1, 1))


def parse(data: bytes, source: str = "<input>") -> etree._Element:
    """The document's root, parsed as DataContractSerializer's reader accepts it (``&#x1;`` too)."""
    from lxml import etree

    try:
        sheltered, base = _shelter_char_refs(data)
        _SHELTER_BASE.set(base)
        root = etree.fromstring(sheltered, _parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax(exc, source) from None
    _refuse_dtd(root, source)
    return root


#: libxml2's nesting limit without XML_PARSE_HUGE (xmlParserMaxDepth); it is not ``max_depth``.
_LIBXML2_DEPTH = 256


@cache
def _parser() -> etree.XMLParser:
    """One parser, built once: no DTD loaded, no entity expanded, no network, and libxml2's own
    limits on (nesting 256 deep, 10 MB text nodes), which ``huge_tree`` would turn off."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False)


@dataclass
class Reading:
    """What reading a document found: the value, its losses, and (with ``trace``) each element
    DataContractSerializer skips with the reason, and each element matched to a member."""

    value: Any
    losses: list[Loss]
    skipped: list[tuple[etree._Element, str]]
    matched: list[tuple[etree._Element, Field]]


def read(spec: Spec, type_name: str, root: etree._Element, source: str = "<input>", *,
         trace: bool = False) -> Reading:
    """Read a parsed document as ``type_name``; raises ``PayloadError`` where DCS would throw."""

    ref = body_type(spec, type_name)
    expected = root_element(spec, ref)
    namespace, local = split_tag(str(root.tag))
    if (namespace, local) != (expected.namespace, expected.name):
        raise PayloadError(messages.root_mismatch(expected.name, expected.namespace, local, namespace),
                           Origin(source, root.sourceline or 1, 1), MemberPath.root(local))
    reader = _Reader(spec, source, trace)
    if (root.get(_NIL) or "").strip() in ("true", "1") and is_nillable(spec, ref):
        return Reading(None, [], [], [])  # ReadObject of a nil root is null
    value = reader.value(ref, root, MemberPath.root(expected.name))
    return Reading(value, reader.losses, reader.skipped_elements, reader.matched)


class _Reader:
    def __init__(self, spec: Spec, source: str, trace: bool = False) -> None:
        self.spec = spec
        self.source = source
        self.trace = trace
        self.losses: list[Loss] = []
        self.skipped_elements: list[tuple[etree._Element, str]] = []
        self.matched: list[tuple[etree._Element, Field]] = []

    def fail(self, message: str, element: etree._Element, path: MemberPath) -> PayloadError:
        return PayloadError(message, self.origin(element), path)

    def origin(self, element: etree._Element) -> Origin:
        return Origin(self.source, element.sourceline or 0, 1)

    def object(self, declared: ClassType, element: etree._Element, path: MemberPath) -> dict[str, Any]:
        """A class value: of the class its ``i:type`` names, which must be ``declared`` or one of its
        known types ([RS] XmlObjectSerializerReadContext.ReadDataContractValue, observed on Mono: "The
        deserializer has no knowledge of any type that maps to this contract"), else of ``declared``."""
        written = element.get(_TYPE)
        if written is None:
            return self.members(declared, element, path)
        prefix, _, local = written.rpartition(":")
        namespace = element.nsmap.get(prefix or None) or ""  # an undeclared prefix is no namespace (observed)
        known = self.spec.known_subtypes(declared)
        runtime = next((c for c in (declared, *known) if stable_name(self.spec, Named(c.name)) == QName(local, namespace)),
                       None)
        if runtime is None:
            raise self.fail(messages.unknown_xsi_type(local, namespace, declared.name, (k.name for k in known)),
                            element, path)
        value = self.members(runtime, element, path)
        return value if runtime is declared else {RUNTIME_TYPE: runtime.name, **value}

    def members(self, cls: ClassType, element: etree._Element, path: MemberPath) -> dict[str, Any]:
        """Match children to members scanning forward only ([RS] XmlObjectSerializerReadContext.GetMemberIndex)."""
        plan = read_plan(self.spec, cls)
        tags, steps = _plan_tags(self.spec, cls)
        out: dict[str, Any] = {}
        index = -1
        count = len(tags)
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            match = index + 1
            while match < count and tags[match] != tag:
                match += 1
            if match == count:
                self.skipped(plan, index, child, path)
                continue
            index = match
            f = plan[match][1]
            if self.trace:
                self.matched.append((child, f))
            out[f.name] = self.value(f.type, child, path.child(steps[match]))
        for f in _required(self.spec, cls):
            if f.name not in out:
                raise self.fail(messages.required_missing(member_name(f), data_member=True), element, path)
        return out

    def skipped(self, plan: tuple[tuple[str, Field], ...], index: int, child: etree._Element, path: MemberPath) -> None:
        """Report an element DataContractSerializer would skip, and why."""
        tag = str(child.tag)
        local = tag.rpartition("}")[2]
        reason = skip_reason(plan, index, tag)
        self.losses.append(Loss(path.member(local), messages.skipped_element(reason), self.origin(child)))
        self.skipped_elements.append((child, reason))

    def value(self, ref: TypeRef, element: etree._Element, path: MemberPath) -> Any:
        nil = element.get(_NIL)
        if nil is not None and nil.strip() in ("true", "1"):
            if not is_nillable(self.spec, ref):
                raise self.fail(f"i:nil on a member of value type {ref}", element, path)
            return None
        core = unwrap(ref)
        coll = collection_of(self.spec, core)
        if coll is not None:
            return self.collection(core, coll, element, path)
        match core:
            case ObjectRef():
                return self.boxed(element, path)
            case Primitive("DateTimeOffset"):
                parts = {etree_local(c): c for c in _elements(element)}
                if set(parts) != {"DateTime", "OffsetMinutes"}:
                    raise self.fail("a DateTimeOffset needs DateTime and OffsetMinutes", element, path)
                utc = self.value(Primitive("DateTime"), parts["DateTime"], path)
                minutes = self.value(Primitive("short"), parts["OffsetMinutes"], path)
                try:
                    return DateTimeOffsetValue.from_utc(utc, minutes)
                except ValueError as exc:
                    raise self.fail(str(exc), element, path) from None
            case Primitive(name):
                return self.primitive(name, element, path)
            case Named(name) if isinstance(self.spec.types[name], EnumType):
                try:
                    return dcs_enum_parse(self.spec.enum(name), _text(element))
                except ValueError as exc:
                    raise self.fail(str(exc), element, path) from None
            case Named(name):
                return self.object(self.spec.class_(name), element, path)
        raise AssertionError(ref)

    def collection(self, core: TypeRef, coll: ListOf | DictOf, element: etree._Element, path: MemberPath) -> Any:
        item_name = collection_item(self.spec, core)
        children = _elements(element)
        if isinstance(coll, ListOf):
            items = []
            for i, child in enumerate(children):
                where = path.item(i, item_name.name, len(children))
                self.expect(child, item_name.name, item_name.namespace, where)
                items.append(self.value(coll.item, child, where))
            return items
        key_name, value_name = dictionary_names(self.spec, core)
        entries: dict[Any, Any] = {}
        for i, child in enumerate(children):
            at = path.item(i, item_name.name, len(children))
            self.expect(child, item_name.name, item_name.namespace, at)
            kv = list(_elements(child))
            if len(kv) != 2:
                raise self.fail(f"a dictionary entry needs {key_name} and {value_name}", child, at)
            self.expect(kv[0], key_name, item_name.namespace, at)
            self.expect(kv[1], value_name, item_name.namespace, at)
            k = self.value(coll.key, kv[0], at.member(key_name))
            if k in entries:
                raise self.fail(messages.REPEATED_XML_KEY, kv[0], at.member(key_name))
            entries[k] = self.value(coll.value, kv[1], path.entry(k, xml=item_name.name, index=i, of=len(children)))
        return entries

    def boxed(self, element: etree._Element, path: MemberPath) -> Boxed:
        """An ``object`` element: the primitive its ``i:type`` names ([RS] XmlObjectSerializerReadContext
        ReadDataContractValue: primitives are always known types); no i:type and no content is a
        bare ``new object()``."""
        declared = element.get(_TYPE)
        if declared is None:
            if len(element) or (element.text or "").strip():
                raise self.fail(messages.OBJECT_CONTENT, element, path)
            return Boxed("object", None)
        prefix, _, local = declared.strip().rpartition(":")
        namespace = element.nsmap.get(prefix or None, "")
        if (namespace, local) == (_ANY_TYPE.namespace, _ANY_TYPE.name) and not len(element) and not element.text:
            return Boxed("object", None)
        primitive = boxed_primitive(namespace, local)
        if primitive is None:
            raise self.fail(messages.unknown_boxed(local, namespace), element, path)
        return Boxed(primitive, self.value(Primitive(primitive), element, path))

    def expect(self, element: etree._Element, local: str, namespace: str, path: MemberPath) -> None:
        got_namespace, got_local = split_tag(str(element.tag))
        if (got_namespace, got_local) != (namespace, local):
            raise self.fail(f"expected element {local} in {namespace}; got {got_local} in "
                            f"{messages.one_line(got_namespace) or '(no namespace)'}", element, path)

    def primitive(self, name: str, element: etree._Element, path: MemberPath) -> Any:
        text = _text(element)
        if name in ("string", "Uri"):
            return text
        try:
            return parse_value(name, text.strip())
        except ValueError as exc:
            raise self.fail(str(exc), element, path) from None


class _Rerun(Exception):
    """``_Binder`` met what the reader would report (a loss, an error) or does not do itself."""


_Bind = Callable[["etree._Element"], Any]


@cache
def _binder(spec: Spec) -> _Binder:
    return _Binder(spec)


class _Binder(Compiled[TypeRef]):
    """Reads an element straight to the value ``_Reader`` gives, one function per type built once:
    members in order, text, whole numbers and other primitives, enums, lists. Anything else goes
    through a ``_Reader`` of its own; whatever the reader would report (a skipped element, an
    error) raises ``_Rerun``, and the document is read again by ``_Reader``."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        super().__init__()

    def bind(self, ref: TypeRef) -> _Bind:
        return self.function(ref)

    def build(self, ref: TypeRef) -> _Bind:
        spec = self.spec
        core = unwrap(ref)

        def through_reader(element: etree._Element) -> Any:
            reader = _Reader(spec, "")
            try:
                value = reader.value(ref, element, _NOWHERE)
            except PayloadError:
                raise _Rerun from None
            if reader.losses:
                raise _Rerun
            return value

        nillable = is_nillable(spec, ref)

        def nil(element: etree._Element) -> Any:
            """``_Reader.value`` of an element with ``i:nil``."""
            if nillable and (element.get(_NIL) or "").strip() in ("true", "1"):
                return None
            return through_reader(element)

        coll = collection_of(spec, core)
        tdef = spec.types[core.name] if isinstance(core, Named) else None
        if isinstance(coll, ListOf):
            item_tag = clark(collection_item(spec, core).namespace, collection_item(spec, core).name)
            item = self.bind(coll.item)

            def items(element: etree._Element) -> Any:
                if element.get(_NIL) is not None:
                    return nil(element)
                out = []
                for child in element:
                    tag = child.tag
                    if not isinstance(tag, str):
                        continue
                    if tag != item_tag:
                        raise _Rerun
                    out.append(item(child))
                return out
            return items
        if coll is None and isinstance(tdef, ClassType):
            return self.object(tdef, through_reader, nil)
        if isinstance(core, Primitive) and core.name != "DateTimeOffset":
            name = core.name
            raw = name in ("string", "Uri")

            def primitive(element: etree._Element) -> Any:
                if element.get(_NIL) is not None:
                    return nil(element)
                text = _text(element)
                if raw:
                    return text
                try:
                    return parse_value(name, text.strip())
                except ValueError:
                    raise _Rerun from None
            return primitive
        if isinstance(tdef, EnumType):
            enum = tdef

            def member(element: etree._Element) -> Any:
                if element.get(_NIL) is not None:
                    return nil(element)
                try:
                    return dcs_enum_parse(enum, _text(element))
                except ValueError:
                    raise _Rerun from None
            return member
        return through_reader

    def object(self, cls: ClassType, through_reader: _Bind, nil: _Bind) -> _Bind:
        """``_Reader.members``' forward scan, for an element with no ``i:type`` or ``i:nil`` whose
        children all match members in order and hold every required one."""
        tags, _ = _plan_tags(self.spec, cls)
        plan = [(f.name, self.bind(f.type), unwrap(f.type) in _TEXT) for _, f in read_plan(self.spec, cls)]
        once = {tag: i for i, tag in enumerate(tags) if tags.count(tag) == 1}
        required = tuple(f.name for f in _required(self.spec, cls))
        count = len(tags)

        def members(element: etree._Element) -> Any:
            if element.get(_NIL) is not None:
                return nil(element)
            if element.get(_TYPE) is not None:
                return through_reader(element)
            out: dict[str, Any] = {}
            index = -1
            for child in element:
                tag = child.tag
                if not isinstance(tag, str):
                    continue
                match = once.get(tag, -1)
                if match < 0:  # a name the plan repeats, or none: the reader's scan
                    match = index + 1
                    while match < count and tags[match] != tag:
                        match += 1
                if match <= index or match == count:
                    raise _Rerun  # skipped: a loss
                index = match
                name, bind, text = plan[match]
                if text and not len(child) and child.get(_NIL) is None:  # what bind() reads of a string, inline
                    value = child.text or ""
                    out[name] = value if value.isascii() else _text(child)
                else:
                    out[name] = bind(child)
            for name in required:
                if name not in out:
                    raise _Rerun
            return out
        return members


#: The types whose value is an element's text as it is.
_TEXT = frozenset({Primitive("string"), Primitive("Uri")})
#: The path ``_Binder`` passes to ``_Reader``: any message reruns the read, with paths.
_NOWHERE = MemberPath.root()


def skip_reason(plan: tuple[tuple[str, Field], ...], index: int, tag: str) -> str:
    """Why DataContractSerializer's forward scan, having matched member ``index``, skips ``tag``."""
    local = tag.rpartition("}")[2]
    if any(t == tag for t, _ in plan[: index + 1]):
        return "out of DataContract order"
    if any(t.rpartition("}")[2] == local for t, _ in plan):
        return "in the wrong namespace"
    return "not a member"


#: XmlConvert's spellings ([RS] System.Xml XmlConvert.ToDouble).
_SPECIAL = non_finite("xml")
#: What each primitive's text looks like to XmlConvert, for messages.
_FORMS = {"bool": "true, false, 1 or 0", "float": "a number, INF, -INF or NaN", "double": "a number, INF, -INF or NaN",
          "char": "a UTF-16 code 0..65535", "Guid": "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "byte[]": "base64",
          **dict.fromkeys(INTEGER_RANGES, "an integer")}


def parse_value(name: str, text: str) -> Any:
    """A primitive's lexical form as XmlConvert reads it (surrounding spaces allowed); ValueError
    in contractkit's words."""
    if name in INTEGER_RANGES:
        if not (text.lstrip("+-").isascii() and text.lstrip("+-").isdigit()) or text[:2] in ("+-", "-+"):
            raise ValueError(messages.not_a(name, _FORMS[name], text))
        return check_integer(name, whole(text), messages.Verbatim(text))
    try:
        match name:
            case "bool":
                if text not in ("true", "false", "1", "0"):
                    raise ValueError
                return text in ("true", "1")
            case "float" | "double":
                if text in _SPECIAL:
                    return _SPECIAL[text]
                if not text or not all(c in "0123456789+-.eE" for c in text):
                    raise ValueError
                return to_single(parse_double(text)) if name == "float" else parse_double(text)
            case "char":
                if not (text.isascii() and text.isdigit()) or int(text) > 0xFFFF:
                    raise ValueError
                return chr(int(text))
            case "Guid":
                return uuid.UUID(text)
            case "byte[]":
                return base64.b64decode("".join(text.split()), validate=True)
    except (ValueError, binascii.Error, OverflowError):
        raise ValueError(messages.not_a(name, _FORMS[name], text)) from None
    match name:
        case "decimal":
            return parse_decimal(text)
        case "DateTime":
            return DateTimeValue.parse(text)
        case "TimeSpan":
            return TimeSpanValue.parse_duration(text)
    raise AssertionError(name if name in PRIMITIVES else f"unknown primitive {name}")


def _elements(element: etree._Element) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str)]


@cache
def read_plan(spec: Spec, cls: ClassType) -> tuple[tuple[str, Field], ...]:
    """Each member's element name in Clark notation (``{ns}Name``), in DataContract order."""
    return tuple((clark(type_namespace(owner), member_name(f)), f) for owner, f in xml_members(spec, cls))


def clark(namespace: str, local: str) -> str:
    """An element name as lxml spells it: ``{ns}local``, or ``local`` in no namespace."""
    return f"{{{namespace}}}{local}" if namespace else local


@cache
def _required(spec: Spec, cls: ClassType) -> tuple[Field, ...]:
    """The members DataContractSerializer requires ([DataMember(IsRequired = true)]), in plan order."""
    return tuple(f for _, f in read_plan(spec, cls) if f.data_member and f.data_member.is_required)


@cache
def _plan_tags(spec: Spec, cls: ClassType) -> tuple[tuple[str, ...], tuple[Template, ...]]:
    """The plan's element names, and each member's path step, for the reader's inner loop."""
    plan = read_plan(spec, cls)
    return tuple(tag for tag, _ in plan), tuple(field_template(spec, f) for _, f in plan)


def _text(element: etree._Element) -> str:
    text = (element.text or "") if not len(element) else "".join(element.itertext())
    base = _SHELTER_BASE.get()
    if text.isascii() or not base:  # a document with no sheltered reference keeps its private-use text
        return text
    return text.translate(_unshelter(base)) if chr(base) <= max(text) else text


# DataContractSerializer reads with CheckCharacters=false, so it accepts references to characters
# XML 1.0 forbids (&#x1;), which .NET itself writes; libxml2 refuses them. They are swapped for
# private-use characters (base + code) before parsing and restored in text. The base is the first
# block of private-use code points the document does not hold literally (U+F0000 for nearly every
# document), so no character of its own is taken for a reference. This is a lexical swap of character
# references, not parsing: a reference inside a comment or CDATA is swapped too.
_FORBIDDEN = [c for c in range(0x20) if c not in (0x9, 0xA, 0xD)] + [0xFFFE, 0xFFFF]
_SLOTS = {c: c if c < 0x20 else 0x20 + c - 0xFFFE for c in _FORBIDDEN}
_BLOCK = 0x40
_CHAR_REF = re.compile(rb"&#(x[0-9a-fA-F]+|[0-9]+);")

#: The shelter base of the document parsed last, 0 when it had no such reference (set by ``parse``).
_SHELTER_BASE: ContextVar[int] = ContextVar("shelter_base", default=0)


@cache
def _unshelter(base: int) -> dict[int, int]:
    return {base + slot: code for code, slot in _SLOTS.items()}


def _shelter_base(data: bytes) -> int:
    """The first private-use block (planes 15 and 16) none of whose characters ``data`` holds."""
    held: set[int] = set()
    if b"\xf3" in data or b"\xf4" in data:  # UTF-8 lead bytes of planes 15 and 16
        held = {ord(c) // _BLOCK for c in data.decode("utf-8", "ignore") if c >= "\U000f0000"}
    return next(b * _BLOCK for b in range(0xF0000 // _BLOCK, 0x10FFFF // _BLOCK) if b not in held)


def _shelter_char_refs(data: bytes) -> tuple[bytes, int]:
    """``data`` with references to forbidden characters sheltered, and the base used (0: none)."""
    if b"#" not in data or b"&#" not in data:  # one byte is found faster than two where "&" is common
        return data, 0
    base = 0
    out = bytearray()
    last = 0
    for m in _CHAR_REF.finditer(data):  # one match at a time: millions of references cost no list
        ref = m.group(1).lstrip(b"x0") or b"0"
        if len(ref) > 8:  # beyond U+10FFFF: left for libxml2 to refuse, never converted
            continue
        code = int(ref, 16) if m.group(1)[:1] == b"x" else int(ref)
        if code in _SLOTS:
            base = base or _shelter_base(data)
            out += data[last : m.start()]
            out += chr(base + _SLOTS[code]).encode("utf-8")
            last = m.end()
    if not last:
        return data, 0
    out += data[last:]
    return bytes(out), base


def etree_local(element: etree._Element) -> str:
    return split_tag(str(element.tag))[1]


def split_tag(tag: str) -> tuple[str, str]:
    """The (namespace, local name) of an lxml tag in Clark notation. Not ``etree.QName``, which
    refuses a namespace URI that holds a ``}`` (XML allows one); a local name never does.

    >>> split_tag("{urn:a}B"), split_tag("{}x}B"), split_tag("B")
    (('urn:a', 'B'), ('}x', 'B'), ('', 'B'))
    """
    if tag[:1] == "{":
        namespace, _, local = tag[1:].rpartition("}")
        return namespace, local
    return "", tag
