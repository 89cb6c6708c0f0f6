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
import io
import math
import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import cache, partial
from decimal import Decimal
from json import JSONDecodeError, JSONDecoder
from typing import Any, NamedTuple, TypeVar

from ..errors import Origin, PayloadError
from ..limits import current
from ..spec.datacontract import camel_case, collection_item, collection_of, embedded_json_net, is_nillable, json_members
from ..spec.datacontract import json_name, json_skips_default, member_name
from ..spec.model import INTEGER_RANGES, ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, ObjectRef
from ..spec.model import Primitive, Spec, TypeRef, unwrap
from . import Decoded, Encoded, Options, body_type, messages, text_of
from .clrdouble import parse_double
from .lexical import (
    DECIMAL_MAX,
    JsonEscape,
    DateTimeOffsetValue,
    DateTimeValue,
    TimeSpanValue,
    CLR_PRIMITIVES,
    check_integer,
    clr_type_name,
    ensure_date_time,
    enum_to_string,
    fit_decimal,
    fold,
    format_decimal,
    format_double,
    format_float,
    json_enum_parse,
    json_enum_text,
    json_escape,
    microsoft_date,
    microsoft_date_time,
    non_finite,
    nullable_type_name,
    non_finite_text,
    normalize_uri,
    offset_text,
    parse_decimal,
    parse_microsoft_date,
    significant_digits,
    split_type_name,
    to_single,
    whole,
)
from .compiled import Compiled
from .messages import Verbatim
from .path import MemberPath, Template, field_template, type_root
from .values import BIG_INTEGER, RUNTIME_TYPE, Boxed, Loss, Value, default_of, is_default, runtime_class

__all__ = ["LENIENT", "Lenient", "UndefinedRefused", "decode", "encode", "json_shape", "lenient_document", "locate",
           "parse_text", "primitive_shape", "syntax_error"]

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

_SURROGATE = re.compile("[\ud800-\udfff]")

_T = TypeVar("_T")
#: Reads one string token (the parser only calls it at a '"'); raw control characters allowed.
_STRINGS = JSONDecoder(strict=False)


# -- writing -------------------------------------------------------------------------------


