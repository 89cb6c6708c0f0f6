"""The wire names .NET derives from a spec, checked against the rules in
/work/shared/reference/dotnet-wire-{rules,research}.md and against Mono's own output:
tests/interop/expected/xsd/ (XsdDataContractExporter) and fixtures/everything/ (DataContractSerializer,
Json.NET)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from converter.spec import Spec, load_spec, parse_spec
from converter.spec.datacontract import (
    ARRAYS_NS,
    DATACONTRACT_NS,
    SER_NS,
    SYSTEM_NS,
    XS_NS,
    QName,
    camel_case,
    collection_item,
    json_members,
    json_name,
    member_name,
    stable_name,
    type_namespace,
    xml_members,
)
from converter.spec.model import ClassType, DictOf, EnumType, ListOf, Named, Nullable, Primitive, TypeRef

ROOT = Path(__file__).resolve().parents[2]
EVERYTHING_FIXTURES = ROOT / "fixtures" / "everything"
SEED_FIXTURES = ROOT / "fixtures" / "seed"
MONO_XSD = ROOT / "tests" / "interop" / "expected" / "xsd"


@pytest.fixture(scope="module")
def everything() -> Spec:
    return load_spec(ROOT / "schemas" / "everything.yaml")


@pytest.fixture(scope="module")
def seed() -> Spec:
    return load_spec(ROOT / "schemas" / "outgoing-secure-messages.yaml")


def cls(spec: Spec, name: str) -> ClassType:
    tdef = spec.types[name]
    assert isinstance(tdef, ClassType)
    return tdef


def local(element: etree._Element) -> str:
    return str(etree.QName(element).localname)


# -- camelCase -------------------------------------------------------------------------------

# Newtonsoft.Json Src/Newtonsoft.Json/Utilities/StringUtils.cs ToCamelCase, as used by
# CamelCasePropertyNamesContractResolver; the table is dotnet-wire-research.md section 3, column ">= 8.0.3"
# (current Json.NET 13.x; 4.5.11-8.0.2 gave "ishttps", "isusCitizen", "a2b").
@pytest.mark.parametrize(
    ("clr", "json"),
    [
        ("ID", "id"),
        ("URLValue", "urlValue"),
        ("IsHTTPS", "isHTTPS"),
        ("ExternalID", "externalID"),
        ("IsUSCitizen", "isUSCitizen"),
        ("A2B", "a2B"),
        ("X509Thumbprint", "x509Thumbprint"),
        ("Is2FAEnabled", "is2FAEnabled"),
        ("ExternalId", "externalId"),
        ("A", "a"),
        ("AB", "ab"),
        ("Id", "id"),
        ("URL_Value", "urL_Value"),  # '_' is not upper and not a separator: the run stops before it
        # Json.NET >= 11.0.1: an upper-case letter followed by a separator (char.IsSeparator) is lowered too.
        ("FOO BAR", "foo BAR"),
        ("FOO bar", "foo bar"),
        ("A B", "a B"),
        # Unchanged unless the first character is upper-case.
        ("name", "name"),
        ("iPhone", "iPhone"),
        ("_Private", "_Private"),
        ("2FA", "2FA"),
        ("", ""),
    ],
)
def test_camel_case_is_json_nets(clr: str, json: str) -> None:
    assert camel_case(clr) == json


# -- JSON names ------------------------------------------------------------------------------


def test_json_name_rules() -> None:
    spec = parse_spec("""\
spec: 1
types:
  A:
    fields:
      URLValue: string
      Renamed: {type: string, jsonName: Exactly_AS-written}
      Member: {type: string, dataMember: {name: DMName}}
      Both: {type: string, jsonName: both_json, dataMember: {name: BothDM}}
