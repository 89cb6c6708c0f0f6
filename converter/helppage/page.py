"""The page model both readers produce: what a help page says, with the line each part was on.

A reader (``html.py`` for the HTML the package renders, ``text.py`` for the text copied or
crawled from it) turns a page into a stream of ``Block``s; ``assemble`` turns the stream into
a ``Page``, checking the sections the templates always write
(src/WebApiHelpPage/Areas/HelpPage/Views/Help/DisplayTemplates/HelpPageApiModel.cshtml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..errors import ContractkitError, Origin

__all__ = [
    "HEADINGS",
    "Block",
    "Body",
    "EnumRow",
    "HelpPageError",
    "Page",
    "Row",
    "Sample",
    "assemble",
    "is_media_types",
]


class HelpPageError(ContractkitError):
    """A help page that cannot be read: a missing section, a garbled table, a broken sample."""


#: The headings of both template generations: v2 (Web API 2.1+, HelpPageApiModel.cshtml since
#: c288f9e6) and v1 (tag v3.0: "Parameters", "Request body formats", "Response body formats").
HEADINGS = frozenset({
    "Request Information", "URI Parameters", "Body Parameters", "Request Formats",
    "Response Information", "Resource Description", "Response Formats",
    "Parameters", "Request body formats", "Response body formats",
})
_V1_ONLY = frozenset({"Parameters", "Request body formats", "Response body formats"})
_MEDIA = re.compile(r"[A-Za-z0-9.+-]+/[A-Za-z0-9.+*-]+(?:; ?[A-Za-z0-9-]+=[^,\s]+)?")
_API_TITLE = re.compile(r"(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|TRACE|[A-Z]+) (\S.*)")
#: Sample.cshtml / InvalidSample.cshtml: what stands where no sample could be written.
NO_SAMPLE = "Sample not available."
SAMPLE_ERRORS = ("Failed to generate the sample", "An exception has occurred while using the formatter")


def is_media_types(text: str) -> bool:
    """A sample header: media types joined with ", " (Samples.cshtml groups identical samples).

    >>> is_media_types("application/json, text/json"), is_media_types("api/values")
    (True, False)
    """
    parts = text.split(", ")
    return all(_MEDIA.fullmatch(p) for p in parts) and any(
        p.split("/")[0] in ("application", "text", "multipart", "image") for p in parts)


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of a page in reading order.

    ``kind``: ``title`` (the h1), ``heading`` (h2/h3), ``para``, ``table``, ``media`` (a
    sample header) or ``sample`` (a sample's text). A table's ``rows`` hold each row's cells,
    each cell its paragraphs; ``columns`` are the header cells.
    """

    kind: Literal["title", "heading", "para", "table", "media", "sample"]
    text: str
    line: int
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[tuple[str, ...], ...], ...] = ()
    row_lines: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Row:
    """A member (or parameter) row: ``annotations`` are the "Additional information" texts."""

    name: str
    description: str
    type_text: str
    annotations: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class EnumRow:
    """A row of an enum's "Possible enumeration values" table."""

    name: str
    value: int
    description: str
    line: int


@dataclass(frozen=True, slots=True)
class Sample:
    """A sample under its media types; ``text`` None when the page says none is available."""

    media_types: tuple[str, ...]
    text: str | None
    line: int