def encode(spec: Spec, type_name: str, value: Value, options: Options = Options()) -> Encoded:
    """Json.NET's UTF-8 bytes for ``value`` (a ``type_name``); ``options.indent`` is Formatting.Indented
    (two spaces a level, ``"name": value``, LF as Mono writes it)."""
    ref = body_type(spec, type_name)
    try:
        return Encoded(_fast_writer(spec, options.indent).encode(ref, value), ())
    except _Rerun:
        pass  # a loss or an error: the writer says it, with its path
    writer = _Writer(spec, options.indent)
    return Encoded(writer.value(value, ref, type_root(spec, type_name), root=True).encode("utf-8"), tuple(writer.losses))


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
        case Primitive("DateTime" | "DateTimeOffset") if spec.json.date_format == "microsoft":
            return f"a string (\\/Date(ms+hhmm)\\/, {core})"
        case Named(name) if isinstance(collection_of(spec, core), ListOf):
            return f"an array ({name})"
        case ObjectRef():
            return "any JSON value (object)"
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

    def value(self, value: Any, ref: TypeRef, path: MemberPath, root: bool = False, nullable: bool = False) -> str:
        if value is None:
            if not is_nillable(self.spec, ref):
                raise PayloadError(f"null is not a value of {ref}", path=path)
            return "null"
        match ref:
            case Nullable(inner):
                return self.value(value, inner, path, root, nullable=True)
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
                if self.spec.json.type_names == "objects":  # TypeNameHandling.Objects names dictionaries too
                    entries.append(self.member('"$type"', self.quote(self.dictionary_type_name(ref, path), path)))
                for i, (k, v) in enumerate(value.items()):
                    where = path.entry(k, xml=element, index=i, of=len(value))
                    entries.append(self.member(self.key(k, key, where), self.value(v, item, where)))
                return self.container("{}", entries)
            case Named(name):
                tdef = self.spec.types[name]
                if isinstance(tdef, ClassType) and tdef.collection is not None:
                    return self.value(value, tdef.collection, path)  # Json.NET writes the list or dictionary
                if isinstance(tdef, EnumType):
                    return self.enum(value, tdef, path)
                _require(value, dict, tdef.name, path)
                runtime = runtime_class(self.spec, tdef, value, path)
                return self.members(value, runtime, path, self.type_marker(tdef, runtime, path, root, nullable))
            case ObjectRef():
                return self.boxed(value, path)
        raise AssertionError(ref)

    def boxed(self, value: Any, path: MemberPath) -> str:
        """An ``object`` member: its runtime value as Json.NET writes that type."""
        if not isinstance(value, Boxed):
            raise PayloadError("expected a boxed value for object", path=path)
        if value.type == "object":
            self.losses.append(Loss(path, messages.BARE_OBJECT_JSON))
            return "{}"
        if value.type == "json":
            return self.plain(value.value, path)
        if value.type == BIG_INTEGER:
            return str(value.value)
        text = self.primitive(value.value, value.type, path)
        back = _BOXED_AS.get(value.type, "string")
        if back == "long" and not _fits(value.value, "long"):
            back = BIG_INTEGER
        if back == "double" and isinstance(value.value, float) and not math.isfinite(value.value):
            back = "string"  # FloatFormatHandling.String writes NaN and the infinities as strings
        if back == "string" and isinstance(value.value, str) and _ISO_DATE.fullmatch(value.value):
            back = "DateTime"  # DateParseHandling.DateTime
        if back != value.type:
            self.losses.append(Loss(path, messages.reboxed(value.type, back)))
        return text

    def plain(self, value: Any, path: MemberPath) -> str:
        """A JObject, JArray or JValue as Json.NET writes it (names as they are: no resolver applies)."""
        match value:
            case None:
                return "null"
            case bool():
                return "true" if value else "false"
            case int():
                return str(value)
            case float():
                return self.floating(value, "double", path)
            case str():
                return self.quote(value, path)
            case list():
                return self.container("[]", [self.plain(v, path) for v in value])
            case dict():
                return self.container("{}", [self.member(self.quote(str(k), path), self.plain(v, path))
                                             for k, v in value.items()])
        raise PayloadError("expected a JSON value", path=path)


    def type_marker(self, declared: ClassType, runtime: ClassType, path: MemberPath, root: bool,
                    nullable: bool = False) -> str | None:
        """The ``$type`` Json.NET writes first, if any ([NJ] JsonSerializerInternalWriter.ShouldWriteType):
        on every object under ``objects``; under ``auto`` where the runtime type is not the declared one,
        but not at the root (Web API serializes the root without a declared type), a struct in a ``T?``
        too, named ``System.Nullable`1[[T, Assembly]], mscorlib`` (observed on 6.0.8). Where none is
        written for a derived value, reading it back makes the declared type: a loss."""
        mode = self.spec.json.type_names
        marked = mode == "objects" or mode == "auto" and (runtime is not declared or nullable) and not root
        if runtime is not declared and not marked:
            self.losses.append(Loss(path, messages.derived_type_lost(runtime.name, declared.name)))
        if not marked:
            return None
        assert self.spec.assembly is not None  # the loader demands one with typeNames
        name = clr_type_name(runtime.namespace, runtime.clr_name, self.spec.assembly)
        return nullable_type_name(name) if nullable else name

    def dictionary_type_name(self, ref: TypeRef, path: MemberPath) -> str:
        """``System.Collections.Generic.Dictionary`2[[K, asm],[V, asm]], mscorlib`` for ``$type``."""
        def arg(r: TypeRef) -> str:
            match r:
                case Primitive("Uri"):
                    return "System.Uri, System"
                case Primitive(name):
                    return f"{CLR_PRIMITIVES[name]}, mscorlib"
                case Nullable(inner):
                    return f"System.Nullable`1[[{arg(inner)}]], mscorlib"
                case Named(name):
                    tdef = self.spec.types[name]
                    assert self.spec.assembly is not None
                    return clr_type_name(tdef.namespace, tdef.clr_name if isinstance(tdef, ClassType) else tdef.name,
                                         self.spec.assembly)
                case DictOf(key, value):
                    return f"System.Collections.Generic.Dictionary`2[[{arg(key)}],[{arg(value)}]], mscorlib"
            raise PayloadError("json.typeNames: objects names a dictionary's CLR type, and the spec cannot tell "
                               f"whether its {r} is a List<T> or an array", path=path)
        return arg(ref)

    def members(self, value: Any, cls: ClassType, path: MemberPath, type_name: str | None = None) -> str:
        """Members in Json.NET order, after ``$type`` if given; absent ones, and those the settings
        leave out, are not written."""
        _require(value, dict, cls.name, path)
        names, plan = _write_plan(self.spec, cls)
        if not names.issuperset(value) and (unknown := [k for k in value if k not in names and k != RUNTIME_TYPE]):
            raise PayloadError(f"{cls.name} has no member {unknown[0]!r}", path=path)
        out = [] if type_name is None else [self.member('"$type"', self.quote(type_name, path))]
        ignore_nulls = self.spec.json.nulls == "ignore"
        ignore_defaults = self.spec.json.defaults == "ignore"
        for f, quoted, step in plan:
            if f.name not in value:
                if f.data_member and f.data_member.is_required:
                    # Required.AllowNull: Json.NET would refuse to read the object back.
                    raise PayloadError(messages.required_missing(json_name(self.spec, f), data_member=True),
                                       path=path)
                continue
            member = value[f.name]
            if member is None and ignore_nulls:
                continue
            if (ignore_defaults or json_skips_default(self.spec, f)) and is_default(self.spec, f.type, member):
                continue  # EmitDefaultValue=false is DefaultValueHandling.Ignore ([NJ] DefaultContractResolver)
            if member is not None and isinstance(f.type, Primitive):  # most members: no path unless one is needed
                out.append(self.member(quoted, self.primitive(member, f.type.name, path, step)))
            else:
                out.append(self.member(quoted, self.value(member, f.type, path.child(step))))
        return self.container("{}", out)

    def key(self, key: Any, ref: TypeRef, where: MemberPath) -> str:
        """A dictionary key as Json.NET names it, camel-cased under camelCase (ProcessDictionaryKeys=true)."""
        text = self.key_text(key, ref, where)
        renames = self.spec.json.naming == "camelCase" and self.spec.json.process_dictionary_keys
        name = camel_case(text, self.spec.json.naming_version) if renames else text
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
                    return _quote(value, None, self.spec.json.escape)
                except PayloadError as exc:
                    raise PayloadError(exc.message, path=_at(path, step)) from None
            case "DateTime" | "DateTimeOffset":
                return self.date(value, name, _at(path, step))
            case "bool":
                return "true" if value else "false"
            case "float" | "double":
                return self.floating(float(value), name, _at(path, step))
            case "decimal":
                return self.decimal(value, _at(path, step))
            case "Guid":
                return f'"{value}"'
            case "TimeSpan":
                return f'"{value.constant()}"'
            case "byte[]":
                return '"' + base64.b64encode(value).decode("ascii") + '"'
        return str(value)

    def date(self, value: Any, name: str, path: MemberPath) -> str:
        """ISO 8601 or the Microsoft format, a DateTime after DateTimeZoneHandling."""
        settings = self.spec.json
        if isinstance(value, DateTimeValue):
            written, zoned = ensure_date_time(value, settings.date_time_zone)
            if zoned or settings.date_format == "microsoft" and written.zone is None:
                self.losses.append(Loss(path, messages.server_zone(f"dateTimeZone: {settings.date_time_zone}"
                                                                   if zoned else "an Unspecified DateTime's offset")))
            elif written != value:
                self.losses.append(Loss(path, messages.date_time_zone(settings.date_time_zone, str(written))))
            value = written
            if settings.date_format == "iso":
                return f'"{value}"'
            text, dropped = microsoft_date_time(value)
        else:
            if settings.date_format == "iso":
                return f'"{value}"'
            utc = DateTimeValue.parse(value.utc_text())
            text, dropped = microsoft_date(utc.clock, utc.ticks, value.offset_minutes)
        if dropped:
            self.losses.append(Loss(path, messages.dropped_ticks(name)))
        return text

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
        text = json_enum_text(enum, value, self.spec.json.enums == "camelCaseString")
        return str(value) if text is None else self.quote(text, path)

    def check_enum(self, value: Any, enum: EnumType, path: MemberPath) -> None:
        """Any whole number: Json.NET writes a value no member names as the number ((Color)1000 is 1000)."""
        _require(value, int, enum.name, path)
        try:
            check_integer("int", value)
        except ValueError as exc:
            raise PayloadError(str(exc), path=path) from None

    def quote(self, text: str, path: MemberPath) -> str:
        return _quote(text, path, self.spec.json.escape)

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


_Write = Callable[[Any], str]
_STRING = Primitive("string")
#: The length from which ``_FastWriter.encode`` writes a document a member at a time.
_STREAM = 1 << 20


