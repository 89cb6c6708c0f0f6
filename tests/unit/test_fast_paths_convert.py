"""The convert fast paths (issue 14) give what the exact readers and writers alone give.

Four fast paths, each falling back to the exact code where anything is unusual: the JSON binder
(the C parser's values bound by a function per type), the JSON writer's function per type, the
XML binder (the parsed tree read by a function per type) and the XML writer's interned namespace
scopes (a tag worked out once per scope). With all four off (``exact_only``), every output byte,
loss (text, member, place) and error (text, member, place) must be the same: on fuzzed values of
every class of every bundled spec under several Json.NET settings, mutants of their JSON and XML
(members renamed, moved, repeated, dropped, made nil, given an ``i:type``, bytes cut or inserted),
and every fixture read as every class.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converter.codecs import Options, codec
from converter.codecs import json as json_codec
from converter.codecs import xml as xml_codec
from converter.convert import convert
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.spec import Spec, load_spec
from tests.conftest import EVERYTHING_SPEC, FIXTURES, REAL_SPEC, SEED_SPEC

#: Json.NET settings the fast paths read (nulls, defaults, $type, enums, names, escaping, dates).
SETTINGS: list[dict[str, Any]] = [
    {},
    {"nulls": "ignore", "defaults": "ignore"},
    {"type_names": "auto", "enums": "name", "naming": "none"},
    {"type_names": "objects", "enums": "camelCaseString", "escape": "html"},
    {"date_format": "microsoft", "date_time_zone": "Utc", "escape": "nonAscii"},
]
SPECS = {"seed": SEED_SPEC, "everything": EVERYTHING_SPEC, "real": REAL_SPEC}


def variants() -> Iterator[tuple[str, Spec]]:
    for name, path in SPECS.items():
        spec = load_spec(path)
        for i, changes in enumerate(SETTINGS):
            if changes.get("type_names", "none") != "none" and spec.assembly is None:
                continue  # the loader demands an assembly for $type
            yield f"{name}-{i}", dataclasses.replace(spec, json=dataclasses.replace(spec.json, **changes))


class _Refusing:
    """A fast path that gives up on everything: the exact code does all the work."""

    def __init__(self, rerun: type[Exception]) -> None:
        self.rerun = rerun

    def bind(self, *args: object) -> Callable[[Any], Any]:
        def refuse(value: Any) -> Any:
            raise self.rerun
        return refuse

    def encode(self, *args: object) -> bytes:
        raise self.rerun


class _Forgetful(dict[Any, Any]):
    """A scope that remembers no element: each start tag is worked out from the scopes again."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _forgetful_root(spec: Spec) -> xml_codec._Scope:
    root = xml_codec._Scope({"": ""}, {})
    root.after = _Forgetful()
    return root