""")
    fields = {f.name: f for f in cls(spec, "A").fields}
    # jsonName wins as written (a [JsonProperty] name is not camel-cased by default).
    assert json_name(spec, fields["Renamed"]) == "Exactly_AS-written"
    assert json_name(spec, fields["Both"]) == "both_json"
    # The resolver camel-cases [DataMember] names too (CamelCasePropertyNamesContractResolver sets
    # OverrideSpecifiedNames=true; dotnet-wire-rules.md "Json.NET": explicit names are camel-cased too).
    assert json_name(spec, fields["Member"]) == "dmName"
    assert json_name(spec, fields["URLValue"]) == "urlValue"
    # XML uses the DataMember name unchanged.
    assert member_name(fields["Member"]) == "DMName"
    assert member_name(fields["URLValue"]) == "URLValue"

    plain = parse_spec("""\
spec: 1
json: {naming: none}
types:
  A:
    fields:
      URLValue: string
      Member: {type: string, dataMember: {name: DMName}}
      Renamed: {type: string, jsonName: x}
""")
    names = [json_name(plain, f) for f in cls(plain, "A").fields]
    assert names == ["URLValue", "DMName", "x"]


def test_json_names_of_the_everything_fixture(everything: Spec) -> None:
    # Json.NET's output for the Everything model (fixtures/everything/everything-full.json).
    data = json.loads((EVERYTHING_FIXTURES / "everything-full.json").read_text(encoding="utf-8"))
    names = {json_name(everything, f) for c in everything.class_chain(cls(everything, "Everything")) for f in c.fields}
    assert names == set(data)
    assert {"urlValue", "x509Thumbprint", "is2FAEnabled", "sByte", "uShort"} <= names


# -- member order ----------------------------------------------------------------------------


def test_xml_members_of_the_seed_match_the_help_page_sample(seed: Spec) -> None:
    # The help page's XML sample (fixtures/seed/request.xml, from OutgoingSecureMessages.helppage.txt):
    # base members first, then ordinal name order (dotnet-wire-rules.md "DataContractSerializer XML": Order).
    root = etree.parse(str(SEED_FIXTURES / "request.xml")).getroot()
    msg = cls(seed, "OutgoingSecureMessageModel")
    order = [member_name(f) for _, f in xml_members(seed, msg)]
    assert order[:5] == ["ExternalId", "Id", "Body", "CreationDate", "FileData"]
    assert order == [local(e) for e in root]
    # Each member is in the namespace of the class that declares it (base members carry their own xmlns).
    assert [etree.QName(e).namespace for e in root] == [type_namespace(owner) for owner, _ in xml_members(seed, msg)]
    patients = root.find("{*}Patients")
    files = root.find("{*}FileData")
    assert patients is not None and files is not None
    patient = cls(seed, "PatientRecipientModel")
    attachment = cls(seed, "FileAttachmentModel")
    assert [local(e) for e in patients[0]] == [member_name(f) for _, f in xml_members(seed, patient)]
    assert [local(e) for e in files[0]] == [member_name(f) for _, f in xml_members(seed, attachment)] == ["FileData", "FileName"]


def test_json_members_of_the_seed_match_the_help_page_sample(seed: Spec) -> None:
    # Json.NET: reflection order, derived class first (dotnet-wire-research.md section 3, "Member order").
    data = json.loads((SEED_FIXTURES / "request.json").read_text(encoding="utf-8"))
    msg = cls(seed, "OutgoingSecureMessageModel")
    assert [json_name(seed, f) for f in json_members(seed, msg)] == list(data)
    assert list(data)[-2:] == ["id", "externalId"]
    assert [json_name(seed, f) for f in json_members(seed, cls(seed, "FileAttachmentModel"))] == list(data["fileData"][0])
    assert [json_name(seed, f) for f in json_members(seed, cls(seed, "PatientRecipientModel"))] == list(data["patients"][0])


def test_xml_members_of_thing(everything: Spec) -> None:
    # [DataMember] Order: unset (-1) first, then 0, then 1; ties by ordinal name
    # (dotnet-wire-research.md section 1, "Order"; Mono: tests/interop/expected/xsd/contoso.example.items.xsd).
    thing = cls(everything, "Thing")
    assert [member_name(f) for _, f in xml_members(everything, thing)] == ["Alpha", "Count", "Note", "Zed", "code"]
    assert [f.name for _, f in xml_members(everything, thing)] == ["Alpha", "Count", "Note", "Zed", "Code"]


def test_xml_members_of_everything_match_mono(everything: Spec) -> None:
    # DataContractSerializer's element order in fixtures/everything/everything-full.xml.
    root = etree.parse(str(EVERYTHING_FIXTURES / "everything-full.xml")).getroot()
    members = xml_members(everything, cls(everything, "Everything"))
    assert [local(e) for e in root] == [member_name(f) for _, f in members]
    assert [etree.QName(e).namespace for e in root] == [type_namespace(owner) for owner, _ in members]
    assert [owner.name for owner, _ in members[:2]] == ["EntityBase", "EntityBase"]
    thing = root.find("{*}Thing")
    assert thing is not None
    assert [local(e) for e in thing] == [member_name(f) for _, f in xml_members(everything, cls(everything, "Thing"))]


def test_xml_members_sort_ordinally() -> None:
    # String.CompareOrdinal: 'ID' < 'Id' < 'Zip' < 'age' < 'id' (upper case before lower case);
    # DataMember(Name) renames and sorts by the new name (dotnet-wire-rules.md, Order).
    spec = parse_spec("""\
