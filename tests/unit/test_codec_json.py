"""The JSON codec against Json.NET's real bytes and reading rules.

Ground truth: fixtures/everything/*.json and fixtures/outgoing-secure-messages/request.json were
written by Json.NET 6.0.8 (CamelCasePropertyNamesContractResolver) on Mono (tests/interop). Strings
marked "observed" were printed by that same Json.NET with the setting named beside them
(Formatting.Indented, NullValueHandling.Ignore, StringEnumConverter, DefaultContractResolver).
Rules cite /work/shared/reference/dotnet-wire-research.md section 3 ([NJ] = Newtonsoft.Json source).
"""

from __future__ import annotations

import dataclasses
import math
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from converter.codecs import Options
from converter.codecs import json as codec
from converter.codecs.values import DateTimeOffsetValue, DateTimeValue, TimeSpanValue
from converter.errors import PayloadError
from converter.spec import Spec, parse_spec
from tests.conftest import FIXTURES, said

EVERYTHING_TYPES = {"address.json": "Address", "thing-min.json": "Thing"}
SEED_REQUEST = FIXTURES / "outgoing-secure-messages" / "request.json"


def _with(spec: Spec, **settings: Any) -> Spec:
    return dataclasses.replace(spec, json=dataclasses.replace(spec.json, **settings))


def _full(spec: Spec) -> dict[str, Any]:
    value, _ = codec.decode(spec, "Everything", (FIXTURES / "everything" / "everything-full.json").read_bytes())
    assert isinstance(value, dict)
    return value


def _error(spec: Spec, type_name: str, text: str) -> PayloadError:
    with pytest.raises(PayloadError) as caught:
        codec.decode(spec, type_name, text.encode("utf-8"), "in.json")
    return caught.value


# -- Json.NET's own bytes come back exactly ---------------------------------------------------------


@pytest.mark.parametrize("path", sorted((FIXTURES / "everything").glob("*.json")), ids=lambda p: p.name)
def test_everything_fixtures_round_trip_to_json_net_bytes(everything_spec: Spec, path: Path) -> None:
    data = path.read_bytes()
    type_name = EVERYTHING_TYPES.get(path.name, "Everything")
    value, losses = codec.decode(everything_spec, type_name, data, str(path))
    out, write_losses = codec.encode(everything_spec, type_name, value)
    # everything-empty holds Uri(""): Json.NET writes "" but reads it back as null (observed), and then
    # writes null; everything-alt's 79228162514264337593543950335.0 reads back with no scale (observed).
    empty = path.name == "everything-empty.json"
    assert out == (data.replace(b'"link":""', b'"link":null') if empty else data)
    assert write_losses == ()
    assert said(losses) == (['Link: Json.NET reads an empty Uri as null'] if empty else [])


def test_seed_request_round_trips_to_json_net_bytes(seed_spec: Spec) -> None:
    data = SEED_REQUEST.read_bytes()
    value, losses = codec.decode(seed_spec, "OutgoingSecureMessageModel", data, str(SEED_REQUEST))
    assert losses == ()
    assert codec.encode(seed_spec, "OutgoingSecureMessageModel", value) == (data, ())


def test_help_page_sample_reads_like_the_live_request(seed_spec: Spec) -> None:
    # The help page re-lays out Json.NET's output (no indentation); only the two enum-ish strings differ.
    sample, _ = codec.decode(seed_spec, "OutgoingSecureMessageModel", (FIXTURES / "seed" / "request.json").read_bytes())
    live, _ = codec.decode(seed_spec, "OutgoingSecureMessageModel", SEED_REQUEST.read_bytes())
    assert (sample["Status"], sample["Priority"]) == ("sample string 5", "sample string 6")
    assert {**sample, "Status": "Draft", "Priority": "High"} == live


# -- decoded values keep what the wire says ---------------------------------------------------------


