"""JSON as Json.NET reads it and the exact bytes it writes, under the spec's ``json`` settings.

Writing reproduces ``JsonConvert.SerializeObject`` with Web API's settings (camel-cased
names and dictionary keys or not, enums as numbers or through ``StringEnumConverter``,
nulls included or ignored). Reading matches members as Json.NET does and reports what it
would silently drop. Numbers keep every digit until the spec type is known. Facts:
../shared/reference/dotnet-wire-research.md section 3 and dotnet-wire-rules.md; [NJ] is
JamesNK/Newtonsoft.Json ``Src/Newtonsoft.Json/``; "observed" means Json.NET 6.0.8 on Mono.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import math
import re
import uuid
from functools import cache
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from json import JSONDecodeError, JSONDecoder
from typing import Any, TypeVar

from ..errors import Origin, PayloadError
from ..spec.datacontract import camel_case, is_nillable, json_members, json_name
from ..spec.model import INTEGER_RANGES, ClassType, Field, DictOf, EnumType, EnumValue, ListOf, Named, Nullable, Primitive, Spec, TypeRef
from ._convert import (
    DateTimeOffsetValue,
    DateTimeValue,
    TimeSpanValue,
    format_decimal,
    format_double,
    format_float,
    parse_decimal,
    to_single,
)
from .values import Loss, entry_path, is_default, member_path

__all__ = ["decode", "encode"]

#: The Python type values.py promises for each primitive.
_PYTHON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str, "Uri": str, "char": str, "bool": bool, "float": (float, int), "double": (float, int),
    "decimal": Decimal, "Guid": uuid.UUID, "DateTime": DateTimeValue, "DateTimeOffset": DateTimeOffsetValue,
    "TimeSpan": TimeSpanValue, "byte[]": (bytes, bytearray), **dict.fromkeys(INTEGER_RANGES, int)}
#: FloatFormatHandling.String: non-finite doubles are quoted strings ([NJ] JsonConvert.cs EnsureFloatFormat).
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
_NUMERIC = frozenset(INTEGER_RANGES) | {"float", "double", "decimal"}
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_GUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_MIN_CLOCK = datetime(1, 1, 1)
_UINT64 = 2**64 - 1

# [NJ] Utilities/JavaScriptUtils.cs: '"', '\\', control characters (short forms where JSON has
# them, else lowercase \u00xx), U+0085, U+2028, U+2029; everything else raw (observed: DEL, NBSP, <>&').
_ESCAPES = {chr(c): f"\\u{c:04x}" for c in range(0x20)} | {
    "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\",
    "\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_ESCAPED = re.compile('[\x00-\x1f"\\\\\x85\u2028\u2029]')
_SURROGATE = re.compile("[\ud800-\udfff]")

_T = TypeVar("_T")
#: Reads one string token (the parser only calls it at a '"'); raw control characters allowed.
_STRINGS = JSONDecoder(strict=False)


# -- writing -------------------------------------------------------------------------------


def encode(spec: Spec, type_name: str, value: Any, *, indent: bool = False) -> tuple[bytes, list[Loss]]:
    """Json.NET's UTF-8 bytes for ``value`` (a ``type_name``); ``indent`` is Formatting.Indented
    (two spaces a level, ``"name": value``, LF as Mono writes it)."""
    if type_name not in spec.types:
        raise PayloadError(f"{type_name!r} is not a type of the spec")
    writer = _Writer(spec, indent)
    return writer.value(value, Named(type_name), "").encode("utf-8"), writer.losses


class _Writer:
    """Renders a value to JSON text, collecting what Json.NET's bytes cannot carry."""

    def __init__(self, spec: Spec, indent: bool) -> None:
        self.spec = spec
        self.indent = indent
        self.losses: list[Loss] = []

    def value(self, value: Any, ref: TypeRef, path: str) -> str:
        if value is None:
            if not is_nillable(self.spec, ref):
                raise PayloadError(f"null is not a value of {ref}", path=path)
            return "null"
        match ref:
            case Nullable(inner):
                return self.value(value, inner, path)
            case Primitive(name):
                return self.primitive(value, name, path)
            case ListOf(item):
                _require(value, list, ref, path)
                return self.container("[]", [self.value(v, item, entry_path(path, i)) for i, v in enumerate(value)])
            case DictOf(key, item):
                _require(value, dict, ref, path)
                entries = [self.member(self.key(k, key, path), self.value(v, item, entry_path(path, k)))
                           for k, v in value.items()]
                return self.container("{}", entries)
            case Named(name):
                tdef = self.spec.types[name]
                return self.enum(value, tdef, path) if isinstance(tdef, EnumType) else self.members(value, tdef, path)
        raise AssertionError(ref)

    def members(self, value: Any, cls: ClassType, path: str) -> str:
        """Members in Json.NET order; absent ones, and those the settings leave out, are not written."""
        _require(value, dict, cls.name, path)
        names, plan = _write_plan(self.spec, cls)
        unknown = [k for k in value if k not in names]
        if unknown:
            raise PayloadError(f"{cls.name} has no member {unknown[0]!r}", path=path)
        out = []
        for f, quoted in plan:
            where = member_path(path, f.name)
            if f.name not in value:
                if f.data_member and f.data_member.is_required:
                    # Required.AllowNull: Json.NET would refuse to read the object back.
                    raise PayloadError(f"required member {json_name(self.spec, f)!r} (DataMember IsRequired) "
                                       "is missing", path=where)
                continue
            member = value[f.name]
            if member is None and self.spec.json.nulls == "ignore":
                continue
            if f.data_member and not f.data_member.emit_default_value and is_default(self.spec, f.type, member):
                continue  # EmitDefaultValue=false is DefaultValueHandling.Ignore ([NJ] DefaultContractResolver)
            out.append(self.member(quoted, self.value(member, f.type, where)))
        return self.container("{}", out)

    def key(self, key: Any, ref: TypeRef, path: str) -> str:
        """A dictionary key as Json.NET names it, camel-cased under camelCase (ProcessDictionaryKeys=true)."""
        where = entry_path(path, key)
        text = self.key_text(key, ref, where)
        name = camel_case(text) if self.spec.json.naming == "camelCase" else text
        if name != text:
            self.losses.append(Loss(where, f"the key is written as {name!r}: camelCase naming changes dictionary keys"))
        return self.quote(name, where)

    def key_text(self, key: Any, ref: TypeRef, path: str) -> str:
        """The key's invariant ``ToString()`` ([NJ] JsonSerializerInternalWriter.GetPropertyName; observed):
        enum names without EnumMember, ``True``, G15 doubles, decimals without ``.0``, ISO dates."""
        if isinstance(ref, Named):
            enum = self.spec.types[ref.name]
            assert isinstance(enum, EnumType)
            self.check_enum(key, enum, path)
            members = _flag_members(enum, key) if enum.flags else [m for m in enum.members if m.value == key]
            return ", ".join(m.name for m in members) if members else str(key)
        assert isinstance(ref, Primitive)
        _check(key, ref.name, path)
        match ref.name:
            case "bool":
                return "True" if key else "False"
            case "float" | "double":
                number = to_single(key) if ref.name == "float" else float(key)
                if not math.isfinite(number):
                    return _non_finite(number)
                digits = 7 if ref.name == "float" else 15
                short = float(f"{number:.{digits}g}") + 0.0  # + 0.0: .NET Framework writes -0 as 0
                if short != number:
                    self.losses.append(Loss(path, f"the key is written with {digits} significant digits"))
                return format_float(short) if ref.name == "float" else format_double(short)
            case "decimal":
                return format_decimal(key)
            case "TimeSpan":
                return str(key.constant())
        return str(key)

    def primitive(self, value: Any, name: str, path: str) -> str:
        _check(value, name, path)
        match name:
            case "string" | "Uri" | "char":
                return self.quote(value, path)
            case "bool":
                return "true" if value else "false"
            case "float" | "double":
                return self.floating(float(value), name, path)
            case "decimal":
                return self.decimal(value, path)
            case "Guid" | "DateTime" | "DateTimeOffset":
                return f'"{value}"'
            case "TimeSpan":
                return f'"{value.constant()}"'
            case "byte[]":
                return '"' + base64.b64encode(value).decode("ascii") + '"'
        return str(value)

    def floating(self, number: float, name: str, path: str) -> str:
        """"R" text plus ``.0`` unless it has ``.`` or ``E`` ([NJ] JsonConvert.cs EnsureDecimalPlace)."""
        if not math.isfinite(number):
            return f'"{_non_finite(number)}"'
        if number == 0 and math.copysign(1, number) < 0:
            self.losses.append(Loss(path, "negative zero is written as 0.0 (.NET Framework's ToString(\"R\") "
                                          "drops the sign)"))
            number = 0.0
        text = format_float(number) if name == "float" else format_double(number)
        return text if "." in text or "E" in text else text + ".0"

    def decimal(self, value: Decimal, path: str) -> str:
        """The scale kept, ``.0`` added when there is no point ([NJ] JsonConvert.ToString(decimal))."""
        if not value.is_finite():
            raise PayloadError(f"{value} is not a decimal", path=path)
        text = format_decimal(value.copy_abs() if value.is_zero() else value)  # observed: -0.0m is written 0.0
        if "." in text:
            return text
        self.losses.append(Loss(path, f"decimal {text} is written as {text}.0, which reads back with scale 1"))
        return text + ".0"

    def enum(self, value: Any, enum: EnumType, path: str) -> str:
        """The number, or with StringEnumConverter the EnumMember value or name; flags joined with
        ``", "`` as Enum.ToString() picks them; a value without a name stays a number."""
        self.check_enum(value, enum, path)
        if self.spec.json.enums == "number":
            return str(value)
        members = _flag_members(enum, value) if enum.flags else [m for m in enum.members if m.value == value]
        return self.quote(", ".join(m.wire_name for m in members), path) if members else str(value)

    def check_enum(self, value: Any, enum: EnumType, path: str) -> None:
        _require(value, int, enum.name, path)
        if not _is_defined(enum, value):
            raise PayloadError(f"{value} is not a value of enum {enum.name}", path=path)

    def quote(self, text: str, path: str) -> str:
        return _quote(text, path)

    def member(self, name: str, value: str) -> str:
        return f"{name}: {value}" if self.indent else f"{name}:{value}"

    def container(self, brackets: str, items: list[str]) -> str:
        """Items inside ``brackets``; indented, one per line and nested lines pushed right
        (a written string never holds a raw newline, so every newline is layout)."""
        if not items:
            return brackets
        if not self.indent:
            return brackets[0] + ",".join(items) + brackets[1]
        body = ",\n".join(items).replace("\n", "\n  ")
        return f"{brackets[0]}\n  {body}\n{brackets[1]}"


