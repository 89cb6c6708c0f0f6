"""Lexical forms of .NET primitive values, once for every codec.

Each value type keeps what the wire says (ticks of a DateTime, its Kind, the
scale of a decimal), so converting between encodings loses nothing that both
can carry. Rules cite ../shared/reference/dotnet-wire-research.md (section 1,
"Text form of each value type"; section 3, "Values").
"""

from __future__ import annotations

import math
import re
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

__all__ = [
    "DateTimeOffsetValue",
    "DateTimeValue",
    "TimeSpanValue",
    "format_double",
    "format_float",
    "parse_decimal",
    "to_single",
]

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
            raise ValueError(f"{text!r} is not a DateTime (yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±hh:mm])")
        d = m["date"]
        try:
            clock = datetime(int(d[0:4]), int(d[5:7]), int(d[8:10]), int(d[11:13]), int(d[14:16]), int(d[17:19]))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a valid DateTime: {exc}") from None
        if m["zone"] not in (None, "Z"):
            _offset_minutes(m["zone"])
        return cls(clock, int((m["frac"] or "").ljust(7, "0") or 0), m["zone"])

    def __str__(self) -> str:
        return self.clock.strftime("%Y-%m-%dT%H:%M:%S").rjust(19, "0") + _fraction(self.ticks) + (self.zone or "")


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
            raise ValueError(f"{text!r} is not a DateTimeOffset: it has no offset")
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
            raise ValueError(f"{text!r} is not an xs:duration such as P1DT2H3M4.5S")
        return cls._from_parts(m)

    @classmethod
    def parse_constant(cls, text: str) -> TimeSpanValue:
        """TimeSpan's invariant "c" form ``[-][d.]hh:mm:ss[.fffffff]``."""
        m = _TIMESPAN_RE.fullmatch(text.strip())
        if not m or int(m["h"]) > 23 or int(m["m"]) > 59 or int(m["s"]) > 59:
            raise ValueError(f"{text!r} is not a TimeSpan such as 1.02:03:04.5000000")
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
    stripped = text.strip()
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", stripped):
        raise ValueError(f"{text!r} is not a decimal")
    try:
        value = Decimal(stripped)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a decimal") from None
    if value.copy_abs() > Decimal("79228162514264337593543950335"):
        raise ValueError(f"{text!r} is outside System.Decimal's range")
    return value


def format_decimal(value: Decimal) -> str:
    """Invariant ToString: the scale kept, never an exponent."""
    return f"{value:f}"


def format_double(value: float) -> str:
    """Double's text as .NET Framework's DataContractSerializer writes it: ``R`` is G15
    when that round-trips, else G17; INF, -INF, NaN. Negative zero prints as ``0``
    (observed on Mono; .NET Framework's formatting drops the sign of zero).

    >>> [format_double(v) for v in (0.1 + 0.2, 1 / 3, 1e21, 1e-5, 1e-4, -0.0, float("inf"), 2.0)]
    ['0.30000000000000004', '0.33333333333333331', '1E+21', '1E-05', '0.0001', '0', 'INF', '2']
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    for precision in (15, 17):
        text = f"{value:.{precision}g}"
        if float(text) == value:
            break
    return _dotnet_general(text, precision)


def format_float(value: float) -> str:
    """Single's ``R`` text: G7 when that round-trips through float32, else G9.

    >>> [format_float(v) for v in (3.4028234663852886e38, 1 / 3, 0.5)]
    ['3.40282347E+38', '0.333333343', '0.5']
    """
    if math.isnan(value) or math.isinf(value):
        return format_double(value)
    single = to_single(value)
    for precision in (7, 9):
        text = f"{single:.{precision}g}"
        try:
            if to_single(float(text)) == single:
                break
        except OverflowError:
            continue
    return _dotnet_general(text, precision)


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
    """What System.Uri makes of an absolute http(s)/ftp URI when DataContractSerializer writes it:
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
    if scheme not in _DEFAULT_PORTS or not parts.netloc:
        return text
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port is not None and str(parts.port) != _DEFAULT_PORTS[scheme] else ""
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