def test_decoded_values_have_the_shared_value_types(everything_spec: Spec) -> None:
    value = _full(everything_spec)
    assert value["Decimal"] == Decimal("1.10") and str(value["Decimal"]) == "1.10"  # scale kept
    assert value["ULong"] == 2**64 - 1 and value["Long"] == -(2**63)  # every digit kept
    assert value["Float"] == 3.4028234663852886e38  # float32 max, rounded to float32
    assert value["Double"] == 0.1 + 0.2
    assert value["When"] == DateTimeValue.parse("2026-05-29T16:57:00.3151696Z")
    assert (value["When"].ticks, value["When"].zone) == (3151696, "Z")
    assert value["WhenOffset"].offset_minutes == 330 and value["WhenOffset"].ticks == 1230000
    assert value["MaybeOffset"] == DateTimeOffsetValue.parse("2026-01-02T03:04:05-08:00")
    assert value["Duration"] == TimeSpanValue.parse_constant("1.02:03:04.5")
    assert value["Guid"] == uuid.UUID("7c9e6679-7425-40de-944b-e07fc1f90ae7")
    assert value["Blob"] == b"\x00\x01\xff" and value["Char"] == "<"
    assert (value["Color"], value["Level"], value["Perms"], value["MaybeColor"]) == (1, 5, 3, 2)
    assert value["ByNumber"] == {1: "one", -2: "minus two"}
    assert value["Addresses"][1] is None and value["MaybeInts"] == [7, None]
    assert value["Thing"] == {"Count": 3, "Alpha": "alpha", "Note": "note", "Zed": "zed", "Code": "C-1"}
    assert value["Link"] == "http://example.com/a b?x=1"  # as written, not normalised


def test_non_finite_doubles_are_read_from_their_strings(everything_spec: Spec) -> None:
    value, _ = codec.decode(everything_spec, "Everything",
                            (FIXTURES / "everything" / "everything-empty.json").read_bytes())
    assert value["Float"] == -math.inf and math.isnan(value["Double"])
    assert value["Duration"] == TimeSpanValue(-(((1 * 24 + 2) * 60 + 3) * 60 + 4) * 10**7 - 5 * 10**6)
    assert value["When"].zone is None and value["MaybeWhen"].zone == "+00:00"


def test_absent_members_stay_absent_and_null_is_none(everything_spec: Spec) -> None:
    value, losses = codec.decode(everything_spec, "Address", b'{"city":null}')
    assert value == {"City": None} and losses == ()


def test_decimal_exponents_are_read_as_json_net_reads_them(everything_spec: Spec) -> None:
    # Observed: Json.NET reads 1e3 into a decimal as 1000 and 1E-2 as 0.01.
    for text, expected in (("1e3", "1000"), ("1E-2", "0.01"), ("1.50", "1.50")):
        value, _ = codec.decode(everything_spec, "Everything", f'{{"decimal":{text}}}'.encode())
        assert str(value["Decimal"]) == expected


def test_a_bom_is_allowed(everything_spec: Spec) -> None:
    assert codec.decode(everything_spec, "Address", b'\xef\xbb\xbf{"zip":1}') == ({"Zip": 1}, ())


@pytest.mark.parametrize(("text", "ticks"), [
    ("1.02:03:04.5", 937845000000),  # TimeSpan "c": 1 to 7 fraction digits (observed: Json.NET reads it)
    ("00:00:00.0010000", 10000),
    ("-00:00:01", -10**7),
])
def test_timespans_in_the_constant_format(everything_spec: Spec, text: str, ticks: int) -> None:
    value, _ = codec.decode(everything_spec, "Everything", f'{{"duration":"{text}"}}'.encode())
    assert value["Duration"] == TimeSpanValue(ticks)


# -- errors point at the value and name the member --------------------------------------------------