spec: 1
json: {naming: none}
types:
  A:
    fields:
      age: int
      Id: int
      Zip: int
      IDx: {type: int, dataMember: {name: ID}}
      Later: {type: int, dataMember: {name: AAA, order: 2}}
      First: {type: int, dataMember: {name: zzz, order: 0}}
      Is2FAEnabled: bool
      IsConfirmed: bool
""")
    assert [member_name(f) for _, f in xml_members(spec, cls(spec, "A"))] == [
        "ID", "Id", "Is2FAEnabled", "IsConfirmed", "Zip", "age", "zzz", "AAA",
    ]


def test_xml_members_put_every_base_first() -> None:
    spec = parse_spec("""\
spec: 1
types:
  C: {base: B, fields: {A1: int}}
  B: {base: R, fields: {Z2: int}}
  R: {fields: {Z1: int, B1: int}}
""")
    members = xml_members(spec, cls(spec, "C"))
    assert [(owner.name, f.name) for owner, f in members] == [("R", "B1"), ("R", "Z1"), ("B", "Z2"), ("C", "A1")]


def test_json_members_of_thing_match_json_net(everything: Spec) -> None:
    # Stable sort by Order over reflection order: Count, Alpha, Note (-1), Zed (0), code (1).
    data = json.loads((EVERYTHING_FIXTURES / "everything-full.json").read_text(encoding="utf-8"))
    thing = cls(everything, "Thing")
    assert [json_name(everything, f) for f in json_members(everything, thing)] == list(data["thing"])
    assert list(data["thing"]) == ["count", "alpha", "note", "zed", "code"]


def test_json_members_of_everything_match_json_net(everything: Spec) -> None:
    data = json.loads((EVERYTHING_FIXTURES / "everything-full.json").read_text(encoding="utf-8"))
    names = [json_name(everything, f) for f in json_members(everything, cls(everything, "Everything"))]
    assert names == list(data)
    assert names[-2:] == ["id", "externalId"]  # derived members before base members


# -- contract names and namespaces -----------------------------------------------------------


def test_type_namespace() -> None:
    # dotnet-wire-research.md section 1, "Contract namespace": [DataContract(Namespace)] first, else
    # http://schemas.datacontract.org/2004/07/ + CLR namespace (the bare base URI without one).
    spec = parse_spec("""\
spec: 1
types:
  Plain: {namespace: Contoso.Shared, fields: {N: int}}
  Contract: {namespace: Contoso.Shared, dataContract: {namespace: "urn:x"}, fields: {N: int}}
  NamedOnly: {namespace: Contoso.Shared, dataContract: {name: Other}, fields: {N: int}}
  Global: {fields: {N: int}}
  Kind: {namespace: Contoso.Enums, dataContract: {namespace: "http://e/"}, enum: [A]}
