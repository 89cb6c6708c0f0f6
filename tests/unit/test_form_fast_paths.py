"""The form codec's fast paths give what urllib's quote and unquote give, on every mix of texts."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Literal
from urllib.parse import quote, quote_plus, unquote_plus

import pytest

from converter.codecs import form
from converter.codecs.lexical import from_base64
from converter.spec import Spec

Style = Literal["mvc", "jquery"]
#: One of each kind of character: safe in both styles, safe in one, escaped, the escape and plus
#: characters themselves, white space, two- to four-byte UTF-8, a run the replace path sees.
ALPHABET = ["a", "Z", "0", "*", "-", ".", "_", "~", "!", "'", "(", ")", "%", "+", " ", "&", "=", "/", "[", "]",
            "\t", "\n", "\r", "\x00", "\x7f", "é", "\xa0", "中", "\U0001f600", "%2", "%41", "QUJD"]


def quoted(text: str, style: Style) -> bytes:
    """The escaping the writer did before its fast path: urllib's quote, one list item a byte."""
    if style == "jquery":
        return quote(text, safe="!'()*").replace("%20", "+").encode("ascii")
    return quote_plus(text, safe="*").replace("~", "%7E").encode("ascii")


def texts(rng: random.Random, count: int, alphabet: list[str] = ALPHABET) -> list[str]:
    """Short and long mixes: a long text takes the replace path if few kinds of byte need
    escaping, the table path if many do."""
    out = ["", "plain", "QUJD" * 100, "a+b/c=" * 200, " " * 300, "%" * 300]
    for _ in range(count):
        length = rng.choice([rng.randrange(1, 12), rng.randrange(200, 400)])
        out.append("".join(rng.choice(alphabet) for _ in range(length)))
    return out


@pytest.mark.parametrize("style", ["mvc", "jquery"])
def test_percent_escaping_is_urllibs_quote_on_every_mix(style: Style) -> None:
    rng = random.Random(14)
    many = ALPHABET + [chr(c) for c in range(0x20, 0x7f)] + [chr(c) for c in range(0x100, 0x180)]
    for text in texts(rng, 3000) + texts(rng, 300, many):
        assert form._percent(text, style) == quoted(text, style), repr(text)


@pytest.mark.parametrize("style", ["mvc", "jquery"])
def test_percent_escaping_refuses_a_lone_surrogate_as_quote_does(style: Style) -> None:
    for text in ["\ud800", "a\udfffb", "x" * 500 + "\ud800"]:
        with pytest.raises(UnicodeEncodeError):
            quoted(text, style)
        with pytest.raises(UnicodeEncodeError):
            form._percent(text, style)