@pytest.mark.parametrize(("text", "where", "path", "message"), [
    ('{"int": 2147483648}', (1, 9), "Int", "2147483648 is outside int's range -2147483648..2147483647"),
    ('{"byte":\n  -1}', (2, 3), "Byte", "-1 is outside byte's range 0..255"),
    ('{"int": 1.0}', (1, 9), "Int", "1.0 is not an int (a whole number)"),  # observed: Json.NET refuses 1.0 for int
    ('{"int": null}', (1, 9), "Int", "expected a whole number (int); got null"),
    ('{"int": "45"}', (1, 9), "Int", 'expected a whole number (int); got "45"'),
    ('{"maybeInt": true}', (1, 14), "MaybeInt", "expected a whole number (int); got true"),
    ('{"guid": "7c9e6679"}', (1, 10), "Guid", '"7c9e6679" is not a Guid (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)'),
    ('{"blob": "AAH"}', (1, 10), "Blob", '"AAH" is not a byte[] (padded base64)'),
    ('{"blob": "AA=A"}', (1, 10), "Blob", '"AA=A" is not a byte[] (padded base64)'),
    ('{"color": 1.5}', (1, 11), "Color", "expected a value of enum Color (Red=0, Green=1, Blue=2); got 1.5"),
    ('{"level": 1e0}', (1, 11), "Level", "expected a value of enum Level (Low=1, Mid=5, High=10); got 1e0"),
    ('{"level": "Medium"}', (1, 11), "Level", 'expected one of Low, mid, High; got "Medium"'),
    ('{"char": "ab"}', (1, 10), "Char", '"ab" is not a char (one UTF-16 code unit)'),
    ('{"char": "\\ud83d\\ude00"}', (1, 10), "Char", '"\U0001f600" is not a char (one UTF-16 code unit)'),
    ('{"double": 1e400}', (1, 12), "Double", "1e400 is outside double's range"),  # observed: Json.NET throws
    ('{"duration": "00:00:00.12345678"}', (1, 14), "Duration",
     '"00:00:00.12345678" is not a TimeSpan ([-][d.]hh:mm:ss[.fffffff])'),
    ('{"when": "29/05/2026"}', (1, 10), "When",
     '"29/05/2026" is not a DateTime (yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±hh:mm])'),
    ('{"strings": {}}', (1, 13), "Strings", "expected an array (List<string>); got an object"),
    ('{"addresses": [{}, {"zip": "x"}]}', (1, 28), "Addresses[1].Zip", 'expected a whole number (int); got "x"'),
    ('{"counts": {"a": 1, "b": 1.5}}', (1, 26), 'Counts["b"]', "1.5 is not an int (a whole number)"),
    ('{"byNumber": {"one": "1"}}', (1, 15), 'ByNumber["one"]', '"one" is not an int (a dictionary key)'),
    # [NJ] DataMember(IsRequired) is Required.AllowNull; the object is where the member is missing.
    ('{"thing": {"count": 1}}', (1, 11), "Thing", "required member code is missing (DataMember IsRequired)"),
])
def test_type_errors(everything_spec: Spec, text: str, where: tuple[int, int], path: str, message: str) -> None:
    error = _error(everything_spec, "Everything", text)
    assert error.origin is not None
    assert (error.origin.file, error.origin.line, error.origin.col) == ("in.json", *where)
    assert str(error.path) == path and error.message.startswith(message)


def test_error_path_follows_the_seed_members(seed_spec: Spec) -> None:
    error = _error(seed_spec, "OutgoingSecureMessageModel",
                   '{"patients": [\n  {"isRepresentative": true},\n  {"isRepresentative": "yes"}\n]}')
    assert error.show() == ("in.json:3:24: error: Patients[1].IsRepresentative: "
                            'expected true or false (bool); got "yes"')


