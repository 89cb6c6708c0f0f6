"""A JSON checker compiled from the spec: the generated JSON Schema's verdict, and .NET's silent failures.

The hot path of ``validate``: one closure per type, built once, walking what ``json.loads``
returned. Its findings (rule and member path) equal what the ``jsonschema`` library reports on
the generated schema (tests/validate/test_engines.py proves it on fixtures, fuzzed and broken
payloads), worded in contractkit's vocabulary (``codecs.messages``): a lexical fault gets the
JSON codec's own message, so ``convert`` and ``validate`` say the same thing.
It also finds what Json.NET does silently (layer 3): members it ignores, members it
matches ignoring case, read-only members in a request, and numbers it would round.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from ..codecs import messages
from ..codecs.json import json_shape, parse_text, primitive_shape
from ..codecs.lexical import fit_decimal, fold, format_double, format_float, non_finite, to_single
from ..codecs.path import MemberPath, Template, field_template, type_root
from ..generate.jsonschema import (
    BASE64_PATTERN,
    DATETIME_PATTERN,
    DATETIMEOFFSET_PATTERN,
    GUID_PATTERN,
    TIMESPAN_PATTERN,
    enum_values,
)
from ..spec.datacontract import is_nillable, json_members, json_name
from ..spec.model import INTEGER_RANGES, ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, Primitive, Spec
from ..spec.model import TypeRef, unwrap

__all__ = ["Issue", "Role", "checker"]

Role = Literal["request", "response"] | None
#: Where a value is: its path, or its parent's and its own step, which become a ``MemberPath``
#: only if an issue or a child needs it (most members of a valid payload need neither).
Where = MemberPath | tuple[MemberPath, Template]
Check = Callable[[Any, Where, list["Issue"]], None]

_NON_FINITE = frozenset(non_finite("json"))
_LEXICAL = {
    "Guid": re.compile(GUID_PATTERN),
    "DateTime": re.compile(DATETIME_PATTERN),
    "DateTimeOffset": re.compile(DATETIMEOFFSET_PATTERN),
    "TimeSpan": re.compile(TIMESPAN_PATTERN),
    "byte[]": re.compile(BASE64_PATTERN),
}


@dataclass(frozen=True, slots=True)
class Issue:
    """Something the checker found, at a member path."""

    where: Where
    rule: str
    message: str
    severity: Literal["error", "warning"] = "error"

    @property
    def path(self) -> MemberPath:
        return _resolve(self.where)


def _resolve(where: Where) -> MemberPath:
    return where if isinstance(where, MemberPath) else where[0].child(where[1])


def checker(spec: Spec, type_name: str, role: Role = None) -> Callable[[Any], list[Issue]]:
    """The compiled checker of one type; returns the issues of a parsed JSON value."""
    check = _Compiler(spec, role).named(type_name)
    root: Where = type_root(spec, type_name)

    def run(value: Any) -> list[Issue]:
        issues: list[Issue] = []
        check(value, root, issues)
        return issues

    return run


class _Compiler:
    def __init__(self, spec: Spec, role: Role) -> None:
        self.spec = spec
        self.role = role
        self.done: dict[str, Check] = {}

    def named(self, name: str) -> Check:
        if name not in self.done:
            slot: list[Check] = []
            self.done[name] = lambda v, p, out: slot[0](v, p, out)  # recursion: filled in below
            tdef = self.spec.types[name]
            slot.append(self._enum(tdef) if isinstance(tdef, EnumType) else self._class(tdef))
        return self.done[name]

    def _class(self, cls: ClassType) -> Check:
        spec = self.spec
        members = [(json_name(spec, f), f, self._field(f)) for f in json_members(spec, cls)]
        by_name = {name: (f, check, field_template(spec, f)) for name, f, check in members}
        folded: dict[str, str] = {}
        for name in by_name:
            folded.setdefault(fold(name), name)
        required = [(name, bool(f.data_member and f.data_member.is_required)) for name, f, _ in members
                    if f.required or (f.data_member and f.data_member.is_required)]
        read_only = {name for name, f, _ in members if f.read_only} if self.role == "request" else set()
        shape = json_shape(spec, Named(cls.name))

        def check(value: Any, at: Where, out: list[Issue]) -> None:
            if not isinstance(value, dict):
                out.append(Issue(at, "contract.type", messages.expected(shape, value)))
                return
            path = _resolve(at)
            for name, data_member in required:
                if name not in value:
                    out.append(Issue(path, "contract.required", messages.required_missing(name, data_member=data_member)))
            for key, member in value.items():
                found = by_name.get(key)
                if found is None:
                    exact = folded.get(fold(key))
                    where: Where = path.member(key)
                    if exact is None:
                        out.append(Issue(where, "dotnet.unknown-member",
                                         messages.unknown_member(cls.name, "Json.NET"), "warning"))
                    else:
                        out.append(Issue(where, "dotnet.case", messages.case_mismatch(exact, "Json.NET"), "warning"))
                    continue
                f, member_check, step = found
                where = (path, step)
                member_check(member, where, out)
                if key in read_only and member is not None:
                    out.append(Issue(where, "dotnet.read-only", messages.read_only(f.name), "warning"))

        return check

    def _field(self, f: Field) -> Check:
        ref = f.type
        nullable = is_nillable(self.spec, ref) and not f.required
        value_check = self._value(unwrap(ref), f)
        allowed = frozenset(f.enum) if f.enum is not None else None
        pattern = re.compile(f"^(?:{f.pattern})$") if f.pattern is not None else None
        lengths = (f.min_length, f.max_length)
        items = (f.min_items, f.max_items)
        shape = json_shape(self.spec, ref)

        def check(value: Any, path: Where, out: list[Issue]) -> None:
            if value is None:
                if not nullable:
                    out.append(Issue(path, "contract.required", messages.required_null(f.name)) if f.required else
                               Issue(path, "contract.type", messages.expected(shape, None)))
                return
            value_check(value, path, out)
            if allowed is not None and not (isinstance(value, str) and value in allowed):
                out.append(Issue(path, "contract.enum", messages.expected(messages.one_of(f.enum or ()), value)))
            if isinstance(value, str):
                if lengths[0] is not None and len(value) < lengths[0]:
                    out.append(Issue(path, "contract.minLength", messages.facet("minLength", value, lengths[0])))
                if lengths[1] is not None and len(value) > lengths[1]:
                    out.append(Issue(path, "contract.maxLength", messages.facet("maxLength", value, lengths[1])))
                if pattern is not None and f.pattern is not None and not pattern.search(value):
                    out.append(Issue(path, "contract.pattern", messages.facet("pattern", value, f.pattern)))
            if isinstance(value, (list, dict)):
                if items[0] is not None and len(value) < items[0]:
                    out.append(Issue(path, "contract.minItems", messages.facet("minItems", value, items[0])))
                if items[1] is not None and len(value) > items[1]:
                    out.append(Issue(path, "contract.maxItems", messages.facet("maxItems", value, items[1])))

        return check

    def _value(self, ref: TypeRef, f: Field | None = None) -> Check:
        """A non-null value of ``ref``; ``f`` tightens numeric bounds."""
        match ref:
            case Primitive(name):
                return _primitive(name, f.minimum if f else None, f.maximum if f else None)
            case Named(name):
                return self.named(name)
            case Nullable(inner):
                inner_check = self._value(inner)
                return lambda v, p, out: None if v is None else inner_check(v, p, out)
            case ListOf(item):
                return self._list(ref, item)
            case DictOf(key, value):
                return self._dict(ref, key, value)
        raise AssertionError(ref)

    def _item(self, ref: TypeRef) -> Check:
        value_check = self._value(unwrap(ref))
        if is_nillable(self.spec, ref):
            return lambda v, p, out: None if v is None else value_check(v, p, out)
        shape = json_shape(self.spec, ref)

        def check(value: Any, path: Where, out: list[Issue]) -> None:
            if value is None:
                out.append(Issue(path, "contract.type", messages.expected(shape, None)))
            else:
                value_check(value, path, out)

        return check

    def _list(self, ref: ListOf, item: TypeRef) -> Check:
        item_check = self._item(item)
        shape = json_shape(self.spec, ref)

        def check(value: Any, path: Where, out: list[Issue]) -> None:
            if not isinstance(value, list):
                out.append(Issue(path, "contract.type", messages.expected(shape, value)))
                return
            count, parent = len(value), _resolve(path)
            for i, entry in enumerate(value):
                item_check(entry, parent.item(i, "", count), out)

        return check

    def _dict(self, ref: DictOf, key: TypeRef, value_ref: TypeRef) -> Check:
        value_check = self._item(value_ref)
        key_ok = _key_check(key)
        shape = json_shape(self.spec, ref)

        def check(value: Any, path: Where, out: list[Issue]) -> None:
            if not isinstance(value, dict):
                out.append(Issue(path, "contract.type", messages.expected(shape, value)))
                return
            count, parent = len(value), _resolve(path)
            for i, (k, entry) in enumerate(value.items()):
                where = parent.entry(k, k, "", i, count)
                if not key_ok(k):  # at the dictionary, as jsonschema places propertyNames (a key has no pointer)
                    out.append(Issue(path, "contract.type", messages.not_a(str(key), "a dictionary key", k)))
                value_check(entry, where, out)

        return check

    def _enum(self, enum: EnumType) -> Check:
        """The schema's ``type`` first (a wrong kind of value is ``contract.type``, as in XSD), then its values."""
        schema = enum_values(self.spec, enum)
        integers = schema["type"] == "integer"
        shape = json_shape(self.spec, Named(enum.name))
        if "pattern" in schema:
            flags = re.compile(schema["pattern"])
            what = f"a combination of {messages.one_of(m.wire_name for m in enum.members)}"
        else:
            allowed = schema["enum"]
            what = (f"a value of enum {enum.name} ({', '.join(f'{m.name}={m.value}' for m in enum.members)})"
                    if integers else messages.one_of(allowed))

        def check(value: Any, path: Where, out: list[Issue]) -> None:
            if not (_is_integer(value) if integers else isinstance(value, str)):
                out.append(Issue(path, "contract.type", messages.expected(shape, value)))
            elif not (flags.search(value) if "pattern" in schema else value in allowed):
                out.append(Issue(path, "contract.enum", messages.expected(what, value)))

        return check


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    """JSON Schema's integer, as the ``jsonschema`` library sees ``json.loads`` output:
    any number with no fractional part once read as a float (1.0 counts)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, Decimal):
        value = float(value)
    return isinstance(value, float) and value.is_integer()


@cache
def _primitive(name: str, minimum: int | float | None, maximum: int | float | None) -> Check:
    shape = primitive_shape(name)
    if name in INTEGER_RANGES:
        type_low, type_high = INTEGER_RANGES[name]
        low = max(type_low, minimum) if minimum is not None else type_low
        high = min(type_high, maximum) if maximum is not None else type_high

        def integer(value: Any, path: Where, out: list[Issue]) -> None:
            if not _is_number(value):
                out.append(Issue(path, "contract.type", messages.expected(shape, value)))
            elif not _is_integer(value):
                out.append(Issue(path, "contract.type", messages.not_a(name, "a whole number", value)))
            elif not low <= (float(value) if isinstance(value, Decimal) else value) <= high:
                if value < low and low != type_low:
                    out.append(Issue(path, "contract.minimum", messages.facet("minimum", value, low)))
                elif value > high and high != type_high:
                    out.append(Issue(path, "contract.maximum", messages.facet("maximum", value, high)))
                else:
                    out.append(Issue(path, "contract.type", messages.out_of_range(name, value, type_low, type_high)))

        return integer
    if name in ("float", "double", "decimal"):
        return _real(name, shape, minimum, maximum)
    if name == "bool":
        return lambda v, p, out: None if isinstance(v, bool) else out.append(
            Issue(p, "contract.type", messages.expected(shape, v)))
    lexical = _LEXICAL.get(name)
    single = name == "char"

    def text(value: Any, path: Where, out: list[Issue]) -> None:
        if not isinstance(value, str):
            out.append(Issue(path, "contract.type", messages.expected(shape, value)))
        elif single and len(value) != 1 or lexical is not None and not lexical.search(value):
            out.append(Issue(path, "contract.type", _lexical_message(name, value)))

    return text


def _lexical_message(name: str, text: str) -> str:
    """The JSON codec's own words for a string its type refuses, so ``convert`` says the same."""
    try:
        parse_text(name, text)
    except ValueError as exc:
        return str(exc)
    return messages.not_a(name, "as Json.NET writes it", text)


