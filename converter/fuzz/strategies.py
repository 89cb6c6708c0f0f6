"""Composable strategies: one per spec type, built once, recursion through ``st.deferred``.

Values are those a .NET model could hold and DataContractSerializer and Json.NET
could write (a derived class where its base declares it a known type, a struct never null): every UTF-16 character but lone surrogates, every integer of each
type's range, doubles and singles with NaN and infinities, decimals within
System.Decimal's 96-bit mantissa, DateTimes of every Kind, and so on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from ..codecs.lexical import DECIMAL_MAX, DateTimeOffsetValue, DateTimeValue, TimeSpanValue
from ..codecs.values import RUNTIME_TYPE, Boxed
from ..spec.datacontract import BOXABLE, is_nillable
from ..spec.model import INTEGER_RANGES, ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, ObjectRef, Primitive
from ..spec.model import Spec, TypeRef, unwrap

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
    # Decimal("<m>E-<s>") is exact; scaleb would round a 29-digit mantissa to 28 digits.
    return st.builds(lambda mantissa, scale: Decimal(f"{mantissa}E-{scale}"),
                     st.integers(-int(DECIMAL_MAX), int(DECIMAL_MAX)), st.integers(0, 28))


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


_WORDS = st.sampled_from("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima".split())
_TYPICAL_CLOCK = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2030, 12, 31)).map(
    lambda d: d.replace(microsecond=0))
#: Everyday values of each primitive, for examples a person would write (``typical=True``).
_TYPICAL: dict[str, st.SearchStrategy[Any]] = {
    "string": st.lists(_WORDS, min_size=1, max_size=3).map(" ".join),
    "Uri": st.sampled_from(["https://example.com/", "https://contoso.com/items/1"]),
    **{name: st.integers(max(low, 0), min(high, 1000)) for name, (low, high) in INTEGER_RANGES.items()},
    "float": st.integers(0, 100_000).map(lambda n: n / 100),
    "double": st.integers(0, 100_000).map(lambda n: n / 100),
    "decimal": st.integers(0, 100_000).map(lambda n: Decimal(n).scaleb(-2)),
    "char": st.sampled_from("ABCXYZ"),
    "DateTimeOffset": st.builds(lambda clock: DateTimeOffsetValue(clock, 0, 0), _TYPICAL_CLOCK),
    "TimeSpan": st.integers(1, 86_400).map(lambda s: TimeSpanValue(s * 10_000_000)),
}


def from_spec(spec: Spec, *, server_offset: str | None = None, complete: bool = False,
              contract: bool = False, typical: bool = False) -> Mapping[str, st.SearchStrategy[Any]]:
    """A strategy for every type of ``spec``, by type name.

    ``server_offset`` (such as ``"+00:00"``) limits Local DateTimes to that offset: .NET re-expresses
    a Local DateTime in the server's own zone when it reads one, so only those survive a real server.
    ``complete`` gives every class value all its members, as a .NET object always has;
    ``contract`` keeps to what the spec promises of each member (enum, lengths, pattern, range);
    ``typical`` draws everyday values (words, small numbers, recent dates) instead of edge cases.
    """
    primitives = _primitives(server_offset, typical)
    strategies: dict[str, st.SearchStrategy[Any]] = {}

    def definition(name: str) -> st.SearchStrategy[Any]:
        return st.deferred(lambda: _definition(spec, name, strategies, primitives, complete, contract, typical))

    strategies.update((name, definition(name)) for name in spec.types)
    return strategies


def _primitives(server_offset: str | None, typical: bool) -> dict[str, st.SearchStrategy[Any]]:
    local = _OFFSETS.map(_offset_text) if server_offset is None else st.just(server_offset)
    primitives = {**_PRIMITIVES, "DateTime": st.builds(DateTimeValue, _CLOCK, _TICKS,
                                                       st.one_of(st.none(), st.just("Z"), local))}
    if typical:
        primitives |= _TYPICAL | {"DateTime": st.builds(lambda clock: DateTimeValue(clock, 0, "Z"), _TYPICAL_CLOCK)}
    return primitives


def values_for(spec: Spec, type_name: str, *, server_offset: str | None = None, complete: bool = False,
               contract: bool = False, typical: bool = False) -> st.SearchStrategy[Any]:
    """Values of one type (any type expression: ``List<ProductModel>``, ``int``); classes as dicts of
    CLR member name to value, members optional; ``object`` as ``Boxed`` primitives."""
    strategies = from_spec(spec, server_offset=server_offset, complete=complete, contract=contract, typical=typical)
    if type_name in strategies:
        return strategies[type_name]
    return _ref(spec, spec.resolve(type_name), strategies, _primitives(server_offset, typical), typical=typical)


def _definition(spec: Spec, name: str, strategies: Mapping[str, st.SearchStrategy[Any]],
                primitives: Mapping[str, st.SearchStrategy[Any]], complete: bool,
                contract: bool, typical: bool = False) -> st.SearchStrategy[Any]:
    tdef = spec.types[name]
    if isinstance(tdef, EnumType):
        values = sorted({m.value for m in tdef.members})
        if tdef.flags:
            return st.sets(st.sampled_from(values)).map(lambda chosen: _or(chosen))
        return st.sampled_from(values)
    assert isinstance(tdef, ClassType)
    if tdef.collection is not None:
        return _ref(spec, tdef.collection, strategies, primitives, nullable=False, typical=typical)
    exact = _members(spec, tdef, strategies, primitives, complete, contract, typical)
    known = spec.known_subtypes(tdef)
    if not known:
        return exact
    # A member declared as a base with [KnownType]s may hold any of them, marked by "$type" (values.py).
    derived = [_members(spec, k, strategies, primitives, complete, contract, typical).map(_marked(k.name))
               for k in known]
    return st.one_of(exact, *derived)


def _marked(name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda value: {RUNTIME_TYPE: name, **value}


def _members(spec: Spec, tdef: ClassType, strategies: Mapping[str, st.SearchStrategy[Any]],
             primitives: Mapping[str, st.SearchStrategy[Any]], complete: bool,
             contract: bool, typical: bool = False) -> st.SearchStrategy[Any]:
    """Values of exactly ``tdef``: its members and its bases'."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for owner in spec.class_chain(tdef):
        for f in owner.fields:
            # The spec's `required` means present and not null; [DataMember(IsRequired)] means present.
            strategy = _ref(spec, f.type, strategies, primitives, nullable=not f.required and not typical,
                            typical=typical)
            if contract:
                strategy = _promised(spec, f, strategy)
            demanded = complete or f.required or bool(f.data_member and f.data_member.is_required)
            (required if demanded else optional)[f.name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def _promised(spec: Spec, f: Field, strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Only the values a member's facets allow: its enum, lengths, pattern, range and item counts."""
    core = unwrap(f.type)
    nullable = is_nillable(spec, f.type) and not f.required
    base: st.SearchStrategy[Any] | None = None
    if f.enum is not None:
        base = st.sampled_from(f.enum)
    elif core == Primitive("string") and (f.pattern or f.min_length is not None or f.max_length is not None):
        texts = st.from_regex(f"^(?:{f.pattern})$", fullmatch=True) if f.pattern else st.text(_TEXT)
        low, high = f.min_length or 0, f.max_length
        base = texts.filter(lambda t: low <= len(t) and (high is None or len(t) <= high))
    elif isinstance(core, Primitive) and core.name in INTEGER_RANGES and (f.minimum is not None or f.maximum is not None):
        low, high = INTEGER_RANGES[core.name]
        base = st.integers(max(low, int(f.minimum)) if f.minimum is not None else low,
                           min(high, int(f.maximum)) if f.maximum is not None else high)
    elif isinstance(core, Primitive) and core.name in ("float", "double") and (f.minimum is not None or f.maximum is not None):
        base = st.floats(f.minimum, f.maximum, allow_nan=False, width=32 if core.name == "float" else 64)
    elif isinstance(core, ListOf) and (f.min_items is not None or f.max_items is not None):
        return strategy.filter(lambda v: v is None and nullable or v is not None and
                               (f.min_items or 0) <= len(v) <= (f.max_items if f.max_items is not None else len(v)))
    if base is None:
        return strategy
    return st.none() | base if nullable else base


def _or(values: set[int]) -> int:
    out = 0
    for v in values:
        out |= v
    return out


def _boxed(primitives: Mapping[str, st.SearchStrategy[Any]], name: str) -> st.SearchStrategy[Boxed]:
    return primitives[name].map(lambda value: Boxed(name, value))


def _ref(spec: Spec, ref: TypeRef, strategies: Mapping[str, st.SearchStrategy[Any]],
         primitives: Mapping[str, st.SearchStrategy[Any]], nullable: bool = True,
         typical: bool = False) -> st.SearchStrategy[Any]:
    match ref:
        case Primitive(name):
            base = primitives[name]
        case Named(name):
            base = strategies[name]
        case Nullable(inner):
            inner_values = _ref(spec, inner, strategies, primitives, typical=typical)
            return st.none() | inner_values if nullable else inner_values
        case ListOf(item):
            items = _ref(spec, item, strategies, primitives, not typical, typical)
            base = st.lists(items, min_size=int(typical), max_size=3)
        case DictOf(key, value):
            # a .NET dictionary key is never null
            keys = _ref(spec, key, strategies, primitives, nullable=False, typical=typical)
            values = _ref(spec, value, strategies, primitives, not typical, typical)
            base = st.dictionaries(keys, values, min_size=int(typical), max_size=3)
        case ObjectRef():
            # What an object member holds without known types: a primitive, boxed, or a bare new object().
            base = st.one_of(st.just(Boxed("object", None)), *(_boxed(primitives, name) for name in sorted(BOXABLE)))
    return st.none() | base if nullable and is_nillable(spec, ref) else base
