"""The XML codec against DataContractSerializer's real bytes (fixtures written on Mono) and its reading rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.codecs import Options
from converter.codecs import xml
from converter.codecs.values import DateTimeOffsetValue, TimeSpanValue
from converter.errors import PayloadError
from converter.spec import Spec, parse_spec
from tests.conftest import FIXTURES

EVERYTHING_TYPES = {"address.xml": "Address", "thing-min.xml": "Thing"}


@pytest.mark.parametrize("path", sorted((FIXTURES / "everything").glob("*.xml")), ids=lambda p: p.name)
def test_everything_round_trips_to_dcs_bytes(everything_spec: Spec, path: Path) -> None:
    # fixtures/everything: DataContractSerializer.WriteObject through an XmlWriter on Mono (tests/interop).
    data = path.read_bytes()
    value, losses = xml.decode(everything_spec, EVERYTHING_TYPES.get(path.name, "Everything"), data, str(path))
    out, _ = xml.encode(everything_spec, EVERYTHING_TYPES.get(path.name, "Everything"), value)
    assert out == data
    assert losses == ()


def test_help_page_sample_reads_and_writes_compact_dcs_bytes(seed_spec: Spec) -> None:
    sample = (FIXTURES / "seed" / "request.xml").read_bytes()
    sample = sample.replace(b"sample string 5", b"Draft").replace(b"sample string 6", b"High")
    value, losses = xml.decode(seed_spec, "OutgoingSecureMessageModel", sample)
    assert losses == ()
    out, _ = xml.encode(seed_spec, "OutgoingSecureMessageModel", value)
    assert out == (FIXTURES / "outgoing-secure-messages" / "request.xml").read_bytes()


def test_indent_lays_out_one_element_per_line(seed_spec: Spec) -> None:
    compact = (FIXTURES / "outgoing-secure-messages" / "request.xml").read_bytes()
    value, _ = xml.decode(seed_spec, "OutgoingSecureMessageModel", compact)
    indented, _ = xml.encode(seed_spec, "OutgoingSecureMessageModel", value, Options(indent=True))
    lines = indented.decode().splitlines()
    assert lines[0].startswith("<OutgoingSecureMessageModel ")
    assert lines[1] == '  <ExternalId xmlns="http://schemas.datacontract.org/2004/07/GlobalPortal.Api.Models">sample string 9</ExternalId>'
    assert "    <FileAttachmentModel>" in lines
    assert xml.decode(seed_spec, "OutgoingSecureMessageModel", indented)[0] == value


def test_decoded_values_keep_what_the_wire_says(everything_spec: Spec) -> None:
    value, _ = xml.decode(everything_spec, "Everything", (FIXTURES / "everything" / "everything-full.xml").read_bytes())
    assert str(value["Decimal"]) == "1.10"
    assert str(value["When"]) == "2026-05-29T16:57:00.3151696Z"
    assert value["WhenOffset"] == DateTimeOffsetValue.parse("2026-05-29T22:27:00.123+05:30")
    assert value["Duration"] == TimeSpanValue.parse_constant("1.02:03:04.5")
    assert value["Char"] == "<" and value["Blob"] == b"\x00\x01\xff"
    assert value["Perms"] == 3 and value["Level"] == 5
    assert value["Addresses"][1] is None and value["MaybeInts"] == [7, None]


SPEC = parse_spec("""
spec: 1
types:
  Base: {namespace: B, fields: {Id: int, Name: string}}
  A:
    namespace: N
    base: Base
    fields:
      Flag: bool
      Key: Guid
      Count: int
      Price: decimal
      Code: {type: string, dataMember: {isRequired: true}}
