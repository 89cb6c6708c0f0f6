"""A sample payload for a spec type, in the style of the help page's own generator.

``style="helppage"`` follows ObjectGenerator (aspnet/AspNetWebStack c62b87fb,
src/WebApiHelpPage/Areas/HelpPage/SampleGeneration/ObjectGenerator.cs): each object gets a fresh
counter that every simple member takes the next number of (``sample string N``, ``N``, ``N.1``
for doubles); ``true``; 64 for byte and sbyte; ``'A'``; a new Guid; ``DateTime.Now``;
``TimeSpan.FromTicks(1234567)``; ``http://webapihelppageN.com``; collections and dictionaries
of ``DefaultCollectionSize = 2`` items, each filled by one new generator; a new generator for
every nested object and ``Nullable<T>``; the first of ``Enum.GetValues`` for an enum.
``style="realistic"`` draws a valid value from the fuzz strategies instead.

The value is a pure function of the spec, ``now`` and ``seed``; the codecs encode it.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from .codecs.lexical import DateTimeOffsetValue, DateTimeValue, TimeSpanValue, to_single
from .codecs.values import Boxed, Value
from .spec.model import INTEGER_RANGES, ClassType, DictOf, EnumType, ListOf, Named, Nullable, ObjectRef, Primitive, Spec, TypeRef

__all__ = ["COLLECTION_SIZE", "Style", "now_value", "sample_value"]

Style = Literal["helppage", "realistic"]
#: ObjectGenerator.DefaultCollectionSize (templates before c288f9e6 used 3).
COLLECTION_SIZE = 2
#: SimpleTypeObjectGenerator writes ``(Int16)(index % Int16.MaxValue)`` and the like.
_MODULO = {"short": 2**15 - 1, "int": 2**31 - 1, "ushort": 2**16 - 1, "uint": 2**32 - 1}


def now_value(moment: datetime | None = None) -> DateTimeValue:
    """``DateTime.Now`` as the sample writes it: the local clock to the tick, Local kind."""
    moment = (moment or datetime.now()).astimezone()
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "-" if minutes < 0 else "+"
    zone = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return DateTimeValue(moment.replace(microsecond=0, tzinfo=None), moment.microsecond * 10, zone)


def sample_value(spec: Spec, type_name: str, *, style: Style = "helppage", now: DateTimeValue | None = None,
                 seed: int | None = None) -> Value:
    """The sample value of ``type_name``: any type expression of ``spec`` (``Order``,
    ``List<Order>``, ``int``); ``ValueError`` when the spec has no such type."""
    ref = spec.resolve(type_name)
    if style == "realistic":
        return _realistic(spec, type_name, seed)
    return _Generator(spec, now or now_value(), random.Random(seed)).value(ref, _Counter())


@dataclass
class _Counter:
    """SimpleTypeObjectGenerator's ``_index``: one per ObjectGenerator."""

    index: int = 0

    def next(self) -> int:
        self.index += 1
        return self.index


class _Generator:
    def __init__(self, spec: Spec, now: DateTimeValue, rng: random.Random) -> None:
        self.spec = spec
        self.now = now
        self.rng = rng
        self.building: set[str] = set()

    def value(self, ref: TypeRef, counter: _Counter) -> Value:
        match ref:
            case Primitive("byte[]"):
                return bytes([64] * COLLECTION_SIZE)  # GenerateArray of Byte: 64 each, base64 "QEA="
            case Primitive(name):
                return self.simple(name, counter.next())
            case Nullable(inner):
                return self.value(inner, _Counter())
            case ListOf(item):
                fresh = _Counter()
                items = [self.value(item, fresh) for _ in range(COLLECTION_SIZE)]
                return None if all(v is None for v in items) else items
            case DictOf(key, value):
                fresh = _Counter()
                out: dict[object, Value] = {}
                for _ in range(COLLECTION_SIZE):
                    k = self.value(key, fresh)
                    if k is None:
                        return None
                    if k not in out:  # GenerateDictionary skips a key it already holds
                        out[k] = self.value(value, fresh)
                return out
            case Named(name):
                tdef = self.spec.types[name]
                if isinstance(tdef, EnumType):
                    return _first_enum_value(tdef)
                if tdef.collection is not None:  # a class deriving List<T> or Dictionary<K,V>: filled as one
                    return self.value(tdef.collection, counter)
                return self.complex(tdef)
            case ObjectRef():
                counter.next()  # SimpleTypeObjectGenerator: typeof(Object) -> new object(), which takes a number
                return Boxed("object", None)
        raise AssertionError(ref)

    def complex(self, cls: ClassType) -> Value:
        if cls.name in self.building:
            return None  # a cycle: ObjectGenerator reuses the instance, which no serializer writes
        self.building.add(cls.name)
        counter = _Counter()  # SetPublicProperties: one new generator for the object's members
        out: dict[object, Value] = {}
        for owner in reversed(self.spec.class_chain(cls)):  # reflection order: derived class first
            for f in owner.fields:
                out[f.name] = self.value(f.type, counter)
        self.building.discard(cls.name)
        return out

    def simple(self, name: str, n: int) -> Value:
        if name == "string":
            return f"sample string {n}"
        if name == "Uri":
            return f"http://webapihelppage{n}.com"
        if name == "bool":
            return True
        if name in ("byte", "sbyte"):
            return 64
        if name == "char":
            return "A"
        if name == "decimal":
            return Decimal(n)
        if name == "double":
            return n + 0.1
        if name == "float":
            return to_single(n + 0.1)
        if name in INTEGER_RANGES:
            return n % _MODULO[name] if name in _MODULO else n
        if name == "Guid":
            return uuid.UUID(int=self.rng.getrandbits(128), version=4)
        if name == "DateTime":
            return self.now
        if name == "DateTimeOffset":
            zone = self.now.zone or "+00:00"
            minutes = (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 60 + int(zone[4:6])) if zone != "Z" else 0
            return DateTimeOffsetValue(self.now.clock, self.now.ticks, minutes)
        if name == "TimeSpan":
            return TimeSpanValue(1234567)
        raise AssertionError(name)


def _first_enum_value(enum: EnumType) -> int:
    """``Enum.GetValues()[0]``: values sorted as unsigned numbers, so 0 comes before -1."""
    return min((m.value for m in enum.members), key=lambda v: v % 2**64)


def _realistic(spec: Spec, type_name: str, seed: int | None) -> Value:
    """A value the contract accepts, drawn reproducibly from the fuzz strategies' typical values."""
    from .fuzz import typical

    return typical(spec, type_name, seed or 0)