@cache
def _fast_writer(spec: Spec, indent: bool) -> _FastWriter:
    return _FastWriter(spec, indent)


class _FastWriter(Compiled[tuple[TypeRef, bool]]):
    """Writes a value as ``_Writer`` does, one function per type built once: members, strings,
    whole numbers, bools, Guids, byte[], enums, lists inline; anything else through a ``_Writer`` of
    its own. Whatever ``_Writer`` would report (a loss, an error) raises ``_Rerun``, and the value is
    written again by ``_Writer``."""

    def __init__(self, spec: Spec, indent: bool) -> None:
        self.spec = spec
        self.indent = indent
        self.layout = _Writer(spec, indent)  # its container() only: no state
        #: The members' texts of a root object, by its type: ``encode`` writes them one at a time.
        self.roots: dict[TypeRef, Callable[[Any], list[str] | None]] = {}
        super().__init__()

    def bind(self, ref: TypeRef, root: bool = False) -> _Write:
        return self.function((ref, root))

    def encode(self, ref: TypeRef, value: Any) -> bytes:
        """``bind(ref, True)(value)`` in UTF-8. A long document's members are encoded one at a
        time into one buffer, each let go once written: the whole text is never held beside its bytes."""
        write = self.bind(ref, True)
        members = self.roots.get(ref)
        items = members(value) if members is not None else None
        if items is None:
            return write(value).encode("utf-8")
        if not items or sum(map(len, items)) < _STREAM:  # what write() makes of these items: made once, not twice
            return self.layout.container("{}", items).encode("utf-8")
        opening, separator, closing = ("{\n  ", ",\n  ", "\n}") if self.indent else ("{", ",", "}")
        out = io.BytesIO()
        out.write(opening.encode("ascii"))
        for i, item in enumerate(items):
            items[i] = ""
            if i:
                out.write(separator.encode("ascii"))
            out.write((item.replace("\n", "\n  ") if self.indent else item).encode("utf-8"))  # container()'s layout
            del item
        out.write(closing.encode("ascii"))
        return out.getvalue()  # hands over the buffer: no copy

    def build(self, key: tuple[TypeRef, bool]) -> _Write:
        ref, root = key
        spec, indent, container = self.spec, self.indent, self.layout.container
        escape = spec.json.escape

        def through_writer(value: Any) -> str:
            writer = _Writer(spec, indent)
            try:
                text = writer.value(value, ref, _NOWHERE, root)
            except PayloadError:
                raise _Rerun from None
            if writer.losses:
                raise _Rerun
            return text

        if isinstance(ref, Nullable):
            inner = ref.of
            tdef = spec.types[inner.name] if isinstance(inner, Named) else None
            if isinstance(tdef, ClassType) and tdef.collection is None:
                return self.object(ref, tdef, root, True, through_writer)
            bound = self.bind(inner, root)
            return lambda value: "null" if value is None else bound(value)
        if isinstance(ref, Named):
            tdef = spec.types[ref.name]
            if isinstance(tdef, ClassType) and tdef.collection is not None:
                return self.bind(tdef.collection)
            if isinstance(tdef, ClassType):
                return self.object(ref, tdef, root, False, through_writer)
            enum, numbers, camel = tdef, spec.json.enums == "number", spec.json.enums == "camelCaseString"
            low, high = INTEGER_RANGES["int"]

            def member(value: Any) -> str:
                if type(value) is not int or not low <= value <= high:
                    return through_writer(value)
                if numbers:
                    return str(value)
                text = json_enum_text(enum, value, camel)
                try:
                    return str(value) if text is None else _quote(text, None, escape)
                except PayloadError:
                    raise _Rerun from None
            return member
        if isinstance(ref, ListOf):
            item = self.bind(ref.item)

            def items(value: Any) -> str:
                if type(value) is not list:
                    return through_writer(value)
                return container("[]", [item(v) for v in value])
            return items
        if isinstance(ref, Primitive):
            return self.primitive(ref.name, through_writer)
        return through_writer

    def primitive(self, name: str, through_writer: _Write) -> _Write:
        escape = self.spec.json.escape
        if name == "string":
            def string(value: Any) -> str:
                if type(value) is not str:
                    return through_writer(value)
                try:
                    return _quote(value, None, escape)
                except PayloadError:
                    raise _Rerun from None
            return string
        if name in INTEGER_RANGES:
            low, high = INTEGER_RANGES[name]
            return lambda value: str(value) if type(value) is int and low <= value <= high else through_writer(value)
        if name == "bool":
            return lambda value: ("true" if value else "false") if type(value) is bool else through_writer(value)
        if name == "Guid":
            return lambda value: f'"{value}"' if type(value) is uuid.UUID else through_writer(value)
        if name == "DateTime" and self.spec.json.date_format == "iso":
            handling = self.spec.json.date_time_zone

            def date(value: Any) -> str:
                """``_Writer.date`` of a DateTime that DateTimeZoneHandling leaves as it is."""
                if type(value) is not DateTimeValue or ensure_date_time(value, handling) != (value, False):
                    return through_writer(value)
                return f'"{value}"'
            return date
        if name == "byte[]":
            return lambda value: ('"' + base64.b64encode(value).decode("ascii") + '"' if type(value) is bytes
                                  else through_writer(value))
        return through_writer

    def object(self, ref: TypeRef, cls: ClassType, root: bool, nullable: bool, through_writer: _Write) -> _Write:
        """``_Writer.members`` for a value of the declared class whose ``$type`` Json.NET would not write."""
        spec = self.spec
        mode = spec.json.type_names
        if mode == "objects" or mode == "auto" and nullable and not root:
            return through_writer  # a $type is written
        names, plan = _write_plan(spec, cls)
        separator = ": " if self.indent else ":"
        ignore_nulls = spec.json.nulls == "ignore"
        ignore_defaults = spec.json.defaults == "ignore"
        members = [(f.name, quoted + separator, self.bind(f.type), bool(f.data_member and f.data_member.is_required),
                    ignore_defaults or json_skips_default(spec, f), f.type, is_nillable(spec, f.type),
                    unwrap(f.type) == _STRING) for f, quoted, _ in plan]
        container = self.layout.container
        escape = spec.json.escape

        def members_of(value: Any) -> list[str] | None:
            """Each member's text; None for a value ``through_writer`` writes."""
            if type(value) is not dict or RUNTIME_TYPE in value or not names.issuperset(value):
                return None
            out = []
            for name, prefix, bound, required, skips_default, ftype, takes_null, string in members:
                if name not in value:
                    if required:
                        raise _Rerun
                    continue
                member = value[name]
                if member is None:
                    if ignore_nulls or skips_default:  # (is_default(None) holds)
                        continue
                    if not takes_null:
                        raise _Rerun  # null is not a value of the type
                    out.append(prefix + "null")
                    continue
                if skips_default and is_default(spec, ftype, member):
                    continue
                if string and type(member) is str and (member.isascii() or not _SURROGATE.search(member)):
                    # bound(), inline
                    out.append(prefix + '"' + json_escape(member, escape) + '"')
                else:
                    out.append(prefix + bound(member))
            return out

        def write(value: Any) -> str:
            out = members_of(value)
            return through_writer(value) if out is None else container("{}", out)
        if root:
            self.roots[ref] = members_of
        return write


