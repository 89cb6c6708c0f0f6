"""Our DataContract XML against Mono's DataContractSerializer, for fixed-seed Hypothesis payloads.

1. DCS reads our XML, and its re-serialisation equals our compact output byte for byte.
4. What DCS refuses, we refuse; what it accepts, we read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.codecs import xml
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.spec import Spec
from tests.interop.conftest import Dotnet, examples, first_difference

CASES = [("seed", "OutgoingSecureMessageModel", 300), ("everything", "Everything", 300),
         ("everything", "Thing", 100), ("everything", "Address", 50)]
#: schemas/real-contracts.yaml: its classes, and bodies that are not a class (their roots: ArrayOfX, <int>, z:anyType).
REAL = [("real", "Holder", 300), ("real", "ApiResponse<Common.Dto.Get.Order>", 50), ("real", "PlainModel", 30),
        ("real", "List<ProductModel>", 50), ("real", "int[]", 20), ("real", "Dictionary<string,string>", 30),
        ("real", "Size", 5), ("real", "int", 20), ("real", "object", 60), ("real", "ProductList", 40),
        ("real", "PriceBook", 40)]


@pytest.mark.parametrize("spec_name, type_name, count", CASES + REAL)
def test_dcs_rewrites_our_xml_byte_for_byte(dotnet: Dotnet, request: pytest.FixtureRequest,
                                            spec_name: str, type_name: str, count: int) -> None:
    spec: Spec = request.getfixturevalue(f"{spec_name}_spec")
    values = examples(values_for(spec, type_name, server_offset="+00:00", complete=True), count)
    ours = {f"{i:04d}.xml": xml.encode(spec, type_name, v)[0] for i, v in enumerate(values)}
    theirs = dotnet.batch("xml-roundtrip", type_name, ours)
    different = [name for name in ours if theirs[name] != ours[name]]
    assert not different, [first_difference(ours[n], theirs[n]) for n in different[:3]]
    assert len(ours) >= min(count * 0.9, len(set(ours.values())))


SEED = Path(__file__).resolve().parents[2] / "fixtures" / "outgoing-secure-messages" / "request.xml"


def _variant(old: bytes, new: bytes) -> bytes:
    data = SEED.read_bytes()
    assert old in data
    return data.replace(old, new, 1)


VERDICTS = {
    # name: (payload, DCS accepts?)
    "True for a bool": (_variant(b"<IsRepresentative>true<", b"<IsRepresentative>True<"), False),
    "1 for a bool": (_variant(b"<IsRepresentative>true<", b"<IsRepresentative>1<"), True),
    "0 for a bool": (_variant(b"<IsRepresentative>true<", b"<IsRepresentative>0<"), True),
    "upper-case Guid": (_variant(b"d13d3b4b-c197-4c8b-9d68-f4c1a23e99b1", b"D13D3B4B-C197-4C8B-9D68-F4C1A23E99B1"), True),
    "a control character reference": (_variant(b"<Body>sample string 4", b"<Body>a&#x1;b"), True),
    "i:nil on a non-nullable DateTime": (_variant(b"<CreationDate>2026-05-29T16:57:00.3151696+00:00</CreationDate>",
                                                  b'<CreationDate i:nil="true"/>'), False),
    "a lone surrogate reference": (_variant(b"<Body>sample string 4", b"<Body>&#xD800;"), False),
    "a comment and spaces": (_variant(b"<Body>", b"<!-- note -->\n  <Body>"), True),
    "a wrong root namespace": (_variant(b'xmlns="http://schemas.datacontract.org/2004/07/GlobalPortal.Api.Models.OutgoingSecureMessages">',
                                        b'xmlns="http://schemas.datacontract.org/2004/07/Wrong">'), False),
}


def test_we_refuse_and_accept_what_dcs_does(dotnet: Dotnet, seed_spec: Spec) -> None:
    names = sorted(VERDICTS)
    theirs = dotnet.batch("xml-roundtrip", "OutgoingSecureMessageModel",
                          {f"{i:02d}.xml": VERDICTS[n][0] for i, n in enumerate(names)})
    for i, name in enumerate(names):
        payload, accepted = VERDICTS[name]
        assert isinstance(theirs[f"{i:02d}.xml"], bytes) is accepted, (name, theirs[f"{i:02d}.xml"])
        try:
            xml.decode(seed_spec, "OutgoingSecureMessageModel", payload)
            ours = True
        except PayloadError:
            ours = False
        assert ours is accepted, name


def test_required_data_member_is_enforced_like_dcs(dotnet: Dotnet, everything_spec: Spec) -> None:
    payload = (b'<Item xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://contoso.example/items">'
               b"<Alpha>a</Alpha></Item>")
    assert isinstance(dotnet.batch("xml-roundtrip", "Thing", {"t.xml": payload})["t.xml"], str)
    with pytest.raises(PayloadError, match="required member code"):
        xml.decode(everything_spec, "Thing", payload)


OBJECT_VERDICTS = {
    # an object element: (payload, DCS accepts?) as Mono's DataContractSerializer reads it
    "a boxed long": (b'<z:anyType xmlns:z="http://schemas.microsoft.com/2003/10/Serialization/" '
                     b'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="http://www.w3.org/2001/XMLSchema" '
                     b'i:type="x:long">5</z:anyType>', True),
    "an unknown i:type": (b'<z:anyType xmlns:z="http://schemas.microsoft.com/2003/10/Serialization/" '
                          b'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:x="http://www.w3.org/2001/XMLSchema" '
                          b'i:type="x:nope">5</z:anyType>', False),
    "a class without known types": (b'<z:anyType xmlns:z="http://schemas.microsoft.com/2003/10/Serialization/" '
                                    b'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
                                    b'xmlns:x="http://schemas.datacontract.org/2004/07/Contoso.Shop" '
                                    b'i:type="x:ProductModel"><x:Id>3</x:Id></z:anyType>', False),
    "content without i:type": (b'<z:anyType xmlns:z="http://schemas.microsoft.com/2003/10/Serialization/">5</z:anyType>',
                               False),
    "a bare object": (b'<z:anyType xmlns:z="http://schemas.microsoft.com/2003/10/Serialization/" />', True),
}


def test_object_reads_what_dcs_reads(dotnet: Dotnet, real_spec: Spec) -> None:
    names = sorted(OBJECT_VERDICTS)
    theirs = dotnet.batch("xml-roundtrip", "object", {f"{i:02d}.xml": OBJECT_VERDICTS[n][0] for i, n in enumerate(names)})
    for i, name in enumerate(names):
        payload, accepted = OBJECT_VERDICTS[name]
        assert isinstance(theirs[f"{i:02d}.xml"], bytes) is accepted, (name, theirs[f"{i:02d}.xml"])
        try:
            written = xml.encode(real_spec, "object", xml.decode(real_spec, "object", payload).value).data
            assert written == theirs[f"{i:02d}.xml"], name
            ours = True
        except PayloadError:
            ours = False
        assert ours is accepted, name