@contextmanager
def exact_only() -> Iterator[None]:
    """Every convert fast path off."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_codec, "_fast_document", lambda text: None)
        patch.setattr(json_codec, "_fast_writer", lambda spec, indent: _Refusing(json_codec._Rerun))
        patch.setattr(xml_codec, "_binder", lambda spec: _Refusing(xml_codec._Rerun))
        patch.setattr(xml_codec, "_root_scope", _forgetful_root)
        yield


def _said(run: Callable[[], Any]) -> tuple[object, ...]:
    """What a call gives: bytes and each loss (text, member, place), or the error (text, member, place)."""
    try:
        result = run()
    except PayloadError as exc:
        return ("error", str(exc), exc.path.clr() if exc.path is not None else None, str(exc.origin))
    data = result.output if hasattr(result, "output") else result.data
    return ("ok", data, [(str(loss), loss.path.clr(), str(loss.origin)) for loss in result.losses])


def both(run: Callable[[], Any]) -> tuple[object, ...]:
    """The outcome with the fast paths, asserted equal to the outcome without."""
    fast = _said(run)
    with exact_only():
        exact = _said(run)
    assert fast == exact
    return fast


_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


def xml_mutants(payload: bytes, rng: random.Random, count: int) -> list[bytes]:
    """The document with one element moved last, repeated, dropped, renamed, made nil (or nil=false),
    given an unknown i:type or text, or a comment put in it."""
    from lxml import etree

    try:
        etree.fromstring(payload)
    except etree.XMLSyntaxError:
        return []
    out = []
    for _ in range(count):
        root = etree.fromstring(payload)
        elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
        if not elements:
            break
        element = rng.choice(elements)
        parent = element.getparent()
        assert parent is not None
        change = rng.randrange(9)
        if change == 0:
            parent.remove(element)
            parent.append(element)
        elif change == 1:
            parent.insert(parent.index(element), copy.deepcopy(element))
        elif change == 2:
            parent.remove(element)
        elif change == 3:
            element.tag = element.tag.rpartition("}")[0] + "}Other" if "}" in element.tag else "{urn:x}" + element.tag
        elif change == 4:
            element.set(_XSI + "nil", rng.choice(["true", "false", " 1 "]))
        elif change == 5:
            element.set(_XSI + "type", "Unknown")
        elif change == 6:
            element.text = rng.choice(["x", "", " 5 ", "true", "2026-01-01T00:00:00"])
        elif change == 7:
            element.insert(0, etree.Comment("c"))
        else:
            element.tag = element.tag.rpartition("}")[2]  # the right name in no namespace
        out.append(etree.tostring(root))
    return out


_NAME = re.compile(rb'"([A-Za-z][A-Za-z0-9]*)":')
_BYTES = [b"null", b'"a":1,', b"[", b"}", b",", b"\x01", b'""', b"0.10", b"-1", b"true", b'"x"', b"<", b"/>"]


def byte_mutants(payload: bytes, rng: random.Random, count: int) -> list[bytes]:
    """The payload with a member name's case flipped (a folded match), or bytes cut or put in."""
    out = []
    names = list(_NAME.finditer(payload))
    for _ in range(count):
        if names and rng.random() < 0.4:
            m = rng.choice(names)
            out.append(payload[: m.start(1)] + m.group(1).swapcase() + payload[m.end(1):])
            continue
        at = rng.randrange(len(payload) + 1)
        out.append(payload[:at] + rng.choice(_BYTES) + payload[at + rng.choice([0, 0, 1, 3]):])
    return out


class _Number(str):
    """A JSON number's text, written back as it was."""


class _Members(list[tuple[str, Any]]):
    """A JSON object's members, in order, duplicates kept."""


_PAIRS = json.JSONDecoder(object_pairs_hook=_Members, parse_int=_Number, parse_float=_Number, strict=False)


