"""Help pages for the real-contract constructs (collection bodies, the empty namespace, Object,
base types in other namespaces, enum pages), in HTML and each text rendering, import to the
spec they were rendered from, and their samples validate against the imported spec.

The pages under tests/helppage/pages/ are rendered by tests/helppage/render.py from the specs in
tests/helppage/truth/, following the Help Page package's Razor views ([HP] aspnet/AspNetWebStack
c62b87fb, src/WebApiHelpPage/Areas/HelpPage/Views/Help/) and its ObjectGenerator.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.helppage import HelpPageError, import_pages, read_page
from converter.spec import load_spec, parse_spec
from converter.validate import Validator
from tests.helppage.model_dump import contract
from tests.helppage.render import CASES, HERE, render_all

PAGES = HERE / "pages"
FORMS = ("html", "split.txt", "rows.txt", "plain.txt")


def _files(case: str, form: str) -> list[Path]:
    return [PAGES / case / f"{name}.{form}" for name in [case, *CASES[case]]]


def _import(case: str, form: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    result = import_pages([(str(p), p.read_text(encoding="utf-8")) for p in _files(case, form)])
    return result.text, result.guesses, result.warnings


def test_the_pages_are_what_the_renderer_writes() -> None:
    """The checked-in pages stay the renderer's output (regenerate: python -m tests.helppage.render)."""
    for path, text in render_all().items():
        assert path.read_text(encoding="utf-8") == text, path


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", list(CASES))
def test_a_page_imports_to_the_spec_it_shows(case: str, form: str) -> None:
    text, _, warnings = _import(case, form)
    assert contract(parse_spec(text, "imported.yaml")) == contract(load_spec(HERE / "truth" / f"{case}.yaml"))
    assert warnings == ()


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("case", list(CASES))
def test_the_pages_samples_validate_against_the_imported_spec(case: str, form: str) -> None:
    text, _, _ = _import(case, form)
    spec = parse_spec(text, "imported.yaml")
    validator = Validator(spec)
    page = read_page(_files(case, form)[0].read_text(encoding="utf-8"), case)
    checked = 0
    for body, expr in ((page.request, spec.operations[0].request), (page.response, spec.operations[0].response)):
        for sample in body.samples if body is not None else ():
            assert sample.text is not None and expr is not None
            fmt = "json" if "json" in sample.media_types[0] else "xml"
            findings = validator.check(sample.text.encode("utf-8"), f"{case}.{fmt}", fmt=fmt, type_name=expr)
            assert findings == [], [str(f) for f in findings]
            checked += 1
    assert checked >= 2


def test_what_the_pages_cannot_say_is_a_guess_with_a_comment() -> None:
    """[HR] 1.3: integer is Int16, Int32 or Int64; an enum's namespace shows in no sample; a
    trailing value-type member shows no counter, so T and T? look alike ([HR] 1.6)."""
    text, guesses, _ = _import("holder", "html")
    subjects = [g.split(": guess: ")[1].rsplit(" (", 1)[0] for g in guesses]
    assert subjects == ["Address.Number: int", "Holder.Flags: int", "Holder.When: DateTime", "the response: int"]
    assert "      # guess: DateTime (or DateTime?: no member after it shows the sample counter)\n      When:" in text


def test_a_collection_body_and_an_enum_page() -> None:
    """A Collection of X response is List<X>, X from the item table and the ArrayOfX sample; the
    enum page's "Possible enumeration values" table gives every member ([HP]
    EnumTypeModelDescription.cshtml), where the sample shows only the lowest."""
    spec = parse_spec(_import("products", "split.txt")[0], "imported.yaml")
    assert spec.operations[0].response == "List<ProductModel>"
    assert [m.name for m in spec.enum("Size").members] == ["Small", "Medium", "Large"]
    added = next(f for f in spec.class_("ProductModel").fields if f.name == "Added")
    assert str(added.type) == "DateTime?"  # Stock still reads 5: Added took no number


