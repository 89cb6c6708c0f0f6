""".NET's lexical rules, each in one place: every codec, the checkers and the fuzzer call these.

- the text forms of primitive values (DateTime, DateTimeOffset, TimeSpan, decimal, double, single);
- OrdinalIgnoreCase, the comparison Json.NET and the model binder match names with (``fold``);
- Enum.ToString and Enum.Parse, and DataContractSerializer's own enum text;
- the NaN and infinity spellings of each serializer, the integer ranges and System.Decimal's.

Each value type keeps what the wire says (ticks of a DateTime, its Kind, the
scale of a decimal), so converting between encodings loses nothing that both
can carry. Rules cite ../shared/reference/dotnet-wire-research.md (section 1,
"Text form of each value type"; section 3, "Values"), [RS] microsoft/referencesource
``mscorlib/system/``, and what Mono 6.8 was observed to do.
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import cache
from json.encoder import encode_basestring as _encode_basestring
from typing import Literal

from ..limits import MAX_DIGITS
from ..spec.model import INTEGER_RANGES, EnumType, EnumValue
from . import messages
from .clrdouble import parse_double

__all__ = [
    "DECIMAL_MAX",
    "DateTimeOffsetValue",
    "DateTimeValue",
    "Serializer",
    "TimeSpanValue",
    "CLR_PRIMITIVES",
    "DateTimeZone",
    "JsonEscape",
    "big_integer_fields",
    "check_integer",
    "clr_type_name",
    "dcs_enum_parse",
    "dcs_enum_text",
    "decimal_digits",
    "enum_is_defined",
    "enum_parse",
    "enum_to_string",
    "ensure_date_time",
    "fit_decimal",
    "is_upper",
    "lower_invariant",
    "fold",
    "format_decimal",
    "format_double",
    "format_float",
    "json_enum_names",
    "json_enum_parse",
    "json_enum_text",
    "json_escape",
    "microsoft_date",
    "microsoft_date_time",
    "non_finite",
    "non_finite_text",
    "normalize_uri",
    "nullable_type_name",
    "offset_text",
    "from_base64",
    "to_base64",
    "parse_decimal",
    "parse_microsoft_date",
    "significant_digits",
    "split_type_name",
    "to_single",
    "whole",
]

#: Who reads or writes a value: DataContractSerializer (XmlConvert), Json.NET, or the model
#: binder's TypeConverters (Double.Parse with the invariant culture).
Serializer = Literal["xml", "json", "form"]

#: System.Decimal's largest magnitude: a 96-bit mantissa at scale 0 ([RS] decimal.cs).
DECIMAL_MAX = Decimal(2**96 - 1)


# -- OrdinalIgnoreCase ---------------------------------------------------------------------

# Mono 6.8's invariant upper-casing is older than Python's Unicode tables: these BMP letters gained
# upper-case partners after it (a dump of char.ToUpperInvariant over every BMP unit on Mono, compared
# with the rule in _upper; tests/interop/test_fold_interop.py repeats it where Mono is installed).
_NEWER_THAN_MONO = (
    (0x023F, 0x0240), (0x0252, 0x0252), (0x025C, 0x025C), (0x0261, 0x0261), (0x0265, 0x0266),
    (0x026A, 0x026A), (0x026C, 0x026C), (0x0282, 0x0282), (0x0287, 0x0287), (0x029D, 0x029E),
    (0x03F3, 0x03F3), (0x0525, 0x0525), (0x0527, 0x0527), (0x0529, 0x0529), (0x052B, 0x052B),
    (0x052D, 0x052D), (0x052F, 0x052F), (0x10D0, 0x10FA), (0x10FD, 0x10FF), (0x13F8, 0x13FD),
    (0x1D8E, 0x1D8E), (0x2C5F, 0x2C5F), (0x2CEC, 0x2CEC), (0x2CEE, 0x2CEE), (0x2CF3, 0x2CF3),
    (0x2D27, 0x2D27), (0x2D2D, 0x2D2D), (0xA661, 0xA661), (0xA699, 0xA699), (0xA69B, 0xA69B),
    (0xA791, 0xA791), (0xA793, 0xA794), (0xA797, 0xA797), (0xA799, 0xA799), (0xA79B, 0xA79B),
    (0xA79D, 0xA79D), (0xA79F, 0xA79F), (0xA7A1, 0xA7A1), (0xA7A3, 0xA7A3), (0xA7A5, 0xA7A5),
    (0xA7A7, 0xA7A7), (0xA7A9, 0xA7A9), (0xA7B5, 0xA7B5), (0xA7B7, 0xA7B7), (0xA7B9, 0xA7B9),
    (0xA7BB, 0xA7BB), (0xA7BD, 0xA7BD), (0xA7BF, 0xA7BF), (0xA7C1, 0xA7C1), (0xA7C3, 0xA7C3),
    (0xA7C8, 0xA7C8), (0xA7CA, 0xA7CA), (0xA7D1, 0xA7D1), (0xA7D7, 0xA7D7), (0xA7D9, 0xA7D9),
    (0xA7F6, 0xA7F6), (0xAB53, 0xAB53), (0xAB70, 0xABBF),
)


def _upper(unit: str) -> str:
    """The invariant simple upper-case of one UTF-16 unit, as Mono's char.ToUpperInvariant gives it:
    a one-character mapping (the title-case one where Python's upper-case is several characters,
    as for U+1F80) that lower-cases back to ``unit``. So ß, ﬃ, ſ, ı, µ and ς stay themselves."""
    upper = unit.upper()
    if len(upper) != 1:
        upper = unit.title()
    return upper if len(upper) == 1 and upper.lower() == unit else unit


@cache
def _fold_table() -> dict[int, str]:
    newer = {c for low, high in _NEWER_THAN_MONO for c in range(low, high + 1)}
    return {code: upper for code in range(0x10000)
            if code not in newer and not 0xD800 <= code <= 0xDFFF and (upper := _upper(chr(code))) != chr(code)}


def fold(text: str) -> str:
    """``text`` as OrdinalIgnoreCase compares it: each UTF-16 unit upper-cased on its own
    (String.Equals(a, b, OrdinalIgnoreCase) is ``fold(a) == fold(b)``). An astral letter is two
    surrogate units, which have no case, so it is never folded.

    >>> fold("straße"), fold("ſ") == fold("s"), fold("\u212a") == fold("k"), fold("ǆ")
    ('STRAßE', False, False, 'Ǆ')
    """
    if text.isascii():
        return text.upper()
    return "".join(_fold_table().get(ord(c), c) if ord(c) < 0x10000 else c for c in text)


# -- char.IsUpper and char.ToLowerInvariant (Json.NET's camel-casing) ----------------------------

# Mono 6.8's tables again predate Python's: these BMP units are upper-case letters (Lu) to Python but
# not to Mono's char.IsUpper, and these keep themselves under Mono's char.ToLowerInvariant where Python
# lower-cases them (a dump over every BMP unit on Mono; tests/interop/test_lexical_interop.py repeats it).
# Found by `contractkit fuzz`: a dictionary key "\u212a" (KELVIN SIGN) camel-cased to "k" here, kept on Mono.
_MONO_NOT_UPPER = (
    (0x037F, 0x037F), (0x0528, 0x0528), (0x052A, 0x052A), (0x052C, 0x052C), (0x052E, 0x052E), (0x13A0, 0x13F5),
    (0x1C90, 0x1CBA), (0x1CBD, 0x1CBF), (0x2C2F, 0x2C2F), (0xA698, 0xA698), (0xA69A, 0xA69A), (0xA796, 0xA796),
    (0xA798, 0xA798), (0xA79A, 0xA79A), (0xA79C, 0xA79C), (0xA79E, 0xA79E), (0xA7AB, 0xA7AE), (0xA7B0, 0xA7B4),
    (0xA7B6, 0xA7B6), (0xA7B8, 0xA7B8), (0xA7BA, 0xA7BA), (0xA7BC, 0xA7BC), (0xA7BE, 0xA7BE), (0xA7C0, 0xA7C0),
    (0xA7C2, 0xA7C2), (0xA7C4, 0xA7C7), (0xA7C9, 0xA7C9), (0xA7D0, 0xA7D0), (0xA7D6, 0xA7D6), (0xA7D8, 0xA7D8),
    (0xA7F5, 0xA7F5),
)
_MONO_LOWER_KEEPS = _MONO_NOT_UPPER + (
    (0x01C5, 0x01C5), (0x01C8, 0x01C8), (0x01CB, 0x01CB), (0x01F2, 0x01F2), (0x03F4, 0x03F4), (0x0524, 0x0524),
    (0x0526, 0x0526), (0x10C7, 0x10C7), (0x10CD, 0x10CD), (0x1E9E, 0x1E9E), (0x2126, 0x2126), (0x212A, 0x212B),
    (0x2C70, 0x2C70), (0x2C7E, 0x2C7F), (0x2CEB, 0x2CEB), (0x2CED, 0x2CED), (0x2CF2, 0x2CF2), (0xA660, 0xA660),
    (0xA78D, 0xA78D), (0xA790, 0xA790), (0xA792, 0xA792), (0xA7A0, 0xA7A0), (0xA7A2, 0xA7A2), (0xA7A4, 0xA7A4),
    (0xA7A6, 0xA7A6), (0xA7A8, 0xA7A8), (0xA7AA, 0xA7AA),
)


def _within(code: int, table: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in table)


def is_upper(unit: str) -> bool:
    """``char.IsUpper`` on Mono: category Lu, less the letters Mono's tables do not know yet.

    >>> is_upper("A"), is_upper("a"), is_upper("\u13a0"), is_upper("\u212a")
    (True, False, False, True)
    """
    import unicodedata

    return unicodedata.category(unit) == "Lu" and not _within(ord(unit), _MONO_NOT_UPPER)


def lower_invariant(unit: str) -> str:
    """``char.ToLowerInvariant`` on Mono: one unit for one (İ and the title-case letters keep
    themselves where Python's mapping is longer), less the mappings Mono's tables do not have.

    >>> lower_invariant("A"), lower_invariant("\u0130"), lower_invariant("\u212a")
    ('a', '\u0130', '\u212a')
    """
    lower = unit.lower()
    if len(lower) != 1 or _within(ord(unit), _MONO_LOWER_KEEPS):
        return unit
    return lower


# -- enums ---------------------------------------------------------------------------------

_UINT64 = 2**64 - 1


def enum_is_defined(enum: EnumType, value: int) -> bool:
    """A declared value, or for ``[Flags]`` any combination of declared bits."""
    if not enum.flags:
        return any(m.value == value for m in enum.members)
    mask = 0
    for m in enum.members:
        mask |= m.value & _UINT64
    return value & _UINT64 & ~mask == 0


def _flag_members(enum: EnumType, value: int) -> list[EnumValue] | None:
    """The members Enum.ToString() names for a flags value: greedily from the largest, values
    compared as unsigned 64-bit numbers, listed smallest first; None when bits are left over
    ([RS] enum.cs InternalFlagsFormat)."""
    members = sorted(enum.members, key=lambda m: m.value & _UINT64)
    rest = value & _UINT64
    if rest == 0:
        return [members[0]] if members and members[0].value == 0 else None
    chosen: list[EnumValue] = []
    for m in reversed(members):
        bits = m.value & _UINT64
        if bits and rest & bits == bits:
            rest -= bits
            chosen.append(m)
    return chosen[::-1] if rest == 0 else None


def enum_to_string(enum: EnumType, value: int) -> str:
    """Enum.ToString(): the member's name; for ``[Flags]`` names joined by ``", "``; else the number
    (StringEnumConverter's text is ``json_enum_text``)."""
    if enum.flags:
        members = _flag_members(enum, value)
    else:
        members = next(([m] for m in enum.members if m.value == value), None)
    if members is None:
        return str(value)
    return ", ".join(m.name for m in members)


def enum_parse(enum: EnumType, text: str) -> int:
    """Enum.Parse(type, text, ignoreCase: true): comma-separated parts, each trimmed, a number
    or a member name compared with OrdinalIgnoreCase, OR-ed together ([RS] enum.cs TryParseEnum);
    Json.NET's own reading is ``json_enum_parse``. ValueError says which part failed."""
    value = 0
    for raw in text.split(","):
        part = raw.strip(_WHITESPACE)
        if part[:1] in tuple("0123456789+-"):
            if not (part.lstrip("+-").isascii() and part.lstrip("+-").isdigit()) or part[:2] in ("+-", "-+", "++", "--"):
                raise ValueError(messages.not_a(enum.name, "a number or a member name", text))
            value |= whole(part)
            continue
        folded = fold(part)
        match = next((m for m in enum.members if fold(m.name) == folded), None)
        if match is None:
            names = [m.name for m in enum.members]
            raise ValueError(messages.expected(messages.one_of(names), text))
        value |= match.value
    return value


def dcs_enum_text(enum: EnumType, value: int) -> str:
    """DataContractSerializer's text for an enum value: the exact member's EnumMember value or name,
    else for flags the members in declaration order, space-separated ([RS] EnumDataContract.cs
    WriteEnumValue). ValueError when the value is no member or combination."""
    for member in enum.members:
        if member.value == value:
            return member.wire_name
    if not enum.flags:
        raise ValueError(f"{value} is not a value of enum {enum.name}")
    names, rest, zero = [], value, None
    for member in enum.members:
        if member.value == 0:
            zero = member.wire_name
            continue
        if rest == 0:
            break
        if member.value & rest == member.value:
            names.append(member.wire_name)
            rest &= ~member.value
    if rest:
        raise ValueError(f"{value} is not a combination of enum {enum.name}'s flags")
    return " ".join(names) if names else (zero or "")


def dcs_enum_parse(enum: EnumType, text: str) -> int:
    """DataContractSerializer's reading: exact EnumMember values or names, whitespace-separated for flags."""
    by_name = {m.wire_name: m.value for m in enum.members}
    words = text.split() if enum.flags else [text.strip()]
    value = 0
    for word in words:
        if word not in by_name:
            raise ValueError(messages.expected(messages.one_of(by_name), word))
        value |= by_name[word]
    return value


#: Char.IsWhiteSpace, which String.Trim and Enum.Parse use; not Python's str.isspace.
_WHITESPACE = ("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
               "\u200a\u2028\u2029\u202f\u205f\u3000")


# -- numbers -------------------------------------------------------------------------------

#: The spellings of NaN and the infinities: XmlConvert's, Json.NET's FloatFormatHandling.String
#: ([NJ] JsonConvert.cs), and NumberFormatInfo.InvariantInfo's, which the form binder parses.
_NON_FINITE: dict[Serializer, dict[str, float]] = {
    "xml": {"NaN": math.nan, "INF": math.inf, "-INF": -math.inf},
    "json": {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf},
    "form": {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf},
}


def non_finite(serializer: Serializer) -> dict[str, float]:
    """The non-finite spellings a serializer reads, and their values."""
    return _NON_FINITE[serializer]


def non_finite_text(value: float, serializer: Serializer) -> str:
    """How a serializer spells NaN or an infinity.

    >>> non_finite_text(float("-inf"), "xml"), non_finite_text(float("-inf"), "json")
    ('-INF', '-Infinity')
    """
    for text, number in _NON_FINITE[serializer].items():
        if number == value or (math.isnan(value) and math.isnan(number)):
            return text
    raise ValueError(f"{value} is finite")


def whole(text: str, base: int = 10) -> int:
    """``int(text, base)``, refusing (ValueError) a number longer than ``MAX_DIGITS`` before it is
    converted: converting is superlinear in the digits, Python refuses past 4,300 in its own
    words, and no .NET integer has more than 20."""
    if len(text) > MAX_DIGITS and len(text.strip().lstrip("+-").lstrip("0")) > MAX_DIGITS:
        raise ValueError(messages.too_many_digits(MAX_DIGITS))
    return int(text, base)


def check_integer(type_name: str, value: int, shown: object = None) -> int:
    """``value`` if it fits the C# integer type, else ValueError with the one range message."""
    low, high = INTEGER_RANGES[type_name]
    if not low <= value <= high:
        raise ValueError(messages.out_of_range(type_name, value if shown is None else shown, low, high))
    return value

TICKS_PER_SECOND = 10_000_000
_DATE_RE = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(?P<frac>\d{1,7}))?(?P<zone>Z|[+-]\d{2}:\d{2})?"
)
_DURATION_RE = re.compile(
    r"(?P<sign>-)?P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)(?:\.(?P<f>\d+))?S)?)?"
)
_TIMESPAN_RE = re.compile(r"(?P<sign>-)?(?:(?P<d>\d+)\.)?(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})(?:\.(?P<f>\d{1,7}))?")


