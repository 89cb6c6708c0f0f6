"""Issue 9b without Mono: the loader's checks of knownTypes, struct and the Json.NET settings (located
file:line:col), and the rules of the current Json.NET (13.0.4, read in JamesNK/Newtonsoft.Json
Src/Newtonsoft.Json/) where Mono's 6.0.8 differs or lacks them. The cases 6.0.8 agrees with run
against Mono in tests/interop/test_polymorphism_settings_interop.py."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from converter.codecs import codec, form
from converter.codecs import json as json_codec
from converter.codecs import xml
from converter.codecs.values import Boxed
from converter.convert import convert
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.generate.jsonschema import to_json_schema
from converter.generate.xsd import to_xsd
from converter.spec import Spec, load_spec, parse_spec
from converter.validate import Validator
from tests.interop.conftest import examples
from tests.unit.test_spec_load import assert_at, spec_error

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "schemas" / "real-contracts.yaml"


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(REAL)


def variant(spec: Spec, **settings: Any) -> Spec:
    return dataclasses.replace(spec, json=dataclasses.replace(spec.json, **settings))


SHAPES = """\
spec: 1
types:
  Shape:
    namespace: Contoso.Shapes
    knownTypes: [Circle, Square]
    fields: {Name: string}
  Circle: {namespace: Contoso.Shapes, base: Shape, fields: {Radius: double}}
  Square: {namespace: Contoso.Shapes, fields: {Side: double}}