@pytest.mark.parametrize(("data", "where", "message"), [
    (b'{"text": "a",,}', (1, 14), "invalid JSON: expected a member name in double quotes"),
    (b'{"text" "a"}', (1, 9), "invalid JSON: expected ':' after the member name"),
    (b'{"ints": [1 2]}', (1, 13), "invalid JSON: expected ',' or ']'"),
    (b"{te-xt: 'a'}", (1, 4), "invalid JSON: '-' cannot be part of an unquoted member name"),
    (b'{"text": "a"} {}', (1, 15), "invalid JSON: text after the end of the JSON value"),
    (b'{"ints": [01]}', (1, 12), "invalid JSON: expected ',' or ']'"),
    (b"", (1, 1), "invalid JSON: unexpected end of the text"),
    (b'{"text":\n"\xff"}', (2, 2), "invalid UTF-8 byte 0xff"),
])
def test_syntax_errors(everything_spec: Spec, data: bytes, where: tuple[int, int], message: str) -> None:
    with pytest.raises(PayloadError) as caught:
        codec.decode(everything_spec, "Everything", data, "in.json")
    assert caught.value.origin is not None
    assert (caught.value.origin.line, caught.value.origin.col) == where
    assert caught.value.message == message


def test_raw_control_characters_in_strings_are_read(everything_spec: Spec) -> None:
    # Observed: Json.NET accepts a raw TAB or U+0001 inside a string.
    assert codec.decode(everything_spec, "Address", b'{"street":"a\tb\x01"}')[0] == {"Street": "a\tb\x01"}


# -- member matching ([NJ] JsonPropertyCollection.GetClosestMatchProperty) ---------------------------


def test_member_names_match_exactly_first_then_ignoring_case() -> None:
    spec = parse_spec("""
spec: 1
types:
  Pair:
    namespace: T
    fields:
      Count: {type: int, jsonName: value}
      Label: {type: string, jsonName: Value}
""")
    value, losses = codec.decode(spec, "Pair", b'{"Value": "x", "VALUE": 7}')
    assert value == {"Label": "x", "Count": 7} and losses == ()


def test_case_insensitive_names_under_camel_case(seed_spec: Spec) -> None:
    value, losses = codec.decode(seed_spec, "OutgoingSecureMessageModel",
                                 b'{"EXTERNALID": "e", "Patients": [{"IsRepresentative": false}]}')
    assert value == {"ExternalId": "e", "Patients": [{"IsRepresentative": False}]} and losses == ()


def test_unknown_members_are_ignored_with_a_loss(seed_spec: Spec) -> None:
    value, losses = codec.decode(seed_spec, "OutgoingSecureMessageModel",
                                 b'{"subject": "s", "patients": [{"nickname": "n"}], "$type": "X"}')
    assert value == {"Subject": "s", "Patients": [{}]}
    assert said(losses) == ['Patients[0].nickname: not a member of PatientRecipientModel: Json.NET ignores it',
                            '$type: not a member of OutgoingSecureMessageModel: Json.NET ignores it']


def test_the_last_repeated_member_wins(everything_spec: Spec) -> None:
    # Observed: {"code":"x","code":"y","Code":"z"} reads Code = "z".
    value, losses = codec.decode(everything_spec, "Thing", b'{"code": "x", "code": "y", "Code": "z"}')
    assert value == {"Code": "z"}
    assert said(losses) == ['Code: repeated member: Json.NET keeps the last value'] * 2
    value, losses = codec.decode(everything_spec, "Everything", b'{"map": {"k": "1", "k": "2"}}')
    assert value == {"Map": {"k": "2"}}
    assert said(losses) == ['Map["k"]: repeated key: Json.NET keeps the last value']


# -- writing values ([NJ] JsonConvert.cs, JsonTextWriter.cs) ----------------------------------------


def test_numbers_are_written_as_json_net_writes_them(everything_spec: Spec) -> None:
    value = {"Double": 2.0, "Float": 1 / 3, "Decimal": Decimal("1.50"), "Int": -1, "ULong": 2**64 - 1}
    out, losses = codec.encode(everything_spec, "Everything", value)
    assert out == b'{"int":-1,"uLong":18446744073709551615,"float":0.333333343,"double":2.0,"decimal":1.50}'
    assert losses == ()
    out, _ = codec.encode(everything_spec, "Everything", {"Double": 1e21, "Float": math.nan})
    assert out == b'{"float":"NaN","double":1E+21}'