def test_the_empty_namespace_and_a_root_name_of_its_own() -> None:
    """A root element without xmlns is [DataContract(Namespace = "")]; a root name other than the
    model name is the DataContract name (the model name is never the DataContract Name, [HR] 1.3)."""
    text = _import("plain", "rows.txt")[0]
    assert '    dataContract: {name: Plain, namespace: ""}' in text
    spec = parse_spec(text, "imported.yaml")
    assert [str(f.type) for f in spec.class_("PlainModel").fields] == ["string", "int", "double", "List<int>"]


def test_bases_in_other_namespaces_take_their_model_pages_names() -> None:
    spec = parse_spec(_import("shapes", "plain.txt")[0], "imported.yaml")
    circle = spec.class_("Circle")
    assert [c.name for c in spec.class_chain(circle)] == ["Entity", "Shape", "Circle"]
    assert [c.namespace for c in spec.class_chain(circle)] == ["Contoso.Core", "Contoso.Shapes", "Contoso.Shapes.Round"]
    assert spec.json.naming == "none"  # the JSON sample keeps the CLR names


EXTRA = PAGES / "extra"


def test_the_old_template_reads_types_from_the_samples() -> None:
    """The template before Web API 2.1 (tag v3.0 HelpPageApiModel.cshtml / Parameters.cshtml) has no
    type tables: "Define this parameter in the request body." and the samples are all there is.
    The XML root names the body's contract and a primitive response (<int xmlns=".../Serialization/">)."""
    text = (EXTRA / "v1.html").read_text(encoding="utf-8")
    result = import_pages([("v1.html", text)])
    spec = parse_spec(result.text, "v1.yaml")
    plain = (EXTRA / "v1.plain.txt").read_text(encoding="utf-8")  # the same page as text
    assert contract(parse_spec(import_pages([("v1.txt", plain)]).text, "t.yaml")) == contract(spec)
    op = spec.operations[0]
    assert (op.request, op.response, op.summary) == ("OrderModel", "int", None)
    assert [(f.name, str(f.type)) for f in spec.class_("OrderModel").fields] == [
        ("Number", "int"), ("Customer", "string"), ("Total", "decimal"), ("Lines", "List<OrderLine>")]
    assert spec.class_("OrderLine").namespace == "Shop.Models" and spec.json.naming == "none"
    assert "  # URI parameter notify: string: Send a mail.\n" in result.text


def test_an_xmlserializer_sample_imports_with_a_warning() -> None:
    """XmlSerializer (UseXmlSerializer = true) writes xmlns:xsd/xmlns:xsi and declaration order; no
    DataContract namespace or order can be read from it."""
    path = EXTRA / "xmlserializer.txt"
    result = import_pages([(str(path), path.read_text(encoding="utf-8"))])
    assert result.warnings == (f"{path}:22: warning: the XML sample is XmlSerializer's (xmlns:xsd/xmlns:xsi, "
                               "declaration order), not DataContractSerializer's: the service uses "
                               "UseXmlSerializer, so no namespace or XML order is taken from it",)
    spec = parse_spec(result.text, "x.yaml")
    assert spec.class_("CustomerModel").namespace == "" and "# [DataType(EmailAddress)]" in result.text


def test_samples_win_over_the_table_and_a_bad_order_is_said() -> None:
    """Trust the samples for names and order: a JSON member the table lacks is added; XML members
    out of ordinal order within a namespace break the DataContract rules ([RS] DataMemberComparer)."""
    page = (PAGES / "OutgoingSecureMessages.helppage.txt").read_text(encoding="utf-8")
    page = page.replace('"body": "sample string 4",', '"body": "sample string 4",\n"extra": "sample string 99",')
    page = page.replace("<Body>sample string 4</Body>\n<CreationDate>", "<CreationDate>").replace(
        "</CreationDate>\n<FileData>", "</CreationDate>\n<Body>sample string 4</Body>\n<FileData>")
    result = import_pages([("page.txt", page)])
    assert ("page.txt:59: warning: OutgoingSecureMessageModel: the JSON sample has 'extra', which the table does "
            "not list; added as Extra") in result.warnings
    assert any(w.startswith("page.txt:99: warning: OutgoingSecureMessageModel: the XML sample has <CreationDate> "
                            "before <Body>, which is not DataContract order") for w in result.warnings), result.warnings
    assert "Extra" in [f.name for f in parse_spec(result.text, "x.yaml").class_("OutgoingSecureMessageModel").fields]


