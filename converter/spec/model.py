"""The loaded field spec: an immutable, typed model every other module reads.

Type references (``Primitive``, ``ListOf``...) compare by value; declarations (``Field``,
``ClassType``, ``EnumType``, ``Spec``) by identity, which makes them cheap cache keys.

Nothing here knows about YAML; ``converter.spec.load`` builds these nodes and
every generator and codec is a pure function of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from types import MappingProxyType
from typing import Literal

from ..errors import Origin

__all__ = [
    "INTEGER_RANGES",
    "PRIMITIVES",
    "VALUE_PRIMITIVES",
    "ClassType",
    "DataContract",
    "DataMember",
    "DictOf",
    "EnumType",
    "EnumValue",
    "Field",
    "JsonSettings",
    "ListOf",
    "Named",
    "Nullable",
    "ObjectRef",
    "Operation",
    "Primitive",
    "Spec",
    "TypeDef",
    "TypeRef",
    "simple_name",
    "map_children",
    "unwrap",
]

#: The C# primitive type names a spec may use.
PRIMITIVES = frozenset(
    "string bool byte sbyte short ushort int uint long ulong float double decimal "
    "char Guid DateTime DateTimeOffset TimeSpan Uri byte[]".split()
)
#: The range of each C# integer type.
INTEGER_RANGES: dict[str, tuple[int, int]] = {
    "byte": (0, 2**8 - 1),
    "sbyte": (-(2**7), 2**7 - 1),
    "short": (-(2**15), 2**15 - 1),
    "ushort": (0, 2**16 - 1),
    "int": (-(2**31), 2**31 - 1),
    "uint": (0, 2**32 - 1),
    "long": (-(2**63), 2**63 - 1),
    "ulong": (0, 2**64 - 1),
}
#: Primitives that are .NET value types: never null unless wrapped in ``T?``.
VALUE_PRIMITIVES = PRIMITIVES - {"string", "Uri", "byte[]"}


@dataclass(frozen=True, slots=True)
class Primitive:
    """A C# primitive such as ``int`` or ``byte[]``.

    >>> str(Primitive("Guid"))
    'Guid'
    """

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Named:
    """A reference to a type declared under ``types``, by its key.

    ``args`` are only ever set by the type-expression parser (``ApiResponse<Order>``): the loader
    closes every generic into a ``ClassType`` keyed ``ApiResponse<Order>`` and refers to that.
    """

    name: str
    args: tuple[TypeRef, ...] = ()

    def __str__(self) -> str:
        return self.name + (f"<{','.join(map(str, self.args))}>" if self.args else "")


@dataclass(frozen=True, slots=True)
class ObjectRef:
    """``object`` (System.Object): any value; XML ``xs:anyType`` with ``i:type``, JSON any value."""

    def __str__(self) -> str:
        return "object"


@dataclass(frozen=True, slots=True)
class Nullable:
    """``T?``: a value type that may also be null."""

    of: TypeRef

    def __str__(self) -> str:
        return f"{self.of}?"


@dataclass(frozen=True, slots=True)
class ListOf:
    """``List<T>`` or ``T[]``: the same contract on every wire, so ``array`` (which one the spec
    wrote, for the C# models) takes no part in equality."""

    item: TypeRef
    array: bool = field(default=False, compare=False, repr=False)

    def __str__(self) -> str:
        return f"List<{self.item}>"


@dataclass(frozen=True, slots=True)
class DictOf:
    """``Dictionary<K,V>``."""

    key: TypeRef
    value: TypeRef

    def __str__(self) -> str:
        return f"Dictionary<{self.key},{self.value}>"


TypeRef = Primitive | Named | Nullable | ListOf | DictOf | ObjectRef


def unwrap(ref: TypeRef) -> TypeRef:
    """``T`` for ``T?``; any other reference as it is.

    >>> unwrap(Nullable(Primitive("int"))), unwrap(Primitive("int"))
    (Primitive(name='int'), Primitive(name='int'))
    """
    return ref.of if isinstance(ref, Nullable) else ref


def map_children(ref: TypeRef, f: Callable[[TypeRef], TypeRef]) -> TypeRef:
    """``ref`` rebuilt with ``f`` applied to the types it is made of (``T?``, ``List<T>``,
    ``Dictionary<K,V>``); any other reference as it is. The one place that knows what a rebuilt
    node keeps (a ``T[]`` stays an array), for every walk that rewrites type references.

    >>> map_children(ListOf(Primitive("int"), array=True), lambda r: Nullable(r)).array
    True
    """
    match ref:
        case Nullable(inner):
            return Nullable(f(inner))
        case ListOf(item):
            return ListOf(f(item), array=ref.array)
        case DictOf(key, value):
            return DictOf(f(key), f(value))
    return ref


@dataclass(frozen=True, slots=True)
class DataMember:
    """The ``[DataMember]`` attribute, with .NET's defaults."""

    name: str | None = None
    order: int = -1
    is_required: bool = False
    emit_default_value: bool = True


@dataclass(frozen=True, slots=True)
class DataContract:
    """The ``[DataContract(Name=..., Namespace=...)]`` attribute, or ``[CollectionDataContract]``
    with its ``ItemName``, ``KeyName`` and ``ValueName`` on a collection type. ``name`` may be a
    generic pattern (``Envelope{0}``, ``{#}`` for the namespace digest)."""

    name: str | None = None
    namespace: str | None = None
    item_name: str | None = None
    key_name: str | None = None
    value_name: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Field:
    """One member of a class: its CLR name, type and the promises made of it."""

    name: str
    type: TypeRef
    origin: Origin
    description: str | None = None
    required: bool = False
    read_only: bool = False
    enum: tuple[str, ...] | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    min_items: int | None = None
    max_items: int | None = None
    json_name: str | None = None
    data_member: DataMember | None = None
    is_field: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class ClassType:
    """A C# class: CLR namespace, optional base class and its own fields.

    ``name`` is the spec key (``Common.Dto.Post.Order``, ``ApiResponse<Order>``); ``clr_name`` the
    simple CLR name. A collection type (``class ProductList : List<Product>``) has ``collection``
    and no fields. Generics are closed by the loader: the declaration (``ApiResponse<T>``, with
    ``type_params``) lives in ``Spec.generics``; each use is a class of ``Spec.types`` keyed by its
    display name, with ``generic`` (the declaration's simple name) and ``type_args`` set.
    """

    name: str
    namespace: str
    fields: tuple[Field, ...]
    origin: Origin
    base: str | None = None
    description: str | None = None
    data_contract: DataContract | None = None
    #: A C# ``struct``: a value type, never null unless declared ``T?`` (no base, the loader checks).
    struct: bool = False
    #: ``[KnownType(typeof(X))]`` on this class: the derived classes a member declared as it may hold.
    known_types: tuple[str, ...] = ()
    collection: ListOf | DictOf | None = None
    type_params: tuple[str, ...] = ()
    generic: str | None = None
    type_args: tuple[TypeRef, ...] = ()

    @property
    def clr_name(self) -> str:
        """The simple CLR name, which DataContract names default to."""
        return self.generic or simple_name(self.name)

    @property
    def is_data_contract(self) -> bool:
        """True when the class is ``[DataContract]``: DataMember options apply."""
        return self.data_contract is not None or any(f.data_member for f in self.fields)


def simple_name(key: str) -> str:
    """The simple name of a type key: ``Order`` for ``Common.Dto.Post.Order``.

    >>> simple_name("Common.Dto.Post.Order"), simple_name("ApiResponse<T>")
    ('Order', 'ApiResponse')
    """
    return key.partition("<")[0].rpartition(".")[2]


@dataclass(frozen=True, slots=True, eq=False)
class EnumValue:
    """One enum member: its name, integer value and optional EnumMember value."""

    name: str
    value: int
    origin: Origin
    enum_member: str | None = None

    @property
    def wire_name(self) -> str:
        """The text DataContractSerializer writes for this member."""
        return self.enum_member if self.enum_member is not None else self.name


@dataclass(frozen=True, slots=True, eq=False)
class EnumType:
    """A C# enum, optionally ``[Flags]``."""

    name: str
    namespace: str
    members: tuple[EnumValue, ...]
    origin: Origin
    flags: bool = False
    description: str | None = None
    data_contract: DataContract | None = None

    @property
    def clr_name(self) -> str:
        """The simple CLR name, which DataContract names default to."""
        return simple_name(self.name)


TypeDef = ClassType | EnumType


@dataclass(frozen=True, slots=True)
class JsonSettings:
    """The service's Json.NET settings that change the wire."""

    naming: Literal["camelCase", "none"] = "camelCase"
    #: ``name`` (or its synonym ``string``) is StringEnumConverter; ``camelCaseString`` adds CamelCaseText.
    enums: Literal["number", "name", "camelCaseString"] = "number"
    nulls: Literal["include", "ignore"] = "include"
    #: TypeNameHandling: ``$type`` never, where the runtime type differs from the declared one, or on every object.
    type_names: Literal["none", "auto", "objects"] = "none"
    #: DateTimeZoneHandling, applied to every DateTime written and read.
    date_time_zone: Literal["RoundtripKind", "Utc", "Local", "Unspecified"] = "RoundtripKind"
    #: DateFormatHandling: ISO 8601, or ``"\/Date(ms+hhmm)\/"`` (MicrosoftDateFormat).
    date_format: Literal["iso", "microsoft"] = "iso"
    #: DefaultValueHandling: ``ignore`` leaves out every member that holds its type's default.
    defaults: Literal["include", "ignore"] = "include"
    #: StringEscapeHandling: Default, EscapeHtml, EscapeNonAscii.
    escape: Literal["default", "html", "nonAscii"] = "default"
    #: Whether camelCase naming also renames dictionary keys (CamelCaseNamingStrategy.ProcessDictionaryKeys).
    process_dictionary_keys: bool = True
    #: Json.NET's camel-casing generation (``converter.spec.datacontract.camel_case``).
    naming_version: Literal["8.0.3", "4.5.11", "webapi"] = "8.0.3"


@dataclass(frozen=True, slots=True, eq=False)
class Operation:
    """One API operation from the help page. ``request`` and ``response`` are type expressions in
    their canonical spelling (``List<ProductModel>``, ``int``, ``Common.Dto.Get.Order``)."""

    method: str
    path: str
    origin: Origin
    summary: str | None = None
    request: str | None = None
    response: str | None = None
    formats: tuple[str, ...] = ()
    echo: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class Spec:
    """A whole field spec. ``types`` keeps the file's order.

    Compared and hashed by identity, so the wire facts derived from it can be cached per
    spec (``converter.spec.datacontract``): 2,000 payloads never re-walk the spec.
    """

    title: str
    source: str
    types: Mapping[str, TypeDef]
    json: JsonSettings = field(default_factory=JsonSettings)
    operations: tuple[Operation, ...] = ()
    #: The assembly Json.NET names in ``"$type": "Namespace.Type, Assembly"`` (``json.typeNames``).
    assembly: str | None = None
    #: Generic declarations (``ApiResponse<T>``) by key; their closed uses are in ``types``.
    generics: Mapping[str, ClassType] = field(default_factory=dict)
    #: Other spellings of a type key: ``Order`` or ``Contoso.Shop.Order``; "" for one two keys share.
    aliases: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", MappingProxyType(dict(self.types)))
        object.__setattr__(self, "generics", MappingProxyType(dict(self.generics)))
        object.__setattr__(self, "aliases", MappingProxyType(dict(self.aliases)))

    def resolve(self, expression: str) -> TypeRef:
        """The type a type expression (``List<ProductModel>``, ``Order``, ``int``) names in this spec;
        ``ValueError`` saying why not. Cached: codecs call it per payload."""
        return _resolve(self, expression)

    def key(self, name: str) -> str | None:
        """The type key ``name`` stands for (itself, or a unique short or qualified spelling)."""
        return name if name in self.types else self.aliases.get(name) or None

    def __reduce__(self) -> tuple[Callable[..., Spec], tuple[dict[str, object]]]:
        """Pickled by its fields (a mapping proxy is not picklable), so a ``Validator`` travels
        to worker processes; the copy is a new spec, with caches of its own."""
        state: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)}
        state.update(types=dict(self.types), generics=dict(self.generics), aliases=dict(self.aliases))
        return _spec_from, (state,)

    def class_(self, name: str) -> ClassType:
        """The class declared as ``name``; the loader has checked every reference to one."""
        tdef = self.types[name]
        if not isinstance(tdef, ClassType):
            raise TypeError(f"{name} is an enum, not a class")
        return tdef

    def enum(self, name: str) -> EnumType:
        """The enum declared as ``name``."""
        tdef = self.types[name]
        if not isinstance(tdef, EnumType):
            raise TypeError(f"{name} is a class, not an enum")
        return tdef

    def class_chain(self, cls: ClassType) -> tuple[ClassType, ...]:
        """The class and its bases, the root base first (DataContract order)."""
        chain = [cls]
        while chain[-1].base is not None:
            chain.append(self.class_(chain[-1].base))
        return tuple(reversed(chain))

    def derives(self, cls: ClassType, base: ClassType) -> bool:
        """Whether ``cls`` is ``base`` or derives from it, directly or through other classes."""
        return base in self.class_chain(cls)

    def known_subtypes(self, cls: ClassType) -> tuple[ClassType, ...]:
        """The derived classes DataContractSerializer accepts where ``cls`` is declared: the
        ``knownTypes`` of ``cls`` and of its bases that derive from ``cls`` ([RS] DataContract.cs
        ImportKnownTypeAttributes walks the base types), in declaration order."""
        out: dict[str, ClassType] = {}
        for owner in reversed(self.class_chain(cls)):
            for name in owner.known_types:
                known = self.class_(name if name in self.types else self.aliases[name])
                if known is not cls and self.derives(known, cls):
                    out.setdefault(name, known)
        return tuple(out.values())

    def subtypes(self, cls: ClassType) -> tuple[ClassType, ...]:
        """Every class of the spec that derives from ``cls`` (Json.NET's ``$type`` may name any)."""
        return tuple(c for c in self.classes() if c is not cls and self.derives(c, cls))

    def classes(self) -> Iterator[ClassType]:
        """Every class type, in file order."""
        return (t for t in self.types.values() if isinstance(t, ClassType))

    def request_types(self) -> tuple[str, ...]:
        """The distinct request types of the operations, in order."""
        return tuple(dict.fromkeys(op.request for op in self.operations if op.request))


