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
import math
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from decimal import Decimal
from json import JSONDecodeError, JSONDecoder
from typing import Any, TypeVar

from ..errors import Origin, PayloadError
from ..limits import current
from ..spec.datacontract import (
    camel_case,
    collection_item,
    embedded_json_net,
    is_nillable,
    json_members,
    json_name,
    json_skips_default,
    member_name,
)
from ..spec.model import INTEGER_RANGES, ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, Primitive, Spec
from ..spec.model import TypeRef, unwrap
from . import Decoded, Encoded, Options, messages, text_of
from .lexical import (
    DECIMAL_MAX,
    DateTimeOffsetValue,
    DateTimeValue,
    TimeSpanValue,
    check_integer,
    enum_is_defined,
    enum_parse,
    enum_to_string,
    fit_decimal,
    fold,
    format_decimal,
    format_double,
    format_float,
    non_finite,
    non_finite_text,
    normalize_uri,
    parse_decimal,
    significant_digits,
    to_single,
    whole,
)
from .messages import Verbatim
from .path import MemberPath, Template, field_template, type_root
from .values import Loss, Value, is_default

__all__ = ["decode", "encode", "json_shape", "locate", "parse_text", "primitive_shape", "syntax_error"]

#: The Python type values.py promises for each primitive.
_PYTHON_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str, "Uri": str, "char": str, "bool": bool, "float": (float, int), "double": (float, int),
    "decimal": Decimal, "Guid": uuid.UUID, "DateTime": DateTimeValue, "DateTimeOffset": DateTimeOffsetValue,
    "TimeSpan": TimeSpanValue, "byte[]": (bytes, bytearray), **dict.fromkeys(INTEGER_RANGES, int)}
#: FloatFormatHandling.String: non-finite doubles are quoted strings ([NJ] JsonConvert.cs EnsureFloatFormat).
_NON_FINITE = non_finite("json")
_NUMERIC = frozenset(INTEGER_RANGES) | {"float", "double", "decimal"}
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_GUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")

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


def encode(spec: Spec, type_name: str, value: Value, options: Options = Options()) -> Encoded:
    """Json.NET's UTF-8 bytes for ``value`` (a ``type_name``); ``options.indent`` is Formatting.Indented
    (two spaces a level, ``"name": value``, LF as Mono writes it)."""
    if type_name not in spec.types:
        raise PayloadError(f"{type_name!r} is not a type of the spec")
    writer = _Writer(spec, options.indent)
    return Encoded(writer.value(value, Named(type_name), type_root(spec, type_name)).encode("utf-8"),
                   tuple(writer.losses))


def json_shape(spec: Spec, ref: TypeRef) -> str:
    """What a value of ``ref`` looks like in Json.NET's JSON, for messages: ``true or false (bool)``."""
    core = unwrap(ref)
    match core:
        case Primitive(name):
            return primitive_shape(name)
        case ListOf():
            return f"an array ({core})"
        case DictOf():
            return f"an object ({core})"
        case Named(name) if isinstance(spec.types[name], EnumType):
            return f"{'a number' if spec.json.enums == 'number' else 'a string'} (enum {name})"
    return f"an object ({core})"


def primitive_shape(name: str) -> str:
    """``a whole number (int)``, ``true or false (bool)``, ``a string (Guid)``..."""
    shape = ("a whole number" if name in INTEGER_RANGES else "a number" if name in _NUMERIC else
             "true or false" if name == "bool" else "a string")
    return f"{shape} ({name})"


