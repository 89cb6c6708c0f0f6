"""The one finding type every check produces and every report renders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Finding"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one payload, with where it is and which rule it breaks.

    ``path`` is a JSON Pointer (RFC 6901) for JSON, an XPath for XML.

    >>> str(Finding("a.json", "contract", "'x' is not one of ['A']", line=3, col=11, path="/status"))
    "a.json:3:11: error: /status: 'x' is not one of ['A']"
    """

    file: str
    rule: str
    message: str
    severity: Literal["error", "warning"] = "error"
    line: int = 0
    col: int = 0
    path: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.path or '/'}: {self.message}"
