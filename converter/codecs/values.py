"""The in-memory value every codec decodes to and encodes from.

One shared shape, so any encoding converts to any other through it. The
Python type of a value depends on its spec type:

============================  =================================================
spec type                      Python value
============================  =================================================
string, Uri                    ``str`` (a Uri as written, not normalised)
char                           ``str`` of one UTF-16 code unit
bool                           ``bool``
byte ... ulong                 ``int``
float, double                  ``float`` (NaN and infinities included)
decimal                        ``decimal.Decimal``, scale kept (``1.10``)
Guid                           ``uuid.UUID``
DateTime                       ``DateTimeValue`` (ticks and Kind kept)
DateTimeOffset                 ``DateTimeOffsetValue``
TimeSpan                       ``TimeSpanValue`` (ticks)
byte[]                         ``bytes``
an enum                        ``int``, its value (flags combined)
``T?``                         the value of T, or ``None``
``List<T>``, ``T[]``           ``list``
``Dictionary<K,V>``            ``dict`` (insertion order kept)
a class                        ``dict`` of CLR member name to value; a member
                               that is absent is missing, a null one is ``None``;
                               a derived class where its base is declared also
                               has ``"$type"``: the derived class's spec name
a struct                       the same ``dict``, never ``None`` unless ``T?``
a collection type              as the List or Dictionary it derives from
``object``                     ``Boxed``: the runtime type and its value, or
                               ``None``
============================  =================================================
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Union

from ..spec.datacontract import is_nillable
from ..spec.model import INTEGER_RANGES, ClassType, DictOf, ListOf, Named, Primitive, Spec, TypeRef, unwrap
from .lexical import DateTimeOffsetValue, DateTimeValue, TimeSpanValue
from . import messages
from .path import MemberPath

if TYPE_CHECKING:
    from ..errors import Origin

__all__ = ["BIG_INTEGER", "RUNTIME_TYPE", "Boxed", "DateTimeOffsetValue", "DateTimeValue", "Loss", "TimeSpanValue", "Value",
           "as_object", "default_of", "is_default", "runtime_class"]

#: The key of a class value that names its runtime class when that is not the declared one (a CLR
#: member name never starts with ``$``).
RUNTIME_TYPE = "$type"


#: ``Boxed.type`` of System.Numerics.BigInteger, which Json.NET reads an integer past long into.
BIG_INTEGER = "BigInteger"


@dataclass(frozen=True, slots=True)
class Boxed:
    """A value of an ``object`` member: what it holds at run time decides how it is written.

    ``type`` is a primitive's name (``int``, ``long``, ``Guid``...: XML writes it as ``i:type``),
    ``"object"`` for a bare ``new object()`` (``<X />``, JSON ``{}``), or ``"json"`` for what
    Json.NET reads a JSON object or array into (a JObject or JArray; ``value`` is the plain
    Python structure), which DataContractSerializer cannot write, or ``"BigInteger"`` for what it
    reads an integer past long into (``value`` the int).
    """

    type: str
    value: Value


#: A value of any spec type, as the table above says.
Value = Union[None, bool, int, float, Decimal, str, bytes, uuid.UUID, DateTimeValue, DateTimeOffsetValue,
              TimeSpanValue, Boxed, list["Value"], dict[object, "Value"]]


@dataclass(frozen=True, slots=True)
class Loss:
    """Something an encoding cannot carry: where (a member path, and the place in the input when
    known) and what happens to it.

    >>> str(Loss(MemberPath.root().member("Subject"), "an empty string binds null in form encoding"))
    'Subject: an empty string binds null in form encoding'
    """

    path: MemberPath
    message: str
    origin: Origin | None = None

    def __str__(self) -> str:
        return f"{self.path.clr() or '(root)'}: {self.message}"


def runtime_class(spec: Spec, declared: ClassType, value: dict[object, object], path: MemberPath) -> ClassType:
    """The class a value of ``declared`` really is: ``declared``, or the derived class its
    ``"$type"`` names (any class of the spec derived from ``declared``)."""
    name = value.get(RUNTIME_TYPE)
    if name is None or name == declared.name:
        return declared
    from ..errors import PayloadError

    found = spec.types.get(name) if isinstance(name, str) else None
    if not isinstance(found, ClassType) or not spec.derives(found, declared):
        raise PayloadError(f"{messages.quote(str(name))} is not a class derived from {declared.name}", path=path)
    return found


_MIN_CLOCK = datetime(1, 1, 1)
#: default(T) of each value-type primitive.
_DEFAULTS: dict[str, Value] = {
    **dict.fromkeys(INTEGER_RANGES, 0), "bool": False, "float": 0.0, "double": 0.0, "decimal": Decimal(0),
    "char": "\0", "Guid": uuid.UUID(int=0), "DateTime": DateTimeValue(datetime(1, 1, 1)),
    "DateTimeOffset": DateTimeOffsetValue(datetime(1, 1, 1), 0, 0), "TimeSpan": TimeSpanValue(0),
}


def default_of(spec: Spec, ref: TypeRef) -> Value:
    """default(T): null for a reference type or ``T?``, 0 for an enum, a struct with every member at its
    default."""
    if is_nillable(spec, ref):
        return None
    if isinstance(ref, Primitive):
        return _DEFAULTS[ref.name]
    if isinstance(ref, Named) and isinstance(tdef := spec.types[ref.name], ClassType):
        return {f.name: default_of(spec, f.type) for owner in spec.class_chain(tdef) for f in owner.fields}
    return 0


def is_default(spec: Spec, ref: TypeRef, value: object) -> bool:
    """``default(T)``, which ``EmitDefaultValue=false`` leaves out of both XML and JSON, compared
    as .NET's Equals does: DateTime ignores Kind, DateTimeOffset compares the UTC instant,
    ``0.00m`` equals ``0m``."""
    if value is None:
        return True
    if is_nillable(spec, ref):
        return False
    if isinstance(value, dict) and isinstance(ref, Named):
        # A struct: default(T) holds every member's default ([RS] CodeGenerator.IfNotDefaultValue: Equals).
        return all(is_default(spec, f.type, value.get(f.name)) for f in spec.class_(ref.name).fields)
    match value:
        case DateTimeValue():
            return value.clock == _MIN_CLOCK and value.ticks == 0
        case DateTimeOffsetValue():
            return value.ticks == 0 and value.clock - _MIN_CLOCK == timedelta(minutes=value.offset_minutes)
        case TimeSpanValue():
            return value.ticks == 0
        case uuid.UUID():
            return value.int == 0
        case str():
            return value == "\0"
    return bool(value == 0)


def as_object(spec: Spec, ref: TypeRef, value: Value) -> Value:
    """The value as a .NET object holds it: a member no payload set has its default (a model
    without constructor logic). What a service echoes is this, not the payload's member set."""
    core = unwrap(ref)
    if value is None:
        return None
    if isinstance(core, Named) and isinstance(spec.types[core.name], ClassType) and isinstance(value, dict):
        return {f.name: as_object(spec, f.type, value[f.name]) if f.name in value else default_of(spec, f.type)
                for owner in spec.class_chain(spec.class_(core.name)) for f in owner.fields}
    if isinstance(core, ListOf) and isinstance(value, list):
        return [as_object(spec, core.item, v) for v in value]
    if isinstance(core, DictOf) and isinstance(value, dict):
        return {k: as_object(spec, core.value, v) for k, v in value.items()}
    return value