class _Writer:
    """Renders a value to JSON text, collecting what Json.NET's bytes cannot carry."""

    def __init__(self, spec: Spec, indent: bool) -> None:
        self.spec = spec
        self.indent = indent
        self.losses: list[Loss] = []

    def value(self, value: Any, ref: TypeRef, path: MemberPath) -> str:
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
                element = collection_item(self.spec, ref).name
                return self.container("[]", [self.value(v, item, path.item(i, element, len(value)))
                                             for i, v in enumerate(value)])
            case DictOf(key, item):
                _require(value, dict, ref, path)
                element = collection_item(self.spec, ref).name
                entries = []
                for i, (k, v) in enumerate(value.items()):
                    where = path.entry(k, xml=element, index=i, of=len(value))
                    entries.append(self.member(self.key(k, key, where), self.value(v, item, where)))
                return self.container("{}", entries)
            case Named(name):
                tdef = self.spec.types[name]
                return self.enum(value, tdef, path) if isinstance(tdef, EnumType) else self.members(value, tdef, path)
        raise AssertionError(ref)

    def members(self, value: Any, cls: ClassType, path: MemberPath) -> str:
        """Members in Json.NET order; absent ones, and those the settings leave out, are not written."""
        _require(value, dict, cls.name, path)
        names, plan = _write_plan(self.spec, cls)
        unknown = [k for k in value if k not in names]
        if unknown:
            raise PayloadError(f"{cls.name} has no member {unknown[0]!r}", path=path)
        out = []
        for f, quoted, step in plan:
            if f.name not in value:
                if f.data_member and f.data_member.is_required:
                    # Required.AllowNull: Json.NET would refuse to read the object back.
                    raise PayloadError(messages.required_missing(json_name(self.spec, f), data_member=True),
                                       path=path)
                continue
            member = value[f.name]
            if member is None and self.spec.json.nulls == "ignore":
                continue
            if json_skips_default(self.spec, f) and is_default(self.spec, f.type, member):
                continue  # EmitDefaultValue=false is DefaultValueHandling.Ignore ([NJ] DefaultContractResolver)
            if member is not None and isinstance(f.type, Primitive):  # most members: no path unless one is needed
                out.append(self.member(quoted, self.primitive(member, f.type.name, path, step)))
            else:
                out.append(self.member(quoted, self.value(member, f.type, path.child(step))))
        return self.container("{}", out)

    def key(self, key: Any, ref: TypeRef, where: MemberPath) -> str:
        """A dictionary key as Json.NET names it, camel-cased under camelCase (ProcessDictionaryKeys=true)."""
        text = self.key_text(key, ref, where)
        name = camel_case(text, self.spec.json.naming_version) if self.spec.json.naming == "camelCase" else text
        if name != text:
            self.losses.append(Loss(where, f"the key is written as {messages.quote(name)}: camelCase naming "
                                           "changes dictionary keys"))
        return self.quote(name, where)

    def key_text(self, key: Any, ref: TypeRef, path: MemberPath) -> str:
        """The key's invariant ``ToString()`` ([NJ] JsonSerializerInternalWriter.GetPropertyName; observed):
        enum names without EnumMember, ``True``, G15 doubles, decimals without ``.0``, ISO dates."""
        if isinstance(ref, Named):
            enum = self.spec.enum(ref.name)
            self.check_enum(key, enum, path)
            return enum_to_string(enum, key)
        assert isinstance(ref, Primitive)
        _check(key, ref.name, path)
        match ref.name:
            case "bool":
                return "True" if key else "False"
            case "float" | "double":
                number = to_single(key) if ref.name == "float" else float(key)
                if not math.isfinite(number):
                    return non_finite_text(number, "json")
                digits = 7 if ref.name == "float" else 15
                short = float(significant_digits(number, digits)) + 0.0  # + 0.0: .NET Framework writes -0 as 0
                if short != number:
                    self.losses.append(Loss(path, f"the key is written with {digits} significant digits"))
                return format_float(short) if ref.name == "float" else format_double(short)
            case "decimal":
                return format_decimal(key)
            case "TimeSpan":
                return str(key.constant())
        return str(key)

    def primitive(self, value: Any, name: str, path: MemberPath, step: Template | None = None) -> str:
        """A primitive's JSON text; ``step``, when given, is the member of ``path`` that holds it,
        whose path is made only if a loss or an error needs it."""
        if step is not None and not _fits(value, name):
            path = path.child(step)
            step = None
        if step is None:
            _check(value, name, path)
        match name:
            case "string" | "Uri" | "char":
                if name == "Uri" and embedded_json_net(self.spec) and (uri := normalize_uri(value)) != value:
                    self.losses.append(Loss(_at(path, step), messages.uri_normalised(value, uri)))
                try:
                    return _quote(value, None)
                except PayloadError as exc:
                    raise PayloadError(exc.message, path=_at(path, step)) from None
            case "bool":
                return "true" if value else "false"
            case "float" | "double":
                return self.floating(float(value), name, _at(path, step))
            case "decimal":
                return self.decimal(value, _at(path, step))
            case "Guid" | "DateTime" | "DateTimeOffset":
                return f'"{value}"'
            case "TimeSpan":
                return f'"{value.constant()}"'
            case "byte[]":
                return '"' + base64.b64encode(value).decode("ascii") + '"'
        return str(value)

    def floating(self, number: float, name: str, path: MemberPath) -> str:
        """"R" text plus ``.0`` unless it has ``.`` or ``E`` ([NJ] JsonConvert.cs EnsureDecimalPlace)."""
        if not math.isfinite(number):
            return f'"{non_finite_text(number, "json")}"'
        if number == 0 and math.copysign(1, number) < 0:
            self.losses.append(Loss(path, "negative zero is written as 0.0 (.NET Framework's ToString(\"R\") "
                                          "drops the sign)"))
            number = 0.0
        text = format_float(number) if name == "float" else format_double(number)
        return text if "." in text or "E" in text else text + ".0"

    def decimal(self, value: Decimal, path: MemberPath) -> str:
        """The scale kept, ``.0`` added when there is no point ([NJ] JsonConvert.ToString(decimal))."""
        if not value.is_finite():
            raise PayloadError(f"{value} is not a decimal", path=path)
        text = format_decimal(value)
        if "." in text:
            return text
        reread = fit_decimal(Decimal(text + ".0"))
        if reread is not None and reread.as_tuple().exponent == -1:
            # (a 29-digit value has no room for the scale: Decimal.Parse drops it again, and nothing is lost)
            self.losses.append(Loss(path, f"decimal {text} is written as {text}.0, which reads back with scale 1"))
        return text + ".0"

    def enum(self, value: Any, enum: EnumType, path: MemberPath) -> str:
        """The number, or with StringEnumConverter the EnumMember value or name; flags joined with
        ``", "`` as Enum.ToString() picks them; a value without a name stays a number."""
        self.check_enum(value, enum, path)
        if self.spec.json.enums == "number":
            return str(value)
        text = enum_to_string(enum, value, member_values=True)
        return text if text == str(value) else self.quote(text, path)

    def check_enum(self, value: Any, enum: EnumType, path: MemberPath) -> None:
        _require(value, int, enum.name, path)
        if not enum_is_defined(enum, value):
            raise PayloadError(f"{value} is not a value of enum {enum.name}", path=path)

    def quote(self, text: str, path: MemberPath) -> str:
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
def _write_plan(spec: Spec, cls: ClassType) -> tuple[frozenset[str], tuple[tuple[Field, str, Template], ...]]:
    """The member names of ``cls``, and each member in Json.NET order with its quoted JSON name and path step."""
    fields = json_members(spec, cls)
    return frozenset(f.name for f in fields), tuple(
        (f, _quote(json_name(spec, f), MemberPath.root()), field_template(spec, f)) for f in fields)


