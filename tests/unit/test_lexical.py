"""Each .NET lexical rule, pinned where it lives: converter/codecs/lexical.py.

Every codec, the checkers, the generators and the fuzzer call these functions, so each test here
fails when that one place changes. "Observed" means Mono 6.8 (mcs/mono on Debian 12), the same
runtime the interop suite uses; tests/interop/test_lexical_interop.py repeats the observations
where Mono is installed.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings

from converter.codecs import lexical
from converter.codecs.json import decode as json_decode
from converter.codecs.lexical import (
    DECIMAL_MAX,
    check_integer,
    json_enum_parse,
    json_enum_text,
    dcs_enum_parse,
    dcs_enum_text,
    enum_parse,
    enum_to_string,
    fold,
    non_finite,
    non_finite_text,
    parse_decimal,
    to_single,
)
from converter.errors import Origin
from converter.fuzz import values_for
from converter.spec import Spec, parse_spec
from converter.spec.model import EnumType, EnumValue
from converter.validate import Validator

_O = Origin("t")
FLAGS = EnumType("F", "N", (EnumValue("None", 0, _O), EnumValue("A", 1, _O), EnumValue("B", 2, _O),
                            EnumValue("AB", 3, _O), EnumValue("Neg", -(2**31), _O)), _O, flags=True)
PLAIN = EnumType("G", "N", (EnumValue("X", 1, _O), EnumValue("Y", 2, _O, enum_member="why")), _O)


# -- OrdinalIgnoreCase ---------------------------------------------------------------------------

# (a, b, String.Equals(a, b, StringComparison.OrdinalIgnoreCase) on Mono 6.8)
OBSERVED_EQUALS = [
    ("\u00df", "SS", False), ("\u00df", "\u1e9e", False),  # no one-to-many or new mappings: sharp s stays itself
    ("\u017f", "s", False), ("\u017f", "S", False),  # long s upper-cases to S only in full case mapping
    ("\u212a", "k", False), ("\u212a", "K", False),  # the Kelvin sign is its own upper case
    ("\u0130", "i", False), ("\u0130", "I", False), ("\u0131", "I", False), ("\u0131", "i", False),  # no Turkish i
    ("\ufb03", "FFI", False), ("\ufb03", "\ufb03", True),  # the ffi ligature
    ("\U00010428", "\U00010400", False),  # an astral letter is two surrogate units, which have no case
    ("\u1fb3", "\u1fbc", True), ("\u1f80", "\u1f88", True),  # the one-character mapping of Greek iota forms
    ("\u00b5", "\u039c", False), ("\u03c2", "\u03a3", False), ("\u01c5", "\u01c4", False),
    ("\u01c6", "\u01c4", True), ("stra\u00dfe", "STRASSE", False), ("Patients", "PATIENTS", True),
    ("\u00e9t\u00e9", "\u00c9T\u00c9", True),
]


@pytest.mark.parametrize("a, b, equal", OBSERVED_EQUALS)
def test_fold_is_ordinal_ignore_case_as_mono_compares(a: str, b: str, equal: bool) -> None:
    assert (fold(a) == fold(b)) is equal


def test_fold_keeps_each_utf16_unit_one_unit() -> None:
    text = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    assert len(fold(text)) == len(text)
    assert fold("stra\u00dfe") == "STRA\u00dfE" and fold("abc") == "ABC"


STRASSE = """
spec: 1
title: t
types:
  Address:
    namespace: N
    fields: {Strasse: {type: string, jsonName: straße}, Ort: string}