def _fraction(ticks: int) -> str:
    """``.fffffff`` with trailing zeros trimmed; empty when zero (DateTime's "o"-like form)."""
    return "." + f"{ticks:07d}".rstrip("0") if ticks else ""


@dataclass(frozen=True, slots=True)
class DateTimeValue:
    """A ``System.DateTime`` to the tick; ``zone`` is its Kind as written:
    ``None`` (Unspecified), ``"Z"`` (Utc) or ``"+hh:mm"`` (Local).

    >>> v = DateTimeValue.parse("2026-05-29T16:57:00.3151690+00:00")
    >>> str(v)
    '2026-05-29T16:57:00.315169+00:00'
    """

    clock: datetime
    ticks: int = 0
    zone: str | None = None

    @classmethod
    def parse(cls, text: str) -> DateTimeValue:
        m = _DATE_RE.fullmatch(text.strip())
        if not m:
            raise ValueError(messages.not_a("DateTime", "yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±hh:mm]", text))
        d = m["date"]
        try:
            clock = datetime(int(d[0:4]), int(d[5:7]), int(d[8:10]), int(d[11:13]), int(d[14:16]), int(d[17:19]))
        except ValueError as exc:
            raise ValueError(f"{messages.quote(text)} is not a valid DateTime: {exc}") from None
        if m["zone"] not in (None, "Z"):
            _offset_minutes(m["zone"])
        return cls(clock, int((m["frac"] or "").ljust(7, "0") or 0), m["zone"])

    def __str__(self) -> str:
        return self.clock.isoformat(timespec="seconds") + _fraction(self.ticks) + (self.zone or "")