@pytest.mark.parametrize(("short", "few"), [(0, 300), (10**9, 0)], ids=["replace", "table"])
def test_each_path_of_percent_escaping_alone_is_quote(short: int, few: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every text through one bytes.replace per kind of byte, then every text through the table."""
    monkeypatch.setattr(form, "_SHORT", short)
    monkeypatch.setattr(form, "_FEW", few)
    rng = random.Random(18)
    for text in texts(rng, 1500) + texts(rng, 100, ALPHABET + [chr(c) for c in range(0x20, 0x180)]):
        for style in ("mvc", "jquery"):
            assert form._percent(text, style) == quoted(text, style), repr(text)


def test_blank_and_surrogate_checks_are_the_plain_rules() -> None:
    rng = random.Random(15)
    alphabet = ["a", " ", "\t", "\x85", "\xa0", "\u2028", "\u3000", "\u200b", "\ud800", "é", "\U0001f600"]
    for text in texts(rng, 3000, alphabet):
        assert form._blank(text) == (not text.strip(form._WHITESPACE)), repr(text)
        assert form._surrogates(text) == any("\ud800" <= c <= "\udfff" for c in text), repr(text)


def test_base64_ignores_white_space_as_the_plain_rule_does() -> None:
    import base64
    import binascii

    def plain(text: str) -> bytes | None:
        compact = "".join(c for c in text if c not in " \t\r\n")
        try:
            return base64.b64decode(compact, validate=True) if len(compact) % 4 == 0 else None
        except (binascii.Error, ValueError):
            return None

    rng = random.Random(16)
    for text in texts(rng, 3000, ["QUJD", "QQ==", "QUI=", " ", "\t", "\r\n", "\n", "\v", "=", "+/", "é", "*"]):
        try:
            got: bytes | None = from_base64(text)
        except ValueError:
            got = None
        assert got == plain(text), repr(text)


def test_unquoting_is_urllibs_unquote_plus_on_every_mix() -> None:
    rng = random.Random(17)
    escapes = ["%41", "%2b", "%2B", "%25", "%2525", "%C3%A9", "%C3", "%A9", "%E4%B8%AD", "%E4%B8", "%F0%9F%98%80",
               "%FF", "%80", "%", "%4", "%G1", "%%41", "+", " ", "a", "é", "中", "QUJD", "%3D", "%26"]
    for text in texts(rng, 3000, escapes):
        assert form._unquote_plus(text) == unquote_plus(text), repr(text)
    # long values cross the slices: an escape may straddle any of their ends
    for _ in range(30):
        text = "".join(rng.choice(escapes) for _ in range(rng.randrange(form._SLICE // 3, form._SLICE)))
        assert form._unquote_plus(text) == unquote_plus(text)


def test_unescaping_by_codecs_is_urllibs_unquote_to_bytes() -> None:
    """``%XX`` read by ``unicode_escape``: backslashes and what the codec would read after one (``\\x41``,
    ``\\n``, ``\\u``, ``\\N{}``) stay as written, every byte in either case of hex, and each escape the
    codec refuses (cut short, not hex) as urllib reads it."""
    from urllib.parse import unquote_to_bytes

    rng = random.Random(21)
    pieces = ["%41", "%2b", "%2B", "%25", "%C3%A9", "%C3", "%FF", "%", "%4", "%G1", "%%41", "+", " ", "a", "\\",
              "\\x41", "\\n", "%5C", "%5c", "\t", "\\u1234", "%0a", "\\N{DASH}", "\\", "\x7f", "é"]
    texts = ["".join(f"%{b:02X}" for b in range(256)), "".join(f"%{b:02x}" for b in range(256)),
             "".join(chr(c) for c in range(128))]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(12))) for _ in range(5000)]
    for text in texts:
        assert form._unescape(text) == unquote_to_bytes(text), text


def split_whole(text: str) -> list[tuple[str, str, int]]:
    """The pairs as the reader split them before it read a pair at a time: the whole body split at
    ``&``, each pair at its first ``=``, decoded by urllib's unquote_plus."""
    out, col = [], 1
    for piece in text.split("&"):
        if piece:
            name, _, value = piece.partition("=")
            out.append((unquote_plus(name), unquote_plus(value), col))
        col += len(piece) + 1
    return out


def decode_whole(spec: object, type_name: str, data: bytes) -> tuple[object, ...]:
    """form.decode as it was before its fast paths: text_of, then split_whole."""
    from converter.codecs import text_of
    from converter.errors import PayloadError
    from converter.limits import current

    try:
        cls = form._root_class(spec, type_name)  # type: ignore[arg-type]
        pairs, limits, found = split_whole(text_of(data, "p.form")), current(), form._Form()
        for count, (name, value, col) in enumerate(pairs, 1):
            if count > limits.max_form_keys:
                return ("error", "keys", col)
            try:
                key = form.mvc_key(name)
            except ValueError as exc:
                return ("error", str(exc), col)
            if key.count(".") + key.count("[") > limits.max_depth:
                return ("error", "deep", col)
            found.add(key, key, value, col)
        binder = form._Binder(spec, found, "p.form")  # type: ignore[arg-type]
        _, value = binder.object(cls, "", form.type_root(spec, type_name), None)  # type: ignore[arg-type]
        binder.report_unread()
    except PayloadError as exc:
        return ("error", exc.message, exc.origin.col if exc.origin else None)
    return ("value", repr(value), [(str(loss), loss.origin) for loss in binder.losses])


def decode_fast(spec: object, type_name: str, data: bytes) -> tuple[object, ...]:
    from converter.errors import PayloadError

    try:
        value, losses = form.decode(spec, type_name, data, "p.form")  # type: ignore[arg-type]
    except PayloadError as exc:
        message = exc.message
        message = "keys" if "keys" in message and "too many" in message else "deep" if "deep" in message else message
        return ("error", message, exc.origin.col if exc.origin else None)
    return ("value", repr(value), [(str(loss), loss.origin) for loss in losses])


_MUTATIONS = [b"%", b"%2", b"%C3", b"%A9", b"%C3%A9", b"%e9", b"&", b"=", b"+", b"%26", b"%3D", b"%2B", b"%25",
              "é".encode(), "中".encode(), b"\xff", b"\x00", b"[", b"]", b"%5B", b"%5b", b"&&", b"a=1&"]


@pytest.mark.parametrize("name", ["seed", "everything"])
def test_form_reads_and_writes_as_before_its_fast_paths(name: str) -> None:
    """On fuzzed values of every class (both key styles) the body is the one urllib's quote gave,
    pair by pair; on the bodies and mutants of them (bad escapes, raw UTF-8 and invalid bytes, a NUL,
    extra ``&``/``=``/``+``), decoding gives the value, every loss and every error (text and place)
    that reading the whole text, split at once and unquoted by urllib, gave."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from converter.codecs import Options
    from converter.codecs.lexical import to_base64
    from converter.errors import PayloadError
    from converter.fuzz import values_for
    from converter.spec import load_spec
    from tests.property.test_roundtrip import SPECS

    spec = load_spec(SPECS[name])
    classes = [cls.name for cls in spec.classes() if form.binds(spec, cls.name)]

    @settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        type_name = data.draw(st.sampled_from(classes))
        value = data.draw(values_for(spec, type_name))
        style: Style = data.draw(st.sampled_from(["mvc", "jquery"]))
        try:
            payload = form.encode(spec, type_name, value, Options(form_style=style)).data
        except (PayloadError, UnicodeEncodeError):
            return
        writer = form._Writer(spec, style)
        pairs = writer.object(form._root_class(spec, type_name), b"", form.type_root(spec, type_name), value) \
            if value is not None else []
        assert payload == b"&".join(k + b"=" + quoted(v if isinstance(v, str) else to_base64(v), style)  # keys come escaped
                                    for k, v in pairs)
        rng = random.Random(data.draw(st.integers(0, 2**32)))
        variants = [payload] if payload else []
        for _ in range(6):
            at = rng.randrange(len(payload) + 1)
            variants.append(payload[:at] + rng.choice(_MUTATIONS) + payload[at + rng.choice([0, 0, 1, 3]):])
        for variant in variants:
            if variant.strip(b"\r\n"):
                assert decode_fast(spec, type_name, variant) == decode_whole(spec, type_name, variant), variant

    check()


def locate_whole(data: bytes, paths: list[object]) -> list[tuple[int, int]]:
    """form.locate before it read a pair at a time: the whole body decoded and split."""
    from converter.codecs.lexical import fold

    columns: dict[str, int] = {}
    offset = 0
    for pair in data.decode("utf-8", "replace").split("&"):
        try:
            key = form.mvc_key(unquote_plus(pair.partition("=")[0]))
        except ValueError:
            key = ""
        columns.setdefault(fold(key), offset + 1)
        offset += len(pair) + 1
    return [(1, columns.get(fold(path.form_key()), 1)) for path in paths]  # type: ignore[attr-defined]


def test_locate_finds_each_key_where_a_whole_scan_does() -> None:
    """Pairs read one at a time, stopping at the last key asked for, give the columns of a whole
    scan: raw UTF-8 and invalid bytes before a key, repeated keys in either case and style, keys
    asked for that are not there, no key asked for."""
    rng = random.Random(19)
    keys = ["a", "A", "b", "Patients[0].Id", "patients%5B0%5D%5Bid%5D", "x[", "%C3%A9", "é", "c%5B1%5D"]
    junk = ["1", "%41", "é", "\xff", "+", "%", "", "=", "中"]
    for _ in range(2000):
        parts = []
        for _ in range(rng.randrange(0, 8)):
            key = rng.choice(keys)
            parts.append(key + rng.choice(["", "="]) + "".join(rng.choice(junk) for _ in range(rng.randrange(4))))
        data = "&".join(parts).encode("utf-8", "surrogateescape").replace("\xff".encode(), b"\xff")
        paths = [form.key_path(rng.choice(keys + ["missing", "Patients[1].Id"])) for _ in range(rng.randrange(4))]
        assert form.locate(data, paths) == locate_whole(data, paths), (data, paths)


def test_long_pairs_split_as_the_whole_body_split() -> None:
    """Values longer than a slice, read from the body's bytes (ASCII) or text, a slice at a time:
    escapes (valid, cut short, invalid UTF-8) straddle every slice's end at some offset."""
    rng = random.Random(20)
    pieces = ["%41", "%C3%A9", "%E4%B8%AD", "%C3", "%", "%4", "+", "a", "%2B", "%25", "%3D", "==", "%F0%9F%98%80"]
    for _ in range(12):
        names = ["Body", "a%5B0%5D", ""]
        parts = []
        for _ in range(rng.randrange(1, 4)):
            size = rng.choice([form._SLICE - 1, form._SLICE, form._SLICE + 1, 3 * form._SLICE + rng.randrange(9)])
            value = "".join(rng.choice(pieces) for _ in range(size // 3))
            parts.append(f"{rng.choice(names)}={value[:size]}" if rng.random() < 0.8 else value[:size])
        text = "&".join(parts)
        assert list(form._split(text.encode(), b"&", b"=", form._ascii)) == split_whole(text)
        text = text.replace("a", "é")
        assert list(form._split(text, "&", "=", str)) == split_whole(text)


# --- the plan (issue 14, round 3): a compiled binder for bodies spelt as the binder asks ------


def outcome(run: Callable[[], object]) -> tuple[object, ...]:
    """What a decode gives, to compare: the value, every loss (text, member path, place), or the
    error (text, place, member path)."""
    from converter.errors import PayloadError

    try:
        value, losses = run()  # type: ignore[misc]
    except PayloadError as exc:
        return ("error", exc.message, exc.origin, exc.path)
    return ("value", repr(value), [(loss.message, loss.path, loss.origin) for loss in losses])


def planned(spec: Spec, type_name: str, data: bytes) -> bool:
    """Whether the plan reads ``data`` itself, not handing it to the exact binder."""
    try:
        form._plan(spec).read(type_name, form._root_class(spec, type_name), data, "p.form")
    except form._Unsure:
        return False
    return True


def same(spec: Spec, type_name: str, data: bytes) -> bool:
    """``decode`` gives what the exact binder alone gives; returns whether the plan read it."""
    cls = form._root_class(spec, type_name)
    assert outcome(lambda: form.decode(spec, type_name, data, "p.form")) == \
        outcome(lambda: form._exact_decode(spec, type_name, cls, data, "p.form")), data
    return planned(spec, type_name, data)


def pair_mutants(payload: bytes, rng: random.Random, count: int) -> list[bytes]:
    """The body with one pair changed as a client might: a key's case, a pair repeated, dropped
    (an index gone missing) or moved, an index renumbered, a jQuery-style or ``.index`` key, a value
    blank, bad, with a zone or an offset, or another like pair's (a dictionary key twice)."""
    pairs = payload.split(b"&")
    bad = [b"", b"x", b"%ZZ", b"-1", b"99999999999999999999", b"1e400", b"nope", b"2026-05-29T16:57:00Z",
           b"2026-05-29T16:57:00%2B02:00", b"http://EXAMPLE.com/a/../b", b"QUJD", b"%C3", b"true", b"%E2%82%AC"]
    out = []
    for _ in range(count):
        changed = list(pairs)
        i = rng.randrange(len(changed))
        key, equals, value = changed[i].partition(b"=")
        match rng.randrange(10):
            case 0:
                changed[i] = key.lower() + equals + value
            case 1:
                changed[i] = key.upper() + equals + value
            case 2:
                changed.insert(rng.randrange(len(changed) + 1), changed[i])
            case 3:
                del changed[i]
            case 4:
                changed.insert(rng.randrange(len(changed) + 1), changed.pop(i))
            case 5:
                changed[i] = key.replace(b"%5B0%5D", b"%5B1%5D").replace(b"%5B1%5D", b"%5B2%5D") + equals + value
            case 6:
                changed[i] = key.replace(b"%5D.", b"%5D%5B").replace(b".", b"%5B") + (b"%5D" if b"." in key else b"") \
                    + equals + value
            case 7:
                changed.insert(i, key.partition(b"%5B")[0] + b".index=0")
            case 8:
                changed[i] = key + b"=" + rng.choice(bad)
            case _:  # another pair's value: a dictionary's Key repeated
                last = key.rpartition(b".")[2]
                alike = [p for p in changed if p.partition(b"=")[0].rpartition(b".")[2] == last]
                changed[i] = key + b"=" + rng.choice(alike).partition(b"=")[2]
        out.append(b"&".join(changed))
    return out


@pytest.mark.parametrize("name", ["seed", "everything", "real", "plan"])
def test_the_plan_reads_as_the_exact_binder(name: str, tmp_path: Path) -> None:
    """On fuzzed values of every class of each spec, written in both key styles, and on mutants of
    their bodies (case, repeats, missing or renumbered indexes, jQuery and ``.index`` keys, bad,
    blank and zoned values, bytes cut or inserted), ``decode`` gives the exact binder's value, every
    loss and every error; the plan itself reads most of the bodies as written."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from converter.codecs import Options
    from converter.errors import PayloadError
    from converter.fuzz import values_for
    from converter.spec import load_spec
    from tests.property.test_roundtrip import SPECS

    if name == "plan":
        (tmp_path / "plan.yaml").write_text(PLAN_SPEC)
    spec = load_spec(tmp_path / "plan.yaml" if name == "plan" else SPECS[name])
    classes = [cls.name for cls in spec.classes() if form.binds(spec, cls.name)]
    read: list[bool] = []

    @settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        type_name = data.draw(st.sampled_from(classes))
        value = data.draw(values_for(spec, type_name))
        style: Style = data.draw(st.sampled_from(["mvc", "mvc", "jquery"]))
        try:
            payload = form.encode(spec, type_name, value, Options(form_style=style)).data
        except (PayloadError, UnicodeEncodeError):
            return
        if not payload:
            return
        if style == "mvc":
            read.append(same(spec, type_name, payload))
        else:
            same(spec, type_name, payload)
        rng = random.Random(data.draw(st.integers(0, 2**32)))
        variants = pair_mutants(payload, rng, 6)
        for _ in range(2):
            at = rng.randrange(len(payload) + 1)
            variants.append(payload[:at] + rng.choice(_MUTATIONS) + payload[at + rng.choice([0, 1, 3]):])
        for variant in variants:
            same(spec, type_name, variant)

    check()
    assert sum(read) > len(read) // 2, (sum(read), len(read))  # the plan is no judge that always declines


def test_every_fixture_reads_as_the_exact_binder() -> None:
    """The bundled form bodies, and every JSON fixture written as a form body, read as every class
    of its spec."""
    from converter.convert import convert
    from converter.errors import PayloadError
    from converter.spec import load_spec
    from tests.conftest import EVERYTHING_SPEC, FIXTURES, REAL_SPEC, ROOT, SEED_SPEC

    specs = {"everything": EVERYTHING_SPEC, "outgoing-secure-messages": SEED_SPEC, "seed": SEED_SPEC,
             "real-contracts": REAL_SPEC}
    bodies: list[tuple[Spec, bytes]] = []
    for folder, path in specs.items():
        spec = load_spec(path)
        for fixture in sorted((FIXTURES / folder).glob("*.json")):
            for cls in spec.classes():
                if form.binds(spec, cls.name):
                    try:
                        bodies.append((spec, convert(spec, fixture.read_bytes(), to="form", from_="json",
                                                     type_name=cls.name).output))
                    except PayloadError:
                        pass
    seed = load_spec(SEED_SPEC)
    forms = sorted((FIXTURES / "generated").rglob("*.form")) + sorted((ROOT / "tests" / "validate").rglob("*.form"))
    bodies += [(seed, path.read_bytes()) for path in forms]
    assert len(forms) >= 20 and len(bodies) > 40
    read = 0
    for spec, data in bodies:
        for cls in spec.classes():
            if form.binds(spec, cls.name):
                read += same(spec, cls.name, data)
    assert read > 20


def test_the_benchmarks_payloads_take_the_plan() -> None:
    """The speed aims are measured on these: at every size the plan, not the exact binder, reads them."""
    import sys
    from dataclasses import replace

    from converter.limits import current, using
    from converter.spec import load_spec
    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from _payloads import SEED_SPEC, SEED_TYPE, sized_value
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    spec = load_spec(SEED_SPEC)
    with using(replace(current(), max_form_keys=1 << 31)):  # as benchmarks/scale.py runs them
        for size in (1_000, 100_000, 400_000):
            data = form.encode(spec, SEED_TYPE, sized_value(size)).data
            assert len(data) > 2 * form._SLICE or size < 400_000  # the pairs are read a chunk at a time
            assert same(spec, SEED_TYPE, data), size


def test_a_column_found_by_find_is_the_pairs() -> None:
    """The place of a noted loss: where ``find`` sees the key spelt plainly, and pair by pair where
    it is escaped or first in the body, each the column the exact binder gives."""
    from converter.spec import load_spec
    from tests.conftest import SEED_SPEC

    spec = load_spec(SEED_SPEC)
    zoned = b"2026-05-29T16:57:00Z"
    for data in [b"CreationDate=" + zoned, b"ExternalId=1&CreationDate=" + zoned, b"Creation%44ate=" + zoned,
                 b"Subject=CreationDate%3D&CreationDate=" + zoned, b"Patients%5B0%5D.ExternalId=P&SentDate=" + zoned,
                 b"Subject=a&SentDate=" + zoned + b"&CreationDate=" + zoned]:
        assert planned(spec, "OutgoingSecureMessageModel", data) and same(spec, "OutgoingSecureMessageModel", data)
        assert form.decode(spec, "OutgoingSecureMessageModel", data).losses


@pytest.mark.parametrize("indent", [False, True])
@pytest.mark.parametrize("name", ["seed", "everything", "real"])
def test_json_written_a_member_at_a_time_is_the_same_bytes(name: str, indent: bool,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A long document's members are encoded one at a time: with the threshold at 0, every fuzzed
    value of every class gives the bytes of the whole text encoded at once (both layouts)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from converter.codecs import body_type
    from converter.codecs import json as json_codec
    from converter.fuzz import values_for
    from converter.spec import load_spec
    from tests.property.test_roundtrip import SPECS

    monkeypatch.setattr(json_codec, "_STREAM", 0)
    spec = load_spec(SPECS[name])
    writer = json_codec._fast_writer(spec, indent)

    @settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        type_name = data.draw(st.sampled_from([cls.name for cls in spec.classes()]))
        value = data.draw(values_for(spec, type_name))
        ref = body_type(spec, type_name)
        try:
            whole = writer.bind(ref, True)(value).encode("utf-8")
        except json_codec._Rerun:
            return
        assert writer.encode(ref, value) == whole

    check()


PLAN_SPEC = """
spec: 1
title: Plan
types:
  Item:
    namespace: Plan
    fields:
      When: DateTime
      Link: Uri
      Count: int
  Holder:
    namespace: Plan
    fields:
      Whens: List<DateTime>
      Links: Dictionary<string,Uri>
      Counts: Dictionary<int,int>
      Items: List<Item>
      Box: object
  Node:
    namespace: Plan
    fields:
      Name: string
      Child: Node
      Children: List<Node>
      Pairs: Dictionary<string,Node>
"""


def test_the_plan_notes_losses_at_the_exact_binders_paths(tmp_path: Path) -> None:
    """Zones and normalised Uris noted inside lists, list items and dictionary values (member paths
    with indexes and element names), and what the plan hands over: a repeated dictionary key, a
    default pair, an ``object`` member, a non-nullable item left blank."""
    from converter.spec import load_spec

    (tmp_path / "plan.yaml").write_text(PLAN_SPEC)
    spec = load_spec(tmp_path / "plan.yaml")
    zoned, uri = b"2026-05-29T16:57:00Z", b"http://EXAMPLE.com/a/../b"
    noted = [b"Whens%5B0%5D=2026-05-29T16:57:00&Whens%5B1%5D=" + zoned + b"&Items%5B0%5D.Count=1&Items%5B1%5D.When="
             + zoned + b"&Items%5B1%5D.Link=" + uri, b"Links%5B0%5D.Key=a&Links%5B0%5D.Value=" + uri,
             b"Counts%5B0%5D.Key=1&Counts%5B0%5D.Value=2&Counts%5B1%5D.Key=2&Counts%5B1%5D.Value=3"]
    handed = [b"Counts%5B0%5D.Key=1&Counts%5B0%5D.Value=2&Counts%5B1%5D.Key=1&Counts%5B1%5D.Value=3",
              b"Counts%5B0%5D.Key=1", b"Counts%5B0%5D.Value=1", b"Box=1", b"Box.x=1&Items%5B0%5D.Count=1",
              b"Items%5B0%5D.Count=", b"Whens%5B0%5D=", b"Links%5B0%5D.Key=&Links%5B0%5D.Value=" + uri,
              b"Items%5B1%5D.Count=1", b"Items%5B0%5D.Count=1&Items.index=0"]
    for data in noted:
        assert planned(spec, "Holder", data) and same(spec, "Holder", data), data
        assert form.decode(spec, "Holder", data).losses or b"Counts" in data
    for data in handed:
        assert not planned(spec, "Holder", data) and not same(spec, "Holder", data), data
    # a class that holds itself: the plan asks whether any key is under a name, as the binder does
    for data in [b"Name=a", b"Child.Name=b", b"Child.Child.Child.Name=c&Children%5B0%5D.Child.Name=d",
                 b"Pairs%5B0%5D.Key=k&Pairs%5B0%5D.Value.Child.Name=e", b"Child.Child.Name=x" * 1]:
        assert planned(spec, "Node", data) and same(spec, "Node", data), data
    for data in [b"Child.Child=x", b"Child=&Name=a", b"child.Name=a", b"Children%5B1%5D.Name=a"]:
        assert not planned(spec, "Node", data) and not same(spec, "Node", data), data
