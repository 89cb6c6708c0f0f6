"""Find where a JSON Pointer's value starts in JSON text, for located findings.

The standard library's decoder skips each sibling value (``raw_decode``), so
locating one member costs one pass over the text before it and no second parser.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

__all__ = ["locate"]

_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"


def locate(text: str, path: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, column) of the value at ``path``; the deepest found parent's when absent.

    >>> locate('{"a": [1,\\n  {"b": true}]}', ["a", 1, "b"])
    (2, 9)
    """
    pos = _skip(text, 0)
    for step in path:
        found = _child(text, pos, step)
        if found is None:
            break
        pos = found
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _child(text: str, pos: int, step: str | int) -> int | None:
    """Start of the member ``step`` of the object or array at ``pos``."""
    opener = text[pos : pos + 1]
    if opener not in ("{", "["):
        return None
    pos = _skip(text, pos + 1)
    index = 0
    while pos < len(text) and text[pos] not in "}]":
        if opener == "{":
            key, pos = _DECODER.raw_decode(text, pos)
            pos = _skip(text, _skip(text, pos) + 1)
            hit = key == step
        else:
            hit = index == step
        if hit:
            return pos
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text[pos : pos + 1] == ",":
            pos = _skip(text, pos + 1)
        index += 1
    return None