@dataclass(frozen=True, slots=True)
class DateTimeOffsetValue:
    """A ``System.DateTimeOffset``: the local clock time, ticks and offset.

    JSON writes the clock with ``±hh:mm``; XML writes the UTC instant and ``OffsetMinutes``.

    >>> v = DateTimeOffsetValue.parse("2026-05-29T22:27:00.5+05:30")
    >>> v.utc_text(), v.offset_minutes
    ('2026-05-29T16:57:00.5Z', 330)
    """

    clock: datetime
    ticks: int
    offset_minutes: int

    @classmethod
    def parse(cls, text: str) -> DateTimeOffsetValue:
        moment = DateTimeValue.parse(text)
        if moment.zone is None:
            raise ValueError(f"{messages.quote(text)} is not a DateTimeOffset: it has no offset")
        return cls(moment.clock, moment.ticks, 0 if moment.zone == "Z" else _offset_minutes(moment.zone))

    @classmethod
    def from_utc(cls, utc: DateTimeValue, offset_minutes: int) -> DateTimeOffsetValue:
        if not -840 <= offset_minutes <= 840:
            raise ValueError(f"offset {offset_minutes} minutes is outside ±14 hours")
        return cls(utc.clock + timedelta(minutes=offset_minutes), utc.ticks, offset_minutes)

    def __str__(self) -> str:
        sign = "-" if self.offset_minutes < 0 else "+"
        hours, minutes = divmod(abs(self.offset_minutes), 60)
        return str(DateTimeValue(self.clock, self.ticks)) + f"{sign}{hours:02d}:{minutes:02d}"

    def utc_text(self) -> str:
        """The UTC instant as DataContractSerializer writes DateTimeOffset's ``DateTime``."""
        return str(DateTimeValue(self.clock - timedelta(minutes=self.offset_minutes), self.ticks, "Z"))


