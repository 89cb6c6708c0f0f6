"""``invalid_from_spec``: payloads that break exactly one rule, and where they really are broken.

Each case starts from a complete valid value and breaks one thing: a required member removed, a
value outside the member's ``enum`` (another word, or the same word in another case), a wrong
type, a number outside its range, a date no calendar has, a string too long or too short or off
its pattern, and, in XML only, members out of DataContract order or the root in the wrong
namespace. The broken value is written in every encoding that can write it; ``encodings`` are
those in which ``validate`` then reports exactly that rule at that path and no other error. A
JSON-level change can vanish on a wire (form cannot tell null from absent, nor an empty string
from null), and a case never claims to be invalid there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from hypothesis import strategies as st

from ..codecs import ENCODINGS, Encoding, codec
from ..codecs.path import MemberPath, field_step, type_root
from ..errors import PayloadError
from ..spec.model import INTEGER_RANGES, Field, Primitive, Spec, unwrap
from .strategies import values_for

__all__ = ["InvalidCase", "invalid_from_spec", "mutations"]


@dataclass(frozen=True, slots=True)
class InvalidCase:
    """One broken payload: ``payload`` holds its bytes in each encoding that can write it;
    ``rule`` (a ``validate`` rule such as ``contract.required``) is broken at ``path`` in exactly
    ``encodings`` (in the others the same bytes are valid)."""

    payload: Mapping[Encoding, bytes]
    rule: str
    path: MemberPath
    encodings: tuple[Encoding, ...]
    description: str


@dataclass(frozen=True, slots=True)
class _Mutation:
    """How to break one member: ``value`` holds the broken value (value level), or ``wire`` the text
    that replaces a marker value's text in each encoding (for what the value model cannot hold)."""

    rule: str
    field: Field | None
    description: str
    value: tuple[Any] | None = None
    marker: Any = None
    wire: str | None = None
    xml_only: Callable[[bytes], bytes | None] | None = None
    remove: bool = False


_WRONG = {"bool": "maybe", "Guid": "not-a-guid", "TimeSpan": "soon", "char": "xy", "byte[]": "@@@"}
_MARKERS: dict[str, Any] = {}


def _marker(name: str) -> Any:
    """A value of ``name`` whose text is unlikely elsewhere in a payload, to find and replace."""
    from datetime import datetime
    from uuid import UUID

    from ..codecs.values import DateTimeValue

    if name in INTEGER_RANGES:
        return 97 if name in ("byte", "sbyte") else 9753
    return {"bool": True, "Guid": UUID("97979797-9797-4797-9797-979797979797"),
            "DateTime": DateTimeValue(datetime(1997, 9, 7, 9, 7, 9))}.get(name)


def mutations(spec: Spec, type_name: str) -> list[_Mutation]:
    """Every way ``invalid_from_spec`` can break a value of ``type_name``."""
    cls = spec.class_(type_name)
    out: list[_Mutation] = [_Mutation("contract.root", None, "the root element in another namespace",
                                      xml_only=_wrong_namespace),
                            _Mutation("contract.unexpected", None, "two members out of DataContract order",
                                      xml_only=_swapped)]
    for owner in spec.class_chain(cls):
        for f in owner.fields:
            core = unwrap(f.type)
            if f.required or (f.data_member and f.data_member.is_required):
                out.append(_Mutation("contract.required", f, f"{f.name} (required) removed", remove=True))
            if f.enum:
                first = f.enum[0]
                other_case = first.swapcase() if first.swapcase() not in f.enum else None
                if other_case:
                    out.append(_Mutation("contract.enum", f, f"{f.name} differs from {first} only by case",
                                         value=(other_case,)))
                out.append(_Mutation("contract.enum", f, f"{f.name} outside its enum", value=("Bogus",)))
            if core == Primitive("string") and f.max_length is not None:
                long = _fitting(f, f.max_length + 1)
                if long is not None:
                    out.append(_Mutation("contract.maxLength", f, f"{f.name} one character too long", value=(long,)))
            if core == Primitive("string") and f.min_length:
                short = _fitting(f, f.min_length - 1)
                if short is not None:
                    out.append(_Mutation("contract.minLength", f, f"{f.name} one character too short", value=(short,)))
            if core == Primitive("string") and f.pattern:
                off = next((t for t in ("", " ", "!", "\u00e9", "0", "a b") if not re.fullmatch(f.pattern, t)
                            and (f.min_length or 0) <= len(t) <= (f.max_length if f.max_length is not None else 9)),
                           None)
                if off is not None:
                    out.append(_Mutation("contract.pattern", f, f"{f.name} off its pattern", value=(off,)))
            if isinstance(core, Primitive) and core.name in INTEGER_RANGES:
                low, high = INTEGER_RANGES[core.name]
                if f.maximum is not None and f.maximum < high:
                    out.append(_Mutation("contract.maximum", f, f"{f.name} above its maximum",
                                         value=(int(f.maximum) + 1,)))
                if f.minimum is not None and f.minimum > low:
                    out.append(_Mutation("contract.minimum", f, f"{f.name} below its minimum",
                                         value=(int(f.minimum) - 1,)))
                if f.minimum is None and f.maximum is None:
                    out.append(_Mutation("contract.type", f, f"{f.name} outside {core.name}'s range",
                                         marker=_marker(core.name), wire=str(high + 1)))
                    out.append(_Mutation("contract.type", f, f"{f.name} not a number",
                                         marker=_marker(core.name), wire="abc"))
            elif isinstance(core, Primitive) and core.name == "DateTime" and not f.enum:
                out.append(_Mutation("contract.type", f, f"{f.name} a date no calendar has",
                                     marker=_marker("DateTime"), wire="1997-02-30T09:07:09"))
            elif isinstance(core, Primitive) and core.name in ("bool", "Guid"):
                out.append(_Mutation("contract.type", f, f"{f.name} of the wrong type",
                                     marker=_marker(core.name), wire=_WRONG[core.name]))
    return out


