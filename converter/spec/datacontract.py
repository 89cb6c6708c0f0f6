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
import hashlib
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .model import ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, Primitive, Spec, TypeDef, TypeRef, unwrap

__all__ = [
    "ARRAYS_NS",
    "DATACONTRACT_NS",
    "SER_NS",
    "SYSTEM_NS",
    "XSI_NS",
    "XS_NS",
    "NamingVersion",
    "QName",
    "camel_case",
    "collection_item",
    "embedded_json_net",
    "enum_type",
    "is_nillable",
    "json_members",
    "json_name",
    "json_skips_default",
    "member_name",
    "namespace_digest",
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


def _type_name(tdef: TypeDef) -> str:
    if tdef.data_contract and tdef.data_contract.name:
        return tdef.data_contract.name
    return tdef.name


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
            return QName(_type_name(tdef), type_namespace(tdef))
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


@cache
def collection_item(spec: Spec, ref: ListOf | DictOf) -> QName:
    """The element name of a collection's items: the item contract's name, Nullable
    unwrapped, in the collection's namespace ([RS] CollectionDataContract.cs Init)."""
    if isinstance(ref, DictOf):
        return QName(_generic(spec, "KeyValue", ARRAYS_NS, (ref.key, ref.value)).name, ARRAYS_NS)
    item = unwrap(ref.item)
    return QName(stable_name(spec, item).name, stable_name(spec, ref).namespace)


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
    digest = hashlib.md5(namespaces.encode("utf-8"), usedforsecurity=False).digest()[:6]
    return base64.b64encode(digest).decode("ascii").replace("/", "_S").replace("+", "_P").rstrip("=")


def _is_builtin(namespace: str) -> bool:
    return namespace in (XS_NS, SER_NS)


def member_name(field: Field) -> str:
    """The XML element name: ``[DataMember(Name)]`` or the CLR name."""
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
    name = member_name(field)
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
    """True for reference types and ``T?`` ([RS] DataContract.cs IsTypeNullable)."""
    match ref:
        case Primitive(name):
            return name in ("string", "Uri", "byte[]")
        case Named(name):
            return isinstance(spec.types[name], ClassType)
        case Nullable() | ListOf() | DictOf():
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
