"""Composable strategies: one per spec type, built once, recursion through ``st.deferred``.

Values are those a .NET model could hold and DataContractSerializer and Json.NET
could write (a derived class where its base declares it a known type, a struct never null): every UTF-16 character but lone surrogates, every integer of each
type's range, doubles and singles with NaN and infinities, decimals within
System.Decimal's 96-bit mantissa, DateTimes of every Kind, and so on.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from hypothesis import strategies as st

from ..codecs.lexical import DECIMAL_MAX, DateTimeOffsetValue, DateTimeValue, TimeSpanValue, to_single
from ..codecs.values import RUNTIME_TYPE, Boxed
from ..spec.datacontract import BOXABLE, is_nillable
from ..spec.model import INTEGER_RANGES, ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, ObjectRef, Primitive
from ..spec.model import Spec, TypeRef, unwrap

__all__ = ["EDGE_STRINGS", "EDGE_URIS", "values_for"]

_TEXT = st.characters(exclude_categories=["Cs"])
_CLOCK = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(
    lambda d: d.replace(microsecond=0))
_TICKS = st.integers(0, 9_999_999)
_OFFSETS = st.integers(-14 * 60, 14 * 60)

# -- the edges that break integrations (issue 10) ------------------------------------------------
#: Whole strings that are edges on some wire: empty, spaces at either end, CR/LF/tab (XML reads CR
#: back as LF), markup characters, astral-plane characters (two UTF-16 units), and characters XML 1.0
#: cannot carry (.NET writes ``&#x1;`` for them; a strict XML parser refuses it).
EDGE_STRINGS = ("", " ", " leading", "trailing ", "\r\n", "\n", "\r", "\t", "a\r\nb", "<>&\"'", "]]>", "&amp;",
                "\U0001F600", "\U0010FFFF", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\u2028", "\ufffe", "\uffff",
                "\u00a0", "\u212a")
_EDGE_CHARS = st.sampled_from([c for c in "".join(EDGE_STRINGS)] + ["\U0001F600", "a", " "])
#: Uris System.Uri re-spells (scheme and host case, default port, dot segments, %7E) and the empty one
#: (Json.NET reads "" as null).
EDGE_URIS = ("", "HTTP://Example.COM/", "http://example.com:80/a/../b", "https://example.com/%7Euser/x?q=%41",
             "http://example.com", "http://example.com/a b", "relative/path", "urn:isbn:1", "mailto:a@b.c",
             "http://[::1]:8080/x", "file:///c:/x y", "file:///c:/a/../%41")
#: Doubles at IEEE edges: the smallest subnormal, the largest subnormal, the smallest normal, the largest finite.
EDGE_DOUBLES = (5e-324, 2.2250738585072009e-308, 2.2250738585072014e-308, 1.7976931348623157e308, 0.0, -0.0,
                float("nan"), float("inf"), float("-inf"), 0.1, 1e21, 1e-5, 1e15, 1e16, 1e17)
#: Singles' edges, as doubles that are exact singles.
EDGE_SINGLES = (1.401298464324817e-45, 1.1754942106924411e-38, 1.1754943508222875e-38, 3.4028234663852886e38,
                0.0, -0.0, float("nan"), float("inf"), float("-inf"), 16777216.0, 16777215.0)


def _ties(width: int) -> st.SearchStrategy[float]:
    """Values whose exact decimal digits end in a 5 just past the ``R`` format's 7 or 9 (single) or
    15 or 17 (double) significant digits: exact ties, which .NET Framework's ``R`` rounds away from
    zero and Python's formatting to even (-1906671.625f). An integer part and 1-4 binary fraction
    digits (the last one set) make exactly ``precision + 1`` significant digits."""
    precisions, bits = ((7, 9), 24) if width == 32 else ((15, 17), 53)

    def build(precision: int, fraction_bits: int, pick: int, odd: int, negative: bool) -> float:
        digits = precision + 1 - fraction_bits
        low, high = 10 ** (digits - 1), min(10**digits - 1, 2 ** (bits - fraction_bits) - 1)
        if low > high:
            return math.nan  # no such value: filtered out
        whole = low + pick % (high - low + 1)
        numerator = 2 * (odd % 2 ** (fraction_bits - 1)) + 1
        value: float = whole + numerator / 2**fraction_bits
        return -value if negative else value

    exact = st.builds(build, st.sampled_from(precisions), st.integers(1, 4), st.integers(0, 2**64),
                      st.integers(0, 7), st.booleans()).filter(lambda v: not math.isnan(v))
    few_bits = st.builds(lambda m, e, neg: (-1 if neg else 1) * m / 2**e, st.integers(1, 2 ** (bits - 2)),
                         st.integers(0, 12), st.booleans())
    values = st.one_of(exact, few_bits)
    return values.map(to_single) if width == 32 else values


def _edge_decimals() -> st.SearchStrategy[Decimal]:
    """28 and 29 digits with every scale: System.Decimal's largest mantissas, and zero at every scale."""
    mantissas = st.sampled_from([int(DECIMAL_MAX), int(DECIMAL_MAX) - 1, 10**28 - 1, 10**28, 10**27, 1, 0])
    return st.builds(lambda m, scale, neg: Decimal(f"{'-' if neg else ''}{m}E-{scale}"), mantissas,
                     st.integers(0, 28), st.booleans())