def _offset_minutes(zone: str) -> int:
    hours, minutes = int(zone[1:3]), int(zone[4:6])
    if hours > 14 or minutes > 59:
        raise ValueError(f"{zone!r} is not a UTC offset")
    return (hours * 60 + minutes) * (-1 if zone[0] == "-" else 1)


@dataclass(frozen=True, slots=True)
class TimeSpanValue:
    """A ``System.TimeSpan`` in ticks (100 ns).

    >>> t = TimeSpanValue.parse_duration("P1DT2H3M4.5S")
    >>> t.duration(), t.constant()
    ('P1DT2H3M4.5S', '1.02:03:04.5000000')
    """

    ticks: int

    MIN = -(2**63)
    MAX = 2**63 - 1

    def __post_init__(self) -> None:
        if not self.MIN <= self.ticks <= self.MAX:
            raise ValueError("TimeSpan out of range")

    @classmethod
    def parse_duration(cls, text: str) -> TimeSpanValue:
        """xs:duration as XmlConvert reads it; days only (no years or months)."""
        m = _DURATION_RE.fullmatch(text.strip())
        if not m or text.strip().rstrip("T").endswith("P") or text.strip().endswith("T"):
            raise ValueError(messages.not_a("TimeSpan", "an xs:duration such as P1DT2H3M4.5S", text))
        return cls._from_parts(m)

    @classmethod
    def parse_constant(cls, text: str) -> TimeSpanValue:
        """TimeSpan's invariant "c" form ``[-][d.]hh:mm:ss[.fffffff]``."""
        m = _TIMESPAN_RE.fullmatch(text.strip())
        if not m or int(m["h"]) > 23 or int(m["m"]) > 59 or int(m["s"]) > 59:
            raise ValueError(messages.not_a("TimeSpan", "[-][d.]hh:mm:ss[.fffffff]", text))
        return cls._from_parts(m)

    @classmethod
    def _from_parts(cls, m: re.Match[str]) -> TimeSpanValue:
        seconds = int(m["d"] or 0) * 86400 + int(m["h"] or 0) * 3600 + int(m["m"] or 0) * 60 + int(m["s"] or 0)
        fraction = (m["f"] or "")[:7].ljust(7, "0")
        ticks = seconds * TICKS_PER_SECOND + int(fraction)
        return cls(-ticks if m["sign"] else ticks)

    def duration(self) -> str:
        """xs:duration as XmlConvert writes it: days never fold into months; zero is PT0S."""
        if self.ticks == 0:
            return "PT0S"
        sign = "-" if self.ticks < 0 else ""
        seconds, ticks = divmod(abs(self.ticks), TICKS_PER_SECOND)
        days, rest = divmod(seconds, 86400)
        hours, rest = divmod(rest, 3600)
        minutes, seconds = divmod(rest, 60)
        out = f"{sign}P" + (f"{days}D" if days else "")
        if hours or minutes or seconds or ticks:
            out += "T" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
            if seconds or ticks:
                out += f"{seconds}{_fraction(ticks)}S"
        return out

    def constant(self) -> str:
        """The "c" form Json.NET writes: 7 fraction digits whenever there is a fraction."""
        sign = "-" if self.ticks < 0 else ""
        seconds, ticks = divmod(abs(self.ticks), TICKS_PER_SECOND)
        days, rest = divmod(seconds, 86400)
        hours, rest = divmod(rest, 3600)
        minutes, seconds = divmod(rest, 60)
        return (f"{sign}{f'{days}.' if days else ''}{hours:02d}:{minutes:02d}:{seconds:02d}"
                + (f".{ticks:07d}" if ticks else ""))