@cache
def _write_plan(spec: Spec, cls: ClassType) -> tuple[frozenset[str], tuple[tuple[Field, str, Template], ...]]:
    """The member names of ``cls``, and each member in Json.NET order with its quoted JSON name and path step."""
    fields = json_members(spec, cls)
    return frozenset(f.name for f in fields), tuple(
        (f, _quote(json_name(spec, f), MemberPath.root(), spec.json.escape), field_template(spec, f)) for f in fields)


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


def _quote(text: str, path: MemberPath | None, escape: JsonEscape = "default") -> str:
    """A JSON string as Json.NET's JavaScriptUtils escapes it under StringEscapeHandling."""
    if not text.isascii() and _SURROGATE.search(text):
        raise PayloadError("a lone surrogate cannot be written as UTF-8 (Web API's encoder throws)", path=path)
    return '"' + json_escape(text, escape) + '"'


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
    try:
        ref = body_type(spec, type_name)
    except PayloadError as exc:
        raise PayloadError(exc.message, Origin(source)) from None
    text = _utf8(data, source)
    try:
        fast = _fast_document(text)
        if fast is not None:
            try:
                return Decoded(_binder(spec).bind(ref)(fast[0]), ())
            except _Rerun:
                pass  # a loss or an error needs its place: read again, with every position
        reader = _Reader(spec, text, source)
        root = _Parser(text, source).document()
        return Decoded(reader.value(root, ref, type_root(spec, type_name)), tuple(reader.losses))
    except RecursionError:
        raise PayloadError("the JSON is nested too deeply", Origin(source)) from None


def locate(data: bytes, paths: Sequence[MemberPath]) -> list[tuple[int, int]]:
    """Where the value at each path starts in a JSON document (its parents', when it is absent)."""
    from .jsonpos import Locator

    try:
        locator = Locator(text_of(data, ""))
        return [locator.locate([step.json_name for step in path.steps()]) for path in paths]
    except PayloadError:
        return [(1, 1)] * len(paths)
    except ValueError:  # a lenient construct (a trailing comma, a comment) stops the strict scan: every place
        lenient = lenient_document(data)
        return [lenient.locate([step.json_name for step in path.steps()]) for path in paths]


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


@dataclass(frozen=True, slots=True)
class Lenient:
    """A document Json.NET reads and strict JSON refuses: its plain value (as ``json.loads`` would give
    it, numbers as ``int`` or ``Decimal``, a NaN literal as its text), each lenient construct's place
    and name, and where each member path's value starts."""

    value: Any
    constructs: tuple[tuple[Origin, str], ...]
    places: dict[tuple[str | int, ...], tuple[int, int]]
    undefined: bool  # it holds an undefined, read as null in ``value``

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """As ``jsonpos.Locator.locate``: the deepest known parent's place when ``path`` is absent."""
        steps = tuple(path)
        while steps not in self.places:
            steps = steps[:-1]
        return self.places[steps]


def lenient_document(data: bytes, source: str = "<input>") -> Lenient:
    """Parse as Json.NET's reader does; ``PayloadError`` where even it refuses the text."""
    text = _utf8(data, source)
    parser = _Parser(text, source)
    try:
        root = parser.document()
    except RecursionError:
        raise PayloadError("the JSON is nested too deeply", Origin(source)) from None
    places: dict[tuple[str | int, ...], tuple[int, int]] = {}

    def plain(node: _Node, at: tuple[str | int, ...]) -> Any:
        origin = _origin(text, source, node.pos)
        places.setdefault(at, (origin.line, origin.col))
        value = node.value
        if isinstance(value, _Number):
            return Decimal(value.text) if any(c in value.text for c in ".eE") or len(value.text) > 1000 else int(value.text)
        if isinstance(value, _NonFinite):
            return value.text  # what FloatFormatHandling.String writes for it: the same value
        if isinstance(value, _Array):
            return [plain(child, at + (i,)) for i, child in enumerate(value)]
        if isinstance(value, _Object):
            return {name: plain(child, at + (name,)) for name, _, child in value}
        return None if value is _UNDEFINED else value

    value = plain(root, ())
    constructs = tuple((_origin(text, source, pos), LENIENT[kind]) for pos, kind in sorted(parser.lenient))
    return Lenient(value, constructs, places, any(kind == "undefined" for _, kind in parser.lenient))


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


class _Node(NamedTuple):
    """A JSON value and the offset where it starts, so an error can point at it (a tuple: the
    C parser's path makes one per value)."""

    pos: int
    value: None | bool | str | _Number | _NonFinite | _Undefined | _Array | _Object


class _Undefined:
    """JsonToken.Undefined: the literal ``undefined``, or nothing between two commas of an array."""

    def __repr__(self) -> str:
        return "undefined"


_UNDEFINED = _Undefined()
#: The types Json.NET 6.0.8 reads with a ReadAsXxx method, which refuses Undefined even where it takes
#: null ([NJ] JsonSerializerInternalReader.ReadForType, ReadType; observed: "Error reading string.
#: Unexpected token: Undefined"); everywhere else Undefined reads as null.
_READ_AS = frozenset({"string", "int", "decimal", "DateTime", "DateTimeOffset", "byte[]"})


@dataclass(frozen=True, slots=True)
class _NonFinite:
    """A ``NaN``, ``Infinity`` or ``-Infinity`` literal: Json.NET's reader takes them unquoted."""

    text: str


