"""Composable strategies: one per spec type, built once, ``st.deferred`` only where a type recurs.

Values are those a .NET model could hold and DataContractSerializer and Json.NET
could write (a derived class where its base declares it a known type, a struct never null): every UTF-16 character but lone surrogates, every integer of each
type's range, doubles and singles with NaN and infinities, decimals within
System.Decimal's 96-bit mantissa, DateTimes of every Kind, and so on.

Speed is Hypothesis's cost per choice (a choice and its span cost tens of microseconds, the
value's own work next to nothing), so each strategy makes as few choices as it can: a member's
absent, null, edge and ordinary branches are one ``one_of`` (Hypothesis flattens nested ones into
one draw), a clock is one integer of seconds, and nothing is drawn to be filtered out or thrown away
(``fixed_dictionaries`` would also draw a shuffle of the keys, which no encoder looks at).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

from hypothesis import strategies as st

from ..codecs.lexical import DECIMAL_MAX, DateTimeOffsetValue, DateTimeValue, TimeSpanValue, to_single
from ..codecs.values import RUNTIME_TYPE, Boxed
from ..spec.datacontract import BOXABLE, is_nillable
from ..spec.model import INTEGER_RANGES, ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, ObjectRef, Primitive
from ..spec.model import Spec, TypeRef, unwrap

__all__ = ["EDGE_STRINGS", "EDGE_URIS", "values_for"]

#: The values of each strategy ``_sampled`` made, so ``_either`` can merge them into one draw.
_VALUES: WeakKeyDictionary[st.SearchStrategy[Any], tuple[Any, ...]] = WeakKeyDictionary()


def _sampled(values: Sequence[Any]) -> st.SearchStrategy[Any]:
    """``st.sampled_from(values)``, remembered for ``_either``."""
    strategy = st.sampled_from(tuple(values))
    _VALUES[strategy] = tuple(values)
    return strategy


def _either(*options: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``st.one_of(*options)``; one ``sampled_from`` (one draw, not two) when each option is one."""
    if all(option in _VALUES for option in options):
        return _sampled([value for option in options for value in _VALUES[option]])
    return st.one_of(*options)


_NULL = _sampled([None])
_TEXT = st.characters(exclude_categories=["Cs"])
#: Clocks a DateTime may show at any offset (a day inside DateTime's range at each end), to the second.
_FIRST, _LAST = datetime(1, 1, 2), datetime(9999, 12, 30)
_SECONDS = st.integers(0, (_LAST - _FIRST) // timedelta(seconds=1))
_TICKS = st.integers(0, 9_999_999)
_DIGITS = st.integers(0, 7)
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
        whole = low + pick % (high - low + 1)
        numerator = 2 * (odd % 2 ** (fraction_bits - 1)) + 1
        value: float = whole + numerator / 2**fraction_bits
        return -value if negative else value

    # (significant digits, fraction bits) pairs with an integer part that fits the mantissa
    shapes = [(p, b) for p in precisions for b in range(1, 5) if 10 ** (p - b) <= 2 ** (bits - b) - 1]
    def tie(shape: tuple[int, int], pick: int, odd: int, negative: bool) -> float:
        return build(shape[0], shape[1], pick, odd, negative)

    def binary(mantissa: int, exponent: int, negative: bool) -> float:
        return (-1 if negative else 1) * mantissa / (1 << exponent)

    exact = st.builds(tie, st.sampled_from(shapes), st.integers(0, 2**64), st.integers(0, 7), st.booleans())
    few_bits = st.builds(binary, st.integers(1, 2 ** (bits - 2)), st.integers(0, 12), st.booleans())
    values = st.one_of(exact, few_bits)
    return values.map(to_single) if width == 32 else values


def _edge_decimals() -> st.SearchStrategy[Decimal]:
    """28 and 29 digits with every scale: System.Decimal's largest mantissas, and zero at every scale."""
    mantissas = st.sampled_from([int(DECIMAL_MAX), int(DECIMAL_MAX) - 1, 10**28 - 1, 10**28, 10**27, 1, 0])
    return st.builds(_scaled, mantissas, st.integers(0, 28), st.booleans())


def _scaled(mantissa: int, scale: int, negative: bool = False) -> Decimal:
    # Decimal("<m>E-<s>") is exact; scaleb would round a 29-digit mantissa to 28 digits.
    return Decimal(f"{'-' if negative else ''}{mantissa}E-{scale}")


EDGE_CLOCKS = (datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59), datetime(2000, 2, 29), datetime(1970, 1, 1))
_EDGE_CLOCKS = st.sampled_from(EDGE_CLOCKS)


