"""Read the HTML the Help Page package renders into page blocks (standard library html.parser).

The structure read is the Razor views' (src/WebApiHelpPage/Areas/HelpPage/Views/Help/):
``<h1>`` with the method and route, ``<h2>``/``<h3>`` sections, ``<table class="help-page-table">``
with ``parameter-name``/``-documentation``/``-type``/``-annotations`` (or ``enum-*``) cells,
``<h4 class="sample-header">`` media types and ``<pre class="wrapped">`` samples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from .page import Block, HelpPageError
from ..errors import Origin

__all__ = ["read_html"]

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[_Node | str] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def flat(self) -> str:
        return " ".join(self.text().split())

    def find_all(self, tag: str) -> list[_Node]:
        out = []
        for c in self.children:
            if isinstance(c, _Node):
                if c.tag == tag:
                    out.append(c)
                out += c.find_all(tag)
        return out


class _TreeBuilder(HTMLParser):
    """A forgiving tree: an end tag closes the nearest open element of its name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, 1)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def read_html(text: str, source: str) -> list[Block]:
    """The blocks of a rendered help page, in document order."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    blocks: list[Block] = []
    _walk(builder.root, blocks, source)
    return blocks


def _walk(node: _Node, blocks: list[Block], source: str) -> None:
    """Block elements become blocks; text and inline elements between them (the model link
    ``Collection of <a href=...>X</a>`` that ModelDescriptionLink.cshtml writes straight into
    the div) become a paragraph at their place."""
    loose: list[str] = []
    loose_line = node.line

    def flush() -> None:
        text = " ".join("".join(loose).split())
        if text:
            blocks.append(Block("para", text, loose_line))
        loose.clear()

    for child in node.children:
        if isinstance(child, str):
            loose.append(child)
            continue
        tag, classes = child.tag, child.classes()
        if tag in ("script", "style", "head", "title", "nav", "footer", "header", "link", "meta"):
            continue
        if tag in ("a", "b", "span", "i", "em", "strong", "code") and not child.find_all("p"):
            if not "".join(loose).strip():
                loose_line = child.line
            loose.append(child.text())
            continue
        flush()
        if tag == "h1":
            blocks.append(Block("title", child.flat(), child.line))
        elif tag in ("h2", "h3"):
            blocks.append(Block("heading", child.flat(), child.line))
        elif tag == "h4" and "sample-header" in classes:
            blocks.append(Block("media", child.flat(), child.line))
        elif tag == "pre":
            body = child.text()
            blocks.append(Block("sample", body[1:] if body.startswith("\n") else body, child.line))
        elif tag == "table":
            blocks.append(_table(child, source))
        elif tag == "p":
            if child.flat():
                blocks.append(Block("para", child.flat(), child.line))
        else:
            _walk(child, blocks, source)
        loose_line = child.line
    flush()


def _table(node: _Node, source: str) -> Block:
    heads = tuple(th.flat() for th in node.find_all("th"))
    rows = []
    lines = []
    for tr in node.find_all("tr"):
        tds = [c for c in tr.children if isinstance(c, _Node) and c.tag == "td"]
        if not tds:
            continue
        cells = []
        for td in tds:
            paras = [p.flat() for p in td.find_all("p")]
            cells.append(tuple(p for p in paras if p) if paras else ((td.flat(),) if td.flat() else ()))
        rows.append(tuple(cells))
        lines.append(tr.line)
    if not heads:
        raise HelpPageError("a table without a header row", Origin(source, node.line, 1))
    return Block("table", "", node.line, columns=heads, rows=tuple(rows), row_lines=tuple(lines))
