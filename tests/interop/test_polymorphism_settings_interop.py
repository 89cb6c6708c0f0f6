"""Issue 9b's constructs against Mono: polymorphism ([KnownType], i:type, Json.NET's "$type"), structs,
Json.NET's settings (enums, dates, escaping, defaults, dictionary keys) and Json.NET's reading of
enums and of lenient JSON. Ground truth: DataContractSerializer and Json.NET 6.0.8, run at test time;
the fixtures they wrote are in fixtures/real-contracts/ (regen.sh, ``samples-9b``).

Where Json.NET 6.0.8 and the current Json.NET (13.0.4, whose rules contractkit follows) differ, the
case is left out here and pinned against Json.NET's source in tests/unit/test_polymorphism_settings.py.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from converter.codecs import json as json_codec
from converter.codecs import xml
from converter.convert import convert
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.spec import Spec, load_spec
from converter.spec.model import JsonSettings
from tests.interop.conftest import Dotnet, examples, first_difference
from tests.interop.test_json_interop import same_in_both_versions

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "real-contracts"
SPEC = ROOT / "schemas" / "real-contracts.yaml"
TYPES = {"drawing-derived": "Drawing", "drawing-empty": "Drawing", "shape-circle": "Shape", "knobs": "Settings"}


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(SPEC)


def variant(spec: Spec, **settings: Any) -> Spec:
    """The spec under other Json.NET settings."""
    return dataclasses.replace(spec, json=dataclasses.replace(spec.json, **settings))


def driver_settings(spec: Spec) -> str:
    """The spec's json settings as the driver's CONTRACTKIT_JSON."""
    names = {"type_names": "typeNames", "date_time_zone": "dateTimeZone", "date_format": "dateFormat",
             "defaults": "defaults", "escape": "escape", "enums": "enums"}
    parts = [f"{names[f.name]}={getattr(spec.json, f.name)}" for f in dataclasses.fields(JsonSettings)
             if f.name in names]
    if not spec.json.process_dictionary_keys:
        parts.append("processDictionaryKeys=false")
    return ";".join(parts + [f"assembly={spec.assembly}"])


# -- the fixtures Mono wrote, both ways ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TYPES))
def test_fixtures_both_ways(dotnet: Dotnet, spec: Spec, name: str) -> None:
    type_name = TYPES[name]
    xml_bytes = (FIXTURES / f"{name}.xml").read_bytes()
    json_bytes = (FIXTURES / f"{name}.json").read_bytes()
    value = xml.decode(spec, type_name, xml_bytes).value
    assert xml.encode(spec, type_name, value).data == xml_bytes  # our XML is DCS's
    to_json = convert(spec, xml_bytes, to="json", from_="xml", type_name=type_name)
    assert to_json.output == json_bytes  # XML to JSON equals Json.NET's
    derived = "$type" in repr(value)
    assert any("derived type" in loss.message for loss in to_json.losses) is derived  # and says what is lost
    theirs = dotnet.batch("json-to-xml", type_name, {"in.json": json_bytes})["in.json"]
    ours = convert(spec, json_bytes, to="xml", from_="json", type_name=type_name).output
    assert ours == theirs, first_difference(ours, theirs)  # JSON to XML equals DCS's of Json.NET's reading


# -- fuzzed values, under Web API's default settings and under each other one ------------------

SETTINGS = [
    {},
    {"type_names": "auto"},
    {"type_names": "objects"},
    {"enums": "name"},
    {"enums": "camelCaseString"},
    {"date_time_zone": "Utc"},
    {"date_time_zone": "Unspecified"},
    {"date_time_zone": "Local"},
    {"date_format": "microsoft"},
    {"defaults": "ignore"},
    {"escape": "html"},
    {"escape": "nonAscii"},
    {"process_dictionary_keys": False},
]


def _comparable(spec: Spec, value: Any) -> bool:
    """Leaves out what Json.NET 6.0.8 does differently from the version contractkit follows: camel-cased
    dictionary keys (8.0.3), and with camelCaseString an EnumMember value (6.0.8 camel-cases it too)."""
    if not same_in_both_versions(value):
        return False
    return not (spec.json.enums == "camelCaseString" and "first_value" in repr(value))


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: ",".join(f"{k}={v}" for k, v in s.items()) or "defaults")
@pytest.mark.parametrize("type_name", ["Drawing", "Settings"])
def test_fuzzed_values_match_both_serializers(dotnet: Dotnet, spec: Spec, settings: dict[str, Any],
                                              type_name: str) -> None:
    spec = variant(spec, **settings)
    values = [v for v in examples(values_for(spec, type_name, server_offset="+00:00", complete=True), 60, seed=9)
              if _comparable(spec, v)]
    payloads = {f"{i:03d}.xml": xml.encode(spec, type_name, v).data for i, v in enumerate(values)}
    if not settings:
        dcs = dotnet.batch("xml-roundtrip", type_name, payloads)
        assert [n for n in payloads if dcs[n] != payloads[n]] == []  # DCS rewrites our XML byte for byte
    knobs = driver_settings(spec)
    json_net = dotnet.batch("xml-to-json", type_name, payloads, json_settings=knobs)
    ours_json = {n: convert(spec, data, to="json", from_="xml", type_name=type_name).output
                 for n, data in payloads.items()}
    different = [first_difference(ours_json[n], json_net[n]) for n in payloads if ours_json[n] != json_net[n]]
    assert not different, different[:3]
    back = dotnet.batch("json-to-xml", type_name, ours_json, json_settings=knobs)
    different = []
    for n, data in ours_json.items():
        ours = convert(spec, data, to="xml", from_="json", type_name=type_name).output
        if ours != back[n]:
            different.append(first_difference(ours, back[n]))
    assert not different, different[:3]
    assert len(payloads) >= 40


def test_json_drops_the_derived_type_unless_type_names_keep_it(dotnet: Dotnet, spec: Spec) -> None:
    payload = (FIXTURES / "drawing-derived.xml").read_bytes()
    plain = dotnet.batch("xml-to-json", "Drawing", {"a.xml": payload})["a.xml"]
    lost = dotnet.batch("json-to-xml", "Drawing", {"a.json": plain})["a.json"]
    assert isinstance(lost, bytes) and b"i:type" not in lost  # Json.NET read back a Shape
    auto = variant(spec, type_names="auto")
    typed = dotnet.batch("xml-to-json", "Drawing", {"a.xml": payload}, json_settings=driver_settings(auto))["a.xml"]
    assert isinstance(typed, bytes) and b'"$type":"Contoso.Shapes.Round.Circle, Contoso.Api"' in typed
    kept = dotnet.batch("json-to-xml", "Drawing", {"a.json": typed}, json_settings=driver_settings(auto))["a.json"]
    assert kept == payload == convert(auto, typed, to="xml", from_="json", type_name="Drawing").output


# -- what DCS and Json.NET refuse, contractkit refuses ------------------------------------------

SHAPE_NS = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Contoso.Shapes"'


@pytest.mark.parametrize(("payload", "accepted"), [
    (f'<Shape i:type="Hexagon" {SHAPE_NS}><Name>x</Name></Shape>', False),
    (f'<Shape i:type="Circle" {SHAPE_NS}><Name>x</Name></Shape>', False),  # Circle lives in Contoso.Shapes.Round
    (f'<Shape i:type="q:Circle" {SHAPE_NS}><Name>x</Name></Shape>', False),  # an undeclared prefix
    (f'<Shape i:type=" Square " {SHAPE_NS}><Name>x</Name></Shape>', False),  # not trimmed
    (f'<Shape i:type="Shape" {SHAPE_NS}><Name>x</Name></Shape>', True),
    (f'<Shape i:type="Square" {SHAPE_NS}><Name>x</Name><Side>2</Side></Shape>', True),
    ('<Drawing xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/'
     'Contoso.Shapes"><Origin i:nil="true"/></Drawing>', False),  # a struct is never null
])
def test_xsi_type_verdicts_are_dcs_verdicts(dotnet: Dotnet, spec: Spec, payload: str, accepted: bool) -> None:
    root = "Drawing" if payload.startswith("<Drawing") else "Shape"
    theirs = dotnet.batch("xml-roundtrip", root, {"p.xml": payload.encode()})["p.xml"]
    assert isinstance(theirs, bytes) is accepted, theirs
    try:
        ours = xml.encode(spec, root, xml.decode(spec, root, payload.encode()).value).data
    except PayloadError as exc:
        assert not accepted
        if "Hexagon" in payload:
            assert "known types: Circle, Square" in exc.message
        return
    assert accepted and ours == theirs


def test_an_undefined_enum_value_is_json_only(dotnet: Dotnet, spec: Spec) -> None:
    """(Tone)1000: Json.NET reads and writes it as the number; DataContractSerializer throws."""
    payload = b'{"tone":1000}'
    assert isinstance(dotnet.batch("json-to-xml", "Settings", {"a": payload})["a"], str)
    value = json_codec.decode(spec, "Settings", payload).value
    assert value == {"Tone": 1000}
    assert json_codec.encode(spec, "Settings", value).data == payload
    for enums in ("name", "camelCaseString"):
        spec_ = variant(spec, enums=enums)
        theirs = dotnet.batch("json-roundtrip", "Settings", {"a": payload}, json_settings=driver_settings(spec_))["a"]
        assert isinstance(theirs, bytes) and theirs.startswith(b'{"tone":1000,')  # StringEnumConverter: the number
        assert json_codec.encode(spec_, "Settings", value).data == payload
    with pytest.raises(PayloadError, match="DataContractSerializer cannot write it"):
        convert(spec, payload, to="xml", from_="json", type_name="Settings")


# Enum texts 6.0.8 reads as 13.0.4 does (exact EnumMember values and names, names ignoring case).
# (6.0.8 without StringEnumConverter reads no EnumMember value; 13.0.4 does: tests/unit.)
ENUM_TEXTS = ['"First"', '"first"', '"SecondValue"', '"secondvalue"', '"Third"', "5", "1000", '"First, SecondValue"',
              '"Fourth"', "1.5", '""']


@pytest.mark.parametrize("enums", ["number", "name"])
def test_enum_reading_matches_json_net(dotnet: Dotnet, spec: Spec, enums: str) -> None:
    spec = variant(spec, enums=enums)
    texts = ENUM_TEXTS + (['"first_value"'] if enums == "name" else [])
    payloads = {f"{i}.json": f'{{"maybeTone":{t}}}'.encode() for i, t in enumerate(texts)}
    theirs = dotnet.batch("json-roundtrip", "Settings", payloads, json_settings=driver_settings(spec))
    for name, data in payloads.items():
        try:
            ours = json_codec.decode(spec, "Settings", data).value["MaybeTone"]
        except PayloadError:
            ours = None
        got = theirs[name]
        if isinstance(got, str):
            assert ours is None, (data, got)
            continue
        assert json_codec.encode(spec, "Settings", {"MaybeTone": ours}).data[1:-1] in got, (data, got)


LENIENT = [
    b"{ratio: NaN}", b"{'ratio': Infinity}", b'{"ratio": -Infinity}', b"{\"text\": 'x\"y'}",
    b'{/* c */ "count": 1 // x\n}', b"{count: 1}", b'{"count": 1,}', b'{"text": NaN}', b"{$count: 1}",
    b'{"text": "it\\\'s"}', b"{count_x-y: 1}", b'{"count": NaN}', b"{'text': 'a}",
    # undefined: null where Json.NET reads null, refused where it reads with ReadAsXxx (6.0.8)
    b'{"maybeTone": undefined}', b'{"counts": undefined}', b'{"text": undefined}', b'{"count": undefined}',
    b'{"when": undefined}', b'{"ratio": undefined}', b'{"counts": {"a": 1,}}', b'{"counts": {"a": undefined}}',
    b'{"text": undefined1}',
]
#: Arrays: a trailing comma ends one, an item left empty is undefined (a Holder: List<object>; a
#: PlainModel: List<string>, which refuses it).
LENIENT_ARRAYS = {"Holder": [b'{"things": [1, 2,]}', b'{"things": [,]}', b'{"things": [1,,"x" , ,]}',
                             b'{"things": [undefined]}', b'{"things": [1 , /* c */ ,]}', b'{"things": [,,]}'],
                  "PlainModel": [b'{"tags": ["a",]}', b'{"tags": [,]}', b'{"tags": ["a", undefined]}', b'{"tags": [,"a"]}']}


@pytest.mark.parametrize("type_name", sorted(LENIENT_ARRAYS) + ["Settings"])
def test_lenient_json_reads_as_json_net_reads_it(dotnet: Dotnet, spec: Spec, type_name: str) -> None:
    texts = LENIENT if type_name == "Settings" else LENIENT_ARRAYS[type_name]
    payloads = {f"{i:02d}.json": p for i, p in enumerate(texts)}
    theirs = dotnet.batch("json-to-xml", type_name, payloads)
    for name, data in payloads.items():
        try:
            ours: bytes | str = convert(spec, data, to="xml", from_="json", type_name=type_name).output
        except PayloadError as exc:
            ours = exc.message
        if isinstance(theirs[name], str):
            assert isinstance(ours, str), (data, theirs[name])
        else:
            # .NET writes every member of its object; ours only those the JSON had: compare those.
            assert isinstance(ours, bytes), (data, ours)
            assert _members(ours) <= _members(theirs[name]), (data, ours, theirs[name])


def _members(payload: bytes | str) -> set[str]:
    from lxml import etree

    assert isinstance(payload, bytes)
    return {etree.tostring(child).decode() for child in etree.fromstring(payload)}


# -- the exporter's XSD: derived types as extensions, a struct marked IsValueType and never nillable --

OWN_NAMESPACES = [f"http://schemas.datacontract.org/2004/07/{ns}"
                  for ns in ("Contoso.Shapes", "Contoso.Shapes.Round", "Contoso.Geo", "Contoso.Knobs")]


def own_xsd(spec: Spec) -> dict[str, bytes]:
    """Our wire XSD files for 9b's namespaces and the built-in ones they import."""
    from converter.generate.xsd import namespace_file, to_xsd
    from converter.spec.datacontract import ARRAYS_NS, SER_NS, SYSTEM_NS

    keep = {namespace_file(ns) for ns in [*OWN_NAMESPACES, SER_NS, ARRAYS_NS, SYSTEM_NS]}
    return {name: data for name, data in to_xsd(spec, "wire").items() if name in keep}


