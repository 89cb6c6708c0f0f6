"""A JSON checker compiled from the spec: the generated JSON Schema's verdict, and .NET's silent failures.

The hot path of ``validate``: one closure per type, built once, walking what ``json.loads``
returned. Its contract verdict equals the ``jsonschema`` library's on the generated schema
(tests/unit/test_validate_engines.py proves it on fixtures, fuzzed and broken payloads);
only when it finds something does the engine ask ``jsonschema`` for the full story.
It also finds what Json.NET does silently (layer 3): members it ignores, members it
matches ignoring case, read-only members in a request, and numbers it would round.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from ..codecs._convert import format_double, format_float, to_single
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
from ..spec.model import TypeRef

__all__ = ["Issue", "Role", "checker"]

Role = Literal["request", "response"] | None
Path = tuple[str | int, ...]
Check = Callable[[Any, Path, list["Issue"]], None]

_NON_FINITE = frozenset({"NaN", "Infinity", "-Infinity"})
_LEXICAL = {
    "Guid": re.compile(GUID_PATTERN),
    "DateTime": re.compile(DATETIME_PATTERN),
    "DateTimeOffset": re.compile(DATETIMEOFFSET_PATTERN),
    "TimeSpan": re.compile(TIMESPAN_PATTERN),
    "byte[]": re.compile(BASE64_PATTERN),
}
_DECIMAL_MANTISSA = 2**96


@dataclass(frozen=True, slots=True)
class Issue:
    """Something the checker found, at a JSON path (names and indexes)."""

    path: Path
    rule: str
    message: str
    severity: Literal["error", "warning"] = "error"


def checker(spec: Spec, type_name: str, role: Role = None) -> Callable[[Any], list[Issue]]:
    """The compiled checker of one type; returns the issues of a parsed JSON value."""
    check = _Compiler(spec, role).named(type_name)

    def run(value: Any) -> list[Issue]:
        issues: list[Issue] = []
        check(value, (), issues)
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
        members = [(json_name(self.spec, f), f, self._field(f)) for f in json_members(self.spec, cls)]
        by_name = {name: (f, check) for name, f, check in members}
        folded = {name.upper(): name for name in by_name}
        required = [name for name, f, _ in members if f.required or (f.data_member and f.data_member.is_required)]
        read_only = {name for name, f, _ in members if f.read_only} if self.role == "request" else set()

        def check(value: Any, path: Path, out: list[Issue]) -> None:
            if not isinstance(value, dict):
                out.append(Issue(path, "contract.type", f"expected an object ({cls.name}), not {_kind(value)}"))
                return
            for name in required:
                if name not in value:
                    out.append(Issue(path, "contract.required", f"required member {name!r} is missing"))
            for key, member in value.items():
                found = by_name.get(key)
                if found is None:
                    exact = folded.get(key.upper())
                    if exact is None:
                        out.append(Issue(path + (key,), "dotnet.unknown-member",
                                         f"{key!r} is not a member of {cls.name}: Json.NET ignores it", "warning"))
                    else:
                        out.append(Issue(path + (key,), "dotnet.case",
                                         f"Json.NET reads {key!r} as {exact!r} (names match ignoring case), "
                                         "but the contract names it differently", "warning"))
                    continue
                f, member_check = found
                member_check(member, path + (key,), out)
                if key in read_only and member is not None:
                    out.append(Issue(path + (key,), "dotnet.read-only",
                                     f"{f.name} is read-only: the server assigns it and ignores what a request sends",
                                     "warning"))

        return check

    def _field(self, f: Field) -> Check:
        ref = f.type
        nullable = is_nillable(self.spec, ref) and not f.required
        core = ref.of if isinstance(ref, Nullable) else ref
        value_check = self._value(core, f)
        allowed = frozenset(f.enum) if f.enum is not None else None
        pattern = re.compile(f"^(?:{f.pattern})$") if f.pattern is not None else None
        lengths = (f.min_length, f.max_length)
        items = (f.min_items, f.max_items)

        def check(value: Any, path: Path, out: list[Issue]) -> None:
            if value is None:
                if not nullable:
                    out.append(Issue(path, "contract.required" if f.required else "contract.type",
                                     f"{f.name} cannot be null"))
                return
            value_check(value, path, out)
            if allowed is not None and not (isinstance(value, str) and value in allowed):
                out.append(Issue(path, "contract.enum", f"{value!r} is not one of {', '.join(f.enum or ())}"))
            if isinstance(value, str):
                if lengths[0] is not None and len(value) < lengths[0]:
                    out.append(Issue(path, "contract.minLength", f"shorter than {lengths[0]} characters"))
                if lengths[1] is not None and len(value) > lengths[1]:
                    out.append(Issue(path, "contract.maxLength", f"longer than {lengths[1]} characters"))
                if pattern is not None and not pattern.search(value):
                    out.append(Issue(path, "contract.pattern", f"{value!r} does not match {f.pattern}"))
            if isinstance(value, (list, dict)):
                if items[0] is not None and len(value) < items[0]:
                    out.append(Issue(path, "contract.minItems", f"fewer than {items[0]} items"))
                if items[1] is not None and len(value) > items[1]:
                    out.append(Issue(path, "contract.maxItems", f"more than {items[1]} items"))

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
                return self._list(item)
            case DictOf(key, value):
                return self._dict(key, value)
        raise AssertionError(ref)

    def _item(self, ref: TypeRef) -> Check:
        value_check = self._value(ref.of if isinstance(ref, Nullable) else ref)
        if is_nillable(self.spec, ref):
            return lambda v, p, out: None if v is None else value_check(v, p, out)

        def check(value: Any, path: Path, out: list[Issue]) -> None:
            if value is None:
                out.append(Issue(path, "contract.type", f"null is not a value of {ref}"))
            else:
                value_check(value, path, out)

        return check

    def _list(self, item: TypeRef) -> Check:
        item_check = self._item(item)

        def check(value: Any, path: Path, out: list[Issue]) -> None:
            if not isinstance(value, list):
                out.append(Issue(path, "contract.type", f"expected an array, not {_kind(value)}"))
                return
            for i, entry in enumerate(value):
                item_check(entry, path + (i,), out)

        return check

    def _dict(self, key: TypeRef, value_ref: TypeRef) -> Check:
        value_check = self._item(value_ref)
        key_ok = _key_check(key)

        def check(value: Any, path: Path, out: list[Issue]) -> None:
            if not isinstance(value, dict):
                out.append(Issue(path, "contract.type", f"expected an object (a dictionary), not {_kind(value)}"))
                return
            for k, entry in value.items():
                if not key_ok(k):
                    out.append(Issue(path + (k,), "contract.type", f"the key {k!r} is not a {key}"))
                value_check(entry, path + (k,), out)

        return check

    def _enum(self, enum: EnumType) -> Check:
        schema = enum_values(self.spec, enum)
        if "pattern" in schema:
            flags = re.compile(schema["pattern"])
            return lambda v, p, out: None if isinstance(v, str) and flags.search(v) else out.append(
                Issue(p, "contract.enum", f"{v!r} is not a combination of {enum.name}'s names"))
        allowed = schema["enum"]

        def check(value: Any, path: Path, out: list[Issue]) -> None:
            if isinstance(value, bool) or value not in allowed or (schema["type"] == "integer" and not _is_integer(value)):
                out.append(Issue(path, "contract.enum", f"{value!r} is not a value of enum {enum.name} "
                                 f"({', '.join(map(str, allowed))})"))

        return check


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", str: "a string", list: "an array", dict: "an object"}.get(type(value), "a number")


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
    if name in INTEGER_RANGES:
        type_low, type_high = INTEGER_RANGES[name]
        low = max(type_low, minimum) if minimum is not None else type_low
        high = min(type_high, maximum) if maximum is not None else type_high

        def integer(value: Any, path: Path, out: list[Issue]) -> None:
            if not _is_integer(value):
                out.append(Issue(path, "contract.type", f"expected a whole number ({name}), not {_kind(value)}"))
            elif not low <= (float(value) if isinstance(value, Decimal) else value) <= high:
                rule = ("contract.minimum" if value < low and low != type_low else
                        "contract.maximum" if value > high and high != type_high else "contract.type")
                out.append(Issue(path, rule, f"{value} is outside {low}..{high}"))

        return integer
    if name in ("float", "double", "decimal"):
        return _real(name, minimum, maximum)
    if name == "bool":
        return lambda v, p, out: None if isinstance(v, bool) else out.append(
            Issue(p, "contract.type", f"expected true or false, not {_kind(v)}"))
    lexical = _LEXICAL.get(name)
    single = name == "char"

    def text(value: Any, path: Path, out: list[Issue]) -> None:
        if not isinstance(value, str):
            out.append(Issue(path, "contract.type", f"expected a string ({name}), not {_kind(value)}"))
        elif single and len(value) != 1:
            out.append(Issue(path, "contract.type", f"a char is one character, not {len(value)}"))
        elif lexical is not None and not lexical.search(value):
            out.append(Issue(path, "contract.type", f"{value!r} is not a {name} as Json.NET writes it"))

    return text


def _real(name: str, minimum: int | float | None, maximum: int | float | None) -> Check:
    def check(value: Any, path: Path, out: list[Issue]) -> None:
        if name != "decimal" and isinstance(value, str) and value in _NON_FINITE:
            return
        if not _is_number(value):
            out.append(Issue(path, "contract.type", f"expected a number ({name}), not {_kind(value)}"))
            return
        number = float(value) if isinstance(value, Decimal) else value  # as jsonschema compares it
        if minimum is not None and number < minimum:
            out.append(Issue(path, "contract.minimum", f"{value} is less than {minimum}"))
        if maximum is not None and number > maximum:
            out.append(Issue(path, "contract.maximum", f"{value} is more than {maximum}"))
        rounded = _rounded(name, value)
        if rounded is not None:
            out.append(Issue(path, "dotnet.rounded", f"Json.NET reads {value} as {rounded} ({name})", "warning"))

    return check


def _rounded(name: str, value: int | float | Decimal) -> str | None:
    """What Json.NET makes of a number it cannot hold exactly, or None when it can."""
    exact = Decimal(value) if not isinstance(value, Decimal) else value
    if not exact.is_finite():
        return None
    if name == "decimal":
        sign, digits, exponent = exact.as_tuple()
        assert isinstance(exponent, int)
        mantissa = int("".join(map(str, digits)) or "0")
        if -exponent <= 28 and mantissa < _DECIMAL_MANTISSA:
            return None
        return str(round(exact, 28)) if abs(exact) < 1 else "a rounded decimal"
    try:
        number = to_single(float(exact)) if name == "float" else float(exact)
    except OverflowError:
        return "infinity"
    text = format_float(number) if name == "float" else format_double(number)
    return None if Decimal(text.replace("INF", "Infinity")) == exact else text


def _key_check(ref: TypeRef) -> Callable[[str], bool]:
    """What the generated schema's ``propertyNames`` demands of a dictionary key."""
    if isinstance(ref, Primitive):
        if ref.name in INTEGER_RANGES:
            return re.compile("^-?[0-9]+$").search  # type: ignore[return-value]
        if ref.name in _LEXICAL:
            return _LEXICAL[ref.name].search  # type: ignore[return-value]
        if ref.name == "char":
            return lambda k: len(k) == 1
    return lambda k: True