def _at(path: MemberPath, step: Template | None) -> MemberPath:
    return path if step is None else path.child(step)


def _fits(value: object, name: str) -> bool:
    """What ``_check`` accepts, without building a path to say why not."""
    kind = _PYTHON_TYPES[name]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        return False
    if isinstance(value, int) and name in INTEGER_RANGES:
        low, high = INTEGER_RANGES[name]
        return low <= value <= high
    return name != "char" or isinstance(value, str) and len(value) == 1 and ord(value) <= 0xFFFF


def _quote(text: str, path: MemberPath | None) -> str:
    """A JSON string as Json.NET's JavaScriptUtils escapes it."""
    if _SURROGATE.search(text):
        raise PayloadError("a lone surrogate cannot be written as UTF-8 (Web API's encoder throws)", path=path)
    return '"' + _ESCAPED.sub(lambda m: _ESCAPES[m.group()], text) + '"'


def _require(value: Any, kind: type | tuple[type, ...], what: object, path: MemberPath) -> None:
    """Refuse a Python value that is not what values.py promises for ``what`` (bool is no number)."""
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise PayloadError(f"{what} cannot hold a {type(value).__name__} value", path=path)


def _check(value: Any, name: str, path: MemberPath) -> None:
    _require(value, _PYTHON_TYPES[name], name, path)
    try:
        if name in INTEGER_RANGES:
            check_integer(name, value)
        if name == "char":
            _char(value)
    except ValueError as exc:
        raise PayloadError(str(exc), path=path) from None