#: The escapes Json.NET's reader knows, ``\'`` among them ([NJ] JsonTextReader.ReadStringIntoBuffer).
_STRING_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_PLAIN = {q: re.compile(f"[^{q}\\\\]*") for q in "\"'"}
_HEX4 = re.compile("[0-9A-Fa-f]{4}")
#: Json.NET's ValidIdentifierChar: char.IsLetterOrDigit, '_' or '$' ([NJ] JsonTextReader.ParseUnquotedProperty).
_IDENTIFIER_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd"})
#: What ``validate`` names each construct strict JSON refuses and Json.NET's reader takes.
LENIENT = {"comment": "a comment", "single": "a single-quoted string", "unquoted": "an unquoted member name",
           "nonfinite": "a NaN or Infinity literal", "comma": "a trailing comma", "escape": "the escape \\'",
           "undefined": "undefined (the literal, or an empty array item between commas)"}


def _identifier(c: str) -> bool:
    return c in "_$" or c < "\U00010000" and unicodedata.category(c) in _IDENTIFIER_CATEGORIES


class UndefinedRefused(PayloadError):
    """Json.NET refuses ``undefined`` where it reads the type with ReadAsXxx (``_READ_AS``); ``validate``'s
    checker takes it for null, so it asks the reader for these."""


class _Rerun(Exception):
    """The reading without positions met a loss or an error, which must say where it is."""


class _Refused(ValueError):
    """``NaN`` or ``Infinity``, which the standard library reads and RFC 8259 (and ``_Parser``) does not."""


def _refuse(name: str) -> None:
    raise _Refused(name)


class _Pairs(list[tuple[str, Any]]):
    """A JSON object's members as the C parser gives them: in order, duplicates kept."""


def _wrap(value: Any) -> _Node:
    """The nodes ``_Parser`` builds (positions -1) for a value the C parser read."""
    if type(value) is _Pairs:
        return _new_node(_Node, (-1, _Object([(name, -1, _wrap(item)) for name, item in value])))
    if type(value) is list:
        return _new_node(_Node, (-1, _Array([_wrap(item) for item in value])))
    return _new_node(_Node, (-1, value))


#: Builds a node without NamedTuple's argument handling.
_new_node = tuple.__new__


#: The standard library's C parser, with ``_Parser``'s grammar (numbers as their text, duplicates
#: kept, raw control characters in strings); objects as ``_Pairs``.
_FAST = JSONDecoder(object_pairs_hook=_Pairs, parse_int=_Number, parse_float=_Number,
                    parse_constant=_refuse, strict=False)


def _fast_document(text: str) -> tuple[Any] | None:
    """The document as the C parser reads it, or None where only ``_Parser`` may answer: a
    document it refuses (``_Parser`` words the error and places it) or that may nest past the limit."""
    limit = current().max_depth
    try:
        root = _FAST.decode(text)
    except (ValueError, RecursionError):
        return None
    # Only a document with that many brackets can nest too deep; then its containers are walked.
    if text.count("[") + text.count("{") > limit and _depth(root) > limit:
        return None
    return (root,)


def _depth(root: Any) -> int:
    """How deep arrays and objects nest under ``root`` (iteratively: no recursion)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        value, depth = stack.pop()
        if type(value) is _Pairs:
            children = [child for _, child in value]
        elif type(value) is list:
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children if type(child) in (_Pairs, list))
    return deepest


_Bind = Callable[[Any], Any]


@cache
def _binder(spec: Spec) -> _Binder:
    return _Binder(spec)


class _Binder(Compiled[TypeRef]):
    """Binds what the C parser read straight to the value ``_Reader`` gives, one function per type
    built once: the common case (members by name, strings, whole numbers, bools, lists, objects)
    inline, anything else through ``_Reader``'s own methods. Whatever ``_Reader`` would report (a
    loss, an error) raises ``_Rerun``, and the payload is read again by ``_Reader`` with places."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.reader = _Reader(spec, "", "", positions=False)  # raises _Rerun where it would place anything
        super().__init__()

    def bind(self, ref: TypeRef) -> _Bind:
        return self.function(ref)

    def build(self, ref: TypeRef) -> _Bind:
        spec, reader = self.spec, self.reader
        nillable = is_nillable(spec, ref)
        core = unwrap(ref)

        def through_reader(raw: Any) -> Any:
            try:
                return reader.value(_wrap(raw), ref, _NOWHERE)
            except PayloadError:
                raise _Rerun from None

        tdef = spec.types[core.name] if isinstance(core, Named) else None
        if isinstance(tdef, ClassType) and tdef.collection is not None:
            if ref is core:
                return self.bind(tdef.collection)
            return through_reader
        if isinstance(tdef, ClassType):
            return self.object(tdef, nillable, through_reader)
        if isinstance(core, Primitive) and core.name in INTEGER_RANGES:
            name = core.name

            def integer(raw: Any) -> Any:
                if type(raw) is _Number and _INTEGER.fullmatch(raw.text):
                    try:
                        return check_integer(name, whole(raw.text))
                    except ValueError:
                        raise _Rerun from None
                return through_reader(raw)
            return integer
        if isinstance(core, Primitive) and core.name in ("string", "Uri", "bool"):
            kind = bool if core.name == "bool" else str
            empty = core.name == "Uri"  # Json.NET reads an empty Uri as null: a loss

            def simple(raw: Any) -> Any:
                if type(raw) is kind and not (empty and not raw):
                    return raw
                return through_reader(raw)
            return simple
        if isinstance(core, ListOf):
            item = self.bind(core.item)

            def items(raw: Any) -> Any:
                if type(raw) is list:
                    return [item(child) for child in raw]
                return through_reader(raw)
            return items
        if isinstance(core, Primitive):
            return self.scalar(partial(reader.primitive, name=core.name), through_reader)
        if isinstance(tdef, EnumType):
            return self.scalar(partial(reader.enum, enum=tdef), through_reader)
        return through_reader

    def scalar(self, read: Callable[..., Any], through_reader: _Bind) -> _Bind:
        """What ``_Reader.value`` does for a primitive or enum that is not null, without its dispatch."""
        def scalar(raw: Any) -> Any:
            if raw is None:
                return through_reader(raw)
            try:
                return read(_new_node(_Node, (-1, raw)), path=_NOWHERE)
            except PayloadError:
                raise _Rerun from None
        return scalar

    def object(self, cls: ClassType, nillable: bool, through_reader: _Bind) -> _Bind:
        """A class value: ``_Reader.object`` and ``members`` for an object with no ``$type`` first,
        no unknown, repeated or missing required member."""
        spec = self.spec
        marked = spec.json.type_names != "none"
        ignore_nulls = spec.json.nulls == "ignore"
        fields, folded, _ = _read_plan(spec, cls)
        by_name = {name: (f.name, self.bind(f.type), is_nillable(spec, f.type), unwrap(f.type) == _STRING)
                   for name, f in fields.items()}
        by_fold = {name: (f.name, self.bind(f.type), is_nillable(spec, f.type), unwrap(f.type) == _STRING)
                   for name, f in folded.items()}
        required = tuple(f.name for f in fields.values() if f.data_member and f.data_member.is_required)
        defaults = [(f.name, f.type) for f in fields.values()] if spec.json.defaults == "ignore" else []

        def members(raw: Any) -> Any:
            if type(raw) is not _Pairs or marked and raw and raw[0][0] == "$type":
                if raw is None and nillable:
                    return None
                return through_reader(raw)
            out: dict[str, Any] = {}
            seen: set[str] = set()
            for name, child in raw:
                found = by_name.get(name) or by_fold.get(fold(name))
                if found is None or found[0] in seen:
                    raise _Rerun  # an unknown or repeated member: a loss
                field, bind, takes_null, string = found
                seen.add(field)
                if child is None:
                    if ignore_nulls:
                        continue
                    if not takes_null:
                        raise _Rerun  # null is not a value of the type: an error
                    out[field] = None
                    continue
                out[field] = child if string and type(child) is str else bind(child)
            for field, ftype in defaults:
                out.setdefault(field, default_of(spec, ftype))
            for field in required:
                if field not in seen:
                    raise _Rerun
            return out
        return members