def test_a_whole_decimal_gains_a_point_and_a_loss(everything_spec: Spec) -> None:
    out, losses = codec.encode(everything_spec, "Everything", {"Decimal": Decimal("1")})
    assert out == b'{"decimal":1.0}'
    assert said(losses) == ['Decimal: decimal 1 is written as 1.0, which reads back with scale 1']


def test_negative_zero_loses_its_sign(everything_spec: Spec) -> None:
    # Observed: -0.0 and -0.0f are written 0.0 (.NET Framework's "R" drops the sign).
    out, losses = codec.encode(everything_spec, "Everything", {"Double": -0.0})
    assert out == b'{"double":0.0}' and [str(loss.path) for loss in losses] == ["Double"]


def test_strings_are_escaped_as_javascriptutils_does(everything_spec: Spec) -> None:
    # Observed over U+0000..U+00A0, U+2028, U+2029, U+FEFF: only these are escaped; DEL, NBSP, BOM raw.
    text = "\x00\x01\x08\t\n\x0b\x0c\r\x1f \"\\/<>&'\x7f\x85\xa0\u2028\u2029\ufeffé😀"
    out, _ = codec.encode(everything_spec, "Address", {"Street": text})
    expected = ('{"street":"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\"\\\\/<>&\'\x7f\\u0085\xa0'
                '\\u2028\\u2029\ufeffé😀"}')
    assert out == expected.encode("utf-8")
    assert codec.decode(everything_spec, "Address", out)[0] == {"Street": text}


def test_every_code_unit_is_escaped_as_javascriptutils_does() -> None:
    # The rule observed above, over all of the BMP, in one string and alone (the C encoder writes
    # the default escapes; the three line breaks are added to its output).
    from converter.codecs.lexical import json_escape

    named = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
    units = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    expected = [named.get(c) or (f"\\u{ord(c):04x}" if c < " " or c in "\x85\u2028\u2029" else c) for c in units]
    assert json_escape("".join(units)) == "".join(expected)
    assert [json_escape(c) for c in units] == expected


def test_a_lone_surrogate_cannot_be_written(everything_spec: Spec) -> None:
    value, _ = codec.decode(everything_spec, "Everything", b'{"strings": ["ok", "\\ud800"]}')
    with pytest.raises(PayloadError) as caught:
        codec.encode(everything_spec, "Everything", value)
    assert str(caught.value.path) == "Strings[1]" and "lone surrogate" in caught.value.message


def test_emit_default_value_false_leaves_defaults_out(everything_spec: Spec) -> None:
    # Thing.Count and Thing.Note are [DataMember(EmitDefaultValue=false)]: DefaultValueHandling.Ignore.
    out, _ = codec.encode(everything_spec, "Thing", {"Code": "c", "Count": 0, "Note": None, "Alpha": None})
    assert out == b'{"alpha":null,"code":"c"}'
    out, _ = codec.encode(everything_spec, "Thing", {"Code": "c", "Count": -1, "Note": ""})
    assert out == b'{"count":-1,"note":"","code":"c"}'


def test_required_members_must_be_there_to_write(everything_spec: Spec) -> None:
    with pytest.raises(PayloadError) as caught:
        codec.encode(everything_spec, "Thing", {"Alpha": "a"})
    # the object is where the member is missing, as the reader and validate say
    assert (str(caught.value.path), caught.value.message) == ("", "required member code is missing (DataMember IsRequired)")