@cache
def _write_plan(spec: Spec, cls: ClassType) -> tuple[frozenset[str], tuple[tuple[Field, str], ...]]:
    """The member names of ``cls``, and each member in Json.NET order with its quoted JSON name."""
    fields = json_members(spec, cls)
    return frozenset(f.name for f in fields), tuple((f, _quote(json_name(spec, f), "")) for f in fields)


def _quote(text: str, path: str) -> str:
    """A JSON string as Json.NET's JavaScriptUtils escapes it."""
    if _SURROGATE.search(text):
        raise PayloadError("a lone surrogate cannot be written as UTF-8 (Web API's encoder throws)", path=path)
    return '"' + _ESCAPED.sub(lambda m: _ESCAPES[m.group()], text) + '"'


def _non_finite(number: float) -> str:
    return "NaN" if math.isnan(number) else "Infinity" if number > 0 else "-Infinity"


def _require(value: Any, kind: type | tuple[type, ...], what: object, path: str) -> None:
    """Refuse a Python value that is not what values.py promises for ``what`` (bool is no number)."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise PayloadError(f"{what} cannot hold a {type(value).__name__} value", path=path)


def _check(value: Any, name: str, path: str) -> None:
    _require(value, _PYTHON_TYPES[name], name, path)
    if name in INTEGER_RANGES:
        low, high = INTEGER_RANGES[name]
        if not low <= value <= high:
            raise PayloadError(f"{value} is outside {name}'s range {low}..{high}", path=path)
    if name == "char" and (len(value) != 1 or ord(value) > 0xFFFF):
        raise PayloadError(f"a char is one UTF-16 code unit, not {value!r}", path=path)


def _is_defined(enum: EnumType, value: int) -> bool:
    """A declared value, or for ``[Flags]`` any combination of them."""
    if not enum.flags:
        return any(m.value == value for m in enum.members)
    mask = 0
    for m in enum.members:
        mask |= m.value
    return value & ~mask == 0


def _flag_members(enum: EnumType, value: int) -> list[EnumValue]:
    """The members Enum.ToString() names for a flags value: greedily from the largest
    (values compared unsigned), listed smallest first; none when bits are left over
    (then .NET writes the number). microsoft/referencesource mscorlib/system/enum.cs InternalFlagsFormat."""
    members = sorted(enum.members, key=lambda m: m.value & _UINT64)
    if value == 0:
        return [m for m in members[:1] if m.value == 0]
    rest, chosen = value, []
    for m in reversed(members):
        if m.value and rest & m.value == m.value:
            rest -= m.value
            chosen.append(m)
    return chosen[::-1] if rest == 0 else []


# -- reading -------------------------------------------------------------------------------


def decode(spec: Spec, type_name: str, data: bytes, source: str = "<input>") -> tuple[Any, list[Loss]]:
    """Read ``data`` as Json.NET reads a ``type_name``, into the shared value; errors point
    at the offending value (``Origin``) and name the member (``path``)."""
    if type_name not in spec.types:
        raise PayloadError(f"{type_name!r} is not a type of the spec", Origin(source))
    text = _utf8(data, source)
    reader = _Reader(spec, text, source)
    try:
        root = _Parser(text, source).document()
        return reader.value(root, Named(type_name), ""), reader.losses
    except RecursionError:
        raise PayloadError("the JSON is nested too deeply", Origin(source)) from None


def _utf8(data: bytes, source: str) -> str:
    """UTF-8, a BOM allowed; invalid bytes are an error (Web API's UTF8Encoding throws on them)."""
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise PayloadError(f"invalid UTF-8 byte 0x{body[exc.start]:02x}",
                           Origin(source, before.count(b"\n") + 1, column)) from None


def _origin(text: str, source: str, pos: int) -> Origin:
    return Origin(source, text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos))