@cache
def _resolve(spec: Spec, expression: str) -> TypeRef:
    from .typeexpr import TypeExprError, parse_type

    arity = {simple_name(key): key.count(",") + 1 for key in spec.generics}
    arity |= {alias: arity[key] for alias, key in spec.aliases.items() if key in arity}
    try:
        ref = parse_type(expression, arity)
    except TypeExprError as exc:
        raise ValueError(str(exc)) from None
    return _bind(spec, ref)


def _bind(spec: Spec, ref: TypeRef) -> TypeRef:
    match ref:
        case Named(name, args):
            if args:
                base = spec.aliases.get(name, name)
                closed = f"{base}<{','.join(str(_bind(spec, a)) for a in args)}>"
                key = closed if closed in spec.types else None
            else:
                key = spec.key(name)
            if key is None and spec.aliases.get(name) == "":
                raise ValueError(f"{name} is ambiguous: write its qualified key, one of "
                                 f"{', '.join(k for k in spec.types if simple_name(k) == simple_name(name))}")
            if key is None:
                raise ValueError(f"{ref} is not a type of the spec" + (" (a generic is known only in the uses the spec "
                                                                       "makes of it)" if args else ""))
            return Named(key)
    return map_children(ref, lambda inner: _bind(spec, inner))


def _spec_from(state: dict[str, object]) -> Spec:
    return Spec(**state)  # type: ignore[arg-type]