@pytest.mark.parametrize(("form", "edit", "line", "words"), [
    ("rows.txt", lambda t: t.replace("| Tags | Free tags. | Collection of string | None. |", "| Tags | Free tags. |"),
     17, "garbled table row: 2 cell(s) ['Tags', 'Free tags.']"),
    ("plain.txt", lambda t: t.replace("Collection of string\nNone.\n", "Collection of string\n", 1), 30,
     "garbled table row Tags"),
    ("html", lambda t: t.replace("<h3>Resource Description</h3>", "<h3>Response Details</h3>"), 19,
     "missing section 'Resource Description'"),
    ("split.txt", lambda t: t.replace("Response Formats\n", "Response Formats\nnot a media type\n"), 43,
     "Response Formats: expected sample media types"),
])
def test_a_broken_rendering_fails_at_its_line(form: str, edit, line: int, words: str) -> None:  # type: ignore[no-untyped-def]
    path = PAGES / "products" / f"products.{form}"
    with pytest.raises(HelpPageError) as caught:
        import_pages([(str(path), edit(path.read_text(encoding="utf-8")))])
    assert caught.value.origin is not None and (caught.value.origin.line, words in caught.value.message) == (line, True), \
        caught.value.show()


def test_a_page_saved_with_the_sites_layout_reads_from_its_heading() -> None:
    """A page saved from the browser has the site's _Layout around the help page: a head, a
    navigation bar and a footer, which are not the page."""
    inner = (PAGES / "products" / "products.html").read_text(encoding="utf-8")
    saved = ("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\" /><title>GET api/products</title>\n"
             "<script>var x = '<h1>not this</h1>';</script></head>\n<body>\n"
             "<div class=\"navbar\"><a href=\"/\">Application name</a><ul><li><a href=\"/\">Home</a></li>"
             "<li><a href=\"/Help\">API</a></li></ul></div>\n<div class=\"container body-content\">\n"
             + inner + "<hr />\n<footer><p>&copy; 2026 - My ASP.NET Application</p></footer>\n</div>\n</body>\n</html>\n")
    text = ("Application name\nHome\nAPI\n" + (PAGES / "products" / "products.plain.txt").read_text(encoding="utf-8")
            + "\u00a9 2026 - My ASP.NET Application\n")
    for name, page in (("saved.html", saved), ("copied.txt", text)):
        got = import_pages([(name, page), *((str(p), p.read_text(encoding="utf-8")) for p in _files("products", "html")[1:])])
        assert contract(parse_spec(got.text, "x.yaml")) == contract(load_spec(HERE / "truth" / "products.yaml")), name
        assert got.warnings == (() if name == "saved.html" else ("copied.txt:105: warning: text after the XML sample "
                                                                  "was ignored",))


def test_without_their_model_pages_bases_get_guessed_names() -> None:
    """The help page never names a base class ([HR] 1.5: the table lists inherited members as the
    class's own); only the XML's namespaces show that there is one."""
    path = PAGES / "shapes" / "shapes.rows.txt"
    result = import_pages([(str(path), path.read_text(encoding="utf-8"))])
    spec = parse_spec(result.text, "x.yaml")
    assert [c.name for c in spec.class_chain(spec.class_("Circle"))] == ["CoreBase", "CircleBase", "Circle"]
    assert [g.split(": guess: ")[1].split(" (")[0] for g in result.guesses if "base class" in g] == [
        "base class of Circle: CircleBase", "base class of CircleBase: CoreBase"]