def parse_decimal(text: str) -> Decimal:
    """A System.Decimal, keeping its scale; no exponent, at most 28-29 digits.

    >>> parse_decimal("1.10")
    Decimal('1.10')
    """
    fitted = fit_decimal(decimal_digits(text))
    if fitted is None:
        raise ValueError(messages.outside("System.Decimal", text))
    return fitted


def decimal_digits(text: str) -> Decimal:
    """The exact value of digits with an optional point (surrounding spaces allowed), not yet fitted."""
    stripped = text.strip()
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", stripped):
        raise ValueError(messages.not_a("decimal", "digits with an optional point", text))
    try:
        return Decimal(stripped)
    except InvalidOperation:
        raise ValueError(messages.not_a("decimal", "digits with an optional point", text)) from None


_WIDE = Context(prec=80)


def fit_decimal(value: Decimal) -> Decimal | None:
    """What Decimal.Parse makes of ``value``: at most 28 decimal places and a 96-bit mantissa, digits
    beyond them rounded half to even, the scale dropping as far as it must; None when even the
    integer part does not fit. Observed on Mono: ``79228162514264337593543950335.0`` parses as
    ``79228162514264337593543950335``, ``7922816251426433759354395033.45`` as ``...033.4``,
    ``1.00000000000000000000000000001`` as ``1.0000000000000000000000000000``.

    >>> fit_decimal(Decimal("79228162514264337593543950335.0")), fit_decimal(Decimal("1.10"))
    (Decimal('79228162514264337593543950335'), Decimal('1.10'))
    """
    if not value.is_finite() or value.copy_abs() >= DECIMAL_MAX + 1:  # no rounding brings it back in range
        return None
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    for scale in range(min(max(0, -exponent), 28), -1, -1):
        fitted = value.quantize(Decimal(1).scaleb(-scale), rounding=ROUND_HALF_EVEN, context=_WIDE)
        if fitted.copy_abs().scaleb(scale, context=_WIDE) <= DECIMAL_MAX:
            return fitted
    return None


def format_decimal(value: Decimal) -> str:
    """Invariant ToString: the scale kept, never an exponent, and no sign on a zero (observed on
    Mono: -0.0m is ``0.0`` from ToString, Json.NET and DataContractSerializer alike; found by
    ``contractkit fuzz``, which saw XML keep the sign).

    >>> format_decimal(Decimal("-0.00")), format_decimal(Decimal("-1.50"))
    ('0.00', '-1.50')
    """
    return f"{value.copy_abs() if value.is_zero() else value:f}"


def format_double(value: float) -> str:
    """Double's text as .NET Framework's DataContractSerializer writes it: ``R`` is G15
    when the CLR's own parser (``clrdouble``) reads that back as the value, else G17; INF, -INF,
    NaN. Negative zero prints as ``0`` (observed on Mono; .NET Framework's formatting drops the
    sign of zero).

    >>> [format_double(v) for v in (0.1 + 0.2, 1 / 3, 1e21, 1e-5, 1e-4, -0.0, float("inf"), 2.0)]
    ['0.30000000000000004', '0.33333333333333331', '1E+21', '1E-05', '0.0001', '0', 'INF', '2']
    """
    if not math.isfinite(value):
        return non_finite_text(value, "xml")
    for precision in (15, 17):
        text = significant_digits(value, precision)
        if parse_double(text) == value:
            break
    return _dotnet_general(text, precision)


def format_float(value: float) -> str:
    """Single's ``R`` text: G7 when the CLR's parser, rounded to float32, reads that back, else G9.

    >>> [format_float(v) for v in (3.4028234663852886e38, 1 / 3, 0.5)]
    ['3.40282347E+38', '0.333333343', '0.5']
    """
    if math.isnan(value) or math.isinf(value):
        return format_double(value)
    single = to_single(value)
    for precision in (7, 9):
        text = significant_digits(single, precision)
        try:
            if to_single(parse_double(text)) == single:
                break
        except OverflowError:
            continue
    return _dotnet_general(text, precision)


def significant_digits(value: float, precision: int) -> str:
    """``value`` to ``precision`` significant digits, a tie rounded away from zero: .NET rounds the
    decimal digits of the exact binary value, where Python's ``g`` rounds a tie to even
    (-1906671.625f is ``-1906671.63`` on Mono, ``-1906671.62`` in Python)."""
    exact = Decimal(value)
    if not exact:
        return "0"
    return str(exact.quantize(Decimal(1).scaleb(exact.adjusted() - precision + 1), rounding=ROUND_HALF_UP))


