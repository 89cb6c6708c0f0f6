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
