"""XSD generation: the seed contract's done-when cases and the Everything spec against Mono."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from converter.generate.xsd import namespace_file, to_xsd
from converter.spec import Spec, parse_spec
from tests.conftest import FIXTURES, ROOT
from tests.xsd_structure import read_dir, structure

SEED_XML = (FIXTURES / "seed" / "request.xml").read_bytes()
MODELS = "http://schemas.datacontract.org/2004/07/GlobalPortal.Api.Models"
ENGINES = ["xmlschema", "lxml"]


def fixed(xml: bytes) -> bytes:
    """The help page sample with possible values for the two placeholder members."""
    return xml.replace(b"sample string 5", b"Draft").replace(b"sample string 6", b"High")


@pytest.mark.parametrize("engine", ENGINES)
def test_seed_sample_validates_as_written_under_wire(seed_spec: Spec, xml_checkers, engine: str) -> None:
    assert xml_checkers(seed_spec, "wire")[engine](SEED_XML) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_seed_sample_fails_on_exactly_the_placeholders_under_contract(seed_spec: Spec, xml_checkers, engine: str) -> None:
    errors = xml_checkers(seed_spec, "contract")[engine](SEED_XML)
    assert len(errors) == 2
    assert any("Status" in e for e in errors)
    assert any("Priority" in e for e in errors)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("profile", ["contract", "wire"])
def test_seed_sample_with_possible_values_validates(seed_spec: Spec, xml_checkers, engine: str, profile) -> None:
    assert xml_checkers(seed_spec, profile)[engine](fixed(SEED_XML)) == []


BROKEN = {
    # contract: ExternalId is required (present and not nil).
    "missing required member": lambda x: re.sub(rb"<ExternalId xmlns=[^>]*>[^<]*</ExternalId>\n", b"", x, count=1),
    "nil required member": lambda x: x.replace(b">sample string 1</FromSecureRecipientExternalId>",
                                               b' i:nil="true"></FromSecureRecipientExternalId>'),
    "bad enum value": lambda x: x.replace(b"<Status>Draft</Status>", b"<Status>Drafted</Status>"),
    "misspelt element": lambda x: x.replace(b"<Subject>sample string 3</Subject>", b"<Subjet>sample string 3</Subjet>"),
    # DataContractSerializer reads a base member only in the base class's namespace.
    "wrong namespace": lambda x: x.replace(f'<Id xmlns="{MODELS}">'.encode(), b"<Id>"),
    "bad guid": lambda x: x.replace(b"d13d3b4b-c197", b"d13d3b4b-x197"),
    "bad bool": lambda x: x.replace(b"<IsRepresentative>true<", b"<IsRepresentative>True<", 1),
    "bad base64": lambda x: x.replace(b"QEA=", b"QEA", 1),
    "out of order": lambda x: x.replace(b"<Body>sample string 4</Body>\n", b"").replace(
        b"</Subject>", b"</Subject>\n<Body>sample string 4</Body>"),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("breakage", sorted(BROKEN))
def test_seed_sample_broken_in_one_place_fails(seed_spec: Spec, xml_checkers, engine: str, breakage: str) -> None:
    broken = BROKEN[breakage](fixed(SEED_XML))
    assert broken != fixed(SEED_XML)
    assert xml_checkers(seed_spec, "contract")[engine](broken) != []


def test_wire_profile_is_lenient_about_contract_promises(seed_spec: Spec, xml_checkers) -> None:
    # Only the contract demands ExternalId; DataContractSerializer itself reads a payload without it.
    missing = BROKEN["missing required member"](fixed(SEED_XML))
    assert xml_checkers(seed_spec, "wire")["lxml"](missing) == []
    assert xml_checkers(seed_spec, "contract")["lxml"](missing) != []


def test_wire_profile_matches_xsd_data_contract_exporter(seed_spec: Spec, everything_spec: Spec) -> None:
    # tests/interop/expected/xsd is XsdDataContractExporter's output on Mono for the C# models of both specs
    # (tests/interop/dotnet/Models.cs): the same components, namespace by namespace.
    exported = structure(read_dir(ROOT / "tests" / "interop" / "expected" / "xsd"))
    for spec in (seed_spec, everything_spec):
        ours = structure(to_xsd(spec, "wire"))
        for namespace, components in ours.items():
            assert namespace in exported, namespace
            for key, content in components.items():
                assert exported[namespace].get(key) == content, (namespace, key)


def test_real_contracts_wire_profile_is_the_exporters_both_ways(real_spec: Spec) -> None:
    # tests/interop/expected/xsd-real-contracts: Mono's exporter on the real-contracts models and bodies
    # (List<ProductModel>, int[], object...). Every component equal, none missing on either side: the
    # no-namespace schema, [CollectionDataContract] ItemName/KeyName/ValueName, GenericType annotations,
    # xs:anyType, names through EncodeLocalName (first_x0020_name).
    exported = structure(read_dir(ROOT / "tests" / "interop" / "expected" / "xsd-real-contracts"))
    ours = structure(to_xsd(real_spec, "wire"))
    assert ours == exported
    assert ("complexType", "PlainModel") in ours[""]
    assert ("complexType", "ApiResponseOfOrderRwwgaBDv") in ours["http://schemas.datacontract.org/2004/07/Contoso.Api"]


def test_no_namespace_schema_is_included_by_the_index(real_spec: Spec, xml_checkers) -> None:
    plain = (FIXTURES / "real-contracts" / "plain.xml").read_bytes()
    assert xml_checkers(real_spec, "contract")["lxml"](plain) == []
    assert xml_checkers(real_spec, "contract")["xmlschema"](plain) == []
    moved = plain.replace(b"<PlainModel ", b'<PlainModel xmlns="urn:wrong" ', 1)
    assert xml_checkers(real_spec, "contract")["lxml"](moved) != []


def test_everything_exports_every_namespace_mono_does(everything_spec: Spec) -> None:
    files = to_xsd(everything_spec, "wire")
    expected = {p.name for p in (ROOT / "tests" / "interop" / "expected" / "xsd").glob("*.xsd")}
    assert set(files) - {"index.xsd"} == expected - {"GlobalPortal.Api.Models.xsd",
                                                     "GlobalPortal.Api.Models.OutgoingSecureMessages.xsd"}


EVERYTHING_XML = sorted((FIXTURES / "everything").glob("*.xml"))
# .NET writes characters XML 1.0 forbids as references (&#x1;, CheckCharacters=false); XML 1.0 parsers,
# and so both schema engines, refuse them (../shared/reference/dotnet-wire-rules.md, "Text").
_FORBIDDEN_REF = re.compile(rb"&#x(0*[0-8bcefBCEF]|0*1[0-9a-fA-F]|0*[fF]{3}[eEfF]);")


def parseable(xml: bytes) -> bytes:
    return _FORBIDDEN_REF.sub(b"?", xml)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("profile", ["contract", "wire"])
@pytest.mark.parametrize("path", EVERYTHING_XML, ids=lambda p: p.name)
def test_everything_accepts_what_data_contract_serializer_writes(everything_spec: Spec, xml_checkers, engine, profile,
                                                                  path: Path) -> None:
    assert xml_checkers(everything_spec, profile)[engine](parseable(path.read_bytes())) == []


EVERYTHING_BROKEN = {
    "int out of range": (b"<Int>-2147483648</Int>", b"<Int>-2147483649</Int>"),
    "char as a letter": (b"<Char>60</Char>", b"<Char>x</Char>"),
    "TimeSpan in Json.NET form": (b"<Duration>P1DT2H3M4.5S</Duration>", b"<Duration>1.02:03:04.5</Duration>"),
    "undefined enum name": (b"<Color>Green</Color>", b"<Color>Purple</Color>"),
    "flags joined with a comma": (b"<Perms>Read Write</Perms>", b"<Perms>Read, Write</Perms>"),
    "enum name instead of EnumMember value": (b"<Level>mid</Level>", b"<Level>Mid</Level>"),
    "primitive list item in the wrong namespace": (b"<d2p1:int>2147483647</d2p1:int>", b"<int>2147483647</int>"),
    "required DataMember missing": (b"<d2p1:code>C-1</d2p1:code>", b""),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", sorted(EVERYTHING_BROKEN))
def test_everything_rejects_what_dotnet_would_not_write(everything_spec: Spec, xml_checkers, engine, case) -> None:
    old, new = EVERYTHING_BROKEN[case]
    source = (FIXTURES / "everything" / "everything-full.xml").read_bytes()
    assert old in source
    assert xml_checkers(everything_spec, "wire")[engine](source.replace(old, new, 1)) != []


CONTRACT_SPEC = """
spec: 1
types:
  Order:
    namespace: Shop
    fields:
      Code: {type: string, required: true, minLength: 2, maxLength: 4, pattern: "[A-Z]+"}
      Qty: {type: int, minimum: 1, maximum: 10}
      Lines: {type: List<string>, minItems: 1, maxItems: 2}
      Kind: {type: string, enum: [A, B]}
