"""JSON Schema generation: the seed's done-when cases and Json.NET's real output."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from converter.generate.jsonschema import to_json_schema, to_json_schemas
from converter.spec import Spec, parse_spec
from tests.conftest import FIXTURES, load_json

SEED = load_json(FIXTURES / "seed" / "request.json")


def errors(spec: Spec, type_name: str, value: Any) -> list[tuple[str, str]]:
    """(path, keyword) of each error; under ``anyOf`` (nullable references) the most relevant branch's."""
    validator = Draft202012Validator(to_json_schema(spec, type_name))
    found = [best_match([e]) for e in validator.iter_errors(value)]
    return sorted(("/".join(map(str, e.absolute_path)), str(e.validator)) for e in found if e is not None)


def fixed() -> dict[str, Any]:
    value = copy.deepcopy(SEED)
    assert isinstance(value, dict)
    value.update(status="Draft", priority="High")
    return value


def test_every_generated_schema_is_a_valid_2020_12_schema(seed_spec: Spec, everything_spec: Spec) -> None:
    for spec in (seed_spec, everything_spec):
        for schema in to_json_schemas(spec).values():
            Draft202012Validator.check_schema(schema)
            assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
            assert "http" not in json.dumps([v for k, v in schema.items() if k == "$ref"])  # self-contained


def test_seed_sample_fails_on_exactly_the_two_placeholders(seed_spec: Spec) -> None:
    assert errors(seed_spec, "OutgoingSecureMessageModel", SEED) == [("priority", "enum"), ("status", "enum")]


def test_seed_sample_with_possible_values_validates(seed_spec: Spec) -> None:
    assert errors(seed_spec, "OutgoingSecureMessageModel", fixed()) == []