def big_integer_fields(value: int) -> tuple[int, list[int] | None]:
    """System.Numerics.BigInteger's serialized fields (``_sign``, ``_bits``) as DataContractSerializer
    writes them ([Serializable], corefx's layout, observed on Mono): a value within int (but int's
    minimum) is all in ``_sign``; a larger one is ``_sign`` of -1 or 1 and the magnitude's 32-bit words,
    least significant first.

    >>> big_integer_fields(2**64 - 2), big_integer_fields(-(2**63) - 1), big_integer_fields(5)
    ((1, [4294967294, 4294967295]), (-1, [1, 2147483648]), (5, None))
    """
    if -(2**31) < value < 2**31:
        return value, None
    magnitude = abs(value)
    return (1 if value > 0 else -1), [(magnitude >> shift) & 0xFFFFFFFF for shift in range(0, magnitude.bit_length(), 32)]


def to_single(value: float) -> float:
    """``value`` rounded to float32."""
    result: float = struct.unpack("<f", struct.pack("<f", value))[0]
    return result


def _dotnet_general(text: str, precision: int) -> str:
    """Re-spell Python's ``g`` digits in .NET's "G" layout: exponent form (``E+XX``,
    two digits at least) when the exponent is <= -5 or >= ``precision``."""
    value = Decimal(text)
    if value == 0:
        return "0"
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    mantissa = "".join(map(str, digits)).rstrip("0")
    point = len(digits) + exponent  # where the decimal point falls among the digits
    e10 = point - 1
    minus = "-" if sign else ""
    if e10 <= -5 or e10 >= precision:
        rest = mantissa[1:]
        return f"{minus}{mantissa[0]}{'.' + rest if rest else ''}E{'+' if e10 >= 0 else '-'}{abs(e10):02d}"
    if point <= 0:
        return f"{minus}0.{'0' * -point}{mantissa}"
    if point >= len(mantissa):
        return minus + mantissa + "0" * (point - len(mantissa))
    return f"{minus}{mantissa[:point]}.{mantissa[point:]}"


_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21"}