_POWERS: list[int] = [10**n for n in range(8)]


def _clock(seconds: int) -> datetime:
    return _FIRST + timedelta(seconds=seconds)


def _fraction(digits: int, ticks: int) -> int:
    """Ticks cut to ``digits`` fractional digits (0 to 7, each count as likely: ``_DIGITS``)."""
    return ticks % _POWERS[digits] * _POWERS[7 - digits]


def _offset_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


#: The offsets a Local DateTime is written with when no server offset is given: both extremes, whole,
#: half and three-quarter hours either side of UTC.
LOCAL_OFFSETS = tuple(_offset_text(m) for m in (-840, -570, -300, 0, 330, 345, 765, 840))
#: Every tick a DateTime may show at any offset: seconds after _FIRST times 10^7, plus the ticks.
_INSTANTS = st.integers(0, ((_LAST - _FIRST) // timedelta(seconds=1) + 1) * 10**7 - 1)


def _weighted(*groups: Sequence[Any]) -> list[Any]:
    """The groups' items in one list where each group is as likely as another (each repeated)."""
    size = math.lcm(*map(len, groups))
    return [item for group in groups for _ in range(size // len(group)) for item in group]


def _date_times(server_offset: str | None, edges: bool) -> st.SearchStrategy[DateTimeValue]:
    """DateTimes in two draws: a style (Kind, fractional digits, an edge clock or none) and an instant.

    Each Kind is a third (Unspecified, Utc, Local at ``server_offset`` or one of ``LOCAL_OFFSETS``).
    With ``edges``, a third keep every tick, a third have 0 to 7 fractional digits (each count as
    likely), a third show an ``EDGE_CLOCKS`` clock with 0 to 7 digits; 0001-01-01 and 9999-12-31
    hold in every Kind only at the server's own offset (+00:00 without): another offset would move
    the instant out of DateTime's range, so a Local one is written at that offset.
    """
    locals_ = (server_offset,) if server_offset else LOCAL_OFFSETS
    extreme = server_offset or "+00:00"
    zones = _weighted([None], ["Z"], locals_)
    shapes = [(None, 7)]
    if edges:
        shapes = _weighted(shapes, [(None, d) for d in range(8)], [(c, d) for c in EDGE_CLOCKS for d in range(8)])
    styles = [(zone, clock, digits) for zone in zones for clock, digits in shapes]
    # Hypothesis leans to the first indices of a sampled_from: the plainest style first (what a
    # failure shrinks to), the others in a fixed shuffled order, so no Kind or shape is starved.
    first, *rest = styles
    random.Random(0).shuffle(rest)

    def build(style: tuple[str | None, datetime | None, int], instant: int) -> DateTimeValue:
        zone, clock, digits = style
        seconds, ticks = divmod(instant, 10**7)
        if clock is None:
            clock = _clock(seconds)
        elif zone not in (None, "Z") and not _FIRST <= clock <= _LAST:
            zone = extreme
        return DateTimeValue(clock, _fraction(digits, ticks), zone)

    return st.builds(build, st.sampled_from([first, *rest]), _INSTANTS)


def _decimals() -> st.SearchStrategy[Decimal]:
    """System.Decimal: a 96-bit integer scaled by 10^-0..28, scale kept."""
    return st.builds(_scaled, st.integers(-int(DECIMAL_MAX), int(DECIMAL_MAX)), st.integers(0, 28))


# Named functions, not lambdas, for what strategies map and build: Hypothesis 6.100 reads a
# lambda's source on every draw (to print it), which costs more than the draw.
def _guid(number: int) -> UUID:
    return UUID(int=number)


def _long_text(length: int) -> str:
    return "x" * length


def _date_time_offset(seconds: int, ticks: int, offset: int) -> DateTimeOffsetValue:
    return DateTimeOffsetValue(_clock(seconds) + timedelta(minutes=offset), ticks, offset)


def _edge_date_time_offset(clock: datetime, digits: int, ticks: int) -> DateTimeOffsetValue:
    return DateTimeOffsetValue(clock, _fraction(digits, ticks), 0)


def _short_date_time_offset(seconds: int, digits: int, ticks: int, offset: int) -> DateTimeOffsetValue:
    return DateTimeOffsetValue(_clock(seconds), _fraction(digits, ticks), offset)


_PRIMITIVES: dict[str, st.SearchStrategy[Any]] = {
    "string": st.text(_TEXT, max_size=12),
    "Uri": _sampled(["http://example.com/", "https://example.com/a/b?x=1#f", "relative/path", "urn:isbn:1",
                     "HTTP://Example.com", "http://example.com/a b"]),
    "bool": _sampled([False, True]),
    **{name: st.integers(low, high) for name, (low, high) in INTEGER_RANGES.items()},
    "float": st.floats(width=32),
    "double": st.floats(),
    "decimal": _decimals(),
    "char": st.characters(max_codepoint=0xFFFF, exclude_categories=["Cs"]),
    "Guid": st.integers(0, 2**128 - 1).map(_guid),  # st.uuids() costs twice the draws
    # the instant (clock minus offset) inside [_FIRST, _LAST], drawn as such: nothing to filter out
    "DateTimeOffset": st.builds(_date_time_offset, _SECONDS, _TICKS, _OFFSETS),
    "TimeSpan": st.builds(TimeSpanValue, st.integers(TimeSpanValue.MIN, TimeSpanValue.MAX)),
    "byte[]": st.binary(max_size=8),
}


def _edges(server_offset: str | None) -> dict[str, st.SearchStrategy[Any]]:
    """For each primitive, its edge values, mixed in with the ordinary ones by ``from_spec``."""
    boundaries = {name: _sampled(sorted({low, low + 1, -1 if low < 0 else 0, 0, 1, high - 1, high}))
                  for name, (low, high) in INTEGER_RANGES.items()}
    return {
        "string": st.one_of(st.sampled_from(EDGE_STRINGS), st.text(_EDGE_CHARS, min_size=1, max_size=6),
                            st.integers(100, 5000).map(_long_text)),
        "Uri": _sampled(EDGE_URIS),
        **boundaries,
        "float": st.one_of(st.sampled_from(EDGE_SINGLES), _ties(32)),
        "double": st.one_of(st.sampled_from(EDGE_DOUBLES), _ties(64)),
        "decimal": _edge_decimals(),
        "char": st.sampled_from(["\0", "\x01", "\t", "\r", "\n", " ", "<", "&", "\"", "\uffff", "\ufffe", "\u00e9"]),
        "Guid": st.sampled_from([UUID(int=0), UUID(int=2**128 - 1), UUID("7c9e6679-7425-40de-944b-e07fc1f90ae7")]),
        "DateTimeOffset": st.one_of(
            st.builds(_edge_date_time_offset, _EDGE_CLOCKS, _DIGITS, _TICKS),
            st.builds(_short_date_time_offset, _SECONDS, _DIGITS, _TICKS, st.sampled_from([-840, 840, 0, 330]))),
        "TimeSpan": _sampled([TimeSpanValue(t) for t in (TimeSpanValue.MIN, TimeSpanValue.MAX, 0, 1, -1,
                                                                 TimeSpanValue.MIN + 1, 864_000_000_000)]),
        "byte[]": _sampled([b"", b"\0", b"\xff\xfe", bytes(range(256))]),
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


class _Definitions(dict[str, st.SearchStrategy[Any]]):
    """Each type's strategy, built when first asked for; a type asked for while it is being built
    (it recurs) gets an ``st.deferred`` to itself, and only those pay deferred's extra draw."""

    def __init__(self, build: Callable[[str], st.SearchStrategy[Any]]) -> None:
        super().__init__()
        self._build = build
        self._building: set[str] = set()

    def __missing__(self, name: str) -> st.SearchStrategy[Any]:
        if name in self._building:
            return st.deferred(lambda: self[name])
        self._building.add(name)
        try:
            strategy = self._build(name)
        finally:
            self._building.discard(name)
        self[name] = strategy
        return strategy


def _strategies(spec: Spec, *, server_offset: str | None = None, complete: bool = False,
                contract: bool = False, edges: bool = False, typical: bool = False
                ) -> tuple[Mapping[str, st.SearchStrategy[Any]], Mapping[str, st.SearchStrategy[Any]]]:
    """A strategy for every type of ``spec``, by type name, and the primitives' strategies.

    ``server_offset`` (such as ``"+00:00"``) limits Local DateTimes to that offset: .NET re-expresses
    a Local DateTime in the server's own zone when it reads one, so only those survive a real server.
    ``complete`` gives every class value all its members, as a .NET object always has;
    ``contract`` keeps to what the spec promises of each member (enum, lengths, pattern, range);
    ``edges`` mixes in each primitive's edge values (about half the values) and empty collections;
    ``typical`` draws everyday values (words, small numbers, recent dates, no nulls, no empty
    collections) instead, for examples a person would write.
    """
    primitives = {**_PRIMITIVES, "DateTime": _date_times(server_offset, edges and not typical)}
    if typical:
        primitives |= _TYPICAL | {"DateTime": st.builds(lambda clock: DateTimeValue(clock, 0, "Z"), _TYPICAL_CLOCK)}
    elif edges:
        edge = _edges(server_offset)
        primitives = {name: _either(edge[name], strategy) if name in edge else strategy
                      for name, strategy in primitives.items()}
    shape = _Shape(complete, contract, edges and not typical, typical)
    strategies = _Definitions(lambda name: _definition(spec, name, strategies, primitives, shape))
    return strategies, primitives


def values_for(spec: Spec, type_name: str, *, server_offset: str | None = None, complete: bool = False,
               contract: bool = False, edges: bool = False, typical: bool = False) -> st.SearchStrategy[Any]:
    """Values of one type (any type expression: ``List<ProductModel>``, ``int``) in the shared value
    model (``converter.codecs.values``); classes as dicts of CLR member name to value, members
    optional; ``object`` as ``Boxed`` primitives. ``from_spec`` is the same, leaning to the edges, with
    the encoders attached."""
    strategies, primitives = _strategies(spec, server_offset=server_offset, complete=complete,
                                         contract=contract, edges=edges, typical=typical)
    if type_name in spec.types:
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
            return st.sets(st.sampled_from(values)).map(_or)
        return _sampled(values)
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
    def marked(value: dict[str, Any]) -> dict[str, Any]:
        return {RUNTIME_TYPE: name, **value}

    return marked


def _members(spec: Spec, tdef: ClassType, strategies: Mapping[str, st.SearchStrategy[Any]],
             primitives: Mapping[str, st.SearchStrategy[Any]], shape: _Shape) -> st.SearchStrategy[Any]:
    """Values of exactly ``tdef``: its members and its bases'. An optional member's absence is one
    more branch of its own ``one_of`` (``_ABSENT``), so presence costs no draw of its own."""
    names: list[str] = []
    parts: list[st.SearchStrategy[Any]] = []
    for owner in spec.class_chain(tdef):
        for f in owner.fields:
            # The spec's `required` means present and not null; [DataMember(IsRequired)] means present.
            strategy = _ref(spec, f.type, strategies, primitives, nullable=not f.required and not shape.typical,
                            edges=shape.edges, typical=shape.typical)
            if shape.contract:
                strategy = _promised(spec, f, strategy, shape.edges)
            demanded = shape.complete or f.required or bool(f.data_member and f.data_member.is_required)
            names.append(f.name)
            parts.append(strategy if demanded else _either(_NOT_THERE, strategy))

    def members(values: tuple[Any, ...]) -> dict[str, Any]:
        return {name: value for name, value in zip(names, values) if value is not _ABSENT}

    return st.tuples(*parts).map(members)


class _Absent:
    """A member left out of the value (not null: absent from the payload)."""

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()
_NOT_THERE = _sampled([_ABSENT])


def _promised(spec: Spec, f: Field, strategy: st.SearchStrategy[Any], edges: bool) -> st.SearchStrategy[Any]:
    """Only the values a member's facets allow: its enum, lengths, pattern, range and item counts."""
    core = unwrap(f.type)
    nullable = is_nillable(spec, f.type) and not f.required
    base: st.SearchStrategy[Any] | None = None
    if f.enum is not None:
        base = _sampled(f.enum)
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
    return _either(_NULL, base) if nullable else base


def _or(values: set[int]) -> int:
    out = 0
    for v in values:
        out |= v
    return out


def _boxed(primitives: Mapping[str, st.SearchStrategy[Any]], name: str) -> st.SearchStrategy[Boxed]:
    def boxed(value: Any) -> Boxed:
        return Boxed(name, value)

    return primitives[name].map(boxed)


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
            return _either(_NULL, inner_values) if nullable else inner_values
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
    return _either(_NULL, base) if nullable and is_nillable(spec, ref) else base
