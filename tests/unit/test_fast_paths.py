"""The writers' fast paths give the bytes of the plain rule, character by character."""

from __future__ import annotations

import random

import pytest

from converter.codecs.path import MemberPath
from converter.codecs.xml import _escape_text
from converter.errors import PayloadError


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