def normalize_uri(text: str) -> str:
    """What System.Uri makes of an absolute http(s)/ftp/file URI when DataContractSerializer writes it:
    scheme and host lower-cased, the default port and dot segments dropped, an empty path as
    ``/``, unreserved ``%XX`` decoded and spaces or non-ASCII escaped. Other URIs are kept.

    >>> normalize_uri("https://EXAMPLE.com:443/%7Euser/../x?q=%41#frag")
    'https://example.com/x?q=A#frag'
    >>> normalize_uri("http://example.com/a b?x=1"), normalize_uri("relative/path")
    ('http://example.com/a%20b?x=1', 'relative/path')
    """
    from posixpath import normpath
    from urllib.parse import quote, urlsplit, urlunsplit

    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    # file: URIs are re-spelled the same way, an empty host and all (found by `contractkit fuzz`:
    # Mono writes file:///c:/x y as file:///c:/x%20y).
    if not (scheme in _DEFAULT_PORTS and parts.netloc or scheme == "file"):
        return text
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets (found by `contractkit fuzz`: http://[::1]:8080/x)
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port is not None and str(parts.port) != _DEFAULT_PORTS.get(scheme) else ""
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (userinfo + "@" if userinfo else "") + host + port
    path = parts.path or "/"
    if "/." in path:
        path = normpath(path) + ("/" if path.endswith("/") and path != "/" else "")
        path = "/" + path.lstrip("/")

    def clean(component: str) -> str:
        out = re.sub(r"%([0-9A-Fa-f]{2})",
                     lambda m: chr(int(m[1], 16)) if chr(int(m[1], 16)) in _UNRESERVED else m[0].upper(), component)
        return quote(out, safe="/?#[]@!$&'()*+,;=:%~")

    return urlunsplit((scheme, netloc, clean(path), clean(parts.query), clean(parts.fragment)))


# -- Json.NET's settings (issue 9b) -----------------------------------------------------------
# [NJ] is JamesNK/Newtonsoft.Json Src/Newtonsoft.Json/ at 13.0.4 (the rules follow it); each notes
# where Mono's Json.NET 6.0.8 (tests/interop) agrees or differs.

#: Ticks of 1970-01-01T00:00:00Z ([NJ] Utilities/DateTimeUtils.cs InitialJavaScriptDateTicks).
_JAVASCRIPT_EPOCH = datetime(1970, 1, 1)
_MICROSOFT_RE = re.compile(r"/Date\((?P<ms>-?\d+)(?P<zone>[+-]\d{2}(?:\d{2})?)?\)/")
DateTimeZone = Literal["RoundtripKind", "Utc", "Local", "Unspecified"]


def _utc_of(value: DateTimeValue) -> tuple[datetime, int]:
    """The UTC instant of a Utc or Local DateTime (an Unspecified one as if it were UTC)."""
    minutes = _offset_minutes(value.zone) if value.zone not in (None, "Z") else 0
    return value.clock - timedelta(minutes=minutes), value.ticks


def ensure_date_time(value: DateTimeValue, handling: DateTimeZone) -> tuple[DateTimeValue, bool]:
    """DateTimeZoneHandling applied to a DateTime, written or read ([NJ] DateTimeUtils.EnsureDateTime;
    the same in 6.0.8, observed). Returns the value and whether it needed the server's time zone,
    which contractkit takes to be UTC: a Local DateTime keeps its own offset as the server's."""
    if handling == "RoundtripKind" or value.zone is None and handling == "Unspecified":
        return value, False
    if handling == "Utc":
        if value.zone is None:  # SwitchToUtcTime: an Unspecified value is taken to be UTC already
            return DateTimeValue(value.clock, value.ticks, "Z"), False
        clock, ticks = _utc_of(value)
        return DateTimeValue(clock, ticks, "Z"), False
    if handling == "Local":
        if value.zone is None or value.zone == "Z":  # SwitchToLocalTime: needs the server's zone
            return DateTimeValue(value.clock, value.ticks, "+00:00"), True
        return value, False
    return DateTimeValue(value.clock, value.ticks, None), False  # Unspecified: the clock kept, the Kind dropped


def microsoft_date(clock: datetime, ticks: int, offset_minutes: int | None) -> tuple[str, bool]:
    """``\\/Date(ms[+hhmm])\\/`` for a UTC instant, the offset written when given ([NJ]
    DateTimeUtils.WriteDateTimeString; observed on 6.0.8: ``"\\/Date(1234567890000+0100)\\/"``).
    Returns the JSON text (quotes included) and whether ticks below a millisecond were dropped."""
    delta = clock - _JAVASCRIPT_EPOCH
    total = (delta.days * 86400 + delta.seconds) * TICKS_PER_SECOND + ticks
    ms = abs(total) // 10_000 * (1 if total >= 0 else -1)  # C#'s long division truncates toward zero
    zone = ""
    if offset_minutes is not None:
        hours, minutes = divmod(abs(offset_minutes), 60)
        zone = f"{'-' if offset_minutes < 0 else '+'}{hours:02d}{minutes:02d}"
    return f'"\\/Date({ms}{zone})\\/"', total % 10_000 != 0


def microsoft_date_time(value: DateTimeValue) -> tuple[str, bool]:
    """A DateTime in the Microsoft format: the UTC instant, plus the offset unless the Kind is Utc
    (an Unspecified value at the server's offset, taken as +00:00)."""
    clock, ticks = _utc_of(value)
    if value.zone == "Z":
        return microsoft_date(clock, ticks, None)
    return microsoft_date(clock, ticks, 0 if value.zone is None else _offset_minutes(value.zone))


def parse_microsoft_date(text: str) -> tuple[datetime, int, int | None] | None:
    """``/Date(ms[+hhmm])/`` as Json.NET's reader finds it in any string, whatever DateFormatHandling
    says ([NJ] DateTimeUtils.TryParseDateTimeMicrosoft): the UTC clock, its ticks, and the offset in
    minutes when one is written (the value is then Local). None when ``text`` is not one."""
    m = _MICROSOFT_RE.fullmatch(text)
    if m is None:
        return None
    ticks = int(m["ms"]) * 10_000
    try:
        clock = _JAVASCRIPT_EPOCH + timedelta(microseconds=ticks // 10)
    except OverflowError:
        raise ValueError(messages.outside("DateTime", text)) from None
    if not datetime(1, 1, 1) <= clock <= datetime(9999, 12, 31, 23, 59, 59):
        raise ValueError(messages.outside("DateTime", text))
    zone = m["zone"]
    fraction = clock.microsecond * 10
    clock = clock.replace(microsecond=0)
    if zone is None:
        return clock, fraction, None
    minutes = int(zone[1:3]) * 60 + int(zone[3:5] or 0)
    return clock, fraction, -minutes if zone[0] == "-" else minutes


def offset_text(minutes: int) -> str:
    """``+hh:mm`` for an offset in minutes."""
    hours, rest = divmod(abs(minutes), 60)
    return f"{'-' if minutes < 0 else '+'}{hours:02d}:{rest:02d}"


JsonEscape = Literal["default", "html", "nonAscii"]
# [NJ] Utilities/JavaScriptUtils.cs (the same in 6.0.8, observed): '"', '\\', control characters (short
# forms where JSON has them, else \u00xx in lower case), U+0085, U+2028, U+2029; EscapeHtml adds
# < > & ' and writes '"' as \u0022; EscapeNonAscii writes every unit from U+0080 as \uxxxx.
_JSON_ESCAPES = {chr(c): f"\\u{c:04x}" for c in range(0x20)} | {
    "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\",
    "\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_HTML_ESCAPES = _JSON_ESCAPES | {c: f"\\u{ord(c):04x}" for c in "<>&'\""}
_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")
_HTML_ESCAPED = re.compile('[\x00-\x1f"\\\\\x85\u2028\u2029<>&\']')


@cache
def _non_ascii() -> re.Pattern[str]:
    """What nonAscii escapes, compiled on first use: the class of all Unicode takes 5 ms, a tenth
    of ``validate``'s start-up, and most runs never write JSON so."""
    return re.compile('[\x00-\x1f"\\\\\x80-\U0010ffff]')


def _unicode_escape(c: str) -> str:
    code = ord(c)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # two UTF-16 units, each escaped
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_escape(text: str, handling: JsonEscape = "default") -> str:
    """A JSON string's body as Json.NET's JavaScriptUtils.WriteEscapedJavaScriptString writes it.

    Under the default handling the standard library's C encoder writes the same escapes for every
    character but the three line breaks it leaves alone (U+0085, U+2028, U+2029): control characters
    as ``\\b \\t \\n \\f \\r`` or lowercase ``\\u00xx``, ``\\"`` and ``\\\\``."""
    if handling == "default":
        body = _encode_basestring(text)[1:-1]
        if not text.isascii() and _LINE_BREAKS.search(text):
            body = body.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return body
    pattern = _HTML_ESCAPED if handling == "html" else _non_ascii()
    if pattern.search(text) is None:  # most strings: nothing to escape
        return text
    table = _HTML_ESCAPES if handling == "html" else _JSON_ESCAPES
    return pattern.sub(lambda m: table.get(m.group()) or _unicode_escape(m.group()), text)


def json_enum_names(enum: EnumType, camel: bool) -> list[tuple[EnumValue, str]]:
    """Each member with the name StringEnumConverter writes and reads: its EnumMember value, else its
    name, camel-cased under CamelCaseText unless it has an EnumMember value ([NJ] EnumUtils.
    InitializeValuesAndNames: CamelCaseNamingStrategy leaves specified names alone, 10.0.1 and later;
    6.0.8 camel-cases EnumMember values too). Members in Enum.GetNames order: by unsigned value."""
    from ..spec.datacontract import camel_case

    members = sorted(enum.members, key=lambda m: m.value & _UINT64)
    return [(m, m.enum_member if m.enum_member is not None else camel_case(m.name) if camel else m.name)
            for m in members]


def json_enum_text(enum: EnumType, value: int, camel: bool) -> str | None:
    """StringEnumConverter's text for ``value``; None when Json.NET writes the number instead (a value
    no member or combination names: [NJ] StringEnumConverter.WriteJson, EnumUtils.TryToString)."""
    names = json_enum_names(enum, camel)
    if not enum.flags:
        return next((name for m, name in names if m.value == value), None)
    chosen = _flag_members(enum, value)
    if chosen is None:
        return None
    by_member = {id(m): name for m, name in names}
    return ", ".join(by_member[id(m)] for m in chosen)


def json_enum_parse(enum: EnumType, text: str, camel: bool) -> int:
    """A JSON string read as an enum, as Json.NET 13 does with or without StringEnumConverter ([NJ]
    EnumUtils.ParseEnum): the whole text matched exactly; a number (any value, defined or not); else
    each comma-separated part matched exactly, then ignoring case (OrdinalIgnoreCase), against the
    resolved names (EnumMember values) first and the CLR names second; else the whole text ignoring
    case. So ``"FIRST_VALUE"`` reads ``[EnumMember(Value = "first_value")]`` and an exact name wins
    over a case-insensitive one. (6.0.8 matches EnumMember values exactly and then calls
    Enum.Parse(ignoreCase: true); it refuses an enum with names that differ only in case.)"""
    names = json_enum_names(enum, camel)
    resolved = [name for _, name in names]
    clr = [m.name for m, _ in names]
    values = [m.value for m, _ in names]
    exact = next((i for i, name in enumerate(resolved) if name == text), None)
    if exact is not None:
        return values[exact]
    stripped = text.strip(_WHITESPACE)
    if not stripped:
        raise ValueError(messages.expected(messages.one_of(resolved), text))
    if stripped[0] in "0123456789+-":
        body = stripped[1:] if stripped[0] in "+-" else stripped
        if body.isascii() and body.isdigit():
            return whole(stripped)
    result = 0
    for raw in text.split(","):
        part = raw.strip(_WHITESPACE)
        found = None
        for same in (lambda a, b: a == b, lambda a, b: fold(a) == fold(b)):
            found = next((i for i, name in enumerate(resolved) if same(name, part)), None)
            if found is None:
                found = next((i for i, name in enumerate(clr) if same(name, part)), None)
            if found is not None:
                break
        if found is None:
            whole_text = next((i for i, name in enumerate(resolved) if fold(name) == fold(text)), None)
            if whole_text is not None:
                return values[whole_text]
            raise ValueError(messages.expected(messages.one_of(resolved), text))
        result |= values[found]
    return result


def clr_type_name(namespace: str, name: str, assembly: str) -> str:
    """``Namespace.Name, Assembly``: Json.NET's ``$type`` with TypeNameAssemblyFormatHandling.Simple
    ([NJ] Utilities/ReflectionUtils.cs GetTypeName, RemoveAssemblyDetails; observed on 6.0.8)."""
    return f"{namespace + '.' if namespace else ''}{name}, {assembly}"


def nullable_type_name(name: str) -> str:
    """``System.Nullable`1[[T, Assembly]], mscorlib``: what Json.NET 6.0.8 names a struct in a ``T?``
    member under TypeNameHandling.Auto and Objects (observed)."""
    return f"System.Nullable`1[[{name}]], mscorlib"


#: The CLR names of the primitives (mscorlib unless said), for ``$type`` of generic dictionaries.
CLR_PRIMITIVES = {
    "string": "System.String", "bool": "System.Boolean", "byte": "System.Byte", "sbyte": "System.SByte",
    "short": "System.Int16", "ushort": "System.UInt16", "int": "System.Int32", "uint": "System.UInt32",
    "long": "System.Int64", "ulong": "System.UInt64", "float": "System.Single", "double": "System.Double",
    "decimal": "System.Decimal", "char": "System.Char", "Guid": "System.Guid", "DateTime": "System.DateTime",
    "DateTimeOffset": "System.DateTimeOffset", "TimeSpan": "System.TimeSpan", "byte[]": "System.Byte[]",
}


def split_type_name(text: str) -> tuple[str, str | None]:
    """``"Type, Assembly"`` split at the first comma outside brackets, both parts trimmed ([NJ]
    ReflectionUtils.SplitFullyQualifiedTypeName)."""
    depth = 0
    for i, c in enumerate(text):
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
        elif c == "," and depth == 0:
            return text[:i].strip(), text[i + 1 :].strip()
    return text.strip(), None


def from_base64(text: str) -> bytes:
    """Convert.FromBase64String: padded base64; spaces, tabs, CR and LF anywhere are ignored.

    >>> from_base64(" QE A=\\n")
    b'@@'
    """
    import binascii

    compact = text
    for space in " \t\r\n":  # a C replace each, where a generator took a step a character
        if space in compact:
            compact = compact.replace(space, "")
    try:  # b64decode(validate=True) is this after an ASCII copy of the text; a2b reads the str itself
        return binascii.a2b_base64(compact, strict_mode=True) if len(compact) % 4 == 0 else _no_base64(text)
    except binascii.Error:
        return _no_base64(text)


def _no_base64(text: str) -> bytes:
    raise ValueError(f"{text!r} is not padded base64")


def to_base64(data: bytes) -> str:
    """Convert.ToBase64String: padded, no line breaks."""
    import base64

    return base64.b64encode(data).decode("ascii")