"""


# -- the loader: misuse, located ---------------------------------------------------------------


def test_a_known_type_must_derive_from_the_base(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, SHAPES)
    assert "known type 'Square' does not derive from Shape" in error.message
    assert_at(error, text, "Square", 0)


SQUARE = "  Square: {namespace: Contoso.Shapes, fields: {Side: double}}\n"


@pytest.mark.parametrize(("change", "message", "needle"), [
    (("[Circle, Square]", "[Circle, Hexagon]"), "unknown known type 'Hexagon'", "Hexagon"),
    (("[Circle, Square]", "[Circle, Shape]"), "known type 'Shape' does not derive from Shape", "Shape]"),
    ((SQUARE, "  Point: {struct: true, base: Shape, fields: {X: int}}\n"),
     "Point is a struct and cannot have a base", "struct"),
    ((SQUARE, "  Point: {struct: true, knownTypes: [Circle], fields: {X: int}}\n"),
     "Point is a struct: no class derives from it", "knownTypes: [Circle], f"),
    ((SQUARE, "  Point: {struct: true, fields: {X: int}}\n  Square: {base: Point, fields: {Side: double}}\n"),
     "base type 'Point' is a struct: C# cannot derive from a struct", "Point, f"),
])
def test_misuse_is_located(tmp_path: Path, change: tuple[str, str], message: str, needle: str) -> None:
    text = SHAPES.replace("[Circle, Square]", "[Circle]") if change[0] == SQUARE else SHAPES
    if change[0] != SQUARE:
        text = text.replace(SQUARE, SQUARE.replace("fields", "base: Shape, fields"))
    error, text = spec_error(tmp_path, text.replace(*change))
    assert message in error.message, error.message
    assert_at(error, text, needle)


def test_type_names_need_the_assembly(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\njson: {typeNames: auto}\ntypes: {A: {fields: {N: int}}}\n")
    assert "name the service's assembly" in error.message
    assert_at(error, text, "typeNames")


def test_nullable_applies_to_a_struct_and_not_to_a_class(tmp_path: Path) -> None:
    ok = parse_spec("spec: 1\ntypes:\n  P: {struct: true, fields: {X: int}}\n  H: {fields: {A: 'P?'}}\n")
    assert str(ok.class_("H").fields[0].type) == "P?"
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  P: {fields: {X: int}}\n  H: {fields: {A: 'P?'}}\n")
    assert "'?' applies to value types only" in error.message
    assert_at(error, text, "'P?'")


def test_json_settings_load(tmp_path: Path) -> None:
    loaded = parse_spec("spec: 1\nassembly: Contoso.Api\njson: {enums: string, typeNames: objects, dateTimeZone: Utc,"
                        " dateFormat: microsoft, defaults: ignore, escape: html, processDictionaryKeys: false}\n"
                        "types: {A: {fields: {N: int}}}\n")
    assert loaded.assembly == "Contoso.Api"
    assert dataclasses.astuple(loaded.json)[1:-1] == ("name", "include", "objects", "Utc", "microsoft", "ignore",
                                                       "html", False)
    assert loaded.json.naming_version == "8.0.3"  # the default generation
    error, text = spec_error(tmp_path, "spec: 1\njson: {escape: unicode}\ntypes: {A: {fields: {N: int}}}\n")
    assert "'unicode' is not one of ['default', 'html', 'nonAscii']" in error.message
    assert_at(error, text, "escape")


# -- polymorphism ------------------------------------------------------------------------------


def test_an_unknown_xsi_type_names_the_known_types(spec: Spec) -> None:
    payload = (b'<Drawing xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/'
               b'2004/07/Contoso.Shapes">\n<Main i:type="Hexagon"><Name>x</Name></Main></Drawing>')
    with pytest.raises(PayloadError) as caught:
        xml.decode(spec, "Drawing", payload, "d.xml")
    assert caught.value.show() == ("d.xml:2:1: error: Main: i:type Hexagon in "
                                   '"http://schemas.datacontract.org/2004/07/Contoso.Shapes" is not Shape or a '
                                   "known type of it (Shape's known types: Circle, Square)")


def test_a_derived_class_that_is_no_known_type_cannot_be_written_as_xml() -> None:
    spec = parse_spec(SHAPES.replace("fields: {Side: double}", "base: Shape, fields: {Side: double}")
                      .replace("[Circle, Square]", "[Circle]"))
    value = {"$type": "Square", "Name": "s", "Side": 1.0}
    with pytest.raises(PayloadError, match="cannot write a Square where Shape is declared: it is not among Shape's "
                                           "known types: Circle"):
        xml.encode(spec, "Shape", value)
    assert json_codec.encode(spec, "Shape", value).data == b'{"side":1.0,"name":"s"}'  # Json.NET needs no KnownType


def test_the_derived_type_survives_only_where_a_type_name_is_written(spec: Spec) -> None:
    value = {"Main": {"$type": "Circle", "Name": "c", "Radius": 1.0}}
    plain = json_codec.encode(spec, "Drawing", value)
    assert [loss.message.split(":")[0] for loss in plain.losses] == [
        "Json.NET writes Circle's members with no type marker and reads back a Shape"]
    assert json_codec.decode(spec, "Drawing", plain.data).value == {"Main": {"Name": "c"}}
    auto = variant(spec, type_names="auto")
    typed = json_codec.encode(auto, "Drawing", value)
    assert typed.losses == () and json_codec.decode(auto, "Drawing", typed.data).value == value
    # At the root Web API serializes with no declared type: auto writes no "$type" there (a loss).
    root = json_codec.encode(auto, "Shape", value["Main"])
    assert b"$type" not in root.data and root.losses
    objects = variant(spec, type_names="objects")
    assert json_codec.encode(objects, "Shape", value["Main"]).data.startswith(
        b'{"$type":"Contoso.Shapes.Round.Circle, Contoso.Api",')
    assert json_codec.encode(objects, "Settings", {"Counts": {}}).data == (
        b'{"$type":"Contoso.Knobs.Settings, Contoso.Api","counts":{"$type":"System.Collections.Generic.'
        b'Dictionary`2[[System.String, mscorlib],[System.Int32, mscorlib]], mscorlib"}}')


@pytest.mark.parametrize(("type_name", "message"), [
    ("Contoso.Shapes.Round.Circle, Other", 'is not in the service\'s assembly Contoso.Api'),
    ("Contoso.Shapes.Round.Circle", "is not in the service's assembly"),
    ("Contoso.Shapes.Hexagon, Contoso.Api", "names no class of the spec"),
    ("Contoso.Geo.Point, Contoso.Api", "is not compatible with the declared type Shape"),
])
def test_a_bad_type_name_is_refused(spec: Spec, type_name: str, message: str) -> None:
    auto = variant(spec, type_names="auto")
    with pytest.raises(PayloadError, match=message):
        json_codec.decode(auto, "Drawing", f'{{"main":{{"$type":"{type_name}"}}}}'.encode())


def test_type_names_are_metadata_only_first_and_only_when_enabled(spec: Spec) -> None:
    auto = variant(spec, type_names="auto")
    late = json_codec.decode(auto, "Shape", b'{"name":"x","$type":"Contoso.Shapes.Square, Contoso.Api"}')
    assert late.value == {"Name": "x"} and "$type" in str(late.losses[0])  # an unknown member, ignored
    off = json_codec.decode(spec, "Shape", b'{"$type":"Contoso.Shapes.Square, Contoso.Api","side":1}')
    assert off.value == {} and len(off.losses) == 2
    # The assembly name is compared ignoring case (Assembly.Load), the type name exactly.
    assert json_codec.decode(auto, "Shape", b'{"$type":"Contoso.Shapes.Square, CONTOSO.API"}').value == {"$type": "Square"}
    with pytest.raises(PayloadError, match="names no class"):
        json_codec.decode(auto, "Shape", b'{"$type":"contoso.shapes.square, Contoso.Api"}')


def test_form_binds_the_declared_type(spec: Spec) -> None:
    data, losses = form.encode(spec, "Drawing", {"Main": {"$type": "Circle", "Name": "c", "Radius": 1.0}})
    assert data == b"Main.Name=c"
    assert [str(loss) for loss in losses] == [
        "Main: the model binder binds a Shape, not a Circle: the derived type and its members are lost"]


def test_fuzzed_values_hold_derived_classes_and_never_a_null_struct(spec: Spec) -> None:
    values = examples(values_for(spec, "Drawing", complete=True), 60)
    kinds = {item.get("$type") for v in values for item in (v["Shapes"] or []) if item}
    assert {"Circle", "Square", None} <= kinds
    assert all(v["Origin"] is not None for v in values)


# -- structs -------------------------------------------------------------------------------------


def test_a_struct_is_not_nillable_in_either_schema(spec: Spec) -> None:
    schema = to_json_schema(spec, "Drawing")
    assert schema["properties"]["origin"] == {"$ref": "#/$defs/Point"}
    assert schema["properties"]["offset"] == {"anyOf": [{"$ref": "#/$defs/Point"}, {"type": "null"}]}
    shapes = to_xsd(spec, "wire")["Contoso.Shapes.xsd"].decode().splitlines()
    offset = next(line for line in shapes if 'name="Offset"' in line)
    origin = next(line for line in shapes if 'name="Origin"' in line)
    assert 'nillable="true"' in offset and "nillable" not in origin
    assert "<IsValueType" in to_xsd(spec, "wire")["Contoso.Geo.xsd"].decode()
    with pytest.raises(PayloadError, match="expected an object"):
        json_codec.decode(spec, "Drawing", b'{"origin":null}')


def test_emit_default_value_compares_a_struct_with_its_default(spec: Spec) -> None:
    # Json.NET leaves the default struct out (observed on 6.0.8); Mono's DCS writes it all the same.
    pin = {"At": {"X": 0, "Y": 0}, "Label": "here"}
    assert json_codec.encode(spec, "Pin", pin).data == b'{"label":"here"}'
    assert json_codec.encode(spec, "Pin", {**pin, "At": {"X": 1, "Y": 0}}).data == b'{"at":{"x":1,"y":0},"label":"here"}'
    assert b"<At><X>0</X><Y>0</Y></At>" in xml.encode(spec, "Pin", pin).data


# -- Json.NET's settings --------------------------------------------------------------------------

SETTINGS = {"Tone": 1, "Text": "<a&b>'é\u2028\"\U0001f600", "Counts": {"FirstKey": 1}}


def test_string_enums_and_camel_case_text(spec: Spec) -> None:
    # 13.0.4 (EnumUtils.InitializeValuesAndNames): CamelCaseText leaves EnumMember values as written;
    # 6.0.8 camel-cases them too (observed), so this follows 13.0.4.
    named = variant(spec, enums="name")
    camel = variant(spec, enums="camelCaseString")
    assert json_codec.encode(named, "Settings", {"Tone": 1, "MaybeTone": 0}).data == \
        b'{"tone":"SecondValue","maybeTone":"first_value"}'
    assert json_codec.encode(camel, "Settings", {"Tone": 1, "MaybeTone": 0}).data == \
        b'{"tone":"secondValue","maybeTone":"first_value"}'
    assert to_json_schema(camel, "Tone")["enum"] == ["first_value", "secondValue", "third"]


M_AND_M = parse_spec("spec: 1\ntypes:\n  Case: {enum: [M, m, {name: First, enumMember: first_value}]}\n"
                     "  H: {fields: {C: Case}}\n")


@pytest.mark.parametrize(("text", "value"), [
    ('"m"', 1), ('"M"', 0),  # an exact name wins over a case-insensitive one (13.0.4; 6.0.8 refuses the enum)
    ('"FIRST_VALUE"', 2), ('"first_value"', 2), ('"FIRST"', 2),  # EnumMember value ignoring case, then the name
    ('"1000"', 1000), ("1000", 1000),  # any number, defined or not (Enum.ToObject)
    ('"m, First"', 3),
])
def test_enum_reading_follows_json_net_13(text: str, value: int) -> None:
    assert json_codec.decode(M_AND_M, "H", f'{{"c":{text}}}'.encode()).value == {"C": value}


def test_enum_reading_refuses_what_json_net_refuses() -> None:
    with pytest.raises(PayloadError, match='expected one of M, m, first_value; got "Q"'):
        json_codec.decode(M_AND_M, "H", b'{"c":"Q"}')


@pytest.mark.parametrize(("escape", "text"), [
    # Observed on 6.0.8 (tests/interop probe) and [NJ] Utilities/JavaScriptUtils.cs.
    ("default", '"<a&b>\'é\\u2028\\"\U0001f600"'),
    ("html", '"\\u003ca\\u0026b\\u003e\\u0027é\\u2028\\u0022\U0001f600"'),
    ("nonAscii", '"<a&b>\'\\u00e9\\u2028\\"\\ud83d\\ude00"'),
])
def test_string_escape_handling(spec: Spec, escape: str, text: str) -> None:
    out = json_codec.encode(variant(spec, escape=escape), "Settings", {"Text": SETTINGS["Text"]}).data.decode()
    assert out == '{"text":' + text + "}"
    assert json_codec.decode(spec, "Settings", out.encode()).value == {"Text": SETTINGS["Text"]}


def test_microsoft_dates_and_time_zones(spec: Spec) -> None:
    from converter.codecs.lexical import DateTimeOffsetValue, DateTimeValue

    ms = variant(spec, date_format="microsoft")
    local = DateTimeValue.parse("2009-02-14T00:31:30+01:00")
    out = json_codec.encode(ms, "Settings", {"When": local, "At": DateTimeOffsetValue.parse("2009-02-14T00:31:30+01:00")})
    assert out.data == b'{"when":"\\/Date(1234567890000+0100)\\/","at":"\\/Date(1234567890000+0100)\\/"}'
    assert json_codec.decode(ms, "Settings", out.data).value["When"] == local
    utc = json_codec.encode(ms, "Settings", {"When": DateTimeValue.parse("2009-02-13T23:31:30.0001234Z")})
    assert utc.data == b'{"when":"\\/Date(1234567890000)\\/"}' and "milliseconds only" in str(utc.losses[0])
    # The reader takes the Microsoft format under iso too, and DateTimeZoneHandling applies both ways.
    as_utc = variant(spec, date_time_zone="Utc")
    assert str(json_codec.decode(as_utc, "Settings", b'{"when":"\\/Date(1234567890000+0100)\\/"}').value["When"]) == \
        "2009-02-13T23:31:30Z"
    assert json_codec.encode(as_utc, "Settings", {"When": local}).data == b'{"when":"2009-02-13T23:31:30Z"}'
    assert json_codec.encode(variant(spec, date_time_zone="Unspecified"), "Settings", {"When": local}).data == \
        b'{"when":"2009-02-14T00:31:30"}'
    assert json_codec.encode(variant(spec, date_time_zone="Local"), "Settings",
                             {"When": DateTimeValue.parse("2009-02-13T23:31:30Z")}).losses


def test_default_value_handling_ignore(spec: Spec) -> None:
    ignore = variant(spec, defaults="ignore")
    value = {"Tone": 0, "Count": 0, "Ratio": 0.0, "Text": None, "Where": {"X": 0, "Y": 0}, "Counts": {"A": 0}}
    assert json_codec.encode(ignore, "Settings", value).data == b'{"counts":{"a":0}}'
    read = json_codec.decode(ignore, "Settings", b"{}").value  # what was left out holds its default
    assert read["Count"] == 0 and read["Where"] == {"X": 0, "Y": 0} and read["Text"] is None


def test_dictionary_keys_kept_as_written(spec: Spec) -> None:
    keep = variant(spec, process_dictionary_keys=False)
    assert json_codec.encode(keep, "Settings", {"Counts": {"FirstKey": 1}}).data == b'{"counts":{"FirstKey":1}}'
    assert json_codec.encode(spec, "Settings", {"Counts": {"FirstKey": 1}}).data == b'{"counts":{"firstKey":1}}'


# -- Json.NET's lenient reader ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    (b"{ratio: NaN}", {"Ratio": "nan"}),
    (b"{'ratio': -Infinity, 'text': 'it\\'s \"x\"'}", {"Ratio": -float("inf"), "Text": "it's \"x\""}),
    (b'{"text": NaN}', {"Text": "NaN"}),  # the Float token's text
    (b'// a comment\n{/* c */ "count": 1,}', {"Count": 1}),
    (b'{"text": "\\ud83d\\ude00"}', {"Text": "\U0001f600"}),
])
def test_lenient_json_reads_as_json_net_reads_it(spec: Spec, text: bytes, value: dict[str, Any]) -> None:
    got = json_codec.decode(spec, "Settings", text).value
    assert {k: ("nan" if v != v else v) for k, v in got.items()} == value


@pytest.mark.parametrize(("text", "message"), [
    (b'{"count": NaN}', r"Count: expected a whole number \(int\); got NaN"),
    (b"{count-x: 1}", "'-' cannot be part of an unquoted member name"),
    (b"{/* open", "a comment that never ends"),
    (b"{'text': 'a}", "unterminated string"),
])
def test_what_even_json_net_refuses(spec: Spec, text: bytes, message: str) -> None:
    with pytest.raises(PayloadError, match=message):
        json_codec.decode(spec, "Settings", text)


def test_validate_warns_of_each_lenient_construct(spec: Spec) -> None:
    findings = Validator(spec).check(b"{\n  ratio: NaN, // why\n  'text': 'x'\n}", "k.json", type_name="Settings")
    assert [(f.rule, f.line, f.col, f.message.split(":")[0]) for f in findings] == [
        ("dotnet.lenient-json", 2, 3, "an unquoted member name"),
        ("dotnet.lenient-json", 2, 10, "a NaN or Infinity literal"),
        ("dotnet.lenient-json", 2, 15, "a comment"),
        ("dotnet.lenient-json", 3, 3, "a single-quoted string"),
        ("dotnet.lenient-json", 3, 11, "a single-quoted string"),
    ]
    assert convert(spec, b"{ratio: NaN}", to="xml", from_="json", type_name="Settings").losses == ()


# Observed on Json.NET 6.0.8 (Mono; tests/interop runs these against it): a trailing comma ends an
# array, an item left empty reads as undefined, and undefined reads as null except where the type is read
# by ReadAsString/Int32/Decimal/DateTime/DateTimeOffset/Bytes ("Error reading string. Unexpected token:
# Undefined. Path 'tags[0]'").
@pytest.mark.parametrize(("type_name", "text", "value"), [
    ("Holder", b'{"things": [1, 2,]}', {"Things": [Boxed("long", 1), Boxed("long", 2)]}),
    ("Holder", b'{"things": [,]}', {"Things": [None]}),
    ("Holder", b'{"things": [1,,"x" , ,]}', {"Things": [Boxed("long", 1), None, Boxed("string", "x"), None]}),
    ("Holder", b'{"things": [undefined], "anything": undefined}', {"Things": [None], "Anything": None}),
    ("PlainModel", b'{"tags": ["a",]}', {"Tags": ["a"]}),
    ("Settings", b'{"maybeTone": undefined, "counts": undefined}', {"MaybeTone": None, "Counts": None}),
])
def test_undefined_and_array_commas_read_as_json_net_reads_them(spec: Spec, type_name: str, text: bytes,
                                                               value: dict[str, Any]) -> None:
    assert json_codec.decode(spec, type_name, text).value == value


@pytest.mark.parametrize(("type_name", "text", "message"), [
    ("PlainModel", b'{"tags": [,"a"]}', "Tags[0]: undefined is not a value of string"),
    ("PlainModel", b'{"tags": ["a", undefined]}', "Tags[1]: undefined is not a value of string"),
    ("Settings", b'{"count": undefined}', "Count: undefined is not a value of int"),
    ("Settings", b'{"when": undefined}', "When: undefined is not a value of DateTime"),
    ("Settings", b'{"counts": {"a": undefined}}', 'Counts["a"]: undefined is not a value of int'),
    ("Settings", b'{"ratio": undefined}', "Ratio: expected a number (double); got null"),  # as null is
])
def test_undefined_where_json_net_refuses_it(spec: Spec, type_name: str, text: bytes, message: str) -> None:
    with pytest.raises(PayloadError) as caught:
        json_codec.decode(spec, type_name, text)
    assert caught.value.show().partition("error: ")[2].startswith(message)


def test_validate_reports_an_undefined_json_net_refuses(spec: Spec) -> None:
    findings = Validator(spec).check(b'{"tags": ["a", , ], "count": 1}', "u.json", type_name="PlainModel")
    assert [(f.rule, f.severity, f.col, f.message.split(":")[0]) for f in findings] == [
        ("contract.type", "error", 16, "undefined is not a value of string"),
        ("dotnet.lenient-json", "warning", 16, "undefined (the literal, or an empty array item between commas)"),
        ("dotnet.lenient-json", "warning", 18, "a trailing comma"),
    ]
    assert [f.rule for f in Validator(spec).check(b'{"tags": ["a",]}', "c.json", type_name="PlainModel")] == [
        "dotnet.lenient-json"]


def test_undefined_enum_numbers_are_json_only(spec: Spec) -> None:
    value = codec("json").decode(spec, "Settings", b'{"tone":1000}').value
    assert value == {"Tone": 1000} and codec("json").encode(spec, "Settings", value).data == b'{"tone":1000}'
    with pytest.raises(PayloadError, match="1000 is not a value of enum Tone: Json.NET reads and writes it as a "
                                           "number, but DataContractSerializer cannot write it"):
        codec("xml").encode(spec, "Settings", value)
    findings = Validator(spec).check(b'{"tone":1000}', "t.json", type_name="Settings")
    assert [f.rule for f in findings] == ["contract.enum"]  # the contract says which values there are


def test_validate_checks_the_class_a_type_name_names(spec: Spec) -> None:
    from jsonschema import Draft202012Validator

    auto = variant(spec, type_names="auto")
    good = b'{"main":{"$type":"Contoso.Shapes.Round.Circle, Contoso.Api","radius":2.0,"name":"c"}}'
    bad = good.replace(b"2.0", b'"x"')
    assert Validator(auto).check(good, "g.json", type_name="Drawing") == []  # no unknown-member warnings
    assert [(f.rule, f.path) for f in Validator(auto).check(bad, "b.json", type_name="Drawing")] == [
        ("contract.type", "/main/radius")]
    reference = Draft202012Validator(to_json_schema(auto, "Drawing"))  # the JSON Schema gives the same verdicts
    assert reference.is_valid(json.loads(good)) and not reference.is_valid(json.loads(bad))


def test_validate_words_an_unknown_xsi_type_as_convert_does(spec: Spec) -> None:
    payload = (b'<Drawing xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/'
               b'2004/07/Contoso.Shapes"><Main i:type="Hexagon"><Name>x</Name></Main></Drawing>')
    found = Validator(spec).check(payload, "d.xml", type_name="Drawing")
    assert [(f.rule, f.path, f.message) for f in found] == [
        ("contract.type", "/Drawing/Main", 'i:type Hexagon in "http://schemas.datacontract.org/2004/07/Contoso.Shapes" '
                                           "is not Shape or a known type of it (Shape's known types: Circle, Square)")]
