"""Import ASP.NET Web API help pages (HTML, or their text in any rendering) into a field spec.

::

    html.py / text.py  a page -> blocks        page.py   blocks -> Page (sections checked)
    infer.py           pages -> DraftSpec      writer.py DraftSpec -> YAML
    merge.py           an existing spec's model -> DraftSpec, to merge pages into

``import_pages`` runs them all and loads the written YAML with the real loader before anyone
writes it, so a spec that comes out of here always loads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Origin
from .page import HelpPageError, Page

__all__ = ["HelpPageError", "Imported", "import_pages", "read_page"]


@dataclass(frozen=True, slots=True)
class Imported:
    """The written spec's text, one line per guess, and the warnings (each a full line)."""

    text: str
    guesses: tuple[str, ...]
    warnings: tuple[str, ...]


def read_page(text: str, source: str) -> Page:
    """One page: HTML when it starts with a tag, else the text of one (any rendering)."""
    from .page import assemble

    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        from .html import read_html

        return assemble(read_html(text, source), source)
    from .text import read_text

    return assemble(read_text(text, source), source)


def import_pages(pages: Sequence[tuple[str, str]], *, output: str = "<spec>", title: str | None = None,
                 merge: str | None = None) -> Imported:
    """The spec that the pages (``(source, text)`` pairs) describe, merged into the spec file
    ``merge`` if given. ``HelpPageError`` (at the page's line) for a page that cannot be read or
    two pages that disagree; nothing is written here."""
    from ..errors import SpecError
    from ..spec import parse_spec
    from .infer import infer
    from .writer import write_yaml

    read = [read_page(text, source) for source, text in pages]
    draft = infer(read, title)
    if merge is not None:
        from ..spec import load_spec
        from .merge import merge_into

        draft = merge_into(load_spec(merge), merge, draft)
    sources = ", ".join(source for source, _ in pages)
    header = [f"Imported by contractkit import-helppage from {sources}."]
    if draft.guesses:
        header.append("Lines marked 'guess:' are choices the help page cannot settle: check them against the code.")
    text = write_yaml(draft, header)
    try:
        parse_spec(text, output)
    except SpecError as exc:  # a bug of the importer: say what, write nothing
        raise HelpPageError(f"the imported spec does not load ({exc.show()}); please report this page",
                            Origin(pages[0][0] if pages else output)) from None
    return Imported(text, tuple(g.line() for g in draft.guesses), tuple(draft.warnings))
