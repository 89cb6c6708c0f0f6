"""The codecs on issue 9a's constructs, against the bytes Mono wrote (fixtures/real-contracts, written by
tests/interop/dotnet/Interop.cs samples-real): bodies that are not a class, the empty namespace,
[CollectionDataContract], object, generic contracts, qualified keys and encoded names."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from converter.codecs import codec, form, json, messages, xml
from converter.codecs.values import Boxed
from converter.convert import convert
from converter.errors import PayloadError
from converter.spec import Spec
from tests.conftest import FIXTURES
from tests.validate.test_verdicts import DERIVED_WITHOUT_MARKER, REAL_TYPES

REAL = FIXTURES / "real-contracts"


@pytest.mark.parametrize("stem", sorted(REAL_TYPES))
@pytest.mark.parametrize("encoding", ["xml", "json"])
def test_mono_bytes_read_and_write_back_byte_for_byte(real_spec: Spec, stem: str, encoding: str) -> None:
    data = (REAL / f"{stem}.{encoding}").read_bytes()
    value, losses = codec(encoding).decode(real_spec, REAL_TYPES[stem], data, stem)  # type: ignore[arg-type]
    if f"{stem}.{encoding}" in DERIVED_WITHOUT_MARKER:  # 9b: Json.NET reads back the declared type, and says so
        assert [loss.message for loss in losses] == [messages.unknown_member("Shape", "Json.NET")] * len(losses) != []
        return
    assert losses == ()
    assert codec(encoding).encode(real_spec, REAL_TYPES[stem], value).data == data  # type: ignore[arg-type]


@pytest.mark.parametrize("stem", sorted(REAL_TYPES))
def test_xml_to_json_is_json_nets_and_the_type_comes_from_the_root(real_spec: Spec, stem: str) -> None:
    result = convert(real_spec, (REAL / f"{stem}.xml").read_bytes(), to="json", source=f"{stem}.xml")
    assert result.output == (REAL / f"{stem}.json").read_bytes()
    assert real_spec.resolve(result.type_name) == real_spec.resolve(REAL_TYPES[stem])


def test_roots_of_bodies(real_spec: Spec) -> None:
    # Observed on Mono: primitives in the Serialization namespace without xmlns:i; object as z:anyType.
    assert xml.encode(real_spec, "int", 5).data == b'<int xmlns="http://schemas.microsoft.com/2003/10/Serialization/">5</int>'
    assert xml.encode(real_spec, "object", None).data == (
        b'<z:anyType i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
        b'xmlns:z="http://schemas.microsoft.com/2003/10/Serialization/" />')
    assert xml.encode(real_spec, "List<int>", [1]).data.startswith(
        b'<ArrayOfint xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
        b'xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays">')
    with pytest.raises(PayloadError, match="the root element must be ArrayOfProductModel"):
        xml.decode(real_spec, "List<ProductModel>", b'<ArrayOfint xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"/>')


def test_object_members_keep_their_runtime_type_in_xml_and_say_what_json_changes(real_spec: Spec) -> None:
    value = {"Anything": Boxed("Guid", uuid.UUID(int=1)), "Things": [Boxed("decimal", Decimal("1.50")), None]}
    data = xml.encode(real_spec, "Holder", value).data
    assert b'<Anything xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/" i:type="d2p1:guid">' in data
    assert xml.decode(real_spec, "Holder", data).value == value
    text, losses = json.encode(real_spec, "Holder", value)
    assert text == b'{"anything":"00000000-0000-0000-0000-000000000001","things":[1.50,null]}'
    assert [str(loss) for loss in losses] == [
        "Anything: an object holding a Guid is read back by Json.NET as a string",
        "Things[0]: an object holding a decimal is read back by Json.NET as a double"]
    back = json.decode(real_spec, "Holder", b'{"anything": "2026-01-02T03:04:05Z", "things": [7, 1.5, true, {"a": 1}]}')
    assert back.value["Anything"].type == "DateTime"  # DateParseHandling.DateTime
    assert [b.type for b in back.value["Things"]] == ["long", "double", "bool", "json"]
    with pytest.raises(PayloadError) as refused:
        xml.encode(real_spec, "Holder", back.value)
    assert refused.value.message == messages.JTOKEN_TO_XML


def test_object_refuses_what_dcs_refuses(real_spec: Spec) -> None:
    head = (b'<z:anyType xmlns:z="http://schemas.microsoft.com/2003/10/Serialization/" '
            b'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" ')
    with pytest.raises(PayloadError, match="no known type"):
        xml.decode(real_spec, "object", head + b'xmlns:s="http://schemas.datacontract.org/2004/07/System" '
                                              b'i:type="s:DateTimeOffset"/>')
    with pytest.raises(PayloadError, match="needs i:type"):
        xml.decode(real_spec, "object", head + b">5</z:anyType>")
    with pytest.raises(PayloadError, match="no known type"):
        xml.encode(real_spec, "object", Boxed("DateTimeOffset", None))


def test_form_binds_collection_types_and_says_what_it_drops(real_spec: Spec) -> None:
    value = {"Products": [{"Id": 1, "Name": "A", "Price": Decimal("1.5")}], "Prices": {"a": Decimal(1)},
             "Anything": Boxed("int", 5)}
    data, losses = form.encode(real_spec, "Holder", value)
    assert data == b"Prices%5B0%5D.Key=a&Prices%5B0%5D.Value=1&Products%5B0%5D.Id=1&Products%5B0%5D.Name=A&Products%5B0%5D.Price=1.5"
    assert [str(loss) for loss in losses] == [f"Anything: {messages.FORM_OBJECT}"]
    assert form.decode(real_spec, "Holder", data).value == {k: v for k, v in value.items() if k != "Anything"}
    with pytest.raises(PayloadError, match="a form body binds a class"):
        form.encode(real_spec, "List<ProductModel>", [])


def test_short_names_and_unknown_types(real_spec: Spec) -> None:
    assert json.decode(real_spec, "Contoso.Shop.ProductModel", b'{"id": 1}').value == {"Id": 1}
    with pytest.raises(PayloadError, match="Order is ambiguous"):
        json.decode(real_spec, "Order", b"{}")
    with pytest.raises(PayloadError, match="is not a type of the spec"):
        json.decode(real_spec, "ApiResponse<string>", b"{}")


def test_generated_files_for_generic_uses(real_spec: Spec) -> None:
    from converter.generate import render

    files = render(real_spec)
    assert "ApiResponse[Common.Dto.Get.Order].schema.json" in files and "xsd/no-namespace.xsd" in files
    assert b'<xs:include schemaLocation="no-namespace.xsd"/>' in files["xsd/index.xsd"]
    assert Path("schemas/generated/real-contracts/Holder.schema.json").exists()


def test_a_literal_private_use_character_is_not_taken_for_a_sheltered_reference(real_spec: Spec) -> None:
    # Found by the thorough property run: U+F000B is where the reader shelters &#xB; from libxml2, so a
    # document that holds it literally (and no such reference) must keep it.
    for value in ({"": "\U000f000b"}, {"a": "x\x0by"}):
        data = xml.encode(real_spec, "Dictionary<string,string>", value).data
        assert xml.decode(real_spec, "Dictionary<string,string>", data).value == value
