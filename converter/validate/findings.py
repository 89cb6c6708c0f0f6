"""The one finding type every check produces and every report renders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..codecs.messages import QUOTE_LIMIT, name, one_line
from ..errors import Origin

if TYPE_CHECKING:
    from ..codecs import Encoding
    from ..codecs.path import MemberPath

__all__ = ["Finding", "Severity", "sort_findings"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one payload: where it is (line, column and member), which rule it breaks.

    ``at`` is the member; ``path`` renders it as the payload's own encoding names it: a JSON
    Pointer of JSON names for JSON, of CLR names (which are form keys) for form, an XPath for XML.

    >>> from converter.codecs.path import MemberPath
    >>> f = Finding("a.json", "contract.enum", 'expected one of A; got "x"', line=3, col=11,
    ...             at=MemberPath.root().member("Status", "status"))
    >>> str(f)
    'a.json:3:11: error: /status: expected one of A; got "x"'
    """

    file: str
    rule: str
    message: str
    severity: Severity = "error"
    line: int = 0
    col: int = 0
    at: MemberPath | None = None
    encoding: Encoding = "json"

    @property
    def path(self) -> str:
        """The member as text: ``/status``, ``/Status`` (form) or ``/Model/Status`` (XML); empty for the whole payload."""
        if self.at is None:
            return ""
        if self.encoding == "xml":
            return self.at.xpath()
        return self.at.pointer(clr=self.encoding == "form")

    @property
    def origin(self) -> Origin:
        return Origin(self.file, self.line, self.col)

    def __str__(self) -> str:
        # The path is exact in structured reports; in a line it is escaped, so a name cannot end the line.
        where = name(self.path, 2 * QUOTE_LIMIT) or "/"
        return (f"{one_line(self.file)}:{self.line}:{self.col}: {self.severity}: {where}: "
                f"{self.message}")


def sort_findings(findings: Iterable[Finding], files: Sequence[str] = ()) -> list[Finding]:
    """Reading order: files in the order given (any others after them, by name), then line and
    column, an error before a warning at the same place."""
    order = {name: i for i, name in enumerate(files)}
    return sorted(findings, key=lambda f: (order.get(f.file, len(order)), f.file if f.file not in order else "",
                                           f.line, f.col, f.severity))
