"""Find where a JSON Pointer's value starts in JSON text, for located findings.

The standard library's decoder skips each sibling value (``raw_decode``), so
locating one member costs one pass over the text before it and no second parser.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence

__all__ = ["Locator", "locate"]

#: Only skips values: numbers stay text (never converted), raw control characters pass as the validator lets them.
_DECODER = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str, strict=False)
_SPACE = " \t\r\n"


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of the value at ``path``; the deepest found parent's when absent.

    >>> locate('{"a": [1,\\n  {"b": true}]}', ["a", 1, "b"])
    (2, 9)
    """
    return Locator(text).locate(path)


class Locator:
    """Locates many paths in one text: each object or array is scanned once, whatever the
    number of findings in it (100,000 unknown members cost one pass, not 100,000)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.children: dict[int, dict[str | int, int]] = {}
        self._newlines: list[int] | None = None

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """As ``locate``."""
        text = self.text
        pos = _skip(text, 0)
        for step in path:
            if pos not in self.children:
                self.children[pos] = _children(text, pos)
            found = self.children[pos].get(step)
            if found is None:
                break
            pos = found
        if self._newlines is None:
            self._newlines = _newlines(text)
        line = bisect.bisect_left(self._newlines, pos)  # newlines before pos: no rescan per finding
        return line + 1, pos - (self._newlines[line - 1] + 1 if line else 0) + 1


def _newlines(text: str) -> list[int]:
    out = []
    at = text.find("\n")
    while at >= 0:
        out.append(at)
        at = text.find("\n", at + 1)
    return out


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _children(text: str, pos: int) -> dict[str | int, int]:
    """Where each member (the first of a repeated name) or item of the object or array at ``pos`` starts."""
    out: dict[str | int, int] = {}
    opener = text[pos : pos + 1]
    if opener not in ("{", "["):
        return out
    pos = _skip(text, pos + 1)
    index = 0
    while pos < len(text) and text[pos] not in "}]":
        if opener == "{":
            key, pos = _DECODER.raw_decode(text, pos)
            pos = _skip(text, _skip(text, pos) + 1)
            out.setdefault(key, pos)
        else:
            out[index] = pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text[pos : pos + 1] == ",":
            pos = _skip(text, pos + 1)
        index += 1
    return out