""")
    assert type_namespace(spec.types["Plain"]) == "http://schemas.datacontract.org/2004/07/Contoso.Shared"
    assert type_namespace(spec.types["Contract"]) == "urn:x"
    assert type_namespace(spec.types["NamedOnly"]) == DATACONTRACT_NS + "Contoso.Shared"
    assert type_namespace(spec.types["Global"]) == "http://schemas.datacontract.org/2004/07/"
    assert type_namespace(spec.types["Kind"]) == "http://e/"
    assert stable_name(spec, Named("NamedOnly")) == QName("Other", DATACONTRACT_NS + "Contoso.Shared")
    assert stable_name(spec, Named("Kind")) == QName("Kind", "http://e/")


def test_stable_names_of_generics(everything: Spec) -> None:
    int_, string = Primitive("int"), Primitive("string")
    # List<int?>: ArrayOfNullableOfint in .../System (research section 1, "Collection examples";
    # Mono: tests/interop/expected/xsd/System.xsd).
    assert stable_name(everything, ListOf(Nullable(int_))) == QName("ArrayOfNullableOfint", SYSTEM_NS)
    assert SYSTEM_NS == "http://schemas.datacontract.org/2004/07/System"
    # Collections of primitives live in the Arrays namespace (research section 1, "Collections").
    assert stable_name(everything, ListOf(ListOf(string))) == QName("ArrayOfArrayOfstring", ARRAYS_NS)
    assert ARRAYS_NS == "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
    assert stable_name(everything, ListOf(Primitive("byte"))) == QName("ArrayOfunsignedByte", ARRAYS_NS)
    assert stable_name(everything, ListOf(Primitive("Guid"))) == QName("ArrayOfguid", ARRAYS_NS)
    # Dictionaries: ArrayOfKeyValueOf{K}{V}, plus the namespace digest when an argument is outside the
    # xs/ser namespaces: the digest Mono's exporter produced (tests/interop/expected/xsd/Serialization.Arrays.xsd).
    assert stable_name(everything, DictOf(string, Named("Address"))) == QName(
        "ArrayOfKeyValueOfstringAddressSQmpi_Sdg", ARRAYS_NS
    )
    assert stable_name(everything, DictOf(int_, string)) == QName("ArrayOfKeyValueOfintstring", ARRAYS_NS)
    assert stable_name(everything, DictOf(string, string)) == QName("ArrayOfKeyValueOfstringstring", ARRAYS_NS)
    # A collection of a declared type lives in that type's namespace, under its contract name.
    assert stable_name(everything, ListOf(Named("Address"))) == QName("ArrayOfAddress", DATACONTRACT_NS + "Contoso.Shared")
    assert stable_name(everything, ListOf(Named("Thing"))) == QName("ArrayOfItem", "http://contoso.example/items")
    assert stable_name(everything, ListOf(Primitive("DateTimeOffset"))) == QName("ArrayOfDateTimeOffset", SYSTEM_NS)


@pytest.mark.parametrize(
    ("name", "contract"),
    [("string", QName("string", XS_NS)), ("bool", QName("boolean", XS_NS)), ("byte", QName("unsignedByte", XS_NS)),
     ("sbyte", QName("byte", XS_NS)), ("byte[]", QName("base64Binary", XS_NS)), ("Uri", QName("anyURI", XS_NS)),
     ("Guid", QName("guid", SER_NS)), ("char", QName("char", SER_NS)), ("TimeSpan", QName("duration", SER_NS)),
     ("DateTimeOffset", QName("DateTimeOffset", SYSTEM_NS))],
)
def test_primitive_contract_names(name: str, contract: QName) -> None:
    # Research section 1, "Item names for primitive lists"; section 2 for ser:guid/char/duration.
    assert stable_name(Spec("t", "t", {}), Primitive(name)) == contract


def _mono_member_types() -> dict[str, QName]:
    """Member name -> the type Mono's exporter gave it, for Everything (Contoso.Everything.xsd)."""
    tree = etree.parse(str(MONO_XSD / "Contoso.Everything.xsd"))
    xs = "{http://www.w3.org/2001/XMLSchema}"
    out: dict[str, QName] = {}
    for element in tree.iter(f"{xs}element"):
        parent = element.getparent()
        if element.get("type") and parent is not None and parent.tag == f"{xs}sequence":
            prefix, _, name = element.get("type", "").rpartition(":")
            out[element.get("name", "")] = QName(name, element.nsmap[prefix or None])
    return out


