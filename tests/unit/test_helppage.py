"""import-helppage and sample on the seed page: the rules of the Help Page package they rely on.

[HP] is aspnet/AspNetWebStack at c62b87fb, src/WebApiHelpPage/Areas/HelpPage/; the facts are
summarised in ../shared/reference/helppage-rules.md (cited as [HR] with its section).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from converter.codecs import Options, codec
from converter.codecs.lexical import DateTimeValue
from converter.helppage import HelpPageError, import_pages, read_page
from converter.helppage.text import read_text
from converter.helppage.types import parse_annotation, parse_display, split_annotations
from converter.sample import sample_value
from converter.spec import load_spec, parse_spec
from tests.helppage.model_dump import contract

ROOT = Path(__file__).resolve().parents[2]
#: ../shared/seed/OutgoingSecureMessages.helppage.txt, verbatim.
SEED = ROOT / "tests" / "helppage" / "pages" / "OutgoingSecureMessages.helppage.txt"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+[+-][0-9]{2}:[0-9]{2}")
_GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _import(*paths: Path) -> str:
    return import_pages([(str(p), p.read_text(encoding="utf-8")) for p in paths]).text


def _mask(text: str) -> list[str]:
    """A sample's lines without indentation (the seed's text lost it), dates and Guids masked."""
    return [_GUID.sub("GUID", _DATE.sub("DATE", line.strip())) for line in text.strip().splitlines()]


def test_importing_the_seed_gives_the_hand_written_spec() -> None:
    imported = parse_spec(_import(SEED), "imported.yaml")
    assert contract(imported) == contract(load_spec(ROOT / "schemas" / "outgoing-secure-messages.yaml"))


def test_the_seed_import_says_what_it_guessed() -> None:
    result = import_pages([(str(SEED), SEED.read_text(encoding="utf-8"))])
    assert [g.split(": guess: ")[1].split(":")[0] for g in result.guesses] == [
        "OutgoingSecureMessageModel.SentDate", "base class of OutgoingSecureMessageModel"]
    assert f"{SEED}:41: guess:" in result.guesses[0]  # the line of SentDate's row
    # ...and says it again in the YAML, above the guessed node
    assert "# guess: DateTime? (the sample counter skips 1 of CreationDate, SentDate, Id" in result.text
    assert result.warnings == ()


@pytest.mark.parametrize("media", ["json", "xml"])
def test_sample_reproduces_the_seed_samples_but_dates_and_guids(media: str) -> None:
    """[HR] 1.6: the counter, `true`, QEA= for byte[], two identical items per collection, a
    nullable member's counter restarting (SentDate takes no number: ExternalId is 9)."""
    spec = parse_spec(_import(SEED), "imported.yaml")
    page = read_page(SEED.read_text(encoding="utf-8"), str(SEED))
    assert page.request is not None
    want = next(s.text for s in page.request.samples if media in s.media_types[0] and s.text)
    value = sample_value(spec, "OutgoingSecureMessageModel", now=DateTimeValue.parse("2026-05-29T16:57:00+00:00"),
                         seed=1)
    data, losses = codec(media).encode(spec, "OutgoingSecureMessageModel", value, Options(indent=True))
    assert losses == ()
    assert _mask(data.decode("utf-8")) == _mask(want)


def test_sample_is_repeatable_with_now_and_seed() -> None:
    spec = load_spec(ROOT / "schemas" / "outgoing-secure-messages.yaml")
    now = DateTimeValue.parse("2026-05-29T16:57:00.3151696+00:00")
    a = sample_value(spec, "OutgoingSecureMessageModel", now=now, seed=7)
    b = sample_value(spec, "OutgoingSecureMessageModel", now=now, seed=7)
    assert a == b and isinstance(a, dict) and a["CreationDate"] == now
    assert sample_value(spec, "OutgoingSecureMessageModel", now=now, seed=8) != a  # a new Guid


def test_display_names_read_back() -> None:
    """[HP] ModelDescriptions/ModelDescriptionGenerator.cs DefaultTypeDocumentation and the
    ModelDescriptionLink / DictionaryModelDescription / KeyValuePairModelDescription views."""
    assert parse_display("globally unique identifier") is not None
    assert parse_display("Collection of Collection of integer") is not None
    d = parse_display("Dictionary of string [key] and Collection of Order [value]")
    assert d is not None and d.kind == "dictionary" and d.args[1].args[0].name == "Order"
    assert parse_display("Object") is not None and parse_display("Object").kind == "object"  # type: ignore[union-attr]
    assert parse_display("List of file attachments") is None


def test_annotations_read_back_and_split() -> None:
    """[HP] ModelDescriptionGenerator.cs AnnotationTextGenerator texts; Required sorts first,
    the rest by OrdinalIgnoreCase, and a text rendering may run them together."""
    assert parse_annotation("String length: inclusive between 0 and 30") is not None
    a = parse_annotation("Range: inclusive between 0 and 999999.99")
    assert a is not None and a.values == ("0", "999999.99")
    assert split_annotations("RequiredMatching regular expression pattern: ^[A-Z]{2}$Max length: 2") == [
        "Required", "Matching regular expression pattern: ^[A-Z]{2}$", "Max length: 2"]


