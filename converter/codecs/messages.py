"""The words contractkit uses for a fault, the same in ``convert`` and every layer of ``validate``.

A message speaks in .NET and contract terms (``expected one of Draft, Sent; got "x"``), never
in Python's or libxml2's. It never holds a location: the path and the line travel beside it
(``Loss``, ``PayloadError``, ``Finding``). A quoted value is cut to about 60 characters and
escaped, so a message is always one line whatever the payload holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal

__all__ = [
    "DTD_REFUSED",
    "OUT_OF_MEMORY",
    "REPEATED_KEY",
    "REPEATED_XML_KEY",
    "REPEATED_MEMBER",
    "Verbatim",
    "article",
    "case_mismatch",
    "expected",
    "facet",
    "got",
    "name",
    "not_a",
    "one_line",
    "one_of",
    "out_of_range",
    "outside",
    "quote",
    "read_only",
    "required_missing",
    "required_null",
    "root_mismatch",
    "rounded",
    "skipped_element",
    "text_only",
    "too_deep",
    "too_large",
    "too_many_digits",
    "too_many_keys",
    "unexpected_element",
    "unknown_member",
]

#: The longest stretch of a value a message quotes.
QUOTE_LIMIT = 60


class Verbatim(str):
    """Text ``got`` shows as it is, such as a JSON number's own digits."""


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` in double quotes, escaped as JSON escapes it, cut with its length when long.

    >>> quote('say "hi"\\n'), quote("x" * 70)
    ('"say \\\\"hi\\\\"\\\\n"', '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"... (70 characters)')
    """
    shown = json.dumps(text[:limit], ensure_ascii=False)
    # U+2028/2029 and C1 controls are line breaks to some readers: a message stays one line.
    shown = one_line(shown)
    return shown if len(text) <= limit else f"{shown}... ({len(text)} characters)"


def got(value: object) -> str:
    """A payload value as a message names it: strings quoted, numbers and literals as written,
    containers by their kind."""
    match value:
        case None:
            return "null"
        case bool():
            return "true" if value else "false"
        case Verbatim():
            return _cut(str(value))
        case str():
            return quote(value)
        case int() | float() | Decimal():
            return _cut(str(value))
        case list() | tuple():
            return "an array"
        case Mapping():
            return "an object"
    return type(value).__name__


def _cut(text: str) -> str:
    """A number as written, its first digits only when it runs to thousands."""
    return text if len(text) <= QUOTE_LIMIT else f"{text[:QUOTE_LIMIT]}... ({len(text)} characters)"


def one_of(choices: Iterable[object]) -> str:
    """``one of Draft, Sent``."""
    return "one of " + ", ".join(map(str, choices))


def expected(what: str, value: object) -> str:
    """``expected <what>; got <value>``: the payload holds the wrong kind of thing."""
    return f"expected {what}; got {got(value)}"


def undefined_refused(type_name: str) -> str:
    """Json.NET 6.0.8 reads these types with ReadAsXxx, which throws "Unexpected token: Undefined"."""
    return f"undefined is not a value of {type_name}: Json.NET's reader refuses it there (it reads it as null elsewhere)"


def not_a(type_name: str, form: str, value: object) -> str:
    """``"yesterday" is not a DateTime (yyyy-MM-ddTHH:mm:ss...)``: right kind, wrong text."""
    return f"{got(value)} is not {article(type_name)} {type_name} ({form})"


def article(noun: str) -> str:
    """``a`` or ``an`` before a type name as it is read aloud (``an int``, ``a uint``)."""
    return "an" if noun[:1].lower() in "aeio" or noun[:1] == "I" else "a"


#: What breaking each of the spec's facets says: the value (or its length or count) and the bound.
_FACETS = {
    "minimum": "{got} is less than the minimum {bound}",
    "maximum": "{got} is more than the maximum {bound}",
    "minLength": "{size} characters, fewer than the minimum length {bound}",
    "maxLength": "{size} characters, more than the maximum length {bound}",
    "minItems": "{size} items, fewer than the minimum {bound}",
    "maxItems": "{size} items, more than the maximum {bound}",
    "pattern": "{got} does not match the pattern {bound}",
}


def facet(name: str, value: object, bound: object, *, size: int | None = None) -> str:
    """A value the spec's facet ``name`` (``minLength``, ``pattern``...) refuses; a pattern is
    matched whole, as [RegularExpression] does. ``size`` is the length or item count when ``value``
    is not the string or collection itself.

    >>> facet("maxLength", "abc", 2), facet("minimum", 0, 1)
    ('3 characters, more than the maximum length 2', '0 is less than the minimum 1')
    """
    if size is None:
        size = len(value) if isinstance(value, (str, list, tuple, Mapping)) else 0
    return _FACETS[name].format(got=got(value), size=size, bound=bound)


def out_of_range(type_name: str, value: object, low: object, high: object) -> str:
    """The one message for a number outside a type's or a contract's bounds."""
    return f"{got(value)} is outside {type_name}'s range {low}..{high}"


def outside(type_name: str, value: object) -> str:
    """A number no value of the type can hold (a double beyond ±1.8E308, a decimal beyond 2^96)."""
    return f"{got(value)} is outside {type_name}'s range"


def required_missing(name: str, *, data_member: bool = False) -> str:
    """A member the contract needs is absent; ``data_member`` when ``[DataMember(IsRequired)]``
    says so, which makes .NET itself refuse the payload."""
    return f"required member {name} is missing" + (" (DataMember IsRequired)" if data_member else "")


def unknown_member(owner: str, serializer: str) -> str:
    """A member name the type does not have; the serializer ignores it."""
    return f"not a member of {owner}: {serializer} ignores it"


def skipped_element(reason: str) -> str:
    """An element DataContractSerializer's forward scan passes over."""
    return f"element is {reason}: DataContractSerializer skips it, and the server sees no value"


def case_mismatch(spelled: str, serializer: str) -> str:
    """A name that matches a member only ignoring case (OrdinalIgnoreCase)."""
    return f"the contract spells it {quote(spelled)}; {serializer} matches it ignoring case"


def read_only(name: str) -> str:
    """A read-only member sent in a request."""
    return f"{name} is read-only: the server assigns it and ignores what a request sends"


def required_null(name: str) -> str:
    """A member the contract requires, sent as null."""
    return f"required member {name} is null"


def rounded(value: object, result: str, type_name: str) -> str:
    """A number the serializer cannot hold exactly."""
    return f"Json.NET reads {got(value)} as {result} ({type_name})"


def unexpected_element(reason: str, owner: str) -> str:
    """An element the contract's XSD does not allow where it stands."""
    return f"{owner} has no element here: this one is {reason}"


def root_mismatch(name: str, namespace: str, got_name: str, got_namespace: str) -> str:
    """The document's root element is not the type's."""
    return (f"the root element must be {name} in namespace {namespace or '(none)'}; "
            f"got {one_line(got_name)} in {one_line(got_namespace) or '(no namespace)'}")


def one_line(text: str) -> str:
    """Text from a payload or a parser (a name, a key, a namespace, libxml2's words) made safe
    to print inside a report line: every line break and control character escaped, not cut."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else f"\\u{ord(c):04x}" for c in text)


def text_only(type_name: str) -> str:
    """An element with child elements where the type is text."""
    return f"{article(type_name)} {type_name} holds text only, not elements"


def name(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A name or path from a payload (a member, a key, a pointer) as a report line shows it:
    escaped as ``one_line`` does, and cut with its length when long, unquoted."""
    shown = one_line(text[:limit])
    return shown if len(text) <= limit else f"{shown}... ({len(text)} characters)"


def too_large(limit: int) -> str:
    """An input over ``--max-bytes``: refused without reading the rest."""
    return f"more than {limit} bytes: refused (raise the limit with --max-bytes)"


def too_deep(what: str, limit: int) -> str:
    """Nesting deeper than the limit, which no contract needs."""
    return f"{what} nested more than {limit} deep: refused"


def too_many_keys(count: int, limit: int) -> str:
    """A form body with more pairs than ``--max-form-keys``."""
    return f"more than {limit} form keys (at least {count}): refused (raise the limit with --max-form-keys)"


def too_many_digits(limit: int) -> str:
    """A number longer than any .NET type holds, refused before it is converted."""
    return f"a number of more than {limit} digits: no .NET type holds it"


OUT_OF_MEMORY = "out of memory: the input is too large for this machine (lower --max-bytes to refuse it unread)"
DTD_REFUSED = "a DTD (<!DOCTYPE>) is not allowed: DataContractSerializer's reader prohibits DTDs"

#: A JSON member or dictionary key written twice.
REPEATED_MEMBER = "repeated member: Json.NET keeps the last value"
REPEATED_KEY = "repeated key: Json.NET keeps the last value"
#: Observed on Mono (found by `contractkit fuzz`): keys "\r\n" and "\n" both read as "\n", and
#: DataContractSerializer's Dictionary.Add throws "An item with the same key has already been added".
REPEATED_XML_KEY = "the dictionary holds this key twice: DataContractSerializer refuses it (Dictionary.Add)"


# -- polymorphism, structs and Json.NET's settings (issue 9b) --------------------------------


def known_types_of(declared: str, known: Iterable[str]) -> str:
    """``Shape's known types: Circle, Square`` (or that it has none)."""
    names = list(known)
    return f"{declared}'s known types: {', '.join(names)}" if names else f"{declared} has no known types"


def unknown_xsi_type(local: str, namespace: str, declared: str, known: Iterable[str]) -> str:
    return (f"i:type {name(local)} in {quote(namespace) if namespace else '(no namespace)'} is not {declared} "
            f"or a known type of it ({known_types_of(declared, known)})")


def not_known_type(runtime: str, declared: str, known: Iterable[str]) -> str:
    return (f"DataContractSerializer cannot write a {runtime} where {declared} is declared: it is not among "
            f"{known_types_of(declared, known)} (add it to knownTypes)")


def derived_type_lost(runtime: str, declared: str) -> str:
    return (f"Json.NET writes {runtime}'s members with no type marker and reads back a {declared}: the derived "
            "type and its members are lost (json.typeNames: auto keeps them)")


def derived_type_unbound(runtime: str, declared: str) -> str:
    return f"the model binder binds a {declared}, not a {runtime}: the derived type and its members are lost"


def type_name_unknown(text: str) -> str:
    return f"$type {quote(text)} names no class of the spec (\"Namespace.Type, Assembly\")"


def type_name_assembly(text: str, assembly: str | None) -> str:
    return f"$type {quote(text)} is not in the service's assembly {assembly or '(none named)'}"


def type_name_incompatible(text: str, declared: str) -> str:
    return f"$type {quote(text)} is not compatible with the declared type {declared}"


def undefined_enum_xml(value: int, enum: str) -> str:
    return (f"{value} is not a value of enum {enum}: Json.NET reads and writes it as a number, but "
            "DataContractSerializer cannot write it (SerializationException)")


def lenient_json(construct: str) -> str:
    """What ``validate`` says of a construct Json.NET reads and strict JSON parsers refuse."""
    return f"{construct}: Json.NET reads it, strict JSON parsers (and other clients) refuse it"


def dropped_ticks(kind: str) -> str:
    return f"the Microsoft date format keeps milliseconds only: the rest of the {kind}'s ticks is dropped"


def date_time_zone(handling: str, written: str) -> str:
    return f"dateTimeZone: {handling} writes the DateTime as {written} (its Kind, and so its value, changes)"


def server_zone(what: str) -> str:
    return (f"{what} depends on the server's time zone; contractkit assumes the server runs at UTC (+00:00)")
#: Json.NET reads a JSON object or array into an ``object`` member as a JObject or JArray.
JTOKEN_TO_XML = ("Json.NET reads a JSON object or array into object as a JObject or JArray, which "
                 "DataContractSerializer does not write as XML of that value")
#: An integer past long in an ``object`` member: Json.NET reads a BigInteger, DataContractSerializer writes
#: its fields and cannot read them back (observed on Mono: "no knowledge of any type that maps to ... BigInteger").
BIG_INTEGER_XML = ("a BigInteger in an object member is written as its _bits and _sign, which DataContractSerializer "
                   "refuses to read back without known types")


def reboxed(was: str, becomes: str) -> str:
    """What an ``object`` member's runtime type becomes when Json.NET reads its JSON back."""
    return f"an object holding {article(was)} {was} is read back by Json.NET as {article(becomes)} {becomes}"
#: DataContractSerializer's refusal of an ``object`` element with content but no ``i:type``.
OBJECT_CONTENT = "an object element with content needs i:type (DataContractSerializer cannot read it otherwise)"


def unknown_boxed(type_name: str, namespace: str) -> str:
    """An ``i:type`` naming no type DataContractSerializer knows for an ``object`` member."""
    return (f"i:type {name(type_name)} in {one_line(namespace) or '(no namespace)'} is no known type: an object "
            "member holds a primitive (int, string, Guid...) unless known types are declared")
#: What Web API's model binder makes of a form value for an ``object`` member.
FORM_OBJECT = "form encoding cannot carry an object member's value: the model binder binds an empty object"
#: A bare ``new object()`` in JSON.
BARE_OBJECT_JSON = "a bare object is written as {}, which Json.NET reads back as an empty JObject"


def uri_normalised(text: str, written: str) -> str:
    """A Uri a .NET reader would hold, and so write back, in System.Uri's normal form."""
    return f"System.Uri normalises {quote(text)} to {quote(written)}"
