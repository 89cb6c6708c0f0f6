"""Read the text of a help page, as copied from a browser or crawled, into page blocks.

Three renderings of the tables are read (each loses something of the HTML):

- split rows (the seed): ``| Name |`` starts a row, each further cell is a line ending in
  ``|``, a line holding only ``|`` may separate rows, the model name is glued to the header;
- one row per line: ``| Name | string | None. | |`` (an empty cell vanishes);
- plain text: the header glued (``NameDescriptionTypeAdditional information``), each cell
  on its own line, ``Sample:`` labels.

The reader goes line by line and names the line of anything it cannot place.
"""

from __future__ import annotations

import re

from .page import HEADINGS, Block, HelpPageError, is_media_types
from ..errors import Origin

__all__ = ["read_text"]

#: Each table's header as Parameters.cshtml / EnumTypeModelDescription.cshtml write it.
_HEADERS: tuple[tuple[str, ...], ...] = (
    ("Name", "Description", "Type", "Additional information"),
    ("Name", "Value", "Description"),
    ("Name", "Description", "Additional information"),
)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_API_TITLE = re.compile(r"(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \S+")
_HEAD_LINES = 30
_INTEGER = re.compile(r"-?[0-9]+")


def read_text(text: str, source: str) -> list[Block]:
    """The blocks of a page's text; ``HelpPageError`` at the line of a garbled table."""
    return _TextReader(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), source).read()