@dataclass(frozen=True, slots=True)
class _Number:
    """A JSON number's exact text, converted only once the spec type is known."""

    text: str


class _Array(list["_Node"]):
    """A JSON array's items."""


class _Object(list[tuple[str, int, "_Node"]]):
    """A JSON object's members in order, duplicates kept: (name, where the name starts, value)."""


@dataclass(frozen=True, slots=True)
class _Node:
    """A JSON value and the offset where it starts, so an error can point at it."""

    pos: int
    value: None | bool | str | _Number | _Array | _Object


class _Parser:
    """Strict JSON (RFC 8259) into nodes, except that raw control characters are accepted
    inside strings, as Json.NET accepts them."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source

    def fail(self, pos: int, message: str) -> PayloadError:
        return PayloadError(f"invalid JSON: {message}", _origin(self.text, self.source, pos))

    def document(self) -> _Node:
        node, pos = self.value(0)
        pos = self.skip(pos)
        if pos < len(self.text):
            raise self.fail(pos, "text after the end of the JSON value")
        return node

    def skip(self, pos: int) -> int:
        while pos < len(self.text) and self.text[pos] in " \t\n\r":
            pos += 1
        return pos

    def value(self, pos: int) -> tuple[_Node, int]:
        pos = self.skip(pos)
        head = self.text[pos : pos + 1]
        if head == "{":
            return self.object(pos)
        if head == "[":
            return self.array(pos)
        if head == '"':
            string, end = self.string(pos)
            return _Node(pos, string), end
        number = _NUMBER.match(self.text, pos)
        if number:
            return _Node(pos, _Number(number.group())), number.end()
        for word, literal in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, pos):
                return _Node(pos, literal), pos + len(word)
        raise self.fail(pos, f"expected a value, found {head!r}" if head else "unexpected end of the text")

    def string(self, pos: int) -> tuple[str, int]:
        try:
            string: str
            string, end = _STRINGS.raw_decode(self.text, pos)
            return string, end
        except JSONDecodeError as exc:
            raise self.fail(exc.pos, exc.msg) from None

    def object(self, start: int) -> tuple[_Node, int]:
        members = _Object()
        pos = self.skip(start + 1)
        if self.text.startswith("}", pos):
            return _Node(start, members), pos + 1
        while True:
            if not self.text.startswith('"', pos):
                raise self.fail(pos, "expected a member name in double quotes")
            name, end = self.string(pos)
            colon = self.skip(end)
            if not self.text.startswith(":", colon):
                raise self.fail(colon, "expected ':' after the member name")
            node, end = self.value(colon + 1)
            members.append((name, pos, node))
            pos = self.skip(end)
            if self.text.startswith(",", pos):
                pos = self.skip(pos + 1)
            elif self.text.startswith("}", pos):
                return _Node(start, members), pos + 1
            else:
                raise self.fail(pos, "expected ',' or '}'")

    def array(self, start: int) -> tuple[_Node, int]:
        items = _Array()
        pos = self.skip(start + 1)
        if self.text.startswith("]", pos):
            return _Node(start, items), pos + 1
        while True:
            node, end = self.value(pos)
            items.append(node)
            pos = self.skip(end)
            if self.text.startswith(",", pos):
                pos += 1
            elif self.text.startswith("]", pos):
                return _Node(start, items), pos + 1
            else:
                raise self.fail(pos, "expected ',' or ']'")


_KINDS: dict[type, str] = {_Number: "a number", str: "a string", bool: "true or false", _Array: "an array",
                           _Object: "an object"}


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return _KINDS[type(value)]


class _Reader:
    """Converts parsed nodes to the shared value by spec type, collecting what Json.NET would drop."""

    def __init__(self, spec: Spec, text: str, source: str) -> None:
        self.spec = spec
        self.text = text
        self.source = source
        self.losses: list[Loss] = []

    def fail(self, node: _Node, path: str, message: str) -> PayloadError:
        return PayloadError(message, _origin(self.text, self.source, node.pos), path)

    def expect(self, node: _Node, kind: type[_T], what: object, path: str) -> _T:
        if not isinstance(node.value, kind):
            raise self.fail(node, path, f"{what} is written as {_KINDS[kind]}, not {_describe(node.value)}")
        return node.value

    def value(self, node: _Node, ref: TypeRef, path: str) -> Any:
        if node.value is None:
            if not is_nillable(self.spec, ref):
                raise self.fail(node, path, f"null is not a value of {ref}")
            return None
        match ref:
            case Nullable(inner):
                return self.value(node, inner, path)
            case Primitive(name):
                return self.primitive(node, name, path)
            case ListOf(item):
                items = self.expect(node, _Array, ref, path)
                return [self.value(child, item, entry_path(path, i)) for i, child in enumerate(items)]
            case DictOf():
                return self.dictionary(node, ref, path)
            case Named(name):
                tdef = self.spec.types[name]
                return self.enum(node, tdef, path) if isinstance(tdef, EnumType) else self.members(node, tdef, path)
        raise AssertionError(ref)

    def members(self, node: _Node, cls: ClassType, path: str) -> dict[str, Any]:
        """Each name matched exactly, else ignoring case ([NJ] JsonPropertyCollection.GetClosestMatchProperty);
        unknown names skipped (MissingMemberHandling.Ignore); the last of a repeated member wins."""
        fields = {json_name(self.spec, f): f for f in json_members(self.spec, cls)}
        out: dict[str, Any] = {}
        seen: set[str] = set()
        for name, _, child in self.expect(node, _Object, cls.name, path):
            field = fields.get(name) or next((f for n, f in fields.items() if _fold(n) == _fold(name)), None)
            if field is None:
                self.losses.append(Loss(member_path(path, name), "unknown member ignored by Json.NET"))
                continue
            where = member_path(path, field.name)
            if field.name in seen:
                self.losses.append(Loss(where, "repeated member: Json.NET keeps the last value"))
            seen.add(field.name)
            if child.value is None and self.spec.json.nulls == "ignore":
                continue  # NullValueHandling.Ignore: Json.NET leaves the member unset, even a value type
            out[field.name] = self.value(child, field.type, where)
        for written, f in fields.items():
            if f.data_member and f.data_member.is_required and f.name not in seen:
                # [NJ] DefaultContractResolver: DataMember(IsRequired) is Required.AllowNull (observed: it throws).
                raise self.fail(node, member_path(path, f.name),
                                f"required member {written!r} (DataMember IsRequired) is missing")
        return out

    def dictionary(self, node: _Node, ref: DictOf, path: str) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for name, pos, child in self.expect(node, _Object, ref, path):
            key = self.key(name, pos, ref.key, entry_path(path, name))
            where = entry_path(path, key)
            if key in out:
                self.losses.append(Loss(where, "repeated key: Json.NET keeps the last value"))
            out[key] = self.value(child, ref.value, where)
        return out

    def key(self, name: str, pos: int, ref: TypeRef, path: str) -> Any:
        """A key from its property name, read as a value of the key type written as a number,
        true/false (bool.Parse ignores case) or a string (an enum by name)."""
        node = _Node(pos, name)
        if isinstance(ref, Primitive):
            if ref.name in _NUMERIC and _NUMBER.fullmatch(name):
                node = _Node(pos, _Number(name))
            elif ref.name == "bool" and name.lower() in ("true", "false"):
                node = _Node(pos, name.lower() == "true")
            elif ref.name in _NUMERIC | {"bool"} and name not in _NON_FINITE:
                raise self.fail(node, path, f"the key {name!r} is not a {ref.name}")
        return self.value(node, ref, path)

    def primitive(self, node: _Node, name: str, path: str) -> Any:
        if name in INTEGER_RANGES:
            text = self.expect(node, _Number, name, path).text
            if not _INTEGER.fullmatch(text):
                raise self.fail(node, path, f"{text} is not a whole number ({name})")
            low, high = INTEGER_RANGES[name]
            if not low <= int(text) <= high:
                raise self.fail(node, path, f"{text} is outside {name}'s range {low}..{high}")
            return int(text)
        if name == "bool":
            return self.expect(node, bool, name, path)
        if name in ("float", "double"):
            return self.floating(node, name, path)
        if name == "decimal":
            text = self.expect(node, _Number, name, path).text
        else:
            text = self.expect(node, str, name, path)
            if name == "Uri" and not text:
                self.losses.append(Loss(path, "Json.NET reads an empty Uri as null"))
        try:
            return _parse(name, text)
        except ValueError as exc:
            raise self.fail(node, path, str(exc)) from None

    def floating(self, node: _Node, name: str, path: str) -> float:
        """A number, or the strings Json.NET writes for NaN and the infinities; a float rounded to float32."""
        if isinstance(node.value, str) and node.value in _NON_FINITE:
            return _NON_FINITE[node.value]
        text = self.expect(node, _Number, name, path).text
        number = float(text)
        try:
            if not math.isinf(number):
                return to_single(number) if name == "float" else number
        except OverflowError:
            pass
        raise self.fail(node, path, f"{text} is outside {name}'s range")

    def enum(self, node: _Node, enum: EnumType, path: str) -> int:
        """A declared number (any combination for flags), or names as StringEnumConverter reads them:
        the EnumMember value exactly, else the name ignoring case; flags separated by commas."""
        value = node.value
        if isinstance(value, str):
            number = _enum_from_names(enum, value)
            if number is None:
                names = ", ".join(m.wire_name for m in enum.members)
                raise self.fail(node, path, f"{value!r} is not a member of enum {enum.name} ({names})")
            return number
        text = self.expect(node, _Number, f"enum {enum.name}", path).text
        if not _INTEGER.fullmatch(text) or not _is_defined(enum, int(text)):
            values = ", ".join(f"{m.name}={m.value}" for m in enum.members)
            kind = "a combination of the flags" if enum.flags else "a value"
            raise self.fail(node, path, f"{text} is not {kind} of enum {enum.name} ({values})")
        return int(text)


def _fold(name: str) -> str:
    """OrdinalIgnoreCase's view of a name: each UTF-16 unit upper-cased on its own."""
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in name)


