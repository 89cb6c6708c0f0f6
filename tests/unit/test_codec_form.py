"""The form codec against Web API's form binding.

Rules are from /work/shared/reference/dotnet-wire-research.md section 4 and the sources
it cites: [WH] aspnet/AspNetWebStack src/System.Web.Http/ (FormDataCollectionExtensions.cs
NormalizeJQueryToMvc, ValueProviders/, ModelBinding/Binders/), [WF]
src/System.Net.Http.Formatting/Formatting/Parsers/FormUrlEncodedParser.cs, [CM] referencesource
System/compmod/system/componentmodel/ (the TypeConverters).
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from converter.codecs import FormStyle, Options
from converter.codecs.form import decode, encode, mvc_key
from converter.codecs.values import DateTimeOffsetValue, DateTimeValue, Loss, TimeSpanValue
from converter.errors import Origin, PayloadError
from converter.spec import Spec, parse_spec
from converter.spec.model import ClassType, DataMember, EnumType, EnumValue, Field, Named, Primitive
from tests.conftest import said

SEED = "OutgoingSecureMessageModel"
STYLES: tuple[FormStyle, ...] = ("mvc", "jquery")

MESSAGE: dict[str, Any] = {
    "Id": uuid.UUID("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
    "ExternalId": "msg 1",
    "FromSecureRecipientExternalId": "dr-7",
    "Patients": [
        {"ExternalId": "p1", "IsRepresentative": False},
        {"ExternalId": "p2", "IsRepresentative": True, "RepresentativeExternalId": "rep/9"},
    ],
    "Subject": "Résultats & suivi",
    "Body": "Line 1\r\nLine 2 + more",
    "Status": "Draft",
    "CreationDate": DateTimeValue(datetime(2026, 5, 29, 16, 57), 3151690),
    "SentDate": None,
    "FileData": [{"FileName": "a.txt", "FileData": b"@@"}],
}

EVERYTHING: dict[str, Any] = {
    "Id": uuid.UUID(int=1), "ExternalId": "e-1",
    "Text": "  kept as typed ~ ! * ( ) '  ", "Flag": True, "Byte": 255, "SByte": -128, "Short": -32768,
    "UShort": 65535, "Int": -2147483648, "UInt": 4294967295, "Long": -(2**63), "ULong": 2**64 - 1,
    "Float": 3.4028234663852886e38, "Double": 0.1 + 0.2, "Decimal": Decimal("-1.10"),
    "Char": "é", "Guid": uuid.UUID("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
    "When": DateTimeValue(datetime(2026, 5, 29, 16, 57, 1), 1),
    "WhenOffset": DateTimeOffsetValue(datetime(2026, 5, 29, 22, 27), 5000000, 330),
    "Duration": TimeSpanValue(-(86400 * 10**7 + 5)), "Link": "../relative path?q=1#frag",
    "Blob": bytes([0, 1, 255]), "MaybeInt": None, "MaybeWhen": DateTimeValue(datetime(2000, 1, 1)),
    "MaybeGuid": None, "MaybeColor": 2, "MaybeOffset": DateTimeOffsetValue(datetime(2026, 1, 1), 0, -480),
    "MaybeDuration": TimeSpanValue(0),
    "Strings": ["a", "b c"], "Ints": [1, -2], "MaybeInts": [None, 3],
    "Addresses": [{"Street": "1 Main", "City": None, "Zip": 12345}, {"City": "X"}],
    "Colors": [0, 1, 7], "Nested": [["x"], ["y", "z"]],
    "Offsets": [DateTimeOffsetValue(datetime(2026, 1, 1), 0, 0)],
    "Guids": [uuid.UUID(int=2)], "ByteList": [1, 2],
    "Map": {"k": "v", "k2": None}, "Counts": {"a": 1}, "AddressBook": {"home": {"Zip": 1}},
    "ByNumber": {1: "one", -2: "minus two"},
    "Color": 1, "Level": 5, "Perms": 3,
    "Thing": {"Code": "c", "Count": 0, "Zed": "z", "Alpha": "a", "Note": None},
    "Home": {"Street": "s"}, "URLValue": "u", "X509Thumbprint": "t", "Is2FAEnabled": False,
}


def read(spec: Spec, body: str | bytes, type_name: str = "Everything") -> tuple[Any, list[Loss]]:
    return decode(spec, type_name, body.encode() if isinstance(body, str) else body)


def bound(spec: Spec, body: str | bytes, type_name: str = "Everything") -> Any:
    """The bound value of a body that must bind without losses."""
    value, losses = read(spec, body, type_name)
    assert losses == ()
    return value


def error(spec: Spec, body: str, type_name: str = "Everything") -> PayloadError:
    with pytest.raises(PayloadError) as caught:
        read(spec, body, type_name)
    return caught.value


# --- round trips ---------------------------------------------------------------------------


def test_the_default_style_is_mvc() -> None:
    assert Options().form_style == "mvc"


@pytest.mark.parametrize("style", STYLES)
def test_seed_message_round_trips(seed_spec: Spec, style: FormStyle) -> None:
    body, losses = encode(seed_spec, SEED, MESSAGE, Options(form_style=style))
    assert losses == ()
    assert decode(seed_spec, SEED, body) == (MESSAGE, ())


@pytest.mark.parametrize("style", STYLES)
def test_everything_round_trips(everything_spec: Spec, style: FormStyle) -> None:
    body, losses = encode(everything_spec, "Everything", EVERYTHING, Options(form_style=style))
    assert losses == ()
    assert decode(everything_spec, "Everything", body) == (EVERYTHING, ())


def test_mvc_style_is_what_an_aspnet_rendered_form_posts(seed_spec: Spec) -> None:
    # Html helpers name inputs Patients[0].ExternalId; the browser percent-encodes the
    # brackets (URL standard urlencoded serializer). Keys in DataContract order: base
    # class first, then ordinal (ExternalId < Id).
    value = {"Id": uuid.UUID(int=0), "ExternalId": "x y", "Patients": [{"ExternalId": "p", "IsRepresentative": True}],
             "FileData": [{"FileData": b"@@"}]}
    assert encode(seed_spec, SEED, value) == (
        b"ExternalId=x+y&Id=00000000-0000-0000-0000-000000000000"
        b"&FileData%5B0%5D.FileData=QEA%3D"
        b"&Patients%5B0%5D.ExternalId=p&Patients%5B0%5D.IsRepresentative=true",
        (),
    )


def test_jquery_style_is_what_jquery_param_posts(seed_spec: Spec) -> None:
    # jQuery.param: objects as a[0][b], arrays of simple values as a[] (CLR case kept;
    # binding is case-insensitive).
    value = {"Patients": [{"ExternalId": "p"}], "FileData": [{"FileData": b"@A"}]}
    body, losses = encode(seed_spec, SEED, value, Options(form_style="jquery"))
    assert body == b"FileData%5B0%5D%5BFileData%5D=QEE%3D&Patients%5B0%5D%5BExternalId%5D=p"
    assert losses == ()


def test_both_key_styles_decode_to_the_same_value(seed_spec: Spec) -> None:
    mvc = "Patients[0].ExternalId=p&Patients[0].IsRepresentative=true&FileData[0].FileData=QEE%3D"
    jquery = "patients[0][externalId]=p&patients[0][isRepresentative]=true&fileData[0][fileData]=QEE%3D"
    expected = {"Patients": [{"ExternalId": "p", "IsRepresentative": True}], "FileData": [{"FileData": b"@A"}]}
    assert bound(seed_spec, mvc, SEED) == bound(seed_spec, jquery, SEED) == expected


def test_an_empty_body_binds_null(seed_spec: Spec) -> None:
    # FormDataCollectionExtensions.ReadAsInternal: nothing bound -> default(T).
    assert read(seed_spec, "", SEED) == (None, ())
    assert encode(seed_spec, SEED, None) == (b"", ())


# --- keys --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "mvc"),
    [
        ("x[]", "x"),
        ("x[name]", "x.name"),
        ("x[0]", "x[0]"),
        ("patients[0][externalId]", "patients[0].externalId"),
        ("patients[][name]", "patients.name"),
        ("a[b][c]", "a.b.c"),
        ("[]", ""),
        ("Patients[0].ExternalId", "Patients[0].ExternalId"),
        ("x[\u0663]", "x[\u0663]"),  # Char.IsDigit is any Unicode decimal digit
        ("x]", "x]"),
    ],
)
def test_jquery_keys_normalise_to_mvc_keys(key: str, mvc: str) -> None:
    assert mvc_key(key) == mvc


def test_a_missing_closing_bracket_is_an_error_at_its_pair(seed_spec: Spec) -> None:
    body = "ExternalId=a&Patients[0.ExternalId=b"
    caught = error(seed_spec, body, SEED)
    assert caught.origin == Origin("<input>", 1, body.index("Patients") + 1)
    assert "without its ']'" in caught.message


def test_empty_brackets_do_not_bind_a_list_of_objects(seed_spec: Spec) -> None:
    # patients[][externalId] -> patients.externalId: the prefix makes a list, but index 0 is
    # missing, so it is empty, and no member reads the key.
    value, losses = read(seed_spec, "patients[][externalId]=p", SEED)
    assert value == {"Patients": []}
    assert said(losses) == ['patients.externalId: ignored by the model binder: no member binds this key']


def test_keys_are_case_insensitive(seed_spec: Spec) -> None:
    body = "externalid=a&PATIENTS[0].isREPRESENTATIVE=TRUE&patients[0][ExternalID]=p"
    assert bound(seed_spec, body, SEED) == {"ExternalId": "a", "Patients": [{"ExternalId": "p", "IsRepresentative": True}]}


def test_keys_are_clr_names_not_json_or_datamember_names() -> None:
    origin = Origin("test")
    field = Field("Subject", Primitive("string"), origin, json_name="subjectLine", data_member=DataMember(name="Title"))
    spec = Spec("t", "t", {"M": ClassType("M", "N", (field,), origin)})
    assert read(spec, "subject=a", "M") == ({"Subject": "a"}, ())
    value, losses = read(spec, "subjectLine=a&Title=b", "M")
    assert value == {}
    assert [str(loss.path) for loss in losses] == ["subjectLine", "Title"]


def test_unknown_keys_are_reported(seed_spec: Spec) -> None:
    value, losses = read(seed_spec, "ExternalId=a&Nope=1&Patients[0].Age=3", SEED)
    assert value == {"ExternalId": "a", "Patients": [{}]}
    assert said(losses) == [
        'Nope: ignored by the model binder: no member binds this key',
        'Patients[0].Age: ignored by the model binder: no member binds this key',
    ]


# --- body decoding -------------------------------------------------------------------------


def test_plus_is_space_and_percent_escapes_are_utf8(seed_spec: Spec) -> None:
    body = ("Subject=caf%C3%A9+au+lait&Body=%E2%9C%93%F0%9F%98%80+a%2Bb%26c%3Dd"
            "&ExternalId=%e6%97%a5&Patients%5B0%5D%5BexternalId%5D=p+1&FromSecureRecipientName=bad%C3")
    assert bound(seed_spec, body, SEED) == {
        "Subject": "café au lait",
        "Body": "✓😀 a+b&c=d",
        "ExternalId": "日",
        "Patients": [{"ExternalId": "p 1"}],
        "FromSecureRecipientName": "bad\ufffd",  # WebUtility.UrlDecode replaces bad UTF-8
    }


def test_a_plus_in_a_key_is_a_space(seed_spec: Spec) -> None:
    assert said(read(seed_spec, "External+Id=x", SEED)[1]) == [
        'External Id: ignored by the model binder: no member binds this key'
    ]


def test_raw_utf8_and_pairs_without_a_value(seed_spec: Spec) -> None:
    # [WF] FormUrlEncodedParser: a name without '=' has the value "", which binds null.
    assert bound(seed_spec, "Subject=café&Body&&ExternalId=a=b".encode(), SEED) == {
        "Subject": "café", "Body": None, "ExternalId": "a=b"}


def test_a_body_that_is_not_utf8_is_an_error(seed_spec: Spec) -> None:
    with pytest.raises(PayloadError) as caught:
        decode(seed_spec, SEED, b"Subject=caf\xe9", source="msg.form")
    assert caught.value.origin == Origin("msg.form", 1, 12)


# --- empty values and repeated values --------------------------------------------------------


def test_empty_and_whitespace_values_bind_null(seed_spec: Spec) -> None:
    # ConvertEmptyStringToNull: "" and whitespace-only bind null ([WH] ModelBindingHelper.cs).
    assert bound(seed_spec, "Subject=&Body=%20%09&SentDate=+", SEED) == {"Subject": None, "Body": None, "SentDate": None}


def test_an_empty_value_leaves_a_non_nullable_member_unset(everything_spec: Spec) -> None:
    # MutableObjectModelBinder.SetProperty skips the setter for null on a value type.
    value, losses = read(everything_spec, "Flag=&Int=+&Color=&Text=x")
    assert value == {"Text": "x"}
    assert said(losses) == [
        "Color: an empty value cannot set a non-nullable Color: the member is left unset and ModelState gets "
        "'A value is required.'",
        "Flag: an empty value cannot set a non-nullable bool: the member is left unset and ModelState gets "
        "'A value is required.'",
        "Int: an empty value cannot set a non-nullable int: the member is left unset and ModelState gets "
        "'A value is required.'",
    ]


def test_ordinary_values_are_not_trimmed(everything_spec: Spec) -> None:
    assert bound(everything_spec, "Text=+a+&Link=+x") == {"Text": " a ", "Link": " x"}


def test_the_first_of_several_values_wins(everything_spec: Spec) -> None:
    # Html.CheckBoxFor posts Flag=true&Flag=false for a ticked box; ValueProviderResult
    # converts the first value for a single-valued target.
    value, losses = read(everything_spec, "Flag=true&flag=false")
    assert value == {"Flag": True}
    assert said(losses) == ['Flag: 2 values for one bool: the first binds, the rest are ignored']


# --- collections -----------------------------------------------------------------------------


def test_binding_stops_at_the_first_missing_index(seed_spec: Spec) -> None:
    value, losses = read(seed_spec, "Patients[0].ExternalId=a&Patients[2].ExternalId=c&Patients[3][externalId]=d", SEED)
    assert value == {"Patients": [{"ExternalId": "a"}]}
    assert said(losses) == [
        'Patients[2].ExternalId: index 2 is past index 1, which is missing: binding stops at the first gap',
        'Patients[3].externalId: index 3 is past index 1, which is missing: binding stops at the first gap',
    ]


def test_indexes_start_at_zero(seed_spec: Spec) -> None:
    # The prefix is there, so the collection binds, but index 0 is not: an empty list.
    value, losses = read(seed_spec, "Patients[1].ExternalId=b", SEED)
    assert value == {"Patients": []}
    assert [str(loss.path) for loss in losses] == ["Patients[1].ExternalId"]


def test_indexes_listed_in_dot_index_bind_in_that_order(seed_spec: Spec) -> None:
    body = "Patients.index=7&Patients[index]=3&Patients[3].ExternalId=y&Patients[7].ExternalId=x"
    assert bound(seed_spec, body, SEED) == {"Patients": [{"ExternalId": "x"}, {"ExternalId": "y"}]}
    # An index name that does not start with a digit is rewritten as a member first
    # (Patients[a] -> Patients.a), so it never binds; the listed index binds as null.
    value, losses = read(seed_spec, "Patients.index=a&Patients[a].ExternalId=x", SEED)
    assert value == {"Patients": [None]}
    assert [str(loss.path) for loss in losses] == ["Patients.a.ExternalId"]


def test_simple_lists_bind_from_repeated_or_indexed_keys(everything_spec: Spec) -> None:
    for body in ("Ints=1&Ints=2", "Ints[0]=1&Ints[1]=2", "ints[]=1&INTS[]=2"):
        assert bound(everything_spec, body) == {"Ints": [1, 2]}


def test_an_exact_key_makes_indexed_keys_unread(everything_spec: Spec) -> None:
    value, losses = read(everything_spec, "Ints=1&Ints[0]=5")
    assert value == {"Ints": [1]}
    assert [str(loss.path) for loss in losses] == ["Ints[0]"]


def test_an_empty_item_of_a_value_type_binds_its_default(everything_spec: Spec) -> None:
    # CollectionModelBinder adds CastOrDefault<T>(null): 0 for int, null for int?.
    value, losses = read(everything_spec, "Ints=1&Ints=&MaybeInts[0]=&MaybeInts[1]=2&Guids=")
    assert value == {"Ints": [1, 0], "MaybeInts": [None, 2], "Guids": [uuid.UUID(int=0)]}
    assert said(losses) == [
        'Guids[0]: an empty value binds the default Guid in a collection',
        'Ints[1]: an empty value binds the default int in a collection',
    ]


def test_blank_strings_in_a_list_bind_null(everything_spec: Spec) -> None:
    # Observed on Mono's Web API (tests/interop/test_webapi_interop.py): repeated or indexed,
    # an empty or whitespace-only item binds null; a lone empty value is a list of one null.
    value, losses = read(everything_spec, "Strings=a&Strings=&Strings=%20")
    assert value == {"Strings": ["a", None, None]} and losses == ()
    assert bound(everything_spec, "Strings=") == {"Strings": [None]}
    assert bound(everything_spec, "Strings[0]=a&Strings[1]=") == {"Strings": ["a", None]}
    body, losses = encode(everything_spec, "Everything", {"Strings": ["a", ""]}, Options(form_style="jquery"))
    assert body == b"Strings%5B%5D=a&Strings%5B%5D="
    assert said(losses) == ["Strings[1]: an empty value binds null (ConvertEmptyStringToNull)"]


def test_byte_arrays_are_one_base64_value(seed_spec: Spec) -> None:
    # Observed on Mono's Web API: FileData=QEA%3D binds; repeated decimal bytes, indexed items
    # and text that is not base64 bind null, without a model error.
    assert bound(seed_spec, "FileData[0].FileData=QEE%3D", SEED) == {"FileData": [{"FileData": b"@A"}]}
    value, losses = read(seed_spec, "FileData[0].FileData=64&FileData[0].FileData=65", SEED)
    assert value == {"FileData": [{"FileData": None}]}
    assert said(losses) == ["FileData[0].FileData: 2 values for one byte[]: it binds null (a byte[] is one base64 value)"]
    value, losses = read(seed_spec, "FileData[0].FileData=QEA", SEED)
    assert value == {"FileData": [{"FileData": None}]}
    assert said(losses) == ['FileData[0].FileData: "QEA" is not base64: the byte[] binds null']
    value, losses = read(seed_spec, "FileData[0].FileData[0]=64", SEED)
    assert value == {"FileData": [{}]} and [str(loss.path) for loss in losses] == ["FileData[0].FileData[0]"]
    body, losses = encode(seed_spec, SEED, {"FileData": [{"FileData": b"\0" * 3000}]})
    assert len(body) < 4100 and losses == ()  # 4 characters per 3 bytes, not up to 4 per byte and a key each


def test_a_public_field_is_never_bound_from_a_form() -> None:
    # Observed on Mono's Web API: [DataMember] public string Building; stays null.
    spec = parse_spec("spec: 1\ntypes:\n  A:\n    fields:\n      Name: string\n      Building: {type: string, field: true}\n")
    value, losses = decode(spec, "A", b"Name=n&Building=b")
    assert value == {"Name": "n"}
    assert said(losses) == ["Building: a public field: Web API's form binder sets properties only, so the value is ignored"]
    body, losses = encode(spec, "A", {"Name": "n", "Building": "b"})
    assert body == b"Name=n"
    assert said(losses) == ["Building: a public field: Web API's form binder sets properties only, so the value is "
                            "ignored; it is not sent"]


def test_a_uri_binds_as_system_uri_normalises_it(everything_spec: Spec) -> None:
    value, losses = read(everything_spec, "Link=HTTP://Example.COM/a/../b")
    assert value == {"Link": "HTTP://Example.COM/a/../b"}
    assert said(losses) == ['Link: System.Uri normalises "HTTP://Example.COM/a/../b" to "http://example.com/b"']


def test_dictionaries_bind_key_value_pairs(everything_spec: Spec) -> None:
    body = ("Map[0].Key=a&Map[0].Value=b&map[1][key]=c&Map[1].value="
            "&ByNumber[0].Key=-1&ByNumber[0].Value=x&AddressBook[0].Key=home&AddressBook[0].Value.City=Paris")
    assert bound(everything_spec, body) == {
        "Map": {"a": "b", "c": None}, "ByNumber": {-1: "x"}, "AddressBook": {"home": {"City": "Paris"}}}


def test_dictionary_entries_need_a_key(everything_spec: Spec) -> None:
    value, losses = read(everything_spec, "Map[0].Value=b&Map[1].Key=k&Map[1].Value=v&Map[2].Key=k&Map[2].Value=w")
    assert value == {"Map": {"k": "w"}}
    assert said(losses) == [
        'Map[0]: an entry without Key binds as the default pair',
        'Map[0]: an entry whose Key binds null is dropped',
        'Map[2]: key "k" again: the last entry wins',
    ]


def test_a_bare_key_binds_an_empty_object(everything_spec: Spec) -> None:
    # MutableObjectModelBinder binds whenever the prefix is present.
    assert bound(everything_spec, "Home=&Addresses[0]=&Addresses[1].Zip=1") == {
        "Home": {}, "Addresses": [{}, {"Zip": 1}]}
    value, losses = read(everything_spec, "Home=x")
    assert value == {"Home": {}}
    assert said(losses) == ['Home: Address takes no value of its own: the value is ignored']


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Flag=true", True), ("Flag=FALSE", False), ("Flag=+True%09", True),
        ("Int=%2B42", 42), ("Int=-0", 0), ("Int=0x1F", 31), ("SByte=%23FF", -1), ("UShort=%26hFFFF", 65535),
        ("Long=-9223372036854775808", -(2**63)), ("ULong=18446744073709551615", 2**64 - 1),
        ("Double=1E%2B21", 1e21), ("Double=.5", 0.5), ("Double=-Infinity", -math.inf), ("Double=Infinity", math.inf),
        ("Float=0.1", 0.10000000149011612),  # Single.Parse: rounded to float32
        ("Decimal=1.10", Decimal("1.10")), ("Decimal=-.5", Decimal("-0.5")), ("Decimal=1.5e2", Decimal("150")),
        ("Decimal=15e-1", Decimal("1.5")), ("Decimal=0.0000001E%2B7", Decimal("1")),
        ("Char=%C3%A9", "é"), ("Char=+x+", "x"), ("Char=%00", "\0"),
        ("Guid=6F9619FF8B86D011B42D00C04FC964FF", uuid.UUID("6f9619ff-8b86-d011-b42d-00c04fc964ff")),
        ("Guid=%7B6f9619ff-8b86-d011-b42d-00c04fc964ff%7D", uuid.UUID("6f9619ff-8b86-d011-b42d-00c04fc964ff")),
        ("Guid=(6f9619ff-8b86-d011-b42d-00c04fc964ff)", uuid.UUID("6f9619ff-8b86-d011-b42d-00c04fc964ff")),
        ("When=2026-05-29T16:57:00.5", DateTimeValue(datetime(2026, 5, 29, 16, 57), 5000000)),
        ("When=2026-05-29", DateTimeValue(datetime(2026, 5, 29))),  # <input type=date>
        ("When=2026-05-29T16:57", DateTimeValue(datetime(2026, 5, 29, 16, 57))),  # <input type=datetime-local>
        ("When=2026-05-29+16:57:01", DateTimeValue(datetime(2026, 5, 29, 16, 57, 1))),
        ("WhenOffset=2026-05-29T22:27:00%2B05:30", DateTimeOffsetValue(datetime(2026, 5, 29, 22, 27), 0, 330)),
        ("WhenOffset=2026-05-29T22:27Z", DateTimeOffsetValue(datetime(2026, 5, 29, 22, 27), 0, 0)),
        ("Duration=1.02:03:04.5", TimeSpanValue(((86400 + 7384) * 10 + 5) * 10**6)),
        ("Duration=14:30", TimeSpanValue(52200 * 10**7)),  # <input type=time>; TimeSpan.Parse reads hh:mm
        ("Duration=-2", TimeSpanValue(-2 * 86400 * 10**7)),  # a bare number is days
        ("Link=not a uri%3F", "not a uri?"),  # UriKind.RelativeOrAbsolute; kept as written
        ("Color=green", 1), ("Color=2", 2), ("Color=9", 9),  # Enum.Parse takes undefined numbers
        ("Level=MID", 5), ("Perms=read,+Exec", 5), ("Perms=1,2", 3), ("MaybeColor=Blue", 2),
    ],
)
def test_values_convert_as_the_invariant_type_converters_do(everything_spec: Spec, body: str, expected: Any) -> None:
    assert bound(everything_spec, body) == {body.partition("=")[0]: expected}


def test_nan_binds(everything_spec: Spec) -> None:
    assert math.isnan(bound(everything_spec, "Double=NaN")["Double"])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Flag=on", '"on" is not a bool (true or false, in any case; not on or 1)'),
        ("Flag=1", '"1" is not a bool'),
        ("Byte=256", "256 is outside byte's range 0..255"),
        ("Int=1.0", '"1.0" is not an int (an integer)'),
        ("Int=1%2C000", "is not an int (an integer)"),
        ("Int=%EF%BC%91", "is not an int (an integer)"),  # a fullwidth digit: Int32.Parse reads ASCII digits only
        ("Short=0x10000", '"0x10000" is not a short (hexadecimal digits after #, 0x or &h)'),
        ("Double=nan", "is not a double"),  # the invariant symbols are case-sensitive on .NET Framework
        ("Double=inf", "is not a double"),
        ("Double=1e400", "\"1e400\" is outside double's range"),
        ("Float=3.5e38", "\"3.5e38\" is outside float's range"),
        ("Decimal=1e29", "outside System.Decimal's range"),
        ("Decimal=1e999999999", "outside System.Decimal's range"),
        ("Decimal=1+e5", "is not a decimal"),
        ("Char=ab", '"ab" is not a char (one UTF-16 code unit)'),
        ("Char=%F0%9F%98%80", "is not a char (one UTF-16 code unit)"),  # two UTF-16 units
        ("Guid=xyz", "is not a Guid"),
        ("Guid=%7B6f9619ff8b86d011b42d00c04fc964ff%7D", "is not a Guid"),
        ("When=05/29/2026", '"05/29/2026" is not a DateTime (ISO 8601, such as 2026-05-29T16:57:00)'),
        ("WhenOffset=2026-05-29T22:27:00", "has no offset"),
        ("Duration=24:00", "is not a TimeSpan"),
        ("Color=purple", 'expected one of Red, Green, Blue; got "purple"'),
        ("Perms=Read,", 'expected one of None, Read, Write, Exec; got "Read,"'),  # [RS] enum.cs: an empty part
    ],
)
def test_values_the_converters_reject_are_errors(everything_spec: Spec, body: str, message: str) -> None:
    caught = error(everything_spec, "Text=x&" + body)
    assert message in caught.message
    assert str(caught.path) == body.partition("=")[0]
    assert caught.origin == Origin("<input>", 1, 8)


def test_enum_member_values_are_not_names_to_the_enum_converter() -> None:
    # EnumConverter calls Enum.Parse, which knows CLR names only, not [EnumMember(Value)].
    origin = Origin("test")
    enum = EnumType("Size", "N", (EnumValue("Large", 1, origin, enum_member="L"),), origin)
    cls = ClassType("M", "N", (Field("Size", Named("Size"), origin),), origin)
    spec = Spec("t", "t", {"Size": enum, "M": cls})
    assert read(spec, "Size=large", "M") == ({"Size": 1}, ())
    assert error(spec, "Size=L", "M").message == 'expected one of Large; got "L"'


def test_a_zoned_datetime_is_read_with_a_loss(everything_spec: Spec) -> None:
    value, losses = read(everything_spec, "When=2026-05-29T16:57:00Z")
    assert value == {"When": DateTimeValue(datetime(2026, 5, 29, 16, 57), 0, "Z")}
    assert said(losses) == ["When: DateTime.Parse converts a time with Z or an offset to the server's local time, so its zone is not kept"]


def test_errors_name_the_column_and_the_member_path(seed_spec: Spec) -> None:
    body = "ExternalId=a&Patients[0].ExternalId=b&Patients[1].IsRepresentative=on"
    with pytest.raises(PayloadError) as caught:
        decode(seed_spec, SEED, body.encode(), source="msg.form")
    col = body.index("Patients[1]") + 1
    assert caught.value.origin == Origin("msg.form", 1, col)
    assert str(caught.value.path) == "Patients[1].IsRepresentative"
    assert caught.value.show().startswith(f"msg.form:1:{col}: error: Patients[1].IsRepresentative: \"on\" is not a bool")


def test_errors_inside_dictionaries_name_key_or_value(everything_spec: Spec) -> None:
    caught = error(everything_spec, "Counts[0].Key=a&Counts[0].Value=99999999999")
    assert (str(caught.path), caught.origin) == ("Counts[0].Value", Origin("<input>", 1, 17))


# --- encoding --------------------------------------------------------------------------------


def test_null_sends_an_empty_value_which_binds_null(seed_spec: Spec) -> None:
    body, losses = encode(seed_spec, SEED, {"SentDate": None, "Subject": None})
    assert (body, losses) == (b"SentDate=&Subject=", ())
    assert read(seed_spec, body, SEED) == ({"SentDate": None, "Subject": None}, ())


def test_absent_members_are_not_sent(seed_spec: Spec) -> None:
    assert encode(seed_spec, SEED, {"Subject": "s"}) == (b"Subject=s", ())


def test_keys_follow_data_contract_order(everything_spec: Spec) -> None:
    # Unordered members by ordinal name, then Order 0 (Zed), then Order 1 (Code).
    thing = {"Code": "c", "Zed": "z", "Note": "n", "Count": 1, "Alpha": "a"}
    assert encode(everything_spec, "Thing", thing) == (b"Alpha=a&Count=1&Note=n&Zed=z&Code=c", ())


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("mvc", b"Text=a+b%7E%21*%28%29%27%C3%A9%2B%26%3D%5B%5D"),  # URL standard: only *-._ stay
        ("jquery", b"Text=a+b~!*()'%C3%A9%2B%26%3D%5B%5D"),  # encodeURIComponent, %20 as +
    ],
)
def test_percent_encoding_follows_the_style(everything_spec: Spec, style: FormStyle, expected: bytes) -> None:
    text = "a b~!*()'é+&=[]"
    assert encode(everything_spec, "Everything", {"Text": text}, Options(form_style=style)) == (expected, ())
    assert read(everything_spec, expected) == ({"Text": text}, ())


@pytest.mark.parametrize(
    ("member", "value", "text"),
    [
        ("Perms", 3, "Read%2C+Write"), ("Perms", 0, "None"), ("Perms", 8, "8"),
        ("Color", 7, "7"), ("Level", 5, "Mid"),  # the CLR name, not the EnumMember value
        ("Double", math.inf, "Infinity"), ("Double", -math.inf, "-Infinity"), ("Double", math.nan, "NaN"),
        ("Double", 1e21, "1E%2B21"), ("Float", 0.3333333432674408, "0.333333343"), ("Decimal", Decimal("1.50"), "1.50"),
        ("Char", "\0", "%00"), ("Guid", uuid.UUID(int=255), "00000000-0000-0000-0000-0000000000ff"),
        ("Duration", TimeSpanValue(45_000_000), "00%3A00%3A04.5000000"),
        ("When", DateTimeValue(datetime(2026, 5, 29, 16, 57)), "2026-05-29T16%3A57%3A00"),
        ("WhenOffset", DateTimeOffsetValue(datetime(2026, 5, 29), 0, 0), "2026-05-29T00%3A00%3A00%2B00%3A00"),
    ],
)
def test_values_are_written_in_forms_the_converters_read(
    everything_spec: Spec, member: str, value: Any, text: str
) -> None:
    body, losses = encode(everything_spec, "Everything", {member: value})
    assert (body, losses) == (f"{member}={text}".encode(), ())
    back = read(everything_spec, body)[0][member]
    assert back == value or math.isnan(back) and math.isnan(value)


# Each case: the value, the losses it reports, and what the server binds from the body.
LOSSES: list[tuple[str, dict[str, Any], FormStyle, list[tuple[str, str]], dict[str, Any]]] = [
    ("empty string", {"Text": ""}, "mvc", [("Text", "an empty value binds null")], {"Text": None}),
    ("blank string", {"Text": " \t"}, "mvc", [("Text", "a whitespace-only value binds null")], {"Text": None}),
    ("blank char", {"Char": " "}, "mvc", [("Char", "binds null (ConvertEmptyStringToNull), so the member is left unset")], {}),
    ("empty list", {"Ints": []}, "mvc", [("Ints", "an empty list sends no keys: the member is left unset")], {}),
    ("null list", {"Ints": None}, "mvc", [("Ints", "null sends no keys: the member is left unset")], {}),
    ("empty dict", {"Map": {}}, "mvc", [("Map", "an empty dictionary sends no keys")], {}),
    ("empty bytes", {"Blob": b""}, "mvc", [("Blob", "an empty byte[] is sent as an empty value, which binds null")],
     {"Blob": None}),
    ("null object", {"Home": None}, "mvc", [("Home", "null sends no keys")], {}),
    ("zoned DateTime", {"When": DateTimeValue(datetime(2026, 1, 1), 0, "+02:00")}, "mvc",
     [("When", "converts a time with Z or an offset to the server's local time")],
     {"When": DateTimeValue(datetime(2026, 1, 1), 0, "+02:00")}),
    ("lone surrogate", {"Text": "a\ud800"}, "mvc", [("Text", "sent as U+FFFD")], {"Text": "a\ufffd"}),
    ("null object item", {"Addresses": [None, {"Zip": 1}]}, "mvc",
     [("Addresses[0]", "bare key, which binds an empty object")], {"Addresses": [{}, {"Zip": 1}]}),
    ("empty list item", {"Nested": [["a"], [], ["b"]]}, "mvc",
     [("Nested[1]", "an empty list sends no keys: binding stops at the first missing index, so items 1 to 2 are lost")],
     {"Nested": [["a"]]}),
    ("null list item", {"Nested": [None]}, "jquery",
     [("Nested[0]", "a null item sends no keys"), ("Nested", "an empty list sends no keys")], {}),
    ("blank dict key", {"Map": {" ": "x", "k": "v"}}, "mvc",
     [('Map[" "]', "the entry is not sent: a blank key binds null")], {"Map": {"k": "v"}}),
    ("empty dict value", {"AddressBook": {"a": None, "b": {}}}, "mvc",
     [('AddressBook["a"]', "a null object is sent as its bare key")], {"AddressBook": {"a": {}, "b": {}}}),
    ("list dict value", {"Counts": {"a": 1}, "Map": {"k": "   "}}, "mvc",
     [('Map["k"]', "a whitespace-only value binds null")], {"Counts": {"a": 1}, "Map": {"k": None}}),
    ("jQuery null string item", {"Strings": ["a", None]}, "jquery", [], {"Strings": ["a", None]}),
    ("jQuery single null string", {"Strings": [None]}, "jquery", [], {"Strings": [None]}),
    ("MVC null string item", {"Strings": ["a", None]}, "mvc", [], {"Strings": ["a", None]}),
    ("MVC empty string item", {"Strings": ["a", ""]}, "mvc", [("Strings[1]", "an empty value binds null")],
     {"Strings": ["a", None]}),
    ("empty object", {"Home": {}}, "mvc", [], {"Home": {}}),
]


@pytest.mark.parametrize(("case", "value", "style", "expected", "server"), LOSSES, ids=[c[0] for c in LOSSES])
def test_losses_are_reported_with_their_path(
    everything_spec: Spec,
    case: str,
    value: dict[str, Any],
    style: FormStyle,
    expected: list[tuple[str, str]],
    server: dict[str, Any],
) -> None:
    body, losses = encode(everything_spec, "Everything", {"ExternalId": "e", **value}, Options(form_style=style))
    assert [str(loss.path) for loss in losses] == [path for path, _ in expected]
    for loss, (_, fragment) in zip(losses, expected):
        assert fragment in loss.message
    assert read(everything_spec, body)[0] == {"ExternalId": "e", **server}


def test_an_object_with_nothing_to_send_is_an_empty_body(everything_spec: Spec) -> None:
    body, losses = encode(everything_spec, "Everything", {"Ints": []})
    assert body == b""
    assert [str(loss.path) for loss in losses] == ["Ints", ""]
    assert losses[1].message == "nothing to send: an empty body binds null, not an empty object"


def test_an_empty_byte_array_inside_a_list_item_binds_null_there_only(seed_spec: Spec) -> None:
    value = {"FileData": [{"FileData": b"@"}, {"FileData": b""}, {"FileName": "c"}]}
    body, losses = encode(seed_spec, SEED, value)
    assert said(losses) == ["FileData[1].FileData: an empty byte[] is sent as an empty value, which binds null"]
    assert read(seed_spec, body, SEED) == ({"FileData": [{"FileData": b"@"}, {"FileData": None}, {"FileName": "c"}]}, ())


@pytest.mark.parametrize(
    ("value", "path", "message"),
    [
        ({"Int": "1"}, "Int", "str '1' does not fit int"),
        ({"Int": True}, "Int", "bool True does not fit int"),
        ({"Byte": 256}, "Byte", "256 is outside byte's range 0..255"),
        ({"Decimal": Decimal("NaN")}, "Decimal", "Decimal Decimal('NaN') does not fit decimal"),
        ({"Flag": None}, "Flag", "null is not a bool"),
        ({"Char": "ab"}, "Char", '"ab" is not a char (one UTF-16 code unit)'),
        ({"Nope": 1}, "Nope", "Everything has no member 'Nope'"),
        ({"Addresses": [{"Zip": "x"}]}, "Addresses[0].Zip", "str 'x' does not fit int"),
        ({"Color": "Red"}, "Color", "str 'Red' does not fit Color"),
        ({"Blob": [1]}, "Blob", "list [1] does not fit byte[]"),
    ],
)
def test_encode_rejects_values_that_do_not_fit_the_spec(
    everything_spec: Spec, value: dict[str, Any], path: str, message: str
) -> None:
    with pytest.raises(PayloadError) as caught:
        encode(everything_spec, "Everything", value)
    assert (str(caught.value.path), caught.value.message) == (path, message)


def test_only_a_class_binds_from_a_form(everything_spec: Spec) -> None:
    with pytest.raises(PayloadError, match="not a class"):
        decode(everything_spec, "Color", b"x=1")
