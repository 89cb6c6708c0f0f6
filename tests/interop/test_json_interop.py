"""Our JSON against Json.NET 6.0.8 on Mono, for fixed-seed Hypothesis payloads.

2. Our XML-to-JSON conversion of DataContractSerializer's output equals Json.NET's JSON for
   the same object, byte for byte; and the reverse, JSON to XML, equals DCS's XML.
"""

from __future__ import annotations

from typing import Any

import pytest

from converter.codecs import messages, xml
from converter.convert import convert
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.spec import Spec
from converter.spec.datacontract import camel_case
from tests.interop.conftest import Dotnet, examples, first_difference

CASES = [("seed", "OutgoingSecureMessageModel", 300), ("everything", "Everything", 300),
         ("everything", "Thing", 100), ("real", "Holder", 300), ("real", "ApiResponse<Common.Dto.Get.Order>", 50),
         ("real", "List<ProductModel>", 50), ("real", "Dictionary<string,string>", 30), ("real", "object", 60),
         ("real", "ProductList", 40), ("real", "PriceBook", 40), ("real", "int", 20), ("real", "PlainModel", 30)]


def same_in_both_versions(value: Any) -> bool:
    """False when a dictionary key camel-cases differently in Mono's Json.NET 6.0.8 and in the
    current Json.NET the bundled specs follow (json.namingVersion 8.0.3, the default)."""
    if isinstance(value, dict):
        return all((not isinstance(k, str) or camel_case(k) == camel_case(k, "4.5.11")) and same_in_both_versions(v)
                   for k, v in value.items())
    if isinstance(value, list):
        return all(same_in_both_versions(v) for v in value)
    return True


@pytest.mark.parametrize("spec_name, type_name, count", CASES)
def test_xml_to_json_matches_json_net(dotnet: Dotnet, request: pytest.FixtureRequest,
                                      spec_name: str, type_name: str, count: int) -> None:
    spec: Spec = request.getfixturevalue(f"{spec_name}_spec")
    values = [v for v in examples(values_for(spec, type_name, server_offset="+00:00", complete=True), count)
              if same_in_both_versions(v)]
    payloads = {f"{i:04d}.xml": xml.encode(spec, type_name, v)[0] for i, v in enumerate(values)}
    dcs = dotnet.batch("xml-roundtrip", type_name, payloads)
    json_net = dotnet.batch("xml-to-json", type_name, payloads)
    different = []
    for name, data in payloads.items():
        assert dcs[name] == data  # DCS wrote it: this is DataContractSerializer's output
        ours = convert(spec, data, to="json", from_="xml", type_name=type_name).output
        if ours != json_net[name]:
            different.append(first_difference(ours, json_net[name]))
    assert not different, different[:3]
    assert len(payloads) >= min(count * 0.8, len(set(payloads.values())))


@pytest.mark.parametrize("spec_name, type_name, count", CASES)
def test_json_to_xml_matches_data_contract_serializer(dotnet: Dotnet, request: pytest.FixtureRequest,
                                                      spec_name: str, type_name: str, count: int) -> None:
    spec: Spec = request.getfixturevalue(f"{spec_name}_spec")
    values = [v for v in examples(values_for(spec, type_name, server_offset="+00:00", complete=True), count, seed=7)
              if same_in_both_versions(v)]
    payloads = {f"{i:04d}.json": convert(spec, xml.encode(spec, type_name, v)[0], to="json", from_="xml",
                                         type_name=type_name).output for i, v in enumerate(values)}
    theirs = dotnet.batch("json-to-xml", type_name, payloads)
    different = []
    for name, data in payloads.items():
        try:
            ours = convert(spec, data, to="xml", from_="json", type_name=type_name).output
        except PayloadError as exc:
            # What Json.NET reads into object as a JObject or JArray: DCS refuses them
            # (InvalidDataContractException).
            assert exc.message == messages.JTOKEN_TO_XML, exc
            continue
        if ours != theirs[name]:
            different.append(first_difference(ours, theirs[name]))
    assert not different, different[:3]