_FRACTIONS = st.integers(0, 7).flatmap(lambda digits: st.integers(0, 10**digits - 1).map(
    lambda f: f * 10 ** (7 - digits)))  # 0 to 7 fractional digits, each count as likely
_EDGE_CLOCKS = st.sampled_from([datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59), datetime(2000, 2, 29),
                                datetime(1970, 1, 1)])


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


def _edges(server_offset: str | None) -> dict[str, st.SearchStrategy[Any]]:
    """For each primitive, its edge values, mixed in with the ordinary ones by ``from_spec``."""
    boundaries = {name: st.sampled_from(sorted({low, low + 1, -1 if low < 0 else 0, 0, 1, high - 1, high}))
                  for name, (low, high) in INTEGER_RANGES.items()}
    zones = st.one_of(st.none(), st.just("Z"), st.just(server_offset) if server_offset else _OFFSETS.map(_offset_text))
    # 0001-01-01 and 9999-12-31 hold in every Kind only at the server's own offset (+00:00 here):
    # another offset would move the instant out of DateTime's range.
    extreme_zones = st.one_of(st.none(), st.just("Z"), st.just(server_offset or "+00:00"))
    return {
        "string": st.one_of(st.sampled_from(EDGE_STRINGS), st.text(_EDGE_CHARS, min_size=1, max_size=6),
                            st.integers(100, 5000).map(lambda n: "x" * n)),
        "Uri": st.sampled_from(EDGE_URIS),
        **boundaries,
        "float": st.one_of(st.sampled_from(EDGE_SINGLES), _ties(32)),
        "double": st.one_of(st.sampled_from(EDGE_DOUBLES), _ties(64)),
        "decimal": _edge_decimals(),
        "char": st.sampled_from(["\0", "\x01", "\t", "\r", "\n", " ", "<", "&", "\"", "\uffff", "\ufffe", "\u00e9"]),
        "Guid": st.sampled_from([UUID(int=0), UUID(int=2**128 - 1), UUID("7c9e6679-7425-40de-944b-e07fc1f90ae7")]),
        "DateTime": st.one_of(st.builds(DateTimeValue, _EDGE_CLOCKS, _FRACTIONS, extreme_zones),
                              st.builds(DateTimeValue, _CLOCK, _FRACTIONS, zones)),
        "DateTimeOffset": st.one_of(st.builds(DateTimeOffsetValue, _EDGE_CLOCKS, _FRACTIONS, st.just(0)),
                                    st.builds(DateTimeOffsetValue, _CLOCK, _FRACTIONS, st.sampled_from([-840, 840, 0, 330]))),
        "TimeSpan": st.sampled_from([TimeSpanValue(t) for t in (TimeSpanValue.MIN, TimeSpanValue.MAX, 0, 1, -1,
                                                                 TimeSpanValue.MIN + 1, 864_000_000_000)]),
        "byte[]": st.sampled_from([b"", b"\0", b"\xff\xfe", bytes(range(256))]),
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


def _strategies(spec: Spec, *, server_offset: str | None = None, complete: bool = False,
                contract: bool = False, edges: bool = False, typical: bool = False
                ) -> tuple[Mapping[str, st.SearchStrategy[Any]], Mapping[str, st.SearchStrategy[Any]]]:
    """A strategy for every type of ``spec``, by type name, and the primitives' strategies.

    ``server_offset`` (such as ``"+00:00"``) limits Local DateTimes to that offset: .NET re-expresses
    a Local DateTime in the server's own zone when it reads one, so only those survive a real server.
    ``complete`` gives every class value all its members, as a .NET object always has;
    ``contract`` keeps to what the spec promises of each member (enum, lengths, pattern, range);
    ``edges`` mixes in each primitive's edge values (a third of the values) and empty collections;
    ``typical`` draws everyday values (words, small numbers, recent dates, no nulls, no empty
    collections) instead, for examples a person would write.
    """
    local = _OFFSETS.map(_offset_text) if server_offset is None else st.just(server_offset)
    primitives = {**_PRIMITIVES, "DateTime": st.builds(DateTimeValue, _CLOCK, _TICKS,
                                                       st.one_of(st.none(), st.just("Z"), local))}
    if typical:
        primitives |= _TYPICAL | {"DateTime": st.builds(lambda clock: DateTimeValue(clock, 0, "Z"), _TYPICAL_CLOCK)}
    elif edges:
        edge = _edges(server_offset)
        primitives = {name: st.one_of(edge[name], strategy, strategy) if name in edge else strategy
                      for name, strategy in primitives.items()}
    strategies: dict[str, st.SearchStrategy[Any]] = {}
    shape = _Shape(complete, contract, edges and not typical, typical)

    def definition(name: str) -> st.SearchStrategy[Any]:
        return st.deferred(lambda: _definition(spec, name, strategies, primitives, shape))

    strategies.update((name, definition(name)) for name in spec.types)
    return strategies, primitives


def values_for(spec: Spec, type_name: str, *, server_offset: str | None = None, complete: bool = False,
               contract: bool = False, edges: bool = False, typical: bool = False) -> st.SearchStrategy[Any]:
    """Values of one type (any type expression: ``List<ProductModel>``, ``int``) in the shared value
    model (``converter.codecs.values``); classes as dicts of CLR member name to value, members
    optional; ``object`` as ``Boxed`` primitives. ``from_spec`` is the same, leaning to the edges, with
    the encoders attached."""
    strategies, primitives = _strategies(spec, server_offset=server_offset, complete=complete,
                                         contract=contract, edges=edges, typical=typical)
    if type_name in strategies:
        return strategies[type_name]
    return _ref(spec, spec.resolve(type_name), strategies, primitives, edges=edges and not typical, typical=typical)


@dataclass(frozen=True, slots=True)
class _Shape:
    complete: bool
    contract: bool
    edges: bool
    typical: bool


def _definition(spec: Spec, name: str, strategies: Mapping[str, st.SearchStrategy[Any]],
                primitives: Mapping[str, st.SearchStrategy[Any]], shape: _Shape) -> st.SearchStrategy[Any]:
    tdef = spec.types[name]
    if isinstance(tdef, EnumType):
        values = sorted({m.value for m in tdef.members})
        # A value no member has is no value of the contract: invalid_from_spec breaks enums.
        if tdef.flags:
            return st.sets(st.sampled_from(values)).map(lambda chosen: _or(chosen))
        return st.sampled_from(values)
    assert isinstance(tdef, ClassType)
    if tdef.collection is not None:
        return _ref(spec, tdef.collection, strategies, primitives, nullable=False, edges=shape.edges,
                    typical=shape.typical)
    exact = _members(spec, tdef, strategies, primitives, shape)
    known = spec.known_subtypes(tdef)
    if not known:
        return exact
    # A member declared as a base with [KnownType]s may hold any of them, marked by "$type" (values.py).
    derived = [_members(spec, k, strategies, primitives, shape).map(_marked(k.name)) for k in known]
    return st.one_of(exact, *derived)


def _marked(name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda value: {RUNTIME_TYPE: name, **value}


def _members(spec: Spec, tdef: ClassType, strategies: Mapping[str, st.SearchStrategy[Any]],
             primitives: Mapping[str, st.SearchStrategy[Any]], shape: _Shape) -> st.SearchStrategy[Any]:
    """Values of exactly ``tdef``: its members and its bases'."""
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for owner in spec.class_chain(tdef):
        for f in owner.fields:
            # The spec's `required` means present and not null; [DataMember(IsRequired)] means present.
            strategy = _ref(spec, f.type, strategies, primitives, nullable=not f.required and not shape.typical,
                            edges=shape.edges, typical=shape.typical)
            if shape.contract:
                strategy = _promised(spec, f, strategy, shape.edges)
            demanded = shape.complete or f.required or bool(f.data_member and f.data_member.is_required)
            (required if demanded else optional)[f.name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


def _promised(spec: Spec, f: Field, strategy: st.SearchStrategy[Any], edges: bool) -> st.SearchStrategy[Any]:
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
        if edges and not f.pattern:  # the shortest and the longest string the contract allows
            base = st.one_of(base, st.sampled_from(sorted({"x" * low, "y" * (high if high is not None else 4096)})))
    elif isinstance(core, Primitive) and core.name in INTEGER_RANGES and (f.minimum is not None or f.maximum is not None):
        low, high = INTEGER_RANGES[core.name]
        least = max(low, int(f.minimum)) if f.minimum is not None else low
        most = min(high, int(f.maximum)) if f.maximum is not None else high
        base = st.integers(least, most)
        if edges:
            base = st.one_of(base, st.sampled_from(sorted({least, most})))
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
         edges: bool = False, typical: bool = False) -> st.SearchStrategy[Any]:
    match ref:
        case Primitive(name):
            base = primitives[name]
        case Named(name):
            base = strategies[name]
        case Nullable(inner):
            inner_values = _ref(spec, inner, strategies, primitives, typical=typical)
            return st.none() | inner_values if nullable else inner_values
        case ListOf(item):
            items = _ref(spec, item, strategies, primitives, not typical, typical=typical)
            base = st.lists(items, min_size=int(typical), max_size=3)
            if edges:  # empty, as often as null
                base = st.one_of(base, st.just([]))
        case DictOf(key, value):
            # a .NET dictionary key is never null
            keys = _ref(spec, key, strategies, primitives, nullable=False, typical=typical)
            values = _ref(spec, value, strategies, primitives, not typical, typical=typical)
            base = st.dictionaries(keys, values, min_size=int(typical), max_size=3)
        case ObjectRef():
            # What an object member holds without known types: a primitive, boxed, or a bare new object().
            base = st.one_of(st.just(Boxed("object", None)), *(_boxed(primitives, name) for name in sorted(BOXABLE)))
    return st.none() | base if nullable and is_nillable(spec, ref) else base