def _dump(value: Any) -> str:
    if isinstance(value, _Members):
        return "{" + ",".join(json.dumps(k) + ":" + _dump(v) for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(map(_dump, value)) + "]"
    return str(value) if isinstance(value, _Number) else json.dumps(value)


def json_mutants(payload: bytes, rng: random.Random, count: int) -> list[bytes]:
    """The document with one member repeated, dropped, made null, renamed to another case or to an
    unknown name, or its value made a string, an object or an empty array."""
    try:
        document = _PAIRS.decode(payload.decode("utf-8"))
    except ValueError:
        return []
    out = []
    for _ in range(count):
        tree = _PAIRS.decode(payload.decode("utf-8"))
        objects: list[_Members] = []
        stack = [tree]
        while stack:
            node = stack.pop()
            if isinstance(node, _Members):
                objects.append(node) if node else None
                stack.extend(v for _, v in node)
            elif isinstance(node, list):
                stack.extend(node)
        if not objects:
            break
        members = rng.choice(objects)
        at = rng.randrange(len(members))
        name, value = members[at]
        change = rng.randrange(7)
        if change == 0:
            members.insert(at, (name, value))
        elif change == 1:
            del members[at]
        elif change == 2:
            members[at] = (name, None)
        elif change == 3:
            members[at] = (name.swapcase(), value)
        elif change == 4:
            members[at] = ("unknown" + name, value)
        else:
            members[at] = (name, rng.choice(["x", _Members(), [], _Number("1.5"), True]))
        out.append(_dump(tree).encode("utf-8"))
    del document
    return out


@pytest.mark.parametrize(("label", "spec"), list(variants()), ids=lambda v: v if isinstance(v, str) else "")
def test_fuzzed_payloads_convert_the_same_with_and_without_the_fast_paths(label: str, spec: Spec) -> None:
    classes = [cls.name for cls in spec.classes()]

    @settings(max_examples=25, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True,
              database=None)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        type_name = data.draw(st.sampled_from(classes))
        value = data.draw(values_for(spec, type_name))
        rng = random.Random(data.draw(st.integers(0, 2**32)))
        for encoding in ("json", "xml"):
            written = [both(lambda: codec(encoding).encode(spec, type_name, value, Options(indent=indent)))
                       for indent in (False, True)]
            if written[0][0] != "ok":
                continue
            payload = written[0][1]
            assert isinstance(payload, bytes)
            payloads = [payload, *byte_mutants(payload, rng, 3)]
            payloads += xml_mutants(payload, rng, 4) if encoding == "xml" else json_mutants(payload, rng, 4)
            for variant in payloads:
                for target in ("json", "xml"):
                    both(lambda: convert(spec, variant, to=target, from_=encoding, type_name=type_name))

    check()


def test_every_fixture_converts_the_same_with_and_without_the_fast_paths() -> None:
    """Every bundled JSON and XML fixture, read as every class of its spec, written as JSON and XML."""
    specs = {"everything": EVERYTHING_SPEC, "outgoing-secure-messages": SEED_SPEC, "seed": SEED_SPEC,
             "real-contracts": REAL_SPEC}
    seen = 0
    for folder, spec_path in specs.items():
        spec = load_spec(spec_path)
        for path in sorted((FIXTURES / folder).glob("*.*")):
            if path.suffix not in (".json", ".xml"):
                continue
            data = path.read_bytes()
            for cls in spec.classes():
                for target in ("json", "xml"):
                    outcome = both(lambda: convert(spec, data, to=target, from_=path.suffix[1:],  # type: ignore[arg-type]
                                                   type_name=cls.name))
                    seen += outcome[0] == "ok"
    assert seen > 50  # most fixtures convert as the class they were written for


def test_the_fast_paths_are_taken(seed_spec: Spec) -> None:
    """A common payload goes through the fast paths, not through the exact code they fall back to
    (the equality tests above would pass if a fast path always gave up)."""
    data = Path(FIXTURES / "outgoing-secure-messages" / "request.json").read_bytes()
    as_xml = convert(seed_spec, data, to="xml", from_="json").output

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("the exact code ran")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_codec._Reader, "members", refuse)
        patch.setattr(json_codec._Writer, "members", refuse)
        patch.setattr(xml_codec._Reader, "members", refuse)
        patch.setattr(xml_codec._Writer, "_open", refuse)  # every tag remembered from the first run
        assert convert(seed_spec, data, to="xml", from_="json").output == as_xml
        convert(seed_spec, as_xml, to="json", from_="xml")


def test_functions_are_published_only_once_a_whole_group_is_built() -> None:
    """A type that holds itself gets its own function through a forward reference, and no function
    is visible to other threads (``bound``) before all it calls are built."""
    from converter.codecs.compiled import Compiled, Function

    seen_while_building: list[dict[str, Function]] = []

    class Lists(Compiled[str]):
        """``a`` is a list of ``b``, ``b`` a list of ``a`` or a number."""

        def build(self, key: str) -> Function:
            other = self.function("b" if key == "a" else "a")
            seen_while_building.append(dict(self.bound))
            return lambda value: [other(v) for v in value] if isinstance(value, list) else value

    lists = Lists()
    assert lists.function("a")([[1, [[2]]], 3]) == [[1, [[2]]], 3]
    assert seen_while_building == [{}, {}] and set(lists.bound) == {"a", "b"}


def test_a_loss_of_writing_is_placed_in_a_lenient_document(everything_spec: Spec) -> None:
    """A trailing comma (which Json.NET reads) before the member a loss is about: the strict scanner
    that places losses stopped there with a JSONDecodeError (a traceback); the lenient parser places it."""
    data = b'{"home": {"street": null,},\n "nested": null}'
    result = convert(everything_spec, data, to="form", from_="json", type_name="Everything", source="p.json")
    assert [(str(loss), str(loss.origin)) for loss in result.losses] == [
        ("Nested: null sends no keys: the member is left unset (null unless the model sets it)", "p.json:2:12")]
