"""The form codec's fast paths give what urllib's quote and unquote give, on every mix of texts."""

from __future__ import annotations

import random
from typing import Literal
from urllib.parse import quote, quote_plus, unquote_plus

import pytest

from converter.codecs import form
from converter.codecs.lexical import from_base64

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