#: The path ``_Binder`` passes to ``_Reader``: only messages use one, and any message reruns the read.
_NOWHERE = MemberPath.root()


class _Parser:
    """JSON as Json.NET's JsonTextReader reads it: RFC 8259, plus raw control characters in strings
    and the lenient forms it accepts (observed on 6.0.8 and read in [NJ] JsonTextReader.cs, 13.0.4):
    ``NaN``/``Infinity``/``-Infinity`` literals, single-quoted strings and names, unquoted names,
    ``//`` and ``/* */`` comments, a trailing comma in an object or an array, and ``undefined``: the
    literal, or an array item left empty (``[1,,2]``, ``[,]``: observed on 6.0.8). Each lenient form is noted in
    ``lenient`` (offset, ``LENIENT`` key), so ``validate`` can warn that other clients refuse it."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.depth = 0
        self.max_depth = current().max_depth
        self.lenient: list[tuple[int, str]] = []

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
        text = self.text
        while pos < len(text):
            c = text[pos]
            if c in " \t\n\r":
                pos += 1
            elif c == "/" and text.startswith("//", pos):
                self.lenient.append((pos, "comment"))
                newline = min((i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0), default=len(text))
                pos = newline
            elif c == "/" and text.startswith("/*", pos):
                self.lenient.append((pos, "comment"))
                close = text.find("*/", pos + 2)
                if close < 0:
                    raise self.fail(pos, "a comment that never ends (no */)")
                pos = close + 2
            else:
                break
        return pos

    def value(self, pos: int) -> tuple[_Node, int]:
        pos = self.skip(pos)
        head = self.text[pos : pos + 1]
        if head == "{":
            return self.object(pos)
        if head == "[":
            return self.array(pos)
        if head in ('"', "'"):
            string, end = self.string(pos)
            return _Node(pos, string), end
        number = _NUMBER.match(self.text, pos)
        if number:
            return _Node(pos, _Number(number.group())), number.end()
        for word, literal in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, pos):
                return _Node(pos, literal), pos + len(word)
        for word in _NON_FINITE:
            if self.text.startswith(word, pos):
                self.lenient.append((pos, "nonfinite"))
                return _Node(pos, _NonFinite(word)), pos + len(word)
        if self.text.startswith("undefined", pos):
            self.lenient.append((pos, "undefined"))
            return _Node(pos, _UNDEFINED), pos + len("undefined")
        raise self.fail(pos, f"expected a value, found {head!r}" if head else "unexpected end of the text")

    def string(self, pos: int) -> tuple[str, int]:
        if self.text[pos] == '"':
            try:
                string: str
                string, end = _STRINGS.raw_decode(self.text, pos)
                return string, end
            except JSONDecodeError as exc:
                if "\\'" not in self.text[pos : exc.pos + 2]:
                    raise self.fail(exc.pos, exc.msg) from None
                self.lenient.append((exc.pos, "escape"))
        else:
            self.lenient.append((pos, "single"))
        return self.quoted(pos)

    def quoted(self, pos: int) -> tuple[str, int]:
        """A string in either quote with Json.NET's escapes; pairs of ``\\u`` surrogates combined."""
        quote, text = self.text[pos], self.text
        parts: list[str] = []
        i = pos + 1
        while True:
            plain = _PLAIN[quote].match(text, i)
            assert plain is not None
            parts.append(plain.group())
            j = plain.end()
            if j >= len(text):
                raise self.fail(pos, "unterminated string")
            if text[j] == quote:
                joined = "".join(parts)
                if any("\ud800" <= c <= "\udfff" for c in joined):
                    joined = joined.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
                return joined, j + 1
            escape = text[j + 1 : j + 2]
            if escape == "u" and _HEX4.fullmatch(text, j + 2, j + 6):
                parts.append(chr(int(text[j + 2 : j + 6], 16)))
                i = j + 6
            elif escape in _STRING_ESCAPES:
                if escape == "'":
                    self.lenient.append((j, "escape"))
                parts.append(_STRING_ESCAPES[escape])
                i = j + 2
            else:
                raise self.fail(j, f"bad escape \\{escape}" if escape else "unterminated string")

    def name(self, pos: int) -> tuple[str, int]:
        """A member name: quoted either way, or unquoted up to whitespace or ':'."""
        head = self.text[pos : pos + 1]
        if head in ('"', "'"):
            return self.string(pos)
        if not head or not _identifier(head):
            raise self.fail(pos, "expected a member name in double quotes")
        self.lenient.append((pos, "unquoted"))
        end = pos
        while end < len(self.text) and _identifier(self.text[end]):
            end += 1
        if end < len(self.text) and self.text[end] not in " \t\n\r:":
            raise self.fail(end, f"{self.text[end]!r} cannot be part of an unquoted member name")
        return self.text[pos:end], end

    def object(self, start: int) -> tuple[_Node, int]:
        self.nest(start)
        members = _Object()
        pos = self.skip(start + 1)
        if self.text.startswith("}", pos):
            self.depth -= 1
            return _Node(start, members), pos + 1
        while True:
            name, end = self.name(pos)
            colon = self.skip(end)
            if not self.text.startswith(":", colon):
                raise self.fail(colon, "expected ':' after the member name")
            node, end = self.value(colon + 1)
            members.append((name, pos, node))
            pos = self.skip(end)
            if self.text.startswith(",", pos):
                comma = pos
                pos = self.skip(pos + 1)
                if self.text.startswith("}", pos):
                    self.lenient.append((comma, "comma"))
                    self.depth -= 1
                    return _Node(start, members), pos + 1
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
            pos = self.skip(pos)
            if self.text.startswith(",", pos):  # an item left empty: JsonTextReader reads Undefined
                self.lenient.append((pos, "undefined"))
                items.append(_Node(pos, _UNDEFINED))
                pos += 1
                continue
            if self.text.startswith("]", pos):  # only after a comma: the first check took "[]"
                self.lenient.append((pos, "comma"))
                self.depth -= 1
                return _Node(start, items), pos + 1
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

    def __init__(self, spec: Spec, text: str, source: str, *, positions: bool = True) -> None:
        self.spec = spec
        self.text = text
        self.source = source
        self.positions = positions
        self.losses: list[Loss] = []

    def fail(self, node: _Node, path: MemberPath, message: str) -> PayloadError:
        return PayloadError(message, self.origin(node.pos), path)

    def origin(self, pos: int) -> Origin:
        if not self.positions:
            raise _Rerun
        return _origin(self.text, self.source, pos)

    def expect(self, node: _Node, kind: type[_T], ref: TypeRef, path: MemberPath) -> _T:
        if not isinstance(node.value, kind):
            raise self.fail(node, path, messages.expected(json_shape(self.spec, ref), _shown(node.value)))
        return node.value

    def value(self, node: _Node, ref: TypeRef, path: MemberPath) -> Any:
        if node.value is _UNDEFINED:
            core = unwrap(ref)
            if isinstance(core, Primitive) and core.name in _READ_AS:
                raise UndefinedRefused(messages.undefined_refused(str(ref)), self.origin(node.pos), path)
            node = _Node(node.pos, None)  # read as null, by the same rules
        if node.value is None:
            if not is_nillable(self.spec, ref):
                raise self.fail(node, path, messages.expected(json_shape(self.spec, ref), None))
            return None
        match ref:
            case Primitive(name):  # first: most values are (the patterns are disjoint types)
                return self.primitive(node, name, path)
            case Nullable(Named(name)) if isinstance(tdef := self.spec.types[name], ClassType) and tdef.collection is None:
                return self.object(node, tdef, path, nullable=True)
            case Nullable(inner):
                return self.value(node, inner, path)
            case ListOf(item):
                items = self.expect(node, _Array, ref, path)
                element = collection_item(self.spec, ref).name
                return [self.value(child, item, path.item(i, element, len(items))) for i, child in enumerate(items)]
            case DictOf():
                return self.dictionary(node, ref, path)
            case Named(name):
                tdef = self.spec.types[name]
                if isinstance(tdef, ClassType) and tdef.collection is not None:
                    return self.value(node, tdef.collection, path)
                return self.enum(node, tdef, path) if isinstance(tdef, EnumType) else self.object(node, tdef, path)
            case ObjectRef():
                return self.boxed(node, path)
        raise AssertionError(ref)

    def boxed(self, node: _Node, path: MemberPath) -> Boxed:
        """What Json.NET reads into an ``object`` member ([NJ] JsonSerializerInternalReader.
        CreateValueInternal with no contract): an integer as long (BigInteger past it), another
        number as double, an ISO date string as DateTime (DateParseHandling.DateTime), other
        strings and bools as they are, an object or array as a JObject or JArray."""
        value = node.value
        if isinstance(value, bool):
            return Boxed("bool", value)
        if isinstance(value, _Number):
            if _INTEGER.fullmatch(value.text):
                number = whole(value.text)
                low, high = INTEGER_RANGES["long"]
                return Boxed("long", number) if low <= number <= high else Boxed(BIG_INTEGER, number)
            return Boxed("double", self.floating(node, "double", path))
        if isinstance(value, str):
            if _ISO_DATE.fullmatch(value):
                return Boxed("DateTime", self.primitive(node, "DateTime", path))
            return Boxed("string", value)
        return Boxed("json", _plain(node))


    def object(self, node: _Node, declared: ClassType, path: MemberPath, nullable: bool = False) -> dict[str, Any]:
        """A class value: with ``json.typeNames`` other than none, a leading ``"$type"`` names the class
        to create, which must be ``declared`` or derive from it ([NJ] JsonSerializerInternalReader.
        ReadMetadataProperties, ResolveTypeName: metadata is read only at the start of an object)."""
        members = self.expect(node, _Object, Named(declared.name), path)
        if self.spec.json.type_names == "none" or not members or members[0][0] != "$type":
            return self.members(members, declared, node, path)
        _, pos, marker = members[0]
        if not isinstance(marker.value, str):
            raise self.fail(marker, path, messages.expected("a string (\"Namespace.Type, Assembly\")", _shown(marker.value)))
        runtime = self.named_type(marker.value, marker, declared, path, nullable)
        value = self.members(_Object(members[1:]), runtime, node, path)
        return value if runtime is declared else {RUNTIME_TYPE: runtime.name, **value}

    def named_type(self, text: str, node: _Node, declared: ClassType, path: MemberPath,
                   nullable: bool = False) -> ClassType:
        """The class a ``$type`` names: ``Namespace.Type`` exactly, in the spec's assembly (compared
        ignoring case, as assembly names are); for a struct in a ``T?``, ``System.Nullable`1[[T, ...]]``."""
        if nullable and self.spec.assembly is not None and text == nullable_type_name(
                clr_type_name(declared.namespace, declared.clr_name, self.spec.assembly)):
            return declared
        type_name, assembly = split_type_name(text)
        if assembly is None or self.spec.assembly is None or fold(assembly) != fold(self.spec.assembly):
            raise self.fail(node, path, messages.type_name_assembly(text, self.spec.assembly))
        found = next((c for c in self.spec.classes()
                      if (f"{c.namespace}.{c.clr_name}" if c.namespace else c.clr_name) == type_name), None)
        if found is None:
            raise self.fail(node, path, messages.type_name_unknown(text))
        if not self.spec.derives(found, declared):
            raise self.fail(node, path, messages.type_name_incompatible(text, declared.name))
        return found

    def members(self, members: _Object, cls: ClassType, node: _Node, path: MemberPath) -> dict[str, Any]:
        """Each name matched exactly, else ignoring case ([NJ] JsonPropertyCollection.GetClosestMatchProperty);
        unknown names skipped (MissingMemberHandling.Ignore); the last of a repeated member wins."""
        fields, folded, steps = _read_plan(self.spec, cls)
        out: dict[str, Any] = {}
        seen: set[str] = set()
        for name, pos, child in members:
            field = fields.get(name)
            if field is not None:
                where = path.child(steps[name])
            else:
                field = folded.get(fold(name))
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
        if self.spec.json.defaults == "ignore":  # DefaultValueHandling.Ignore: what is left out holds its default
            for f in fields.values():
                out.setdefault(f.name, default_of(self.spec, f.type))
        for written, f in fields.items():
            if f.data_member and f.data_member.is_required and f.name not in seen:
                # [NJ] DefaultContractResolver: DataMember(IsRequired) is Required.AllowNull (observed: it throws).
                raise self.fail(node, path, messages.required_missing(written, data_member=True))
        return out

    def dictionary(self, node: _Node, ref: DictOf, path: MemberPath) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        members = self.expect(node, _Object, ref, path)
        if self.spec.json.type_names != "none" and members and members[0][0] == "$type":
            members = _Object(members[1:])  # metadata, not a key: TypeNameHandling.Objects writes it
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
        if isinstance(node.value, _NonFinite):
            if name == "string":  # the Float token's invariant text ([NJ] JsonSerializerInternalReader.EnsureType)
                return node.value.text
            raise self.fail(node, path, messages.not_a(name, primitive_shape(name), Verbatim(node.value.text)))
        if name == "decimal":
            text = self.expect(node, _Number, ref, path).text
        else:
            text = self.expect(node, str, ref, path)
            if name == "Uri" and not text:
                self.losses.append(Loss(path, "Json.NET reads an empty Uri as null", self.origin(node.pos)))
                return None  # what .NET then holds, and writes (i:nil in XML)
        try:
            if name in ("DateTime", "DateTimeOffset"):
                return self.date(text, name)
            return parse_text(name, text)
        except ValueError as exc:
            raise self.fail(node, path, str(exc)) from None

    def date(self, text: str, name: str) -> DateTimeValue | DateTimeOffsetValue:
        """ISO 8601 or ``/Date(ms[+hhmm])/``, which Json.NET's reader takes under either DateFormatHandling;
        a DateTime then goes through DateTimeZoneHandling. A Microsoft date with an offset is Local: at
        that offset, taken as the server's ([NJ] DateTimeUtils.TryParseDateTimeMicrosoft)."""
        microsoft = parse_microsoft_date(text)
        if name == "DateTimeOffset":
            if microsoft is None:
                return DateTimeOffsetValue.parse(text)
            clock, ticks, minutes = microsoft
            return DateTimeOffsetValue.from_utc(DateTimeValue(clock, ticks, "Z"), minutes or 0)
        if microsoft is None:
            value = DateTimeValue.parse(text)
        else:
            clock, ticks, minutes = microsoft
            value = (DateTimeValue(clock, ticks, "Z") if minutes is None else
                     DateTimeValue(clock + timedelta(minutes=minutes), ticks, offset_text(minutes)))
        return ensure_date_time(value, self.spec.json.date_time_zone)[0]

    def floating(self, node: _Node, name: str, path: MemberPath) -> float:
        """A number, or the strings Json.NET writes for NaN and the infinities; a float rounded to float32."""
        if isinstance(node.value, str) and node.value in _NON_FINITE:
            return _NON_FINITE[node.value]
        if isinstance(node.value, _NonFinite):
            return _NON_FINITE[node.value.text]
        text = self.expect(node, _Number, Primitive(name), path).text
        number = parse_double(text)
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
                parsed = json_enum_parse(enum, value, self.spec.json.enums == "camelCaseString")
                return check_integer("int", parsed)
            except ValueError as exc:
                raise self.fail(node, path, str(exc)) from None
        text = self.expect(node, _Number, Named(enum.name), path).text
        try:
            number = whole(text) if _INTEGER.fullmatch(text) else None
        except ValueError:
            number = None  # thousands of digits: no value of any enum
        if number is None or not -(2**31) <= number < 2**31:
            values = ", ".join(f"{m.name}={m.value}" for m in enum.members)
            kind = "a combination of the flags of" if enum.flags else "a value of"
            raise self.fail(node, path, messages.expected(f"{kind} enum {enum.name} ({values})", Verbatim(text)))
        return number  # an undefined value too: Json.NET reads (Color)1000 (Enum.ToObject)


