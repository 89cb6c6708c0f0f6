"""Render help pages for a spec as the Help Page package would, in HTML and in the three text
renderings people end up holding. ``python -m tests.helppage.render`` rewrites tests/helppage/pages/.

The HTML follows the Razor views (aspnet/AspNetWebStack c62b87fb, src/WebApiHelpPage/Areas/
HelpPage/Views/Help/: Api.cshtml, HelpPageApiModel.cshtml, Parameters.cshtml, Samples.cshtml,
TextSample.cshtml, ModelDescriptionLink.cshtml, ResourceModel.cshtml, EnumTypeModelDescription.cshtml);
type names follow ModelDescriptionGenerator.cs, annotations its AnnotationTextGenerator, samples
ObjectGenerator through contractkit's codecs (pinned by the seed test in tests/unit/test_helppage.py).
"""

from __future__ import annotations

import html
from pathlib import Path

from converter.codecs import Options, codec
from converter.codecs.lexical import DateTimeValue
from converter.sample import sample_value
from converter.spec import load_spec
from converter.spec.model import ClassType, DictOf, EnumType, Field, ListOf, Named, Nullable, ObjectRef, Primitive, Spec, TypeRef

HERE = Path(__file__).parent
NOW = DateTimeValue.parse("2026-05-29T16:57:00.3151696+00:00")
_SIMPLE = {"short": "integer", "int": "integer", "long": "integer", "ushort": "unsigned integer",
           "uint": "unsigned integer", "ulong": "unsigned integer", "byte": "byte", "sbyte": "signed byte",
           "char": "character", "Uri": "URI", "float": "decimal number", "double": "decimal number",
           "decimal": "decimal number", "string": "string", "Guid": "globally unique identifier",
           "TimeSpan": "time interval", "DateTime": "date", "DateTimeOffset": "date", "bool": "boolean"}
#: (html, text) of a type's display.
Display = tuple[str, str]


def display(spec: Spec, ref: TypeRef) -> Display:
    match ref:
        case Nullable(inner):
            return display(spec, inner)
        case Primitive("byte[]"):
            return "Collection of byte", "Collection of byte"
        case Primitive(name):
            return _SIMPLE[name], _SIMPLE[name]
        case ListOf(item):
            h, t = display(spec, item)
            return f"Collection of {h}", f"Collection of {t}"
        case DictOf(k, v):
            (kh, kt), (vh, vt) = display(spec, k), display(spec, v)
            return f"Dictionary of {kh} [key]\nand {vh} [value]", f"Dictionary of {kt} [key] and {vt} [value]"
        case ObjectRef():
            return "Object", "Object"
        case Named(name):
            return f'<a href="/Help/ResourceModel?modelName={name}">{name}</a>', name
    raise AssertionError(ref)


def annotations(f: Field) -> list[str]:
    out = ["Required"] if f.required else []
    rest = []
    if f.min_length is not None and f.max_length is not None:
        rest.append(f"String length: inclusive between {f.min_length} and {f.max_length}")
    elif f.max_length is not None:
        rest.append(f"Max length: {f.max_length}")
    if f.minimum is not None or f.maximum is not None:
        rest.append(f"Range: inclusive between {f.minimum} and {f.maximum}")
    if f.pattern is not None:
        rest.append(f"Matching regular expression pattern: {f.pattern}")
    return out + sorted(rest, key=str.lower)


def rows(spec: Spec, cls: ClassType) -> list[tuple[str, str, Display, list[str]]]:
    """Reflection order: the most-derived class's members first."""
    return [(f.name, f.description or "", display(spec, f.type), annotations(f))
            for owner in reversed(spec.class_chain(cls)) for f in owner.fields]


