"""The writers' fast paths give the bytes of the plain rule, character by character."""

from __future__ import annotations

import random

import pytest

from converter.codecs.path import MemberPath
from converter.codecs.xml import _escape_text
from converter.errors import PayloadError
from converter.spec import Spec


def xmlwriter_text(text: str) -> str:
    """XmlWriter's text escaping spelled out one character at a time (the rule, slowly):
    CR and CRLF become one line break, written CRLF; ``& < >`` as entities; control characters
    and U+FFFE/U+FFFF as ``&#xX;``; a lone surrogate throws."""
    out = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for c in text:
        if "\ud800" <= c <= "\udfff":
            raise PayloadError("surrogate")
        if c == "\n":
            out.append("\r\n")
        elif c in "&<>":
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;"}[c])
        elif (ord(c) < 0x20 and c != "\t") or c in "\ufffe\uffff":
            out.append(f"&#x{ord(c):X};")
        else:
            out.append(c)
    return "".join(out)


def test_xml_text_escaping_is_the_rule_on_every_mix_of_special_characters() -> None:
    rng = random.Random(14)
    alphabet = ["a", "&", "<", ">", "\r", "\n", "\r\n", "\t", "\x00", "\x01", "\x1f", "\x7f", "\ufffe", "\uffff",
                "\ud800", "é", "]]>", '"', "'", "QUJD", "\U0001f600"]
    texts = ["", "plain", "QUJD" * 1000] + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14)))
                                          for _ in range(5000)]
    for text in texts:
        try:
            expected = xmlwriter_text(text)
        except PayloadError:
            with pytest.raises(PayloadError, match="lone surrogate"):
                _escape_text(text, MemberPath.root())
            continue
        assert _escape_text(text, MemberPath.root()) == expected, repr(text)


def full_scan_positions(text: str) -> dict[tuple[str | int, ...], int]:
    """Where every value starts, by path, scanning each container whole (the first of a repeated
    name wins), as the locator did before it learnt to stop early."""
    import json

    decoder = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str, strict=False)
    found: dict[tuple[str | int, ...], int] = {}

    def skip(pos: int) -> int:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        return pos

    def walk(path: tuple[str | int, ...], pos: int) -> None:
        found.setdefault(path, pos)
        opener = text[pos]
        if opener not in "{[":
            return
        pos, index = skip(pos + 1), 0
        while text[pos] not in "}]":
            step: str | int = index
            if opener == "{":
                step, pos = decoder.raw_decode(text, pos)
                pos = skip(skip(pos) + 1)
            if path + (step,) not in found:
                walk(path + (step,), pos)
            _, pos = decoder.raw_decode(text, pos)
            pos = skip(pos)
            if text[pos] == ",":
                pos = skip(pos + 1)
            index += 1

    walk((), skip(0))
    return found


def test_the_locator_finds_each_value_where_a_full_scan_does() -> None:
    from converter.codecs.jsonpos import Locator

    rng = random.Random(14)

    def value(depth: int) -> object:
        kind = rng.randrange(6) if depth < 4 else 0
        if kind == 0:
            return rng.choice([1, -2.5, True, None, "x\ny", "é"])
        if kind in (1, 2, 3):
            return {rng.choice(["a", "b", "A", 'q"t', "b\\s", "é", "n\nl", "\u2028"]): value(depth + 1)
                    for _ in range(rng.randrange(4))}
        return [value(depth + 1) for _ in range(rng.randrange(4))]

    import json

    for _ in range(300):
        doc = value(0)
        text = json.dumps(doc, indent=rng.choice([None, 1, 2]), ensure_ascii=rng.choice([True, False]))
        text = text.replace('{"a"', '{"a": 0, "a"', 1)  # a repeated name: the first is the one located
        positions = full_scan_positions(text)
        locator = Locator(text)
        paths = list(positions) + [("missing",), ("a", "nope", 3)]
        rng.shuffle(paths)
        for path in paths:
            reference = Locator(text)  # a fresh one: no remembered scans
            assert locator.locate(list(path)) == reference.locate(list(path))
            if path in positions:
                pos = positions[path]
                line = text.count("\n", 0, pos) + 1
                assert locator.locate(list(path)) == (line, pos - (text.rfind("\n", 0, pos) + 1) + 1), (text, path)


def _outcome(spec: Spec, type_name: str, data: bytes) -> tuple[object, ...]:
    """What decoding says: the value and each loss (text and place), or the error (text and place)."""
    from converter.codecs import json as json_codec
    from converter.fuzz.compare import canonical

    try:
        value, losses = json_codec.decode(spec, type_name, data, "p.json")
    except PayloadError as exc:
        return ("error", str(exc), exc.path.clr() if exc.path is not None else None)
    return ("value", repr(canonical(spec, spec.resolve(type_name), value)),  # repr: NaN equals NaN
            [(str(loss), loss.path.clr()) for loss in losses])


_MUTATIONS = [b"NaN", b"Infinity", b"-", b"1e999", b'"a":1,', b"[", b"]", b"}", b",", b"\x01", b'"\\ud800"',
              b" ", b"null", b'""', b"tru", b"0.10", b"01"]


