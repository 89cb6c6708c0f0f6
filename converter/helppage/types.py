"""What the help page writes for types and annotations, read back.

Type display names are ``DefaultTypeDocumentation`` and the ``ModelDescriptionLink`` /
``DictionaryModelDescription`` / ``KeyValuePairModelDescription`` views; annotation texts are
``AnnotationTextGenerator`` (all in src/WebApiHelpPage/Areas/HelpPage/ModelDescriptions/
ModelDescriptionGenerator.cs, aspnet/AspNetWebStack c62b87fb). Each rule is here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SIMPLE", "Annotation", "Display", "is_annotation", "parse_annotation", "parse_display", "split_annotations"]

#: DefaultTypeDocumentation: display name -> the CLR types it stands for, the likeliest first.
SIMPLE: dict[str, tuple[str, ...]] = {
    "integer": ("int", "long", "short"),
    "unsigned integer": ("uint", "ulong", "ushort"),
    "byte": ("byte",),
    "signed byte": ("sbyte",),
    "character": ("char",),
    "URI": ("Uri",),
    "decimal number": ("decimal", "double", "float"),
    "string": ("string",),
    "globally unique identifier": ("Guid",),
    "time interval": ("TimeSpan",),
    "date": ("DateTime", "DateTimeOffset"),
    "boolean": ("bool",),
}
_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:`[0-9]+)?(?:\[\])*"


@dataclass(frozen=True, slots=True)
class Display:
    """A type as the page shows it: ``kind`` is simple, model, object, collection, dictionary or
    pair; ``name`` the display or model name; ``args`` the element, or key and value.

    >>> parse_display("Dictionary of string [key] and Collection of Order [value]")
    Display(kind='dictionary', name='', args=(Display(kind='simple', name='string', args=()), \
Display(kind='collection', name='', args=(Display(kind='model', name='Order', args=()),))))
    """

    kind: str
    name: str = ""
    args: tuple[Display, ...] = ()


def parse_display(text: str) -> Display | None:
    """The type a cell or model line shows, or None when the text is not one."""
    text = " ".join(text.split())
    if text in SIMPLE:
        return Display("simple", text)
    if text == "Object":  # ModelDescriptionLink.cshtml: typeof(Object) is plain text, not a link
        return Display("object", "Object")
    if text.startswith("Collection of "):
        inner = parse_display(text[len("Collection of "):])
        return Display("collection", "", (inner,)) if inner else None
    for word, kind in (("Dictionary of ", "dictionary"), ("Pair of ", "pair")):
        if text.startswith(word) and text.endswith(" [value]"):
            body = text[len(word):-len(" [value]")]
            # The key's display never holds " [key] and " itself, so the first one splits.
            key, sep, value = body.partition(" [key] and ")
            k, v = parse_display(key), parse_display(value) if sep else None
            return Display(kind, "", (k, v)) if k and v else None
    if re.fullmatch(_NAME, text):
        return Display("model", text)
    return None


@dataclass(frozen=True, slots=True)
class Annotation:
    """One "Additional information" text as a constraint: ``kind`` is required, range, maxLength,
    minLength, stringLength, dataType, pattern or default; ``values`` its arguments."""

    kind: str
    values: tuple[str, ...] = ()


_ANNOTATIONS = (
    ("required", re.compile(r"Required")),
    ("range", re.compile(r"Range: inclusive between (\S+) and (\S+)")),
    ("maxLength", re.compile(r"Max length: ([0-9]+)")),
    ("minLength", re.compile(r"Min length: ([0-9]+)")),
    ("stringLength", re.compile(r"String length: inclusive between ([0-9]+) and ([0-9]+)")),
    ("dataType", re.compile(r"Data type: (\S+)")),
    ("pattern", re.compile(r"Matching regular expression pattern: (.+)", re.S)),
    ("default", re.compile(r"Default value is (.*)", re.S)),
)
_STARTS = re.compile(r"Required|Range: inclusive between |Max length: |Min length: |String length: inclusive between "
                     r"|Data type: |Matching regular expression pattern: |Default value is ")


def parse_annotation(text: str) -> Annotation | None:
    """``Max length: 50`` -> ``Annotation("maxLength", ("50",))``; None for any other text."""
    for kind, pattern in _ANNOTATIONS:
        m = pattern.fullmatch(text.strip())
        if m:
            return Annotation(kind, m.groups())
    return None


def is_annotation(text: str) -> bool:
    """True for a text ``AnnotationTextGenerator`` writes (or the URI parameters' texts)."""
    return parse_annotation(text) is not None


def split_annotations(text: str) -> list[str]:
    """Annotations a text rendering ran together (``RequiredMax length: 50``), one each.

    >>> split_annotations("RequiredMax length: 50 Range: inclusive between 0 and 9")
    ['Required', 'Max length: 50', 'Range: inclusive between 0 and 9']
    """
    starts = [m.start() for m in _STARTS.finditer(text)]
    if not starts or starts[0] != 0:
        return [text.strip()]
    pieces = [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)])]
    # A pattern runs to the end of its cell unless what follows is another annotation; a
    # "Required" inside a pattern would split it, so glue pieces that no longer parse.
    out: list[str] = []
    for piece in pieces:
        if out and out[-1].startswith("Matching regular expression pattern: ") and not is_annotation(piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out