"""


@pytest.mark.parametrize("body, ok", [
    (b"<Code>AB</Code><Kind>A</Kind><Lines><a:string>x</a:string></Lines><Qty>1</Qty>", True),
    (b"<Code>A</Code>", False),             # minLength
    (b"<Code>ABCDE</Code>", False),         # maxLength
    (b"<Code>ab</Code>", False),            # pattern, implicitly anchored like [RegularExpression]
    (b"<Code>AB</Code><Qty>0</Qty>", False),  # minimum
    (b"<Code>AB</Code><Qty>11</Qty>", False),  # maximum
    (b"<Code>AB</Code><Lines/>", False),    # minItems
    (b"<Code>AB</Code><Lines><a:string>x</a:string><a:string>y</a:string><a:string>z</a:string></Lines>", False),
    (b"<Code>AB</Code><Kind>C</Kind>", False),  # enum
    (b"<Qty>1</Qty>", False),               # required
    (b'<Code i:nil="true"/>', False),       # required means not null
])
def test_contract_profile_facets(tmp_path: Path, body: bytes, ok: bool) -> None:
    spec = parse_spec(CONTRACT_SPEC)
    from tests.conftest import write_xsd

    schema = etree.XMLSchema(etree.parse(str(write_xsd(spec, "contract", tmp_path))))  # noqa: S320
    doc = (b'<Order xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
           b'xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays" '
           b'xmlns="http://schemas.datacontract.org/2004/07/Shop">' + body + b"</Order>")
    assert schema.validate(etree.fromstring(doc)) is ok, schema.error_log


def test_generation_is_deterministic(everything_spec: Spec) -> None:
    assert to_xsd(everything_spec) == to_xsd(everything_spec)


def test_namespace_files_are_distinct_and_safe() -> None:
    names = [namespace_file(ns) for ns in ("http://schemas.datacontract.org/2004/07/", "urn:x:y",
                                           "http://schemas.microsoft.com/2003/10/Serialization/")]
    assert names == ["DataContract.xsd", "x.y.xsd", "Serialization.xsd"]