@dataclass(frozen=True, slots=True)
class Body:
    """A request body or a response: its documentation, model line ("X", "Collection of X",
    "integer"), member table and samples."""

    documentation: str
    model: str | None
    rows: tuple[Row, ...] | None
    samples: tuple[Sample, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Page:
    """An API page (``method`` set) or a ``ResourceModel?modelName=X`` page (``model`` set)."""

    source: str
    title: str
    line: int
    generation: Literal[1, 2] = 2
    method: str | None = None
    path: str | None = None
    documentation: str = ""
    uri_parameters: tuple[Row, ...] = ()
    request: Body | None = None
    response: Body | None = None
    model: str | None = None
    rows: tuple[Row, ...] | None = None
    enum_values: tuple[EnumRow, ...] | None = None

    def where(self, line: int) -> Origin:
        """The place of a line of this page."""
        return Origin(self.source, line, 1)


_SKIP = frozenset({"Help Page Home", "Sample:"})
_MEMBER_COLUMNS = ("Name", "Description", "Type", "Additional information")
_ENUM_COLUMNS = ("Name", "Value", "Description")
_V1_COLUMNS = ("Name", "Description", "Additional information")
_NO_DOC = "No documentation available."


class _Reader:
    """Walks the block stream once; every error names the line it stopped at."""

    def __init__(self, blocks: list[Block], source: str) -> None:
        self.blocks = [b for b in blocks if not (b.kind == "para" and b.text in _SKIP)]
        self.source = source
        self.pos = 0

    def error(self, message: str, line: int | None = None) -> HelpPageError:
        if line is None:
            line = self.blocks[self.pos].line if self.pos < len(self.blocks) else self._last_line()
        return HelpPageError(message, Origin(self.source, line, 1))

    def _last_line(self) -> int:
        return self.blocks[-1].line if self.blocks else 1

    def peek(self) -> Block | None:
        return self.blocks[self.pos] if self.pos < len(self.blocks) else None

    def take(self) -> Block:
        block = self.blocks[self.pos]
        self.pos += 1
        return block

    def at_heading(self, *texts: str) -> bool:
        block = self.peek()
        return block is not None and block.kind == "heading" and block.text in texts

    def expect_heading(self, text: str, context: str) -> Block:
        if self.at_heading(text):
            return self.take()
        block = self.peek()
        found = f"found {_describe(block)}" if block else "the page ends"
        raise self.error(f"missing section {text!r} {context}: {found}")

    def paras(self) -> list[Block]:
        out = []
        while (block := self.peek()) is not None and block.kind == "para":
            out.append(self.take())
        return out


def _describe(block: Block) -> str:
    if block.kind == "table":
        return "a table"
    if block.kind == "sample":
        return "a sample"
    return repr(block.text[:60])


def assemble(blocks: list[Block], source: str) -> Page:
    """The page the blocks make up; a ``HelpPageError`` at the line where a section is missing
    or out of place."""
    titles = [i for i, b in enumerate(blocks) if b.kind == "title"]
    if titles:  # the site's layout (navigation, "Help Page Home") comes before the page's <h1>
        blocks = blocks[titles[0]:]
    r = _Reader(blocks, source)
    title = r.peek()
    if title is None:
        raise HelpPageError("the page is empty: no help page heading", Origin(source, 1, 1))
    r.take()
    m = _API_TITLE.fullmatch(title.text.strip())
    if m is None or not any(b.kind == "heading" for b in r.blocks):
        return _model_page(r, title)
    method, path = m.group(1), m.group(2).strip()
    documentation = " ".join(p.text for p in r.paras() if p.text != _NO_DOC)
    v1 = any(b.kind == "heading" and b.text in _V1_ONLY for b in r.blocks)
    if v1:
        return _v1_page(r, title, method, path, documentation)
    r.expect_heading("Request Information", f"after {title.text!r}")
    r.expect_heading("URI Parameters", "under 'Request Information'")
    uri = _parameter_rows(r, "URI Parameters")
    r.expect_heading("Body Parameters", "after 'URI Parameters'")
    request = _body(r, "Body Parameters", "Request Formats")
    r.expect_heading("Response Information", "after the request")
    r.expect_heading("Resource Description", "under 'Response Information'")
    response = _body(r, "Resource Description", "Response Formats")
    if (rest := r.peek()) is not None:
        raise r.error(f"unexpected {_describe(rest)} after the response")
    return Page(source, title.text, title.line, 2, method, path, documentation, uri, request, response)


def _parameter_rows(r: _Reader, section: str) -> tuple[Row, ...]:
    block = r.peek()
    if block is not None and block.kind == "para" and block.text == "None.":
        r.take()
        return ()
    if block is not None and block.kind == "table":
        return member_rows(r.take(), r.source)
    raise r.error(f"{section}: expected a table or 'None.', found {_describe(block) if block else 'the end'}")


def _body(r: _Reader, section: str, formats: str) -> Body | None:
    start = r.blocks[r.pos - 1].line
    paras = r.paras()
    table = r.take() if (b := r.peek()) is not None and b.kind == "table" else None
    if table is None and len(paras) == 1 and paras[0].text == "None." or not paras and table is None:
        samples = _samples(r, formats)
        return Body("", None, None, samples, start) if samples else None
    if table is not None and not paras:
        raise r.error(f"{section}: the table has no model line (such as the model's name) above it", table.line)
    from .types import parse_display

    # The model line is the last paragraph that names a type (ModelDescriptionLink.cshtml);
    # the ones before it are the body's documentation.
    model_at = len(paras) - 1
    if parse_display(paras[model_at].text) is None:
        raise r.error(f"{section}: {paras[model_at].text[:60]!r} is not a type the help page shows "
                      "(a model name, 'Collection of X', 'integer'...)", paras[model_at].line)
    documentation = " ".join(p.text for p in paras[:model_at])
    rows = member_rows(table, r.source) if table is not None else None
    return Body(documentation, paras[model_at].text, rows, _samples(r, formats), start)


def _samples(r: _Reader, heading: str) -> tuple[Sample, ...]:
    if not r.at_heading(heading):
        return ()
    r.take()
    out = []
    while (block := r.peek()) is not None and block.kind == "media":
        r.take()
        media = tuple(block.text.split(", "))
        nxt = r.peek()
        if nxt is not None and nxt.kind == "sample":
            r.take()
            text = nxt.text
            unavailable = text.strip() == NO_SAMPLE or text.strip().startswith(SAMPLE_ERRORS)
            out.append(Sample(media, None if unavailable else text, nxt.line))
        elif nxt is not None and nxt.kind == "para" and (nxt.text == NO_SAMPLE or nxt.text.startswith(SAMPLE_ERRORS)):
            r.take()
            out.append(Sample(media, None, nxt.line))
        else:
            out.append(Sample(media, None, block.line))
    if not out:
        raise r.error(f"{heading}: expected sample media types such as 'application/json, text/json'")
    return tuple(out)


def _v1_page(r: _Reader, title: Block, method: str, path: str, documentation: str) -> Page:
    """The template before Web API 2.1: a parameter table with no types, then the samples."""
    uri: list[Row] = []
    body_name: str | None = None
    request_samples: tuple[Sample, ...] = ()
    if r.at_heading("Request Information"):
        r.take()
        if r.at_heading("Parameters"):
            r.take()
            table = r.take() if (b := r.peek()) is not None and b.kind == "table" else None
            if table is None:
                raise r.error("Parameters: expected the parameter table")
            if table.columns != _V1_COLUMNS:
                raise r.error(f"Parameters: expected the columns {' | '.join(_V1_COLUMNS)}", table.line)
            for cells, line in zip(table.rows, table.row_lines):
                if len(cells) < 2:
                    raise r.error("garbled parameter row: expected a name and where to define it", line)
                where = " ".join(cells[-1])
                name = " ".join(cells[0])
                doc = " ".join(" ".join(c) for c in cells[1:-1])
                if "request body" in where:
                    body_name = name
                else:
                    uri.append(Row(name, "" if doc == _NO_DOC else doc, "string", (), line))
        request_samples = _samples(r, "Request body formats")
    response = None
    if r.at_heading("Response Information"):
        r.take()
        documentation_r = " ".join(p.text for p in r.paras() if p.text != _NO_DOC)
        response = Body(documentation_r, None, None, _samples(r, "Response body formats"), r.blocks[r.pos - 1].line)
    if (rest := r.peek()) is not None:
        raise r.error(f"unexpected {_describe(rest)}")
    request = Body("", None, None, request_samples, title.line) if request_samples or body_name else None
    return Page(r.source, title.text, title.line, 1, method, path, documentation, tuple(uri), request, response)


def _model_page(r: _Reader, title: Block) -> Page:
    """A ``ResourceModel?modelName=X`` page (ResourceModel.cshtml): the model's documentation,
    then its member table, or "Possible enumeration values:" and the enum table."""
    paras = r.paras()
    doc = [p.text for p in paras]
    enum = bool(doc) and doc[-1] == "Possible enumeration values:"
    table = r.take() if (b := r.peek()) is not None and b.kind == "table" else None
    if (rest := r.peek()) is not None:
        raise r.error(f"unexpected {_describe(rest)} on the model page of {title.text}")
    if enum:
        if table is None or table.columns != _ENUM_COLUMNS:
            raise r.error(f"{title.text}: expected the enumeration table {' | '.join(_ENUM_COLUMNS)}")
        values = []
        for cells, line in zip(table.rows, table.row_lines):
            texts = [" ".join(c) for c in cells if " ".join(c)]
            if len(texts) < 2 or not re.fullmatch(r"-?[0-9]+", texts[1]):
                raise r.error("garbled enumeration row: expected a name and an integer value", line)
            values.append(EnumRow(texts[0], int(texts[1]), " ".join(texts[2:]), line))
        return Page(r.source, title.text, title.line, model=title.text, documentation=" ".join(doc[:-1]),
                    enum_values=tuple(values))
    documentation = " ".join(doc)
    if table is None:
        if doc and doc[-1] == "None.":
            return Page(r.source, title.text, title.line, model=title.text, documentation=" ".join(doc[:-1]), rows=())
        raise r.error(f"{title.text}: expected the model's member table or its enumeration values")
    return Page(r.source, title.text, title.line, model=title.text, documentation=documentation,
                rows=member_rows(table, r.source))


def member_rows(table: Block, source: str) -> tuple[Row, ...]:
    """The rows of a ``Name | Description | Type | Additional information`` table
    (Parameters.cshtml). Text renderings drop empty cells, so cells are told apart by what
    they hold: the type cell is a type the page shows, the last ones are annotations."""
    from .types import is_annotation, parse_display, split_annotations

    if table.columns != _MEMBER_COLUMNS:
        raise HelpPageError(f"expected the columns {' | '.join(_MEMBER_COLUMNS)}, found "
                            f"{' | '.join(table.columns) or 'none'}", Origin(source, table.line, 1))
    rows = []
    for cells, line in zip(table.rows, table.row_lines):
        texts = [" ".join(p for p in cell if p) for cell in cells]
        paragraphs = [list(p for p in cell if p) for cell in cells]
        keep = [i for i, t in enumerate(texts) if t]
        where = Origin(source, line, 1)
        if len(keep) < 3:
            raise HelpPageError(f"garbled table row: {len(keep)} cell(s) {[texts[i] for i in keep]}; expected a "
                                "name, a description, a type and the additional information", where)
        name = texts[keep[0]]
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name):
            raise HelpPageError(f"garbled table row: {name[:60]!r} is not a member name", where)
        rest = [texts[i] for i in keep[1:]]
        cells_of = [paragraphs[i] for i in keep[1:]]

        def notes_ok(start: int) -> bool:
            return start < len(rest) and all(
                p == "None." or all(is_annotation(a) for a in split_annotations(p))
                for cell in cells_of[start:] for p in cell)

        # Empty cells vanish from text renderings: the description is there when the second
        # cell reads as a type and what follows as annotations; else the first cell is the type.
        if len(rest) >= 3 and parse_display(rest[1]) is not None and not is_annotation(rest[1]) and notes_ok(2):
            description, type_text, start = rest[0], rest[1], 2
        elif parse_display(rest[0]) is not None and notes_ok(1):
            description, type_text, start = "", rest[0], 1
        else:
            raise HelpPageError(f"garbled table row {name}: expected a type cell and then the additional "
                                f"information, found {', '.join(repr(t[:40]) for t in rest)}", where)
        annotations = [a for cell in cells_of[start:] for p in cell if p != "None." for a in split_annotations(p)]
        rows.append(Row(name, description, type_text, tuple(annotations), line))
    return tuple(rows)
