"""JSON Schema (draft 2020-12) for each spec type, as Json.NET writes and reads it.

Pure functions of the spec model: no I/O, deterministic output (golden files).
Names follow the spec's ``json`` settings; ``null`` is allowed wherever Json.NET
would write one (reference types and ``T?``) unless the spec requires the member.
"""

from __future__ import annotations

import re
from functools import reduce
from typing import Any

from ..codecs.lexical import DECIMAL_MAX, clr_type_name, json_enum_names, non_finite
from ..spec.datacontract import is_nillable, json_members, json_name
from urllib.parse import quote

from ..spec.model import INTEGER_RANGES, ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, ObjectRef, Primitive
from ..spec.model import Spec, TypeRef, unwrap

__all__ = ["DIALECT", "enum_values", "to_json_schema", "to_json_schemas"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
Schema = dict[str, Any]

#: Json.NET's lexical forms (JsonTextWriter, DateTimeUtils); written by .NET, so matched exactly.
GUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
# A calendar date DateTime.Parse takes: no year 0000, each month's own days, 29 February in leap
# years only (found by `contractkit fuzz`: "2026-02-30" passed the pattern, Json.NET refuses it).
_DAY = (r"((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)")
_LEAP = r"([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)-02-29"
_DATE = (rf"((?!0000)[0-9]{{4}}-{_DAY}|{_LEAP})"
         r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,7})?")
DATETIME_PATTERN = f"^{_DATE}(Z|[+-][0-9]{{2}}:[0-9]{{2}})?$"
DATETIMEOFFSET_PATTERN = f"^{_DATE}[+-][0-9]{{2}}:[0-9]{{2}}$"
#: DateFormatHandling.MicrosoftDateFormat: ``/Date(ms[+hhmm])/`` (the JSON text's ``\/`` is ``/``).
MICROSOFT_DATE_PATTERN = r"^/Date\(-?[0-9]+([+-][0-9]{4})?\)/$"
TIMESPAN_PATTERN = r"^-?([0-9]+\.)?([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{7})?$"
BASE64_PATTERN = "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
_DECIMAL_BOUND = int(DECIMAL_MAX) + 1
_FLOAT = {"anyOf": [{"type": "number"}, {"enum": list(non_finite("json"))}]}