def test_stable_names_of_every_everything_member_match_mono(everything: Spec) -> None:
    # The exporter types a T? member as T itself (nillable), so compare the unwrapped type.
    mono = _mono_member_types()
    everything_cls = cls(everything, "Everything")
    ours = {}
    for f in everything_cls.fields:
        core: TypeRef = f.type.of if isinstance(f.type, Nullable) else f.type
        ours[member_name(f)] = stable_name(everything, core)
    assert ours == mono


def _mono_first_items() -> dict[str, QName]:
    """Member name -> the QName of its first child element in Mono's everything-full.xml."""
    root = etree.parse(str(EVERYTHING_FIXTURES / "everything-full.xml")).getroot()
    return {local(e): QName(local(e[0]), etree.QName(e[0]).namespace or "") for e in root if len(e)}


def test_collection_items_match_mono(everything: Spec) -> None:
    # Item element = the item contract's name, Nullable unwrapped, in the collection's namespace
    # (research section 1, "Collections"); compared with DataContractSerializer's output.
    mono = _mono_first_items()
    checked = 0
    for f in cls(everything, "Everything").fields:
        if isinstance(f.type, (ListOf, DictOf)):
            assert collection_item(everything, f.type) == mono[member_name(f)], f.name
            checked += 1
    assert checked == 13


def test_collection_item_names(everything: Spec) -> None:
    assert collection_item(everything, ListOf(Nullable(Primitive("int")))) == QName("int", SYSTEM_NS)
    assert collection_item(everything, ListOf(Primitive("int"))) == QName("int", ARRAYS_NS)
    assert collection_item(everything, ListOf(Primitive("string"))) == QName("string", ARRAYS_NS)
    assert collection_item(everything, ListOf(ListOf(Primitive("string")))) == QName("ArrayOfstring", ARRAYS_NS)
    assert collection_item(everything, ListOf(Named("Thing"))) == QName("Item", "http://contoso.example/items")
    # List<Color?> is ArrayOfNullableOfColor{digest} in .../System; its items are <Color>, like List<int?>'s <int>.
    assert collection_item(everything, ListOf(Nullable(Named("Color")))) == QName("Color", SYSTEM_NS)
    assert collection_item(everything, DictOf(Primitive("string"), Named("Address"))) == QName(
        "KeyValueOfstringAddressSQmpi_Sdg", ARRAYS_NS
    )
    assert collection_item(everything, DictOf(Primitive("int"), Primitive("string"))) == QName("KeyValueOfintstring", ARRAYS_NS)


def test_everything_types_namespaces(everything: Spec) -> None:
    namespaces = {name: type_namespace(t) for name, t in everything.types.items()}
    assert namespaces == {
        "EntityBase": DATACONTRACT_NS + "Contoso.Base",
        "Address": DATACONTRACT_NS + "Contoso.Shared",
        "Color": DATACONTRACT_NS + "Contoso.Shared",
        "Level": DATACONTRACT_NS + "Contoso.Shared",
        "Perms": DATACONTRACT_NS + "Contoso.Shared",
        "Thing": "http://contoso.example/items",
        "Everything": DATACONTRACT_NS + "Contoso.Everything",
    }
    assert isinstance(everything.types["Color"], EnumType)