"""


def test_validate_and_the_codec_agree_that_strasse_is_not_strasse() -> None:
    """The case the four old foldings disagreed on: Json.NET does not bind STRASSE to straße."""
    spec = parse_spec(STRASSE, "t.yaml")
    payload = b'{"STRASSE": "x", "ORT": "y"}'
    value, losses = json_decode(spec, "Address", payload)
    assert value == {"Ort": "y"} and [str(loss.path) for loss in losses] == ["STRASSE"]
    found = Validator(spec).check(payload, "a.json", type_name="Address")
    assert [(f.rule, f.path) for f in found] == [("dotnet.unknown-member", "/STRASSE"), ("dotnet.case", "/ORT")]
    assert found[0].message == losses[0].message  # one wording for one fault


# -- enums -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (0, "None"), (1, "A"), (3, "AB"), (4, "4"), (5, "5"), (-1, "-1"),
    (-2147483647, "A, Neg"), (-2147483645, "AB, Neg"),  # values compared unsigned: Neg is the largest
])
def test_enum_to_string_for_flags_as_observed(value: int, text: str) -> None:
    assert enum_to_string(FLAGS, value) == text  # observed: ((F)value).ToString() on Mono


def test_enum_to_string_without_flags_and_with_member_values() -> None:
    assert [enum_to_string(PLAIN, v) for v in (0, 1, 2, 3)] == ["0", "X", "Y", "3"]
    assert json_enum_text(PLAIN, 2, camel=False) == "why"  # StringEnumConverter writes EnumMember


@pytest.mark.parametrize("text, value", [("a", 1), ("A, b", 3), (" ab ", 3), ("1", 1), ("5", 5), ("Neg", -(2**31))])
def test_enum_parse_ignoring_case_as_observed(text: str, value: int) -> None:
    assert enum_parse(FLAGS, text) == value  # observed: Enum.Parse(typeof(F), text, true)


@pytest.mark.parametrize("text", ["a,", "\u212a", "x", "0x1", "+-1"])
def test_enum_parse_refuses_what_mono_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="expected one of|is not a F"):
        enum_parse(FLAGS, text)


def test_enum_parse_maps_enum_member_values_only_when_asked() -> None:
    assert json_enum_parse(PLAIN, "why", camel=False) == 2  # [NJ] EnumUtils.ParseEnum
    with pytest.raises(ValueError):
        enum_parse(PLAIN, "why")  # [CM] EnumConverter knows names only


def test_datacontract_enum_text_is_declaration_order_and_space_separated() -> None:
    # [RS] EnumDataContract.WriteEnumValue: the exact member, else flags in declaration order.
    assert dcs_enum_text(FLAGS, 3) == "AB"
    assert dcs_enum_text(FLAGS, 0) == "None"
    assert dcs_enum_parse(FLAGS, " A  B ") == 3
    with pytest.raises(ValueError):
        dcs_enum_text(PLAIN, 3)
    with pytest.raises(ValueError, match='expected one of X, why; got "Y"'):
        dcs_enum_parse(PLAIN, "Y")  # DCS reads the EnumMember value, exactly


# -- numbers ---------------------------------------------------------------------------------------

def test_each_serializer_spells_non_finite_numbers_its_own_way() -> None:
    assert list(non_finite("xml")) == ["NaN", "INF", "-INF"]  # XmlConvert
    assert list(non_finite("json")) == ["NaN", "Infinity", "-Infinity"]  # FloatFormatHandling.String
    assert list(non_finite("form")) == ["NaN", "Infinity", "-Infinity"]  # NumberFormatInfo.InvariantInfo
    assert [non_finite_text(v, "xml") for v in (math.nan, math.inf, -math.inf)] == ["NaN", "INF", "-INF"]
    assert lexical.format_double(-math.inf) == "-INF"


@pytest.mark.parametrize("name, value", [("byte", 256), ("sbyte", -129), ("ulong", 2**64), ("int", -(2**31) - 1)])
def test_an_integer_out_of_range_has_one_message(name: str, value: int) -> None:
    low, high = lexical.INTEGER_RANGES[name]
    with pytest.raises(ValueError) as caught:
        check_integer(name, value)
    assert str(caught.value) == f"{value} is outside {name}'s range {low}..{high}"
    assert check_integer(name, high) == high


def test_decimal_maximum_is_a_96_bit_mantissa() -> None:
    assert DECIMAL_MAX == Decimal("79228162514264337593543950335")
    assert parse_decimal("79228162514264337593543950335") == DECIMAL_MAX
    with pytest.raises(ValueError, match="outside System.Decimal's range"):
        parse_decimal("79228162514264337593543950336")


@settings(max_examples=200, deadline=None)
@given(values_for(parse_spec(STRASSE.replace("type: string, jsonName", "type: decimal, jsonName"), "t.yaml"),
                  "Address"))
def test_fuzzed_decimals_stay_within_the_maximum(value: dict[str, object]) -> None:
    number = value.get("Strasse")
    assert number is None or isinstance(number, Decimal) and number.copy_abs() <= DECIMAL_MAX


def test_single_rounding() -> None:
    assert to_single(0.1) == 0.10000000149011612
    assert to_single(16777217.0) == 16777216.0
    with pytest.raises(OverflowError):
        to_single(1e39)


def test_the_seed_spec_still_loads(seed_spec: Spec) -> None:
    # spec/load.py folds CLR names with the same rule to find form-key clashes
    assert "OutgoingSecureMessageModel" in seed_spec.types


@pytest.mark.parametrize("value, single, text", [
    (-1906671.625, True, "-1906671.63"), (-592928.0625, True, "-592928.063"),  # observed on Mono: ties go up
    (-1401554156511853.25, False, "-1401554156511853.3"), (0.1 + 0.2, False, "0.30000000000000004"),
    (2.5, False, "2.5"), (1 / 3, True, "0.333333343"),
])
def test_r_format_rounds_ties_away_from_zero(value: float, single: bool, text: str) -> None:
    assert (lexical.format_float(value) if single else lexical.format_double(value)) == text


# (text, what decimal.Parse gives on Mono); None: OverflowException
OBSERVED_DECIMALS = [
    ("79228162514264337593543950335.0", "79228162514264337593543950335"),
    ("0.12345678901234567890123456789", "0.1234567890123456789012345679"),
    ("0.12345678901234567890123456785", "0.1234567890123456789012345678"),  # a tie goes to even
    ("7922816251426433759354395033.55", "7922816251426433759354395034"),  # the scale drops as far as it must
    ("7922816251426433759354395033.45", "7922816251426433759354395033.4"),
    ("1.00000000000000000000000000001", "1.0000000000000000000000000000"),
    ("0.000000000000000000000000000015", "0.0000000000000000000000000000"),
    ("1234567890123456789012345678.95", "1234567890123456789012345679.0"),
    ("79228162514264337593543950335.5", None),
]


@pytest.mark.parametrize("text, parsed", OBSERVED_DECIMALS)
def test_decimal_parse_fits_digits_into_96_bits_as_observed(text: str, parsed: str | None) -> None:
    if parsed is None:
        with pytest.raises(ValueError, match="outside System.Decimal's range"):
            parse_decimal(text)
    else:
        assert f"{parse_decimal(text):f}" == parsed


def test_a_scale_without_room_is_dropped_without_a_rounding_warning(everything_spec: Spec) -> None:
    """The fuzz issue's first class: .NET drops the .0 of a 29-digit decimal when it reads it."""
    from converter.convert import convert

    data = b'{"decimal": 79228162514264337593543950335.0}'
    xml = convert(everything_spec, data, to="xml", type_name="Everything").output
    assert b"<Decimal>79228162514264337593543950335</Decimal>" in xml
    assert Validator(everything_spec).check(data, "d.json", type_name="Everything") == []
    rounded = Validator(everything_spec).check(b'{"decimal": 0.12345678901234567890123456789}', "d.json",
                                                  type_name="Everything")
    assert [(f.rule, f.message) for f in rounded] == [
        ("dotnet.rounded", "Json.NET reads 0.12345678901234567890123456789 as 0.1234567890123456789012345679 (decimal)")]


def test_an_empty_uri_in_json_is_null_on_the_other_side(everything_spec: Spec) -> None:
    """The fuzz issue's third class: Json.NET reads "" as a null Uri, so DataContractSerializer writes i:nil."""
    from converter.convert import convert

    result = convert(everything_spec, b'{"link": ""}', to="xml", type_name="Everything")
    assert b'<Link i:nil="true" />' in result.output
    assert [str(loss) for loss in result.losses] == ["Link: Json.NET reads an empty Uri as null"]