_PRIMITIVES: dict[str, Schema] = {
    "string": {"type": "string"},
    "bool": {"type": "boolean"},
    **{name: {"type": "integer", "minimum": lo, "maximum": hi} for name, (lo, hi) in INTEGER_RANGES.items()},
    "float": _FLOAT,
    "double": _FLOAT,
    # Json.NET's ReadAsDecimal overflows from 2^96 in magnitude (anything nearer rounds into range:
    # fit_decimal); the bound itself is let in, as a validator that reads numbers as doubles reads
    # decimal.MaxValue (2^96 - 1) as 2^96 and must not refuse what Json.NET writes
    "decimal": {"type": "number", "minimum": -_DECIMAL_BOUND, "maximum": _DECIMAL_BOUND},
    "char": {"type": "string", "minLength": 1, "maxLength": 1},
    "Guid": {"type": "string", "format": "uuid", "pattern": GUID_PATTERN},
    "DateTime": {"type": "string", "pattern": DATETIME_PATTERN},
    "DateTimeOffset": {"type": "string", "format": "date-time", "pattern": DATETIMEOFFSET_PATTERN},
    "TimeSpan": {"type": "string", "pattern": TIMESPAN_PATTERN},
    "Uri": {"type": "string", "format": "uri-reference"},
    "byte[]": {"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN},
}


def to_json_schemas(spec: Spec) -> dict[str, Schema]:
    """One self-contained schema per type, keyed by type name."""
    return {name: to_json_schema(spec, name) for name in spec.types}


def to_json_schema(spec: Spec, type_name: str) -> Schema:
    """The self-contained schema of one type (any type expression: ``List<ProductModel>``, ``int``);
    referenced types go under ``$defs``, keyed by their spec key (``ApiResponse<Order>``).

    >>> from converter.spec import parse_spec
    >>> spec = parse_spec("spec: 1\\ntypes: {A: {fields: {Count: int, Tags: List<string>}}}")
    >>> schema = to_json_schema(spec, "A")
    >>> schema["properties"]["tags"]["type"]
    ['array', 'null']
    """
    ref = spec.resolve(type_name)
    key = ref.name if isinstance(ref, Named) else None
    builder = _Builder(spec, key)
    root = builder.definition(spec.types[key]) if key is not None else builder.item(ref)
    schema: Schema = {"$schema": DIALECT, "title": key or str(ref), **root}
    pending = list(builder.referenced)
    defs: dict[str, Schema] = {}
    while pending:
        name = pending.pop(0)
        if name in defs or name == type_name:
            continue
        defs[name] = builder.definition(spec.types[name])
        pending.extend(n for n in builder.referenced if n not in defs)
    if defs:
        schema["$defs"] = {name: defs[name] for name in sorted(defs)}
    return schema


class _Builder:
    def __init__(self, spec: Spec, root: str | None) -> None:
        self.spec = spec
        self.root = root
        self.referenced: list[str] = []

    def definition(self, tdef: ClassType | EnumType) -> Schema:
        if isinstance(tdef, ClassType) and tdef.collection is not None:
            schema = self._value(tdef.collection)  # Json.NET writes a collection type as its list or dictionary
        else:
            schema = self._enum(tdef) if isinstance(tdef, EnumType) else self._class(tdef)
        if tdef.description:
            schema = {"description": tdef.description, **schema}
        return schema

    def _class(self, cls: ClassType) -> Schema:
        properties: dict[str, Schema] = {}
        required: list[str] = []
        for f in json_members(self.spec, cls):
            name = json_name(self.spec, f)
            properties[name] = self._field(f)
            if f.required or (f.data_member and f.data_member.is_required):
                required.append(name)
        schema: Schema = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        if self.spec.json.type_names != "none":
            # TypeNameHandling: a "$type" naming a derived class makes the value that class.
            derived = [{"if": {"properties": {"$type": {"const": type_marker(self.spec, sub)}}, "required": ["$type"]},
                        "then": self._value(Named(sub.name))} for sub in self.spec.subtypes(cls)]
            if derived:
                schema["allOf"] = derived
        return schema

    def _enum(self, enum: EnumType) -> Schema:
        return enum_values(self.spec, enum)

    def _field(self, f: Field) -> Schema:
        schema = self._value(unwrap(f.type))
        facets = {
            "enum": list(f.enum) if f.enum is not None else None,
            "minLength": f.min_length,
            "maxLength": f.max_length,
            "pattern": f"^(?:{f.pattern})$" if f.pattern is not None else None,
            "minimum": f.minimum,
            "maximum": f.maximum,
            "minItems": f.min_items,
            "maxItems": f.max_items,
        }
        schema = _merge(schema, {k: v for k, v in facets.items() if v is not None})
        if isinstance(f.type, ObjectRef):
            schema = {"not": {"type": "null"}} if f.required else {}
        elif is_nillable(self.spec, f.type) and not f.required:
            schema = _or_null(schema)
        head: Schema = {}
        if f.description:
            head["description"] = f.description
        if f.read_only:
            head["readOnly"] = True
        return {**head, **schema}

    def _value(self, ref: TypeRef) -> Schema:
        """The schema of a non-null value of ``ref``."""
        match ref:
            case Primitive("DateTime" | "DateTimeOffset") if self.spec.json.date_format == "microsoft":
                return {"type": "string", "pattern": MICROSOFT_DATE_PATTERN}
            case Primitive(name):
                return dict(_PRIMITIVES[name])
            case Named(name):
                if name not in self.referenced:
                    self.referenced.append(name)
                return {"$ref": "#" if name == self.root else f"#/$defs/{quote(name, safe='.,')}"}
            case ObjectRef():
                return {}  # any JSON value: Json.NET reads it into object
            case Nullable(inner):
                return _or_null(self._value(inner))
            case ListOf(item):
                return {"type": "array", "items": self._item(item)}
            case DictOf(key, value):
                schema: Schema = {"type": "object", "additionalProperties": self._item(value)}
                key_schema = self._value(key)
                if key != Primitive("string"):
                    schema["propertyNames"] = _as_key(key_schema)
                return schema
        raise AssertionError(ref)

    def item(self, ref: TypeRef) -> Schema:
        """The schema of a list item, dictionary value or body: null allowed for reference types."""
        return self._item(ref)

    def _item(self, ref: TypeRef) -> Schema:
        if isinstance(ref, ObjectRef):
            return {}
        value = self._value(ref)
        return _or_null(value) if is_nillable(self.spec, ref) and not isinstance(ref, Nullable) else value


def type_marker(spec: Spec, cls: ClassType) -> str:
    """The ``$type`` Json.NET writes for ``cls`` under ``json.typeNames`` ([NJ] TypeNameHandling)."""
    return clr_type_name(cls.namespace, cls.clr_name, spec.assembly or "")


def enum_values(spec: Spec, enum: EnumType) -> Schema:
    """An enum as Json.NET writes it: its numbers (every combination of a ``[Flags]`` enum's,
    up to 12 members), or with StringEnumConverter its names, flags joined by ``", "``."""
    if spec.json.enums != "number":
        names = [name for _, name in json_enum_names(enum, spec.json.enums == "camelCaseString")]
        if enum.flags:
            alternatives = "|".join(re.escape(n) for n in names)
            return {"type": "string", "pattern": f"^({alternatives})(, ({alternatives}))*$"}
        return {"type": "string", "enum": names}
    values = {m.value for m in enum.members}
    if enum.flags and len(enum.members) <= 12:
        values = reduce(lambda acc, v: acc | {a | v for a in acc}, values, {0})
    return {"type": "integer", "enum": sorted(values)}


def _merge(schema: Schema, facets: Schema) -> Schema:
    """Add facets to a schema, tightening (not replacing) numeric bounds."""
    out = dict(schema)
    for key, value in facets.items():
        if key == "minimum" and "minimum" in out:
            out[key] = max(out[key], value)
        elif key == "maximum" and "maximum" in out:
            out[key] = min(out[key], value)
        elif "anyOf" in out and key in ("minimum", "maximum"):
            out["anyOf"] = [{**out["anyOf"][0], key: value}, *out["anyOf"][1:]]
        else:
            out[key] = value
    return out


def _or_null(schema: Schema) -> Schema:
    """The same schema, also accepting null."""
    kind = schema.get("type")
    if isinstance(kind, str):
        out = {**schema, "type": [kind, "null"]}
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        return out
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    return {"anyOf": [schema, {"type": "null"}]}


def _as_key(schema: Schema) -> Schema:
    """A value schema restated for object keys, which are always strings."""
    if schema.get("type") == "integer":
        return {"pattern": "^-?[0-9]+$"}
    if "$ref" in schema:
        return {}
    return {k: v for k, v in schema.items() if k in ("pattern", "minLength", "maxLength", "format")}