def _enum_from_names(enum: EnumType, text: str) -> int | None:
    parts = [part.strip() for part in text.split(",")] if enum.flags else [text]
    number = 0
    for part in parts:
        member = (next((m for m in enum.members if m.enum_member == part), None)
                  or next((m for m in enum.members if _fold(m.name) == _fold(part)), None))
        if member is None:
            return None
        number |= member.value
    return number


def _parse(name: str, text: str) -> Any:
    """A primitive from its JSON text; ValueError says why not."""
    match name:
        case "string" | "Uri":
            return text
        case "char":
            if len(text) != 1 or ord(text) > 0xFFFF:
                raise ValueError(f"a char is one UTF-16 code unit, not {text!r}")
            return text
        case "decimal":
            return _decimal(text)
        case "Guid":
            if not _GUID.fullmatch(text):
                raise ValueError(f"{text!r} is not a Guid (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)")
            return uuid.UUID(text)
        case "DateTime":
            return DateTimeValue.parse(text)
        case "DateTimeOffset":
            return DateTimeOffsetValue.parse(text)
        case "TimeSpan":
            return TimeSpanValue.parse_constant(text)
        case "byte[]":
            try:
                if len(text) % 4:
                    raise binascii.Error("the length is not a multiple of 4")
                return base64.b64decode(text, validate=True)
            except binascii.Error as exc:
                raise ValueError(f"{text!r} is not padded base64: {exc}") from None
    raise AssertionError(name)


def _decimal(text: str) -> Decimal:
    """Exactly, scale kept; Json.NET also reads an exponent (observed: ``1e3`` is 1000, ``1E-2`` is 0.01)."""
    if "e" in text.lower():
        value = Decimal(text)
        if not -28 <= value.adjusted() <= 28:
            raise ValueError(f"{text} is outside System.Decimal's range")
        text = format_decimal(value)
    return parse_decimal(text)