def test_wire_xsd_has_the_exporters_components(exported: Path, spec: Spec) -> None:
    from tests.xsd_structure import read_dir, structure

    theirs = structure(read_dir(exported))
    ours = structure(own_xsd(spec))
    for namespace in OWN_NAMESPACES:
        assert ours[namespace] == theirs[namespace], namespace


def test_wire_xsd_gives_the_exporters_verdicts(exported: Path, spec: Spec, tmp_path: Path) -> None:
    from lxml import etree

    from tests.interop.test_xsd_interop import _schema

    ours = _schema(own_xsd(spec), tmp_path / "ours")
    theirs_files = {}
    for path in exported.glob("*.xsd"):
        root = etree.parse(str(path)).getroot()
        for imp in root.iter("{http://www.w3.org/2001/XMLSchema}import"):
            imp.set("schemaLocation", next(p.name for p in exported.glob("*.xsd") if etree.parse(str(p)).getroot()
                                           .get("targetNamespace") == imp.get("namespace")))
        theirs_files[path.name] = etree.tostring(root)
    theirs = _schema(theirs_files, tmp_path / "theirs")
    values = examples(values_for(spec, "Drawing", complete=True), 80, seed=3)
    payloads = [p for p in (xml.encode(spec, "Drawing", v).data for v in values) if b"&#x" not in p]
    broken = [p.replace(b"<Name>", b"<Side>1</Side><Name>", 1) for p in payloads if b"<Name>" in p][:15]
    broken += [p.replace(b'i:type="Square"', b'i:type="Hexagon"', 1) for p in payloads if b'"Square"' in p][:15]
    broken += [p.replace(b"<d2p1:X>", b'<d2p1:X i:nil="true">', 1) for p in payloads][:15]  # a struct's int
    assert len(broken) > 20
    for payload in payloads + broken:
        doc = etree.fromstring(payload)
        assert ours.validate(doc) == theirs.validate(doc), payload[:300]
    assert all(ours.validate(etree.fromstring(p)) for p in payloads)
    assert not any(ours.validate(etree.fromstring(p)) for p in broken)


@pytest.fixture(scope="module")
def exported(dotnet: Dotnet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exported-9b")
    dotnet.run("export-xsd", str(folder), "real-contracts")
    return folder