def test_seed_rows_are_read_from_split_lines() -> None:
    blocks = read_text(SEED.read_text(encoding="utf-8"), "seed")
    table = next(b for b in blocks if b.kind == "table")
    assert table.columns == ("Name", "Description", "Type", "Additional information")
    assert table.row_lines[:2] == (9, 13) and len(table.rows) == 12
    assert blocks[table_index(blocks) - 1].text == "OutgoingSecureMessageModel"  # the glued model name


def table_index(blocks: list) -> int:  # type: ignore[type-arg]
    return next(i for i, b in enumerate(blocks) if b.kind == "table")


@pytest.mark.parametrize(("edit", "line", "words"), [
    (lambda t: t.replace("Body Parameters\n", ""), 6, "missing section 'Body Parameters'"),
    (lambda t: t.replace("Response Information\n", "", 1), 129, "missing section 'Response Information'"),
    (lambda t: t.replace("| Patients |\n", "| Patients | x |\n", 1), 17, "garbled table row Patients"),
    (lambda t: t.replace("Collection of PatientRecipientModel |", "Collection of |", 1), 17,
     "garbled table row Patients"),
    (lambda t: t.replace('"subject": "sample string 3",', '"subject": "sample string 3",,', 1), 59,
     "the JSON sample is not JSON"),
])
def test_a_broken_page_is_an_error_naming_the_line(edit, line: int, words: str) -> None:  # type: ignore[no-untyped-def]
    text = edit(SEED.read_text(encoding="utf-8"))
    with pytest.raises(HelpPageError) as caught:
        import_pages([("page.txt", text)])
    assert caught.value.origin is not None and caught.value.origin.line == line, caught.value.show()
    assert words in caught.value.message


def test_a_sample_the_formatter_could_not_write_is_no_sample() -> None:
    """[HP] HelpPageSampleGenerator.WriteSampleObjectUsingFormatter: "Failed to generate the sample
    for media type ..." (InvalidSample, shown in debug mode) and "Sample not available." stand where
    no sample is; the form formatter's is the usual one."""
    text = SEED.read_text(encoding="utf-8").replace(
        "application/x-www-form-urlencoded\n",
        "application/x-www-form-urlencoded\nSample:\nFailed to generate the sample for media type "
        "'application/x-www-form-urlencoded'. Cannot use formatter 'JQueryMvcFormUrlEncodedFormatter' to write "
        "type 'OutgoingSecureMessageModel'.\n")
    page = read_page(text, "seed")
    assert page.request is not None and [s.text is None for s in page.request.samples] == [False, False, True]
    assert contract(parse_spec(import_pages([("seed", text)]).text, "x.yaml")) == contract(
        parse_spec(_import(SEED), "y.yaml"))


def test_a_key_value_pair_is_refused_by_name() -> None:
    """KeyValuePair<K,V> shows "Pair of K [key] and V [value]" ([HP] KeyValuePairModelDescription.cshtml);
    the spec format has no such type, so the import says so at the row."""
    text = SEED.read_text(encoding="utf-8").replace(
        "Collection of FileAttachmentModel |", "Pair of string [key] and integer [value] |", 1)
    with pytest.raises(HelpPageError, match="a KeyValuePair .'Pair of ...'., which the spec format has no type for") \
            as caught:
        import_pages([("seed", text)])
    assert caught.value.origin is not None and caught.value.origin.line == 45


def test_string_enums_in_the_json_sample_set_json_enums() -> None:
    """StringEnumConverter writes the member's name where Json.NET writes its number."""
    text = (ROOT / "tests" / "helppage" / "pages" / "products" / "products.split.txt").read_text(encoding="utf-8")
    text = text.replace('"size": 0,', '"size": "Small",')
    model = (ROOT / "tests" / "helppage" / "pages" / "products" / "Size.split.txt").read_text(encoding="utf-8")
    spec = parse_spec(import_pages([("p", text), ("s", model)]).text, "x.yaml")
    assert spec.json.enums == "name"


def test_a_table_type_the_sample_contradicts_is_said() -> None:
    text = SEED.read_text(encoding="utf-8").replace("| Subject |\nSubject of the secure message. |\nstring |",
                                                    "| Subject |\nSubject of the secure message. |\ninteger |")
    warnings = import_pages([("seed", text)]).warnings
    assert warnings[0] == ("seed:21: warning: OutgoingSecureMessageModel.Subject: the table says 'integer' but the "
                           "JSON sample has \"sample string 3\"; the table's type is kept")


def test_json_names_that_break_the_naming_rule_get_jsonname() -> None:
    """[HR] 1.5: the table shows [JsonProperty] or CLR names, never the resolver's camel-casing;
    a member the JSON sample writes unchanged among camel-cased ones has its own name."""
    text = SEED.read_text(encoding="utf-8").replace('"subject": "sample string 3"', '"Subject": "sample string 3"')
    result = import_pages([("seed", text)])
    assert result.warnings == ("seed: warning: the samples mix camel-cased and unchanged JSON names; members "
                               "that differ from the setting carry jsonName",)
    subject = next(f for f in parse_spec(result.text, "x.yaml").class_("OutgoingSecureMessageModel").fields
                   if f.name == "Subject")
    assert subject.json_name == "Subject"