BROKEN = {
    "missing required member": (lambda v: v.pop("externalId"), ("", "required")),
    "null required member": (lambda v: v.update(fromSecureRecipientExternalId=None), ("fromSecureRecipientExternalId", "type")),
    "bad enum value": (lambda v: v.update(status="Drafted"), ("status", "enum")),
    "bad guid": (lambda v: v.update(id="not-a-guid"), ("id", "pattern")),
    "bool as a string": (lambda v: v["patients"][0].update(isRepresentative="true"), ("patients/0/isRepresentative", "type")),
    "bad base64": (lambda v: v["fileData"][0].update(fileData="QEA"), ("fileData/0/fileData", "pattern")),
    "date without time": (lambda v: v.update(creationDate="2026-05-29"), ("creationDate", "pattern")),
    "null Guid (a value type)": (lambda v: v.update(id=None), ("id", "type")),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_seed_sample_broken_in_one_place_fails_there(seed_spec: Spec, case: str) -> None:
    breaker, expected = BROKEN[case]
    value = fixed()
    breaker(value)
    assert errors(seed_spec, "OutgoingSecureMessageModel", value) == [expected]


def test_nulls_are_allowed_where_json_net_writes_them(seed_spec: Spec) -> None:
    value = fixed()
    value.update(subject=None, patients=None, fileData=[None], sentDate=None)
    assert errors(seed_spec, "OutgoingSecureMessageModel", value) == []


JSON_FIXTURES = {
    "address.json": "Address",
    "thing-min.json": "Thing",
    **{p.name: "Everything" for p in (FIXTURES / "everything").glob("everything-*.json")},
}


@pytest.mark.parametrize("name", sorted(JSON_FIXTURES))
def test_accepts_what_json_net_writes(everything_spec: Spec, name: str) -> None:
    assert errors(everything_spec, JSON_FIXTURES[name], load_json(FIXTURES / "everything" / name)) == []


EVERYTHING_BROKEN = {
    "int below its range": ("int", -2147483649, "minimum"),
    "ulong above its range": ("uLong", 18446744073709551616, "maximum"),
    "byte negative": ("byte", -1, "minimum"),
    "TimeSpan with a 6-digit fraction": ("duration", "1.02:03:04.500000", "pattern"),
    "TimeSpan as xs:duration": ("duration", "P1DT2H3M4.5S", "pattern"),
    "DateTimeOffset without an offset": ("whenOffset", "2026-05-29T22:27:00", "pattern"),
    "char of two characters": ("char", "ab", "maxLength"),
    "NaN spelt lower-case": ("double", "nan", "anyOf"),
    "enum value not declared": ("color", 3, "enum"),
    "enum by name (number expected)": ("level", "mid", "enum"),
    "flags outside the declared bits": ("perms", 8, "enum"),
    "Guid in braces": ("guid", "{7c9e6679-7425-40de-944b-e07fc1f90ae7}", "pattern"),
}


@pytest.mark.parametrize("case", sorted(EVERYTHING_BROKEN))
def test_rejects_what_json_net_would_not_write(everything_spec: Spec, case: str) -> None:
    key, bad, validator = EVERYTHING_BROKEN[case]
    value = load_json(FIXTURES / "everything" / "everything-full.json")
    assert isinstance(value, dict) and key in value
    value[key] = bad
    assert (key, validator) in errors(everything_spec, "Everything", value)


def test_flags_accept_every_combination(everything_spec: Spec) -> None:
    schema = to_json_schema(everything_spec, "Perms")
    assert schema["enum"] == list(range(8))


def test_string_enums_and_names_follow_json_settings() -> None:
    spec = parse_spec("""
spec: 1
json: {naming: none, enums: name}
types:
  Level: {enum: [Low, {name: Mid, enumMember: mid}]}
  Perms: {flags: true, enum: [{name: Read, value: 1}, {name: Write, value: 2}]}
  A: {fields: {URLValue: Level, P: Perms, Renamed: {type: int, jsonName: renamed_by_attribute}}}
""")
    schema = to_json_schema(spec, "A")
    assert list(schema["properties"]) == ["URLValue", "P", "renamed_by_attribute"]
    assert schema["$defs"]["Level"] == {"type": "string", "enum": ["Low", "mid"]}
    flags = Draft202012Validator(schema["$defs"]["Perms"])
    assert flags.is_valid("Read, Write") and not flags.is_valid("Read Write")


def test_field_facets_tighten_the_type() -> None:
    spec = parse_spec("""
spec: 1
types:
  A:
    fields:
      Qty: {type: byte, minimum: 1, maximum: 200}
      Code: {type: string, pattern: "[A-Z]+", required: true}
""")
    schema = to_json_schema(spec, "A")
    assert schema["properties"]["qty"]["maximum"] == 200
    assert schema["properties"]["qty"]["minimum"] == 1
    validator = Draft202012Validator(schema)
    assert validator.is_valid({"code": "AB"})
    assert not validator.is_valid({"code": "ABc"})  # the whole value must match, as [RegularExpression]
    assert not validator.is_valid({"code": None})


def test_recursive_types_refer_to_the_root(tmp_path: Path) -> None:
    spec = parse_spec("spec: 1\ntypes: {Node: {fields: {Children: List<Node>, Name: string}}}")
    schema = to_json_schema(spec, "Node")
    validator = Draft202012Validator(schema)
    assert validator.is_valid({"name": "a", "children": [{"name": "b", "children": []}]})
    assert not validator.is_valid({"children": [{"name": 1}]})


def test_a_decimal_past_2_to_the_96_is_out_of_range(everything_spec: Spec) -> None:
    # Json.NET's ReadAsDecimal overflows there (System.Decimal holds up to 2^96 - 1); a validator that reads
    # numbers as doubles reads decimal.MaxValue as 2^96 itself, which must pass, as the compiled checker agrees.
    from decimal import Decimal

    from converter.validate.jsoncheck import checker

    reference = Draft202012Validator(to_json_schema(everything_spec, "Everything"))
    fast = checker(everything_spec, "Everything")
    for text, valid in [("79228162514264337593543950335.0", True), ("-79228162514264337593543950335", True),
                        ("-7.922816251426434e+28", False), ("1e29", False), ("-1E+40", False)]:
        document = json.loads(f'{{"decimal": {text}}}', parse_float=Decimal)
        assert reference.is_valid(document) is valid, text
        assert (not [i for i in fast(document) if i.severity == "error"]) is valid, text
    assert reference.is_valid(json.loads('{"decimal": 79228162514264337593543950335.0}'))  # read as 2^96