@pytest.mark.parametrize(("value", "path", "message"), [
    ({"Int": True}, "Int", "int cannot hold a bool value"),
    ({"Byte": 256}, "Byte", "256 is outside byte's range 0..255"),
    ({"Color": 2**31}, "Color", "2147483648 is outside int's range -2147483648..2147483647"),
    ({"Strings": ("a",)}, "Strings", "List<string> cannot hold a tuple value"),
    ({"Home": {"Town": "x"}}, "Home", "Address has no member 'Town'"),
    ({"Flag": None}, "Flag", "null is not a value of bool"),
])
def test_values_that_cannot_be_written(everything_spec: Spec, value: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(PayloadError) as caught:
        codec.encode(everything_spec, "Everything", value)
    assert (str(caught.value.path), caught.value.message) == (path, message)


# -- the spec's json settings ------------------------------------------------------------------------


def test_nulls_ignore_leaves_null_members_out(everything_spec: Spec) -> None:
    spec = _with(everything_spec, nulls="ignore")
    data = (FIXTURES / "everything" / "everything-nulls.json").read_bytes()
    value, _ = codec.decode(spec, "Everything", data)
    out, _ = codec.encode(spec, "Everything", value)
    # Observed with NullValueHandling.Ignore:
    assert out == (b'{"flag":false,"byte":0,"sByte":0,"short":0,"uShort":0,"int":0,"uInt":0,"long":0,"uLong":0,'
                   b'"float":0.0,"double":0.0,"decimal":0.0,"char":"\\u0000","guid":"00000000-0000-0000-0000-'
                   b'000000000000","when":"0001-01-01T00:00:00","whenOffset":"0001-01-01T00:00:00+00:00",'
                   b'"duration":"00:00:00","color":0,"level":1,"perms":0,"is2FAEnabled":false,'
                   b'"id":"00000000-0000-0000-0000-000000000000"}')
    # Observed: list items and dictionary values are still written as null.
    out, _ = codec.encode(spec, "Everything", {"Strings": [None], "Map": {"a": None}, "Text": None})
    assert out == b'{"strings":[null],"map":{"a":null}}'


def test_nulls_ignore_skips_a_null_even_for_a_value_type(everything_spec: Spec) -> None:
    # Observed: with NullValueHandling.Ignore, {"x":null} for an int leaves it 0 instead of throwing.
    assert codec.decode(_with(everything_spec, nulls="ignore"), "Everything", b'{"int": null}') == ({}, ())


def test_enums_as_names(everything_spec: Spec) -> None:
    spec = _with(everything_spec, enums="name")
    value = _full(everything_spec)
    out, _ = codec.encode(spec, "Everything", value)
    # Observed with StringEnumConverter: EnumMember values ("mid"), flags joined with ", ".
    expected = (FIXTURES / "everything" / "everything-full.json").read_bytes()
    for number, name in ((b'"maybeColor":2', b'"maybeColor":"Blue"'), (b'"colors":[1,2]', b'"colors":["Green","Blue"]'),
                         (b'"color":1', b'"color":"Green"'), (b'"level":5', b'"level":"mid"'),
                         (b'"perms":3', b'"perms":"Read, Write"')):
        expected = expected.replace(number, name)
    assert out == expected
    assert codec.decode(spec, "Everything", out)[0] == value
    # A flags value with no name for 0 bits stays a number; None is the zero member.
    assert codec.encode(spec, "Everything", {"Perms": 0})[0] == b'{"perms":"None"}'


def test_enum_names_are_read_whatever_the_setting(everything_spec: Spec) -> None:
    value, _ = codec.decode(everything_spec, "Everything",
                            b'{"color": "blue", "level": "mid", "perms": "Exec, read", "maybeColor": "Green"}')
    assert value == {"Color": 2, "Level": 5, "Perms": 5, "MaybeColor": 1}


def test_naming_none_keeps_clr_names_and_keys(everything_spec: Spec) -> None:
    spec = _with(everything_spec, naming="none")
    value, _ = codec.decode(spec, "Address", (FIXTURES / "everything" / "address.json").read_bytes())
    # Observed with DefaultContractResolver:
    assert codec.encode(spec, "Address", value) == (b'{"Street":"1 Main St","City":"Springfield","Zip":12345}', ())
    assert codec.encode(spec, "Everything", {"Map": {"FirstKey": "v"}}) == (b'{"Map":{"FirstKey":"v"}}', ())


def test_dictionary_keys_are_camel_cased_with_a_loss(everything_spec: Spec) -> None:
    # ProcessDictionaryKeys=true; the fixture's keys were FirstKey, URLKey, Alpha and "beta two".
    value = {"Map": {"FirstKey": "first value", "URLKey": None}, "Counts": {"Alpha": 1, "beta two": -2}}
    out, losses = codec.encode(everything_spec, "Everything", value)
    assert out == b'{"map":{"firstKey":"first value","urlKey":null},"counts":{"alpha":1,"beta two":-2}}'
    assert said(losses) == [
        'Map["FirstKey"]: the key is written as "firstKey": camelCase naming changes dictionary keys',
        'Map["URLKey"]: the key is written as "urlKey": camelCase naming changes dictionary keys',
        'Counts["Alpha"]: the key is written as "alpha": camelCase naming changes dictionary keys',
    ]


KEYS_SPEC = parse_spec("""
spec: 1
types:
  Lv:
    namespace: T
    enum:
      - {name: Mid, value: 5, enumMember: medium}
      - {name: High, value: 10}
  Pm:
    namespace: T
    flags: true
    enum:
      - {name: None, value: 0}
      - {name: Read, value: 1}
      - {name: Write, value: 2}
  Keys:
    namespace: T
    fields:
      Doubles: Dictionary<double,int>
      Floats: Dictionary<float,int>
      Decimals: Dictionary<decimal,int>
      Bools: Dictionary<bool,int>
      Chars: Dictionary<char,int>
      Guids: Dictionary<Guid,int>
      Levels: Dictionary<Lv,int>
      Perms: Dictionary<Pm,int>
      Dates: Dictionary<DateTime,int>
      Offsets: Dictionary<DateTimeOffset,int>
      Spans: Dictionary<TimeSpan,int>
      Longs: Dictionary<long,int>
""")
# Observed: each key's invariant ToString(), then camel-cased (enum keys use names, not EnumMember values).
KEYS_JSON = (b'{"doubles":{"0.3":1,"2":2,"1E+21":3},"floats":{"0.3333333":1},"decimals":{"1.10":1,"1":2},'
             b'"bools":{"true":1},"chars":{"x":1},"guids":{"7c9e6679-7425-40de-944b-e07fc1f90ae7":1},'
             b'"levels":{"mid":1,"high":2},"perms":{"read, Write":1,"none":0},"dates":{"2026-05-29T16:57:00Z":1},'
             b'"offsets":{"2026-05-29T16:57:00+02:00":1},"spans":{"1.02:03:04.5000000":1},"longs":{"-5":1}}')


def test_dictionary_keys_of_every_simple_type() -> None:
    value = {
        "Doubles": {0.1 + 0.2: 1, 2.0: 2, 1e21: 3}, "Floats": {1 / 3: 1},
        "Decimals": {Decimal("1.10"): 1, Decimal(1): 2},
        "Bools": {True: 1}, "Chars": {"X": 1}, "Guids": {uuid.UUID("7C9E6679-7425-40DE-944B-E07FC1F90AE7"): 1},
        "Levels": {5: 1, 10: 2}, "Perms": {3: 1, 0: 0}, "Dates": {DateTimeValue.parse("2026-05-29T16:57:00Z"): 1},
        "Offsets": {DateTimeOffsetValue.parse("2026-05-29T16:57:00+02:00"): 1},
        "Spans": {TimeSpanValue.parse_constant("1.02:03:04.5"): 1}, "Longs": {-5: 1},
    }
    out, losses = codec.encode(KEYS_SPEC, "Keys", value)
    assert out == KEYS_JSON
    assert [str(loss.path) for loss in losses] == ["Doubles[0.30000000000000004]", "Floats[0.3333333333333333]",
                                              "Bools[True]", 'Chars["X"]', "Levels[5]", "Levels[10]", "Perms[3]",
                                              "Perms[0]"]
    assert [loss.message for loss in losses[:2]] == ["the key is written with 15 significant digits",
                                                     "the key is written with 7 significant digits"]
    read, read_losses = codec.decode(KEYS_SPEC, "Keys", KEYS_JSON)
    assert read_losses == ()
    assert read["Doubles"] == {0.3: 1, 2.0: 2, 1e21: 3} and read["Bools"] == {True: 1}
    assert read["Levels"] == {5: 1, 10: 2} and read["Perms"] == {3: 1, 0: 0} and read["Chars"] == {"x": 1}
    assert read["Decimals"] == {Decimal("1.10"): 1, Decimal(1): 2} and read["Longs"] == {-5: 1}


# -- layout ----------------------------------------------------------------------------------------


# Observed: Formatting.Indented output of everything-empty.json (read by Json.NET, so "link" is null).
EMPTY_INDENTED = r"""{
  "text": "",
  "flag": false,
  "byte": 0,
  "sByte": 0,
  "short": 0,
  "uShort": 0,
  "int": 0,
  "uInt": 0,
  "long": 0,
  "uLong": 0,
  "float": "-Infinity",
  "double": "NaN",
  "decimal": 0.0,
  "char": "\u0000",
  "guid": "00000000-0000-0000-0000-000000000000",
  "when": "2026-05-29T16:57:00.1",
  "whenOffset": "2026-05-29T16:57:00-02:30",
  "duration": "-1.02:03:04.5000000",
  "link": null,
  "blob": "",
  "maybeInt": 0,
  "maybeWhen": "2026-05-29T16:57:00+00:00",
  "maybeGuid": "00000000-0000-0000-0000-000000000000",
  "maybeColor": 0,
  "maybeOffset": "2026-05-29T16:57:00+00:00",
  "maybeDuration": "00:00:00",
  "strings": [],
  "ints": [],
  "maybeInts": [],
  "addresses": [],
  "colors": [],
  "nested": [
    []
  ],
  "offsets": [],
  "guids": [],
  "byteList": [],
  "map": {
    "": ""
  },
  "counts": {},
  "addressBook": {},
  "byNumber": {},
  "color": 0,
  "level": 1,
  "perms": 0,
  "thing": {
    "alpha": null,
    "note": "",
    "zed": null,
    "code": ""
  },
  "home": {
    "street": null,
    "city": null,
    "zip": null
  },
  "urlValue": "",
  "x509Thumbprint": "",
  "is2FAEnabled": false,
  "id": "00000000-0000-0000-0000-000000000000",
  "externalId": ""
}"""

# Observed: the same for everything-full.json, the members holding objects inside a list and a dictionary.
FULL_INDENTED_PARTS = ("""
  "addresses": [
    {
      "street": "1 Main St\\r\\nApt 2",
      "city": "Zürich",
      "zip": 8001
    },
    null
  ],
""", """
  "addressBook": {
    "home": {
      "street": "1 Main St\\r\\nApt 2",
      "city": "Zürich",
      "zip": 8001
    },
    "work": null
  },
""")


def test_indent_is_json_net_formatting_indented(everything_spec: Spec) -> None:
    data = (FIXTURES / "everything" / "everything-empty.json").read_bytes().replace(b'"link":""', b'"link":null')
    value, _ = codec.decode(everything_spec, "Everything", data)
    assert codec.encode(everything_spec, "Everything", value, Options(indent=True))[0] == EMPTY_INDENTED.encode()
    indented, _ = codec.encode(everything_spec, "Everything", _full(everything_spec), Options(indent=True))
    assert all(part.encode() in indented for part in FULL_INDENTED_PARTS)
    assert codec.decode(everything_spec, "Everything", indented)[0] == _full(everything_spec)
