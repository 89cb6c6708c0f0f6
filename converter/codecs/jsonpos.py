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
    """Locates many paths in one text: each object or array is scanned at most once, whatever the
    number of findings in it (100,000 unknown members cost one pass, not 100,000), and only as far
    as the members asked for: a finding in the first member never skips the rest of the document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.scans: dict[int, _Scan] = {}
        self._newlines: list[int] | None = None

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """As ``locate``."""
        text = self.text
        pos = _skip(text, 0)
        for step in path:
            scan = self.scans.get(pos)
            if scan is None:
                scan = self.scans[pos] = _Scan(text, pos)
            found = scan.find(step)
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


class _Scan:
    """Where each member (the first of a repeated name) or item of the object or array at ``pos``
    starts, read forward on demand and remembered."""

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.opener = text[pos : pos + 1]
        self.found: dict[str | int, int] = {}
        self.index = 0
        self.pos = _skip(text, pos + 1) if self.opener in ("{", "[") else len(text)

    def find(self, step: str | int) -> int | None:
        while step not in self.found and self.next():
            pass
        return self.found.get(step)

    def next(self) -> bool:
        """Read one more member or item; False at the end."""
        text, pos = self.text, self.pos
        if pos >= len(text) or text[pos] in "}]":
            return False
        if self.opener == "{":
            end = text.find('"', pos + 1)
            if 0 < end and text.find("\\", pos + 1, end) < 0:  # a name without escapes is its own text
                key, pos = text[pos + 1 : end], end + 1
            else:
                key, pos = _DECODER.raw_decode(text, pos)
            pos = _skip(text, _skip(text, pos) + 1)
            self.found.setdefault(key, pos)
        else:
            self.found[self.index] = pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text[pos : pos + 1] == ",":
            pos = _skip(text, pos + 1)
        self.index += 1
        self.pos = pos
        return True