class _TextReader:
    def __init__(self, lines: list[str], source: str) -> None:
        self.lines = [line.strip() for line in lines]
        self.source = source
        self.i = 0
        self.blocks: list[Block] = []

    def error(self, message: str, line: int) -> HelpPageError:
        return HelpPageError(message, Origin(self.source, line, 1))

    def at_end(self) -> bool:
        return self.i >= len(self.lines)

    def line(self) -> str:
        return self.lines[self.i]

    def add(self, kind: str, text: str, line: int, **kw: object) -> None:
        self.blocks.append(Block(kind, text, line, **kw))  # type: ignore[arg-type]

    def read(self) -> list[Block]:
        titled = False
        # Text copied from a whole browser window starts with the site's navigation: the page
        # starts at its "METHOD route" line when there is one near the top.
        head = next((i for i, line in enumerate(self.lines[:_HEAD_LINES]) if _API_TITLE.fullmatch(line)), None)
        if head is not None and not any(line in HEADINGS for line in self.lines[:head]):
            self.i = head
        while not self.at_end():
            s, number = self.line(), self.i + 1
            if not s or s in ("Help Page Home", "Sample:"):
                self.i += 1
            elif not titled:
                self.add("title", s, number)
                titled = True
                self.i += 1
            elif s in HEADINGS:
                self.add("heading", s, number)
                self.i += 1
            elif is_media_types(s):
                self.add("media", s, number)
                self.i += 1
                self.sample()
            elif (header := _header(s)) is not None:
                prefix, columns, piped = header
                if prefix:
                    self.add("para", prefix, number)
                self.i += 1
                self.table(columns, piped, number)
            else:
                self.add("para", s, number)
                self.i += 1
        return self.blocks

    def boundary(self, s: str) -> bool:
        return s in HEADINGS or is_media_types(s)

    def sample(self) -> None:
        """The sample's text runs to the next media type or heading; it may have lost its
        indentation or collapsed onto one line, which the sample parsers do not mind."""
        while not self.at_end() and self.line() in ("", "Sample:"):
            self.i += 1
        start = self.i
        while not self.at_end() and not self.boundary(self.line()):
            self.i += 1
        body = "\n".join(self.lines[start:self.i]).strip()
        if body:
            self.add("sample", body, start + 1)

    def table(self, columns: tuple[str, ...], piped: bool, line: int) -> None:
        if piped and not self.at_end() and re.fullmatch(r"\|(?:\s*:?-+:?\s*\|)+", self.line()):
            self.i += 1
        rows, row_lines = (self.piped_rows(columns) if piped else self.plain_rows(columns))
        if not rows:
            raise self.error(f"the table ({' | '.join(columns)}) has no rows", line)
        self.add("table", "", line, columns=columns, rows=tuple(rows), row_lines=tuple(row_lines))

    def piped_rows(self, columns: tuple[str, ...]) -> tuple[list[tuple[tuple[str, ...], ...]], list[int]]:
        rows: list[tuple[tuple[str, ...], ...]] = []
        lines: list[int] = []
        cells: list[tuple[str, ...]] | None = None
        pending: list[str] = []  # paragraphs of a cell whose closing "|" is still to come
        while not self.at_end():
            s, number = self.line(), self.i + 1
            if s == "|":
                self.i += 1
                continue
            if s.startswith("|") and s != "|":
                if cells is not None:
                    rows.append(tuple(cells))
                inner = s[1:-1] if s.endswith("|") and len(s) > 1 else s[1:]
                parts = [p.strip() for p in (" " + inner + " ").split(" | ")]
                if not s.endswith("|"):
                    raise self.error(f"garbled table row: {s[:60]!r} does not end with '|'", number)
                cells = [tuple([p]) if p else () for p in parts]
                lines.append(number)
                self.i += 1
                continue
            if cells is None or not s or self.boundary(s):
                break
            if s.endswith("|"):
                cells.append(tuple(pending + [s[:-1].strip()]))
                pending = []
            elif len([c for c in cells if c]) < len(columns):
                pending.append(s)  # a cell of several paragraphs (several annotations)
            else:
                break
            self.i += 1
        if pending:
            raise self.error(f"garbled table row: the cell {pending[0][:60]!r} never ends with '|'", self.i)
        if cells is not None:
            rows.append(tuple(cells))
        return rows, lines

    def plain_rows(self, columns: tuple[str, ...]) -> tuple[list[tuple[tuple[str, ...], ...]], list[int]]:
        from .types import is_annotation, parse_display, split_annotations

        rows: list[tuple[tuple[str, ...], ...]] = []
        lines: list[int] = []

        def notes(s: str) -> bool:
            return s == "None." or all(is_annotation(p) for p in split_annotations(s))

        while not self.at_end():
            s, number = self.line(), self.i + 1
            if not s or self.boundary(s):
                break
            if not _NAME.fullmatch(s):
                if rows:
                    break
                raise self.error(f"garbled table: expected a member name, found {s[:60]!r}", number)
            self.i += 1
            body: list[str] = []
            if columns[1] == "Value":  # name, value, then the description up to the next name+value pair
                if self.at_end() or not _INTEGER.fullmatch(self.line()):
                    raise self.error(f"garbled enumeration row {s}: expected its integer value", number)
                value = self.line()
                self.i += 1
                while not self.at_end() and self.line() and not self.boundary(self.line()) and not (
                        _NAME.fullmatch(self.line()) and self.i + 1 < len(self.lines)
                        and _INTEGER.fullmatch(self.lines[self.i + 1])):
                    body.append(self.line())
                    self.i += 1
                rows.append(((s,), (value,), tuple(body)))
                lines.append(number)
                continue
            last = columns[-1]
            typed = "Type" in columns
            while not self.at_end() and self.line() and not self.boundary(self.line()):
                t = self.line()
                if typed and parse_display(t) is not None or not typed and (
                        t == "None." or t.startswith("Define this parameter in the request")):
                    break
                body.append(t)
                self.i += 1
            if self.at_end() or not self.line() or self.boundary(self.line()):
                raise self.error(f"garbled table row {s}: no {'type' if typed else last!r} cell", number)
            type_cell = self.line()
            self.i += 1
            if not typed:
                rows.append(((s,), tuple(body), (type_cell,)))
                lines.append(number)
                continue
            info: list[str] = []
            while not self.at_end() and self.line() and not self.boundary(self.line()) and notes(self.line()):
                info.append(self.line())
                self.i += 1
            if not info:
                raise self.error(f"garbled table row {s}: no 'Additional information' cell after its type "
                                 f"{type_cell!r}", number)
            rows.append(((s,), tuple(body), (type_cell,), tuple(info)))
            lines.append(number)
        return rows, lines


def _header(s: str) -> tuple[str, tuple[str, ...], bool] | None:
    """(text glued before it, the columns, piped?) when ``s`` is a table header."""
    for columns in _HEADERS:
        piped = "| " + " | ".join(columns) + " |"
        at = s.find(piped)
        if at >= 0 and s.endswith(piped):
            return s[:at].strip(), columns, True
        glued = "".join(columns)
        if s.endswith(glued):
            return s[: -len(glued)].strip(), columns, False
    return None