#: What Json.NET reads back into ``object`` from the JSON each boxed primitive is written as.
_BOXED_AS = {**dict.fromkeys(INTEGER_RANGES, "long"), "float": "double", "double": "double", "decimal": "double",
             "bool": "bool", "DateTime": "DateTime", "DateTimeOffset": "DateTime"}
#: What Json.NET's reader takes for a date in an untyped value (DateTimeUtils.TryParseDateTimeIso's shape).
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,7})?(?:Z|[+-][0-9]{2}:[0-9]{2})?")


def _plain(node: _Node) -> Any:
    """A parsed JSON value as plain Python (the last of a repeated name wins, as in a JObject)."""
    value = node.value
    if isinstance(value, _Object):
        return {name: _plain(child) for name, _, child in value}
    if isinstance(value, _Array):
        return [_plain(child) for child in value]
    if isinstance(value, _Number):
        return whole(value.text) if _INTEGER.fullmatch(value.text) else parse_double(value.text)
    return None if value is _UNDEFINED else value


@cache
def _read_plan(spec: Spec, cls: ClassType) -> tuple[dict[str, Field], dict[str, Field], dict[str, Template]]:
    """The members of ``cls`` by JSON name, by that name folded (the first of a fold wins), and the
    path step of each member written by its own JSON name."""
    fields = {json_name(spec, f): f for f in json_members(spec, cls)}
    folded: dict[str, Field] = {}
    for name, f in fields.items():
        folded.setdefault(fold(name), f)
    return fields, folded, {name: ("member", f.name, name, member_name(f), 0, 1) for name, f in fields.items()}


def _shown(value: object) -> object:
    """A parsed node's value as messages show it: a number by its own digits."""
    if isinstance(value, (_Number, _NonFinite)):
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
        try:
            value = Decimal(text)
        except ArithmeticError:  # an exponent past what Decimal's context reads (1e999999999999999999)
            raise ValueError(messages.outside("System.Decimal", Verbatim(text))) from None
        if not -28 <= value.adjusted() <= 28 or value.copy_abs() > DECIMAL_MAX:
            raise ValueError(messages.outside("System.Decimal", Verbatim(text)))
        text = format_decimal(value)
    return parse_decimal(text)