""")
HEAD = (b'<A xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/N">'
        b'<Id xmlns="http://schemas.datacontract.org/2004/07/B">1</Id>')


def read(body: bytes) -> tuple[dict, list]:
    return xml.decode(SPEC, "A", HEAD + body + b"</A>", "t.xml")


def test_reading_accepts_what_dcs_accepts() -> None:
    # dotnet-wire-rules.md "Reading": 1/0 for bool, spaces around numbers, upper-case Guids, comments.
    value, losses = read(b"<!-- c --><Code>x</Code><Count> 42 </Count><Flag>1</Flag>"
                         b"<Key>D13D3B4B-C197-4C8B-9D68-F4C1A23E99B1</Key>")
    assert value["Count"] == 42 and value["Flag"] is True and str(value["Key"]).startswith("d13d3b4b")
    assert losses == ()


def test_control_character_references_are_read() -> None:
    value, _ = read(b"<Code>a&#x1;b&#31;</Code>")
    assert value["Code"] == "a\x01b\x1f"
    out, _ = xml.encode(SPEC, "A", value)
    assert b"<Code>a&#x1;b&#x1F;</Code>" in out


@pytest.mark.parametrize("body, message", [
    (b"<Count>1</Count>", "required member Code"),
    (b'<Code>x</Code><Count i:nil="true"/>', "i:nil on a member of value type int"),
    (b"<Code>x</Code><Flag>True</Flag>", r'"True" is not a bool \(true, false, 1 or 0\)'),
    (b"<Code>x</Code><Count>45.0</Count>", r'"45.0" is not an int \(an integer\)'),
    (b"<Code>x</Code><Price>1E3</Price>", r'"1E3" is not a decimal'),
    (b"<Code>x</Code><Count>2147483648</Count>", "outside"),
])
def test_reading_refuses_what_dcs_refuses(body: bytes, message: str) -> None:
    with pytest.raises(PayloadError, match=message) as info:
        read(body)
    assert info.value.origin is not None and info.value.origin.file == "t.xml" and info.value.origin.line == 1


def test_silently_skipped_elements_are_reported() -> None:
    # dotnet-wire-rules.md: members are matched forward only; out of order, unknown or
    # wrong-namespace elements are skipped and the server sees null.
    value, losses = xml.decode(SPEC, "A", (
        b'<A xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/N">'
        b"<Name>wrong namespace</Name><Code>x</Code><Flag>1</Flag><Count>2</Count><Extra/></A>"), "t.xml")
    assert value == {"Code": "x", "Flag": True}
    reasons = [loss.message for loss in losses]
    assert any("wrong namespace" in r for r in reasons)
    assert any("out of DataContract order" in r for r in reasons)
    assert any("not a member" in r for r in reasons)


def test_wrong_root_is_an_error() -> None:
    with pytest.raises(PayloadError, match="the root element must be A in namespace http://schemas.datacontract.org/2004/07/N; got A in "):
        xml.decode(SPEC, "A", b"<A><Code>x</Code></A>")


def test_writing_reports_and_refuses() -> None:
    _, losses = xml.encode(SPEC, "A", {"Code": "a\rb"})
    assert [str(loss.path) for loss in losses] == ["Code"]
    with pytest.raises(PayloadError, match="lone surrogate"):
        xml.encode(SPEC, "A", {"Code": "\ud800"})


def test_flags_are_written_in_declaration_order(everything_spec: Spec) -> None:
    # [RS] EnumDataContract.WriteEnumValue; Mono wrote "Read Write" for 3.
    out, _ = xml.encode(everything_spec, "Everything", {"Perms": 7, "Color": 1})
    assert b"<Perms>Read Write Exec</Perms>" in out and b"<Color>Green</Color>" in out
    with pytest.raises(PayloadError, match="not a combination"):
        xml.encode(everything_spec, "Everything", {"Perms": 8})
    with pytest.raises(PayloadError, match="not a value of enum Color"):
        xml.encode(everything_spec, "Everything", {"Color": 7})


def test_a_key_twice_in_a_dictionary_is_refused_as_data_contract_serializer_does(everything_spec: Spec) -> None:
    """Observed on Mono (the fuzzer's differential run found it): keys "\\r\\n" and "\\n" both read back
    as "\\n", and DCS throws ArgumentException "An item with the same key has already been added"."""
    from converter.codecs.messages import REPEATED_XML_KEY

    data, losses = xml.encode(everything_spec, "Everything", {"Map": {"\r\n": "a", "\n": "b"}, "Level": 1})
    assert losses  # the carriage return is said to be lost...
    with pytest.raises(PayloadError) as refused:  # ...and the second "\n" is refused, as DCS refuses it
        xml.decode(everything_spec, "Everything", data)
    assert refused.value.message == REPEATED_XML_KEY
