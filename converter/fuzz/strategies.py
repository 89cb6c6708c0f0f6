"""Composable strategies: one per spec type, built once, recursion through ``st.deferred``.

Values are those a .NET model could hold and DataContractSerializer and Json.NET
could write: every UTF-16 character but lone surrogates, every integer of each
type's range, doubles and singles with NaN and infinities, decimals within
System.Decimal's 96-bit mantissa, DateTimes of every Kind, and so on.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ..codecs._convert import DateTimeOffsetValue, DateTimeValue, TimeSpanValue
from ..spec.datacontract import is_nillable
from ..spec.model import INTEGER_RANGES, ClassType, DictOf, EnumType, ListOf, Named, Nullable, Primitive, Spec, TypeRef

__all__ = ["from_spec", "values_for"]

_TEXT = st.characters(exclude_categories=["Cs"])
_CLOCK = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(
    lambda d: d.replace(microsecond=0))
_TICKS = st.integers(0, 9_999_999)
_OFFSETS = st.integers(-14 * 60, 14 * 60)


def _offset_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def _decimals() -> st.SearchStrategy[Decimal]:
    """System.Decimal: a 96-bit integer scaled by 10^-0..28, scale kept."""
    return st.builds(lambda mantissa, scale: Decimal(mantissa).scaleb(-scale),
                     st.integers(-(2**96 - 1), 2**96 - 1), st.integers(0, 28)).filter(
        lambda d: d.copy_abs() <= Decimal("79228162514264337593543950335"))


_PRIMITIVES: dict[str, st.SearchStrategy[Any]] = {
    "string": st.text(_TEXT, max_size=12),
    "Uri": st.sampled_from(["http://example.com/", "https://example.com/a/b?x=1#f", "relative/path", "urn:isbn:1",
                            "HTTP://Example.com", "http://example.com/a b"]),
    "bool": st.booleans(),
    **{name: st.integers(low, high) for name, (low, high) in INTEGER_RANGES.items()},
    "float": st.floats(width=32),
    "double": st.floats(),
    "decimal": _decimals(),
    "char": _TEXT.filter(lambda c: ord(c) <= 0xFFFF),
    "Guid": st.uuids(),
    "DateTimeOffset": st.builds(lambda clock, ticks, offset: DateTimeOffsetValue(clock, ticks, offset),
                                _CLOCK, _TICKS, _OFFSETS).filter(
        lambda v: datetime(1, 1, 2) <= v.clock - timedelta(minutes=v.offset_minutes) <= datetime(9999, 12, 30)),
    "TimeSpan": st.builds(TimeSpanValue, st.integers(TimeSpanValue.MIN, TimeSpanValue.MAX)),
    "byte[]": st.binary(max_size=8),
}


def from_spec(spec: Spec, *, server_offset: str | None = None,
              complete: bool = False) -> Mapping[str, st.SearchStrategy[Any]]:
    """A strategy for every type of ``spec``, by type name.

    ``server_offset`` (such as ``"+00:00"``) limits Local DateTimes to that offset: .NET re-expresses
    a Local DateTime in the server's own zone when it reads one, so only those survive a real server.
    ``complete`` gives every class value all its members, as a .NET object always has.
    """
    local = _OFFSETS.map(_offset_text) if server_offset is None else st.just(server_offset)
    primitives = {**_PRIMITIVES, "DateTime": st.builds(DateTimeValue, _CLOCK, _TICKS,
                                                       st.one_of(st.none(), st.just("Z"), local))}
    strategies: dict[str, st.SearchStrategy[Any]] = {}

    def definition(name: str) -> st.SearchStrategy[Any]:
        return st.deferred(lambda: _definition(spec, name, strategies, primitives, complete))

    strategies.update((name, definition(name)) for name in spec.types)
    return strategies


def values_for(spec: Spec, type_name: str, *, server_offset: str | None = None,
               complete: bool = False) -> st.SearchStrategy[Any]:
    """Values of one type; classes as dicts of CLR member name to value, members optional."""
    return from_spec(spec, server_offset=server_offset, complete=complete)[type_name]


def _definition(spec: Spec, name: str, strategies: Mapping[str, st.SearchStrategy[Any]],
                primitives: Mapping[str, st.SearchStrategy[Any]], complete: bool) -> st.SearchStrategy[Any]:
    tdef = spec.types[name]
    if isinstance(tdef, EnumType):
        values = sorted({m.value for m in tdef.members})
        if tdef.flags:
            return st.sets(st.sampled_from(values)).map(lambda chosen: _or(chosen))
        return st.sampled_from(values)
    assert isinstance(tdef, ClassType)
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for owner in spec.class_chain(tdef):
        for f in owner.fields:
            # The spec's `required` means present and not null; [DataMember(IsRequired)] means present.
            strategy = _ref(spec, f.type, strategies, primitives, nullable=not f.required)
            demanded = complete or f.required or bool(f.data_member and f.data_member.is_required)
            (required if demanded else optional)[f.name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def _or(values: set[int]) -> int:
    out = 0
    for v in values:
        out |= v
    return out


def _ref(spec: Spec, ref: TypeRef, strategies: Mapping[str, st.SearchStrategy[Any]],
         primitives: Mapping[str, st.SearchStrategy[Any]], nullable: bool = True) -> st.SearchStrategy[Any]:
    match ref:
        case Primitive(name):
            base = primitives[name]
        case Named(name):
            base = strategies[name]
        case Nullable(inner):
            inner_values = _ref(spec, inner, strategies, primitives)
            return st.none() | inner_values if nullable else inner_values
        case ListOf(item):
            base = st.lists(_ref(spec, item, strategies, primitives), max_size=3)
        case DictOf(key, value):
            keys = _ref(spec, key, strategies, primitives, nullable=False)  # a .NET dictionary key is never null
            base = st.dictionaries(keys, _ref(spec, value, strategies, primitives),
                                   max_size=3)
    return st.none() | base if nullable and is_nillable(spec, ref) else base