@pytest.mark.parametrize("name", ["seed", "everything"])
def test_json_reads_the_same_through_the_c_parser_as_through_the_positional_one(name: str) -> None:
    """The JSON codec reads with the standard library's C parser and falls back to its own
    positional parser whenever a loss or an error needs a place. On fuzzed payloads of every class
    and mutants of them (NaN, a duplicate member, a cut bracket, a control character...), the value,
    every loss and every error (message and place) equal what the positional parser alone gives."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from converter.codecs import json as json_codec
    from converter.fuzz import values_for
    from converter.spec import load_spec
    from tests.property.test_roundtrip import SPECS

    spec = load_spec(SPECS[name])
    classes = [cls.name for cls in spec.classes()]

    @settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        type_name = data.draw(st.sampled_from(classes))
        value = data.draw(values_for(spec, type_name))
        try:
            payload = json_codec.encode(spec, type_name, value).data
        except PayloadError:
            return
        rng = random.Random(data.draw(st.integers(0, 2**32)))
        variants = [payload]
        for _ in range(6):
            at = rng.randrange(len(payload) + 1)
            cut = rng.choice([0, 0, 1, 3])
            variants.append(payload[:at] + rng.choice(_MUTATIONS) + payload[at + cut:])
        for variant in variants:
            fast = _outcome(spec, type_name, variant)
            original = json_codec._fast_document
            json_codec._fast_document = lambda text: None  # type: ignore[assignment]
            try:
                slow = _outcome(spec, type_name, variant)
            finally:
                json_codec._fast_document = original
            assert fast == slow, variant

    check()


@pytest.mark.parametrize(("type_name", "payload"), [
    ("List<ProductModel>", b'[{"Id":1,"Name":"a","Price":2.5}]'), ("int", b"7"), ("object", b'{"a":[1]}'),
    ("Dictionary<string,string>", b'{"k":"v"}'), ("Contoso.Shop.ProductModel", b'{"Id":1}'),
])
def test_json_fast_path_reads_bodies_that_are_no_class_key(real_spec: Spec, type_name: str, payload: bytes) -> None:
    """The C parser's path reads the type the expression names (a body such as ``int[]``, a
    qualified alias), not a type key spelled as the expression."""
    from converter.codecs import json as json_codec

    fast = _outcome(real_spec, type_name, payload)
    original = json_codec._fast_document
    json_codec._fast_document = lambda text: None  # type: ignore[assignment]
    try:
        assert fast == _outcome(real_spec, type_name, payload) and fast[0] == "value"
    finally:
        json_codec._fast_document = original


def json_net_string(text: str) -> str:
    """Json.NET's JavaScriptUtils escaping spelled out one character at a time: ``"``, ``\\``,
    control characters (short forms where JSON has them, else ``\\u00xx``), U+0085, U+2028, U+2029."""
    short = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
    out = []
    for c in text:
        if "\ud800" <= c <= "\udfff":
            raise PayloadError("surrogate")
        if c in short:
            out.append(short[c])
        elif ord(c) < 0x20 or c in "\x85\u2028\u2029":
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def test_json_string_escaping_is_json_nets_rule_on_every_mix_of_special_characters() -> None:
    from converter.codecs.json import _quote

    rng = random.Random(15)
    alphabet = ["a", '"', "\\", "\\n", "\n", "\r", "\t", "\b", "\f", "\x00", "\x0b", "\x1f", "\x7f", "\x85",
                "\u2028", "\u2029", "\ud800", "é", "<>&'", "\U0001f600"]
    texts = ["", "plain", "QUJD" * 1000] + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 14)))
                                          for _ in range(5000)]
    for text in texts:
        try:
            expected = json_net_string(text)
        except PayloadError:
            with pytest.raises(PayloadError, match="lone surrogate"):
                _quote(text, None)
            continue
        assert _quote(text, None) == expected, repr(text)


def test_a_remembered_model_is_the_model_and_a_broken_one_is_rebuilt(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second load of a spec skips PyYAML and the build (the pickled model is read back), gives
    a model that generates the same files, and a cache file cut short is rebuilt, not trusted."""
    from pathlib import Path

    from converter.generate import render
    from converter.spec import load, load_spec
    from tests.conftest import EVERYTHING_SPEC

    assert isinstance(tmp_path, Path)
    monkeypatch.setenv("CONTRACTKIT_CACHE_DIR", str(tmp_path))
    built = load_spec(EVERYTHING_SPEC)
    (remembered,) = (tmp_path / "models").iterdir()

    def no_yaml(*args: object) -> object:
        raise AssertionError("parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(load, "_read_yaml", no_yaml)
        again = load_spec(EVERYTHING_SPEC)
    assert again is not built and render(again) == render(built)
    remembered.write_bytes(remembered.read_bytes()[:100])
    assert render(load_spec(EVERYTHING_SPEC)) == render(built)
    text = EVERYTHING_SPEC.read_text(encoding="utf-8")
    assert load.parse_spec(text, "other.yaml").source == "other.yaml"  # the source is part of the key


def test_json_fixtures_and_broken_payloads_read_the_same_through_both_parsers() -> None:
    """Every bundled JSON fixture and every broken JSON payload of tests/validate/broken, as the type
    validate gives it: the same value, losses and errors through the C parser as through the positional one."""
    from converter.codecs import json as json_codec
    from converter.spec import load_spec
    from tests.conftest import EVERYTHING_SPEC, FIXTURES, SEED_SPEC
    from tests.validate.test_verdicts import BROKEN

    specs = {"everything": load_spec(EVERYTHING_SPEC), "outgoing-secure-messages": load_spec(SEED_SPEC)}
    cases = [(specs[folder], path) for folder in specs for path in sorted((FIXTURES / folder).glob("*.json"))]
    cases += [(specs["outgoing-secure-messages"], path) for path in sorted(BROKEN.glob("*.json"))]
    assert len(cases) > 10
    for spec, path in cases:
        for cls in spec.classes():
            data = path.read_bytes()
            fast = _outcome(spec, cls.name, data)
            original = json_codec._fast_document
            json_codec._fast_document = lambda text: None  # type: ignore[assignment]
            try:
                slow = _outcome(spec, cls.name, data)
            finally:
                json_codec._fast_document = original
            assert fast == slow, (path.name, cls.name)