def _char(text: str) -> str:
    if len(text) != 1 or ord(text) > 0xFFFF:
        raise ValueError(messages.not_a("char", "one UTF-16 code unit", text))
    return text


# -- reading -------------------------------------------------------------------------------


def decode(spec: Spec, type_name: str, data: bytes, source: str = "<input>") -> Decoded:
    """Read ``data`` as Json.NET reads a ``type_name``, into the shared value; errors point
    at the offending value (``Origin``) and name the member (``path``)."""
    if type_name not in spec.types:
        raise PayloadError(f"{type_name!r} is not a type of the spec", Origin(source))
    text = _utf8(data, source)
    reader = _Reader(spec, text, source)
    try:
        root = _Parser(text, source).document()
        return Decoded(reader.value(root, Named(type_name), type_root(spec, type_name)), tuple(reader.losses))
    except RecursionError:
        raise PayloadError("the JSON is nested too deeply", Origin(source)) from None


def locate(data: bytes, paths: Sequence[MemberPath]) -> list[tuple[int, int]]:
    """Where the value at each path starts in a JSON document (its parents', when it is absent)."""
    from .jsonpos import Locator

    try:
        locator = Locator(text_of(data, ""))
    except PayloadError:
        return [(1, 1)] * len(paths)
    return [locator.locate([step.json_name for step in path.steps()]) for path in paths]


def syntax_error(data: bytes, source: str = "<input>") -> PayloadError | None:
    """The error this codec reports for malformed JSON (or bytes that are not UTF-8), or None
    when ``data`` is well-formed: ``validate`` words its syntax findings with it."""
    try:
        _Parser(_utf8(data, source), source).document()
    except PayloadError as exc:
        return exc
    except RecursionError:
        return PayloadError("the JSON is nested too deeply", Origin(source))
    return None