def _fitting(f: Field, length: int) -> str | None:
    """A string of ``length`` characters that keeps to the member's pattern, if one is found."""
    for ch in "xA0a":
        if f.pattern is None or re.fullmatch(f.pattern, ch * length):
            return ch * length
    return None


def invalid_from_spec(spec: Spec, type_name: str, *, server_offset: str | None = None) -> st.SearchStrategy[InvalidCase]:
    """Cases that each break exactly one rule of ``type_name``, with the encodings they break it in."""
    found = mutations(spec, type_name)
    if not found:
        return st.nothing()
    values = values_for(spec, type_name, server_offset=server_offset, complete=True, contract=True)
    cases = st.builds(lambda value, m: _apply(spec, type_name, value, m), values, st.sampled_from(found))
    return cases.filter(lambda case: case is not None and bool(case.encodings))  # type: ignore[return-value]


def _apply(spec: Spec, type_name: str, value: dict[str, Any], m: _Mutation) -> InvalidCase | None:
    from ..validate import Validator

    root = type_root(spec, type_name)
    path = root if m.field is None else field_step(spec, root, m.field)
    payload: dict[Encoding, bytes] = {}
    if m.xml_only is not None:
        written = _written(spec, type_name, _xml_safe(value), "xml")
        broken = m.xml_only(written) if written is not None else None
        if broken is not None:
            payload["xml"] = broken
    elif m.value is not None or m.remove:
        assert m.field is not None
        mutated = {k: v for k, v in value.items() if k != m.field.name}
        if m.value is not None:
            mutated[m.field.name] = m.value[0]
        for encoding in ENCODINGS:
            data = _written(spec, type_name, mutated, encoding)
            if data is not None:
                payload[encoding] = data
    else:
        assert m.field is not None and m.wire is not None
        marked = {**value, m.field.name: m.marker}
        for encoding in ENCODINGS:
            data = _written(spec, type_name, marked, encoding)
            if data is not None:
                replaced = _replace_marker(spec, encoding, data, m.field, m.marker, m.wire)
                if replaced is not None:
                    payload[encoding] = replaced
    if not payload:
        return None
    validator = Validator(spec)
    invalid = []
    for encoding, data in payload.items():
        errors = [f for f in validator.check(data, f"case.{encoding}", fmt=encoding, type_name=type_name)
                  if f.severity == "error"]
        # A missing member is reported where it was due (the parent in JSON, the next element in XML).
        placed = bool(errors) and (m.field is None or m.remove or errors[0].at is not None
                                   and errors[0].at.clr() == path.clr())
        if len(errors) == 1 and errors[0].rule == m.rule and placed:
            invalid.append(encoding)
        elif errors:
            return None  # broken in some other way too: not a case of exactly one rule
    return InvalidCase(payload, m.rule, path, tuple(invalid), m.description)


def _written(spec: Spec, type_name: str, value: Any, encoding: Encoding) -> bytes | None:
    try:
        return codec(encoding).encode(spec, type_name, value).data
    except PayloadError:
        return None


def _replace_marker(spec: Spec, encoding: Encoding, data: bytes, f: Field, marker: Any, wire: str) -> bytes | None:
    """``data`` with the one place the marker value is written holding ``wire`` instead."""
    from ..codecs.lexical import DateTimeValue

    text = str(marker).lower() if isinstance(marker, bool) else str(marker)
    if encoding == "json":
        quoted = isinstance(marker, DateTimeValue) or not isinstance(marker, (bool, int))
        old = f'"{text}"' if quoted else text
        new = wire if wire.lstrip("-").isdigit() else f'"{wire}"'
    elif encoding == "xml":
        old, new = f">{text}<", f">{wire}<"
    else:
        old, new = "=" + quote_plus(text), "=" + quote_plus(wire)
    raw = data.decode("utf-8")
    if raw.count(old) != 1:
        return None
    return raw.replace(old, new).encode("utf-8")


def _xml_safe(value: Any) -> Any:
    """``value`` with the characters XML 1.0 cannot carry replaced by ``?`` in its strings, so that a
    strict parser can read the payload to move its elements about."""
    if isinstance(value, str):
        return "".join(c if c in "\t\n" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c > "\uffff" else "?"
                       for c in value)
    if isinstance(value, dict):
        return {_xml_safe(k): _xml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_xml_safe(v) for v in value]
    return value


def _parsed(data: bytes) -> Any:
    """The document's root element; None when a strict XML 1.0 parser refuses it (``&#x1;``)."""
    from lxml import etree

    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None


def _wrong_namespace(data: bytes) -> bytes | None:
    from lxml import etree

    root = _parsed(data)
    if root is None:
        return None
    namespace = etree.QName(root).namespace or ""
    moved = etree.Element(etree.QName(namespace + ".Wrong", etree.QName(root).localname), nsmap={
        **{k: v for k, v in root.nsmap.items() if k is not None}, None: namespace + ".Wrong"})
    moved.text = root.text
    for child in root:
        moved.append(child)
    out: bytes = etree.tostring(moved)
    return out


def _swapped(data: bytes) -> bytes | None:
    """The root's first two member elements swapped, when they differ."""
    from lxml import etree

    root = _parsed(data)
    if root is None:
        return None
    children = [c for c in root if isinstance(c.tag, str)]
    if len(children) < 2 or children[0].tag == children[1].tag:
        return None
    first, second = children[0], children[1]
    first.addprevious(second)
    out: bytes = etree.tostring(root)
    return out
