"""The loaded field spec: an immutable, typed model every other module reads.

Type references (``Primitive``, ``ListOf``...) compare by value; declarations (``Field``,
``ClassType``, ``EnumType``, ``Spec``) by identity, which makes them cheap cache keys.

Nothing here knows about YAML; ``converter.spec.load`` builds these nodes and
every generator and codec is a pure function of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
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
    "Operation",
    "Primitive",
    "Spec",
    "TypeDef",
    "TypeRef",
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
    """A reference to a type declared under ``types``."""

    name: str

    def __str__(self) -> str:
        return self.name


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


TypeRef = Primitive | Named | Nullable | ListOf | DictOf


def unwrap(ref: TypeRef) -> TypeRef:
    """``T`` for ``T?``; any other reference as it is.

    >>> unwrap(Nullable(Primitive("int"))), unwrap(Primitive("int"))
    (Primitive(name='int'), Primitive(name='int'))
    """
    return ref.of if isinstance(ref, Nullable) else ref


@dataclass(frozen=True, slots=True)
class DataMember:
    """The ``[DataMember]`` attribute, with .NET's defaults."""

    name: str | None = None
    order: int = -1
    is_required: bool = False
    emit_default_value: bool = True


@dataclass(frozen=True, slots=True)
class DataContract:
    """The ``[DataContract(Name=..., Namespace=...)]`` attribute."""

    name: str | None = None
    namespace: str | None = None


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
    """A C# class: CLR namespace, optional base class and its own fields."""

    name: str
    namespace: str
    fields: tuple[Field, ...]
    origin: Origin
    base: str | None = None
    description: str | None = None
    data_contract: DataContract | None = None

    @property
    def is_data_contract(self) -> bool:
        """True when the class is ``[DataContract]``: DataMember options apply."""
        return self.data_contract is not None or any(f.data_member for f in self.fields)


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


TypeDef = ClassType | EnumType


@dataclass(frozen=True, slots=True)
class JsonSettings:
    """The service's Json.NET settings that change the wire."""

    naming: Literal["camelCase", "none"] = "camelCase"
    enums: Literal["number", "name"] = "number"
    nulls: Literal["include", "ignore"] = "include"
    #: Json.NET's camel-casing generation (``converter.spec.datacontract.camel_case``).
    naming_version: Literal["8.0.3", "4.5.11", "webapi"] = "8.0.3"


@dataclass(frozen=True, slots=True, eq=False)
class Operation:
    """One API operation from the help page."""

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

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", MappingProxyType(dict(self.types)))

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

    def classes(self) -> Iterator[ClassType]:
        """Every class type, in file order."""
        return (t for t in self.types.values() if isinstance(t, ClassType))

    def request_types(self) -> tuple[str, ...]:
        """The distinct request types of the operations, in order."""
        return tuple(dict.fromkeys(op.request for op in self.operations if op.request))