def _utf8(data: bytes, source: str) -> str:
    """UTF-8 (a BOM allowed) or UTF-16 with its BOM; invalid bytes are an error (Web API's decoder throws)."""
    return text_of(data, source)


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
        self.depth = 0
        self.max_depth = current().max_depth

    def fail(self, pos: int, message: str) -> PayloadError:
        return PayloadError(f"invalid JSON: {message}", _origin(self.text, self.source, pos))

    def nest(self, pos: int) -> None:
        """One level deeper; past the limit the document is refused, not recursed into."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise self.fail(pos, messages.too_deep("arrays and objects", self.max_depth))

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
        self.nest(start)
        members = _Object()
        pos = self.skip(start + 1)
        if self.text.startswith("}", pos):
            self.depth -= 1
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
                self.depth -= 1
                return _Node(start, members), pos + 1
            else:
                raise self.fail(pos, "expected ',' or '}'")

    def array(self, start: int) -> tuple[_Node, int]:
        self.nest(start)
        items = _Array()
        pos = self.skip(start + 1)
        if self.text.startswith("]", pos):
            self.depth -= 1
            return _Node(start, items), pos + 1
        while True:
            node, end = self.value(pos)
            items.append(node)
            pos = self.skip(end)
            if self.text.startswith(",", pos):
                pos += 1
            elif self.text.startswith("]", pos):
                self.depth -= 1
                return _Node(start, items), pos + 1
            else:
                raise self.fail(pos, "expected ',' or ']'")


class _Reader:
    """Converts parsed nodes to the shared value by spec type, collecting what Json.NET would drop."""

    def __init__(self, spec: Spec, text: str, source: str) -> None:
        self.spec = spec
        self.text = text
        self.source = source
        self.losses: list[Loss] = []

    def fail(self, node: _Node, path: MemberPath, message: str) -> PayloadError:
        return PayloadError(message, self.origin(node.pos), path)

    def origin(self, pos: int) -> Origin:
        return _origin(self.text, self.source, pos)

    def expect(self, node: _Node, kind: type[_T], ref: TypeRef, path: MemberPath) -> _T:
        if not isinstance(node.value, kind):
            raise self.fail(node, path, messages.expected(json_shape(self.spec, ref), _shown(node.value)))
        return node.value

    def value(self, node: _Node, ref: TypeRef, path: MemberPath) -> Any:
        if node.value is None:
            if not is_nillable(self.spec, ref):
                raise self.fail(node, path, messages.expected(json_shape(self.spec, ref), None))
            return None
        match ref:
            case Nullable(inner):
                return self.value(node, inner, path)
            case Primitive(name):
                return self.primitive(node, name, path)
            case ListOf(item):
                items = self.expect(node, _Array, ref, path)
                element = collection_item(self.spec, ref).name
                return [self.value(child, item, path.item(i, element, len(items))) for i, child in enumerate(items)]
            case DictOf():
                return self.dictionary(node, ref, path)
            case Named(name):
                tdef = self.spec.types[name]
                return self.enum(node, tdef, path) if isinstance(tdef, EnumType) else self.members(node, tdef, path)
        raise AssertionError(ref)

    def members(self, node: _Node, cls: ClassType, path: MemberPath) -> dict[str, Any]:
        """Each name matched exactly, else ignoring case ([NJ] JsonPropertyCollection.GetClosestMatchProperty);
        unknown names skipped (MissingMemberHandling.Ignore); the last of a repeated member wins."""
        fields, folded = _read_plan(self.spec, cls)
        out: dict[str, Any] = {}
        seen: set[str] = set()
        for name, pos, child in self.expect(node, _Object, Named(cls.name), path):
            field = fields.get(name) or folded.get(fold(name))
            if field is None:
                self.losses.append(Loss(path.member(name), messages.unknown_member(cls.name, "Json.NET"),
                                        self.origin(pos)))
                continue
            where = path.member(field.name, name, member_name(field))
            if field.name in seen:
                self.losses.append(Loss(where, messages.REPEATED_MEMBER, self.origin(pos)))
            seen.add(field.name)
            if child.value is None and self.spec.json.nulls == "ignore":
                continue  # NullValueHandling.Ignore: Json.NET leaves the member unset, even a value type
            out[field.name] = self.value(child, field.type, where)
        for written, f in fields.items():
            if f.data_member and f.data_member.is_required and f.name not in seen:
                # [NJ] DefaultContractResolver: DataMember(IsRequired) is Required.AllowNull (observed: it throws).
                raise self.fail(node, path, messages.required_missing(written, data_member=True))
        return out

    def dictionary(self, node: _Node, ref: DictOf, path: MemberPath) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        members = self.expect(node, _Object, ref, path)
        element = collection_item(self.spec, ref).name
        for i, (name, pos, child) in enumerate(members):
            key = self.key(name, pos, ref.key, path.entry(name, name, element, i, len(members)))
            where = path.entry(key, name, element, i, len(members))
            if key in out:
                self.losses.append(Loss(where, messages.REPEATED_KEY, self.origin(pos)))
            out[key] = self.value(child, ref.value, where)
        return out

    def key(self, name: str, pos: int, ref: TypeRef, path: MemberPath) -> Any:
        """A key from its property name, read as a value of the key type written as a number,
        true/false (bool.Parse ignores case) or a string (an enum by name)."""
        node = _Node(pos, name)
        if isinstance(ref, Primitive):
            if ref.name in _NUMERIC and _NUMBER.fullmatch(name):
                node = _Node(pos, _Number(name))
            elif ref.name == "bool" and fold(name) in ("TRUE", "FALSE"):  # Boolean.Parse: OrdinalIgnoreCase
                node = _Node(pos, fold(name) == "TRUE")
            elif ref.name in _NUMERIC | {"bool"} and name not in _NON_FINITE:
                raise self.fail(node, path, messages.not_a(ref.name, "a dictionary key", name))
        return self.value(node, ref, path)

    def primitive(self, node: _Node, name: str, path: MemberPath) -> Any:
        ref = Primitive(name)
        if name in INTEGER_RANGES:
            text = self.expect(node, _Number, ref, path).text
            if not _INTEGER.fullmatch(text):
                raise self.fail(node, path, messages.not_a(name, "a whole number", Verbatim(text)))
            try:
                return check_integer(name, whole(text), Verbatim(text))
            except ValueError as exc:
                raise self.fail(node, path, str(exc)) from None
        if name == "bool":
            return self.expect(node, bool, ref, path)
        if name in ("float", "double"):
            return self.floating(node, name, path)
        if name == "decimal":
            text = self.expect(node, _Number, ref, path).text
        else:
            text = self.expect(node, str, ref, path)
            if name == "Uri" and not text:
                self.losses.append(Loss(path, "Json.NET reads an empty Uri as null", self.origin(node.pos)))
                return None  # what .NET then holds, and writes (i:nil in XML)
        try:
            return parse_text(name, text)
        except ValueError as exc:
            raise self.fail(node, path, str(exc)) from None

    def floating(self, node: _Node, name: str, path: MemberPath) -> float:
        """A number, or the strings Json.NET writes for NaN and the infinities; a float rounded to float32."""
        if isinstance(node.value, str) and node.value in _NON_FINITE:
            return _NON_FINITE[node.value]
        text = self.expect(node, _Number, Primitive(name), path).text
        number = float(text)
        try:
            if not math.isinf(number):
                return to_single(number) if name == "float" else number
        except OverflowError:
            pass
        raise self.fail(node, path, messages.outside(name, Verbatim(text)))

    def enum(self, node: _Node, enum: EnumType, path: MemberPath) -> int:
        """A declared number (any combination for flags), or a string as StringEnumConverter reads it:
        Enum.Parse after mapping EnumMember values to names ([NJ] Utilities/EnumUtils.cs ParseEnumName)."""
        value = node.value
        if isinstance(value, str):
            try:
                return enum_parse(enum, value, member_values=True)
            except ValueError as exc:
                raise self.fail(node, path, str(exc)) from None
        text = self.expect(node, _Number, Named(enum.name), path).text
        try:
            number = whole(text) if _INTEGER.fullmatch(text) else None
        except ValueError:
            number = None  # thousands of digits: no value of any enum
        if number is None or not enum_is_defined(enum, number):
            values = ", ".join(f"{m.name}={m.value}" for m in enum.members)
            kind = "a combination of the flags of" if enum.flags else "a value of"
            raise self.fail(node, path, messages.expected(f"{kind} enum {enum.name} ({values})", Verbatim(text)))
        return number


@cache
def _read_plan(spec: Spec, cls: ClassType) -> tuple[dict[str, Field], dict[str, Field]]:
    """The members of ``cls`` by JSON name, and by that name folded (the first of a fold wins)."""
    fields = {json_name(spec, f): f for f in json_members(spec, cls)}
    folded: dict[str, Field] = {}
    for name, f in fields.items():
        folded.setdefault(fold(name), f)
    return fields, folded


def _shown(value: object) -> object:
    """A parsed node's value as messages show it: a number by its own digits."""
    if isinstance(value, _Number):
        return Verbatim(value.text)
    if isinstance(value, (_Array, _Object)):
        return list(value) if isinstance(value, _Array) else {}
    return value


def parse_text(name: str, text: str) -> Any:
    """A primitive from its JSON text; ValueError says why not."""
    match name:
        case "string" | "Uri":
            return text
        case "char":
            return _char(text)
        case "decimal":
            return _decimal(text)
        case "Guid":
            if not _GUID.fullmatch(text):
                raise ValueError(messages.not_a("Guid", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", text))
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
            except binascii.Error:
                raise ValueError(messages.not_a("byte[]", "padded base64", text)) from None
    raise AssertionError(name)


def _decimal(text: str) -> Decimal:
    """Exactly, scale kept; Json.NET also reads an exponent (observed: ``1e3`` is 1000, ``1E-2`` is 0.01)."""
    if "e" in text.lower():
        value = Decimal(text)
        if not -28 <= value.adjusted() <= 28 or value.copy_abs() > DECIMAL_MAX:
            raise ValueError(messages.outside("System.Decimal", Verbatim(text)))
        text = format_decimal(value)
    return parse_decimal(text)