class Page:
    """A page as a list of parts, each rendered in HTML and in each text rendering."""

    def __init__(self) -> None:
        self.parts: list[tuple[str, object]] = []

    def add(self, kind: str, value: object) -> None:
        self.parts.append((kind, value))

    def html(self) -> str:
        out = ['<link type="text/css" href="/Areas/HelpPage/HelpPage.css" rel="stylesheet" />',
               '<div id="body" class="help-page">', '    <section class="featured">',
               '        <div class="content-wrapper">', '            <p>',
               '                <a href="/Help">Help Page Home</a>', '            </p>', '        </div>',
               '    </section>', '    <section class="content-wrapper main-content clear-fix">']
        for kind, value in self.parts:
            if kind in ("h1", "h2", "h3"):
                out.append(f"<{kind}>{html.escape(str(value))}</{kind}>")
            elif kind == "p":
                out.append(f"    <p>{html.escape(str(value))}</p>")
            elif kind == "link":
                out.append(f"    {value[0]}")  # type: ignore[index]
            elif kind == "table":
                out += _html_table(value)  # type: ignore[arg-type]
            elif kind == "enum":
                out += _html_enum(value)  # type: ignore[arg-type]
            elif kind == "samples":
                out.append("<div>")
                for media, text in value:  # type: ignore[attr-defined]
                    out += [f'        <h4 class="sample-header">{media}</h4>', '        <div class="sample-content">',
                            '            <span><b>Sample:</b></span>']
                    out += ([f'<pre class="wrapped">\n{html.escape(text)}\n</pre>'] if text else
                            ["<p>Sample not available.</p>"])
                    out.append("        </div>")
                out.append("</div>")
        out += ["    </section>", "</div>"]
        return "\n".join(out) + "\n"

    def text(self, style: str) -> str:
        """``split`` (the seed's), ``rows`` (one row per line) or ``plain`` (cells on their lines)."""
        out: list[str] = []
        glue = ""
        for kind, value in self.parts:
            if kind in ("h1", "h2", "h3", "p"):
                out.append(str(value))
            elif kind == "link":
                glue = value[1]  # type: ignore[index]
            elif kind in ("table", "enum"):
                columns = (["Name", "Description", "Type", "Additional information"] if kind == "table"
                           else ["Name", "Value", "Description"])
                if style == "plain":
                    out.append(glue + "".join(columns))
                else:
                    out += [glue + "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
                glue = ""
                for cells in _text_cells(value, kind):  # type: ignore[arg-type]
                    kept = [c for c in cells if c]  # an empty cell vanishes
                    if style == "split":
                        out += [f"| {kept[0]} |"] + [f"{c} |" for c in kept[1:]]
                    elif style == "rows":
                        out.append("| " + " | ".join(kept) + " |" + " |" * (len(cells) - len(kept)))
                    else:
                        out += kept
            elif kind == "samples":
                if glue:
                    out.append(glue)
                    glue = ""
                for media, text in value:  # type: ignore[attr-defined]
                    out.append(media)
                    if style == "plain":
                        out.append("Sample:")
                    if not text:
                        out.append("Sample not available." if style == "plain" else "")
                    elif style == "split":
                        out += [line.strip() for line in text.splitlines()]  # indentation lost
                    elif style == "rows":
                        out.append("".join(line.strip() for line in text.splitlines()))  # onto one line
                    else:
                        out += text.splitlines()
            if kind == "link" and self.parts[self.parts.index((kind, value)) + 1][0] != "table":
                out.append(str(value[1]))  # type: ignore[index]
                glue = ""
        return "\n".join(line for line in out if line != "") + "\n"


def _html_table(rows_: list[tuple[str, str, Display, list[str]]]) -> list[str]:
    out = ['    <table class="help-page-table">', "        <thead>",
           "            <tr><th>Name</th><th>Description</th><th>Type</th><th>Additional information</th></tr>",
           "        </thead>", "        <tbody>"]
    for name, doc, (type_html, _), notes in rows_:
        out += ["                <tr>", f'                    <td class="parameter-name">{name}</td>',
                '                    <td class="parameter-documentation">', f"                        <p>{html.escape(doc)}</p>",
                "                    </td>", '                    <td class="parameter-type">',
                f"                        {type_html}", "                    </td>",
                '                    <td class="parameter-annotations">']
        out += [f"                                <p>{html.escape(n)}</p>" for n in notes or ["None."]]
        out += ["                    </td>", "                </tr>"]
    return out + ["        </tbody>", "    </table>"]


def _html_enum(values: list[tuple[str, int, str]]) -> list[str]:
    out = ['<table class="help-page-table">', "    <thead>",
           "        <tr><th>Name</th><th>Value</th><th>Description</th></tr>", "    </thead>", "    <tbody>"]
    for name, value, doc in values:
        out += ["            <tr>", f'                <td class="enum-name"><b>{name}</b></td>',
                f'                <td class="enum-value">\n                    <p>{value}</p>\n                </td>',
                f'                <td class="enum-description">\n                    <p>{html.escape(doc)}</p>\n'
                "                </td>", "            </tr>"]
    return out + ["    </tbody>", "</table>"]


def _text_cells(value: list, kind: str) -> list[list[str]]:  # type: ignore[type-arg]
    if kind == "enum":
        return [[name, str(v), doc] for name, v, doc in value]
    return [[name, doc, type_text, "".join(notes) if notes else "None."] for name, doc, (_, type_text), notes in value]


def samples(spec: Spec, expr: str) -> list[tuple[str, str]]:
    value = sample_value(spec, expr, now=NOW, seed=1)
    out = []
    for media, enc in (("application/json, text/json", "json"), ("application/xml, text/xml", "xml")):
        data, _ = codec(enc).encode(spec, expr, value, Options(indent=True))  # type: ignore[arg-type]
        out.append((media, data.decode("utf-8").replace("\r\n", "\n")))
    return out


def body(page: Page, spec: Spec, expr: str | None) -> None:
    if expr is None:
        page.add("p", "None.")
        return
    ref = spec.resolve(expr)
    shown = display(spec, ref)
    page.add("link", shown)
    core = ref.item if isinstance(ref, ListOf) else ref
    if isinstance(core, Named) and isinstance(spec.types[core.name], ClassType):
        page.add("table", rows(spec, spec.class_(core.name)))


def api_page(spec: Spec) -> Page:
    op = spec.operations[0]
    page = Page()
    page.add("h1", f"{op.method} {op.path}")
    page.add("p", op.summary or "")
    page.add("h2", "Request Information")
    page.add("h3", "URI Parameters")
    page.add("p", "None.")
    page.add("h3", "Body Parameters")
    body(page, spec, op.request)
    if op.request:
        page.add("h3", "Request Formats")
        page.add("samples", samples(spec, op.request))
    page.add("h2", "Response Information")
    page.add("h3", "Resource Description")
    body(page, spec, op.response)
    if op.response:
        page.add("h3", "Response Formats")
        page.add("samples", samples(spec, op.response))
    return page


def model_page(spec: Spec, name: str) -> Page:
    tdef = spec.types[name]
    page = Page()
    page.add("h1", name)
    page.add("p", tdef.description or "")
    if isinstance(tdef, EnumType):
        page.add("p", "Possible enumeration values:")
        page.add("enum", [(m.name, m.value, "") for m in tdef.members])
    else:
        page.add("table", rows(spec, tdef))
    return page


#: case -> the types that get a ResourceModel page of their own.
CASES = {"products": ["ProductModel", "Size"], "plain": [], "holder": [], "shapes": ["Shape", "Entity"]}
STYLES = ("split", "rows", "plain")


def render_all(root: Path = HERE / "pages") -> dict[Path, str]:
    files: dict[Path, str] = {}
    for case, models in CASES.items():
        spec = load_spec(HERE / "truth" / f"{case}.yaml")
        for name, page in [(case, api_page(spec))] + [(m, model_page(spec, m)) for m in models]:
            files[root / case / f"{name}.html"] = page.html()
            for style in STYLES:
                files[root / case / f"{name}.{style}.txt"] = page.text(style)
    return files


if __name__ == "__main__":
    for path, text in render_all().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