def _real(name: str, shape: str, minimum: int | float | None, maximum: int | float | None) -> Check:
    def check(value: Any, path: Where, out: list[Issue]) -> None:
        if name != "decimal" and isinstance(value, str) and value in _NON_FINITE:
            return
        if not _is_number(value):
            out.append(Issue(path, "contract.type", messages.expected(shape, value)))
            return
        number = float(value) if isinstance(value, Decimal) else value  # as jsonschema compares it
        if minimum is not None and number < minimum:
            out.append(Issue(path, "contract.minimum", messages.facet("minimum", value, minimum)))
        if maximum is not None and number > maximum:
            out.append(Issue(path, "contract.maximum", messages.facet("maximum", value, maximum)))
        rounded = _rounded(name, value)
        if rounded == _OUTSIDE:  # convert refuses it too: no value of the type is that large
            out.append(Issue(path, "contract.type", messages.outside("System.Decimal" if name == "decimal" else name,
                                                                    value)))
        elif rounded is not None:
            out.append(Issue(path, "dotnet.rounded", messages.rounded(value, rounded, name), "warning"))

    return check


#: What ``_rounded`` says of a number beyond the type's range, which is an error, not a rounding.
_OUTSIDE = "outside"


def _rounded(name: str, value: int | float | Decimal) -> str | None:
    """What Json.NET makes of a number it cannot hold exactly, None when it can, ``_OUTSIDE``
    when the type cannot hold it at all."""
    exact = Decimal(value) if not isinstance(value, Decimal) else value
    if not exact.is_finite():
        return None
    if name == "decimal":
        fitted = fit_decimal(exact)
        if fitted is None:
            return _OUTSIDE
        return None if fitted == exact else f"{fitted:f}"  # a dropped scale alone (1.0 -> 1) is no rounding
    try:
        number = to_single(float(exact)) if name == "float" else float(exact)
    except OverflowError:
        return _OUTSIDE
    if math.isinf(number):
        return _OUTSIDE
    text = format_float(number) if name == "float" else format_double(number)
    return None if Decimal(text) == exact else text


def _key_check(ref: TypeRef) -> Callable[[str], object]:
    """What the generated schema's ``propertyNames`` demands of a dictionary key."""
    if isinstance(ref, Primitive):
        if ref.name in INTEGER_RANGES:
            return re.compile("^-?[0-9]+$").search
        if ref.name in _LEXICAL:
            return _LEXICAL[ref.name].search
        if ref.name == "char":
            return lambda k: len(k) == 1
    return lambda k: True
