"""load_spec / parse_spec: the bundled specs load into the model, and every bad spec fails with a
SpecError located at file:line:column that names the offending key or value."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from converter.errors import Origin, SpecError
from converter.spec import Spec, format_schema, load_spec, parse_spec
from converter.spec.model import ClassType, EnumType, ListOf, Named, Nullable, Primitive

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
SEED = SCHEMAS / "outgoing-secure-messages.yaml"


# -- helpers ---------------------------------------------------------------------------------


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of ``needle`` in ``text``."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def write(tmp_path: Path, text: str, name: str = "spec.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def spec_error(tmp_path: Path, text: str, name: str = "spec.yaml") -> tuple[SpecError, str]:
    """Load ``text`` from a file; return the SpecError and the dedented text."""
    path = write(tmp_path, text, name)
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert info.value.origin is not None
    assert info.value.origin.file == str(path)
    return info.value, path.read_text(encoding="utf-8")


def assert_at(error: SpecError, text: str, needle: str, nth: int = 0, shift: int = 0) -> None:
    line, col = at(text, needle, nth)
    assert error.origin is not None
    assert (error.origin.line, error.origin.col) == (line, col + shift), error.show()


def klass(spec: Spec, name: str) -> ClassType:
    tdef = spec.types[name]
    assert isinstance(tdef, ClassType)
    return tdef


def enum_of(spec: Spec, name: str) -> EnumType:
    tdef = spec.types[name]
    assert isinstance(tdef, EnumType)
    return tdef


# -- success ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Spec:
    return load_spec(SEED)


def test_seed_types_in_file_order(seed: Spec) -> None:
    assert list(seed.types) == ["BaseModel", "OutgoingSecureMessageModel", "PatientRecipientModel", "FileAttachmentModel"]
    assert all(isinstance(t, ClassType) for t in seed.types.values())
    assert seed.title == "GlobalPortal secure messages"
    assert seed.source == str(SEED)
    assert (seed.json.naming, seed.json.enums, seed.json.nulls) == ("camelCase", "number", "include")


def test_seed_message_model(seed: Spec) -> None:
    msg = klass(seed, "OutgoingSecureMessageModel")
    assert msg.base == "BaseModel"
    assert msg.namespace == "GlobalPortal.Api.Models.OutgoingSecureMessages"
    assert [f.name for f in msg.fields] == [
        "FromSecureRecipientExternalId", "FromSecureRecipientName", "Patients", "Subject", "Body",
        "Status", "Priority", "CreationDate", "SentDate", "FileData",
    ]
    fields = {f.name: f for f in msg.fields}
    assert fields["Patients"].type == ListOf(Named("PatientRecipientModel"))
    assert fields["SentDate"].type == Nullable(Primitive("DateTime"))
    assert fields["CreationDate"].type == Primitive("DateTime")
    assert fields["Status"].enum == ("Draft", "Sent")
    assert fields["Priority"].enum == ("Normal", "High", "Low")
    assert {n for n, f in fields.items() if f.read_only} == {"FromSecureRecipientName", "CreationDate", "SentDate"}
    assert {n for n, f in fields.items() if f.required} == {"FromSecureRecipientExternalId"}
    assert fields["Body"].description == "Body of the secure message."
    text = SEED.read_text(encoding="utf-8")
    assert fields["SentDate"].origin == Origin(str(SEED), *at(text, "SentDate:"))
    assert msg.origin == Origin(str(SEED), *at(text, "OutgoingSecureMessageModel:"))


def test_seed_base_and_nested_models(seed: Spec) -> None:
    base = klass(seed, "BaseModel")
    assert base.base is None and base.namespace == "GlobalPortal.Api.Models"
    assert [(f.name, f.type, f.read_only, f.required) for f in base.fields] == [
        ("Id", Primitive("Guid"), True, False),
        ("ExternalId", Primitive("string"), False, True),
    ]
    patient = klass(seed, "PatientRecipientModel")
    assert [(f.name, f.type) for f in patient.fields] == [
        ("ExternalId", Primitive("string")), ("IsRepresentative", Primitive("bool")),
        ("RepresentativeExternalId", Primitive("string")),
    ]
    attachment = klass(seed, "FileAttachmentModel")
    assert [(f.name, f.type) for f in attachment.fields] == [
        ("FileName", Primitive("string")), ("FileData", Primitive("byte[]")),
    ]
    assert [c.name for c in seed.class_chain(klass(seed, "OutgoingSecureMessageModel"))] == [
        "BaseModel", "OutgoingSecureMessageModel",
    ]


def test_seed_operations(seed: Spec) -> None:
    (op,) = seed.operations
    assert (op.method, op.path) == ("POST", "api/OutgoingSecureMessages")
    assert op.request == op.response == "OutgoingSecureMessageModel"
    assert op.formats == ("application/json", "text/json", "application/xml", "text/xml",
                          "application/x-www-form-urlencoded")
    assert op.summary == "Send a message or draft one."
    assert seed.request_types() == ("OutgoingSecureMessageModel",)


def test_everything_enums_and_data_members() -> None:
    spec = load_spec(SCHEMAS / "everything.yaml")
    level = spec.types["Level"]
    assert isinstance(level, EnumType)
    assert [(m.name, m.value, m.wire_name) for m in level.members] == [("Low", 1, "Low"), ("Mid", 5, "mid"), ("High", 10, "High")]
    perms = spec.types["Perms"]
    assert isinstance(perms, EnumType) and perms.flags
    thing = spec.types["Thing"]
    assert isinstance(thing, ClassType) and thing.is_data_contract
    assert thing.data_contract is not None
    assert (thing.data_contract.name, thing.data_contract.namespace) == ("Item", "http://contoso.example/items")
    code = thing.fields[0]
    assert code.data_member is not None
    assert (code.data_member.name, code.data_member.order, code.data_member.is_required,
            code.data_member.emit_default_value) == ("code", 1, True, True)
    alpha = next(f for f in thing.fields if f.name == "Alpha")
    assert alpha.data_member is not None and alpha.data_member.order == -1  # DataMember's default Order
    assert not klass(spec, "Everything").is_data_contract


def test_json_syntax_spec(tmp_path: Path) -> None:
    data = {
        "spec": 1,
        "json": {"naming": "none", "enums": "name", "nulls": "ignore"},
        "types": {
            "Color": {"enum": ["Red", {"name": "Green", "value": 7}]},
            "Pet": {"namespace": "Zoo", "fields": {"Name": {"type": "string", "maxLength": 20}, "Tint": "Color?"}},
        },
    }
    path = tmp_path / "zoo.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    spec = load_spec(path)
    assert spec.title == "zoo"  # no title: the file's stem
    assert (spec.json.naming, spec.json.enums, spec.json.nulls) == ("none", "name", "ignore")
    pet = spec.types["Pet"]
    assert isinstance(pet, ClassType)
    assert [(f.name, f.type) for f in pet.fields] == [("Name", Primitive("string")), ("Tint", Nullable(Named("Color")))]
    assert pet.fields[0].max_length == 20
    assert [(m.name, m.value) for m in enum_of(spec, "Color").members] == [("Red", 0), ("Green", 7)]
    text = path.read_text(encoding="utf-8")
    assert pet.fields[1].origin == Origin(str(path), *at(text, '"Tint"'))


def test_json_syntax_errors_are_located_too(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, '{"spec": 1,\n "types": {"A": {"fields": {"N": "int"}, "bse": "B"}}}\n', "a.json")
    assert "unknown key 'bse' in 'types.A'; did you mean 'base'?" in error.message
    assert_at(error, text, '"bse"')


def test_parse_spec_names_its_source() -> None:
    spec = parse_spec("spec: 1\ntypes: {A: {fields: {N: int}}}\n", "inline.yaml")
    assert spec.source == "inline.yaml" and spec.title == "inline"
    text = "spec: 1\ntypes: {A: {fields: {N: Nope}}}\n"
    with pytest.raises(SpecError) as info:
        parse_spec(text, "inline.yaml")
    assert info.value.origin == Origin("inline.yaml", *at(text, "Nope"))


def test_the_model_is_immutable(seed: Spec) -> None:
    with pytest.raises(TypeError):
        seed.types["X"] = seed.types["BaseModel"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        klass(seed, "BaseModel").name = "Other"  # type: ignore[misc]


# -- enum values -----------------------------------------------------------------------------


def test_enum_values_follow_csharp(tmp_path: Path) -> None:
    # C#: the first member is 0, each later one the previous + 1, also after an explicit value.
    spec = load_spec(write(tmp_path, """\
        spec: 1
        types:
          E:
            enum: [A, B, {name: C, value: 10}, D, {name: M, value: -5}, N, {name: X, value: 3, enumMember: x}, Y]
        """))
    enum = spec.types["E"]
    assert isinstance(enum, EnumType)
    assert [(m.name, m.value) for m in enum.members] == [
        ("A", 0), ("B", 1), ("C", 10), ("D", 11), ("M", -5), ("N", -4), ("X", 3), ("Y", 4),
    ]
    assert [m.wire_name for m in enum.members][-2:] == ["x", "Y"]


# -- errors ----------------------------------------------------------------------------------


def test_yaml_syntax_error(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  A:\n\tfields: {}\n")
    assert error.message.startswith("invalid YAML")
    assert "'\\t'" in error.message
    assert_at(error, text, "\t")


def test_unclosed_flow_mapping(tmp_path: Path) -> None:
    error, _ = spec_error(tmp_path, "spec: 1\ntypes:\n  A: {fields: {N: int}\n")
    assert error.message.startswith("invalid YAML")
    assert error.origin is not None and error.origin.line == 4


def test_duplicate_key(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          A:
            fields:
              Name: string
              Name: int
        """)
    assert error.message == "duplicate key 'Name'"
    assert_at(error, text, "Name", nth=1)


@pytest.mark.parametrize(
    ("body", "key", "where", "suggestion"),
    [
        ("  A:\n    descripton: x\n    fields: {N: int}\n", "descripton", "types.A", "description"),
        ("  A:\n    fields: {N: int}\n    bse: X\n", "bse", "types.A", "base"),
        ("  E:\n    enum: [X]\n    flgs: true\n", "flgs", "types.E", "flags"),
        ("  E:\n    enum: [X, {name: Y, vale: 2}]\n", "vale", "types.E.enum[1]", "value"),
        ("  A:\n    fields:\n      N: {type: int, requird: true}\n", "requird", "types.A.fields.N", "required"),
        ("  A:\n    fields:\n      N: {type: int, dataMember: {ordr: 1}}\n", "ordr", "types.A.fields.N.dataMember", "order"),
    ],
)
def test_unknown_key_suggests_the_nearest(tmp_path: Path, body: str, key: str, where: str, suggestion: str) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n" + body)
    assert error.message == f"unknown key {key!r} in {where!r}; did you mean {suggestion!r}?"
    assert_at(error, text, key)


def test_unknown_top_level_key(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntitel: x\ntypes: {A: {fields: {N: int}}}\n")
    assert error.message == "unknown key 'titel' in the spec; did you mean 'title'?"
    assert_at(error, text, "titel")


def test_missing_spec_version(tmp_path: Path) -> None:
    error, _ = spec_error(tmp_path, "types:\n  A: {fields: {N: int}}\n")
    assert error.message == "the spec is missing 'spec'"
    assert error.origin is not None and (error.origin.line, error.origin.col) == (1, 1)


def test_wrong_spec_version(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "title: t\nspec: 2\ntypes:\n  A: {fields: {N: int}}\n")
    assert "'spec'" in error.message and "1 was expected" in error.message
    assert_at(error, text, "spec:")


def test_wrong_value_type_names_key_and_value(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  A:\n    fields:\n      N: {type: int, required: maybe}\n")
    assert "'types.A.fields.N.required'" in error.message and "'maybe'" in error.message
    assert_at(error, text, "required")


def test_type_with_neither_fields_nor_enum(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  Lonely:\n    namespace: X\n")
    assert error.message == "'types.Lonely' needs either 'fields' (a class) or 'enum' (an enum)"
    assert_at(error, text, "Lonely")


def test_unknown_generic_field_type_suggests(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  A:\n    fields:\n      N: Lsit<int>\n")
    assert "Lsit" in error.message and "did you mean 'List<int>'?" in error.message
    assert_at(error, text, "Lsit")


def test_unknown_named_field_type_suggests(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Address: {fields: {Street: string}}
          Person:
            fields:
              Home: {type: "List<Adress>"}
        """)
    assert error.message == "unknown type 'Adress'; did you mean 'Address'?"
    assert_at(error, text, '"List<Adress>"')


def test_type_expression_errors_point_into_the_value(tmp_path: Path) -> None:
    # TypeExprError's 0-based column is added to the value's column: plain and quoted scalars.
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  A:\n    fields:\n      N: List<int\n")
    assert "expected '>'" in error.message
    assert_at(error, text, "List<int", shift=len("List<int"))
    error, text = spec_error(tmp_path, 'spec: 1\ntypes:\n  A:\n    fields:\n      N: {type: "int??"}\n')
    assert "value types only" in error.message
    assert_at(error, text, "??", shift=1)
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  A:\n    fields:\n      N: 'string?'\n")
    assert_at(error, text, "?'")


def test_unknown_base(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Base: {fields: {Id: int}}
          Derived:
            base: Bsae
            fields: {N: int}
        """)
    assert error.message == "unknown base type 'Bsae'; did you mean 'Base'?"
    assert_at(error, text, "Bsae")


def test_base_that_is_an_enum(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Color: {enum: [Red]}
          Derived:
            base: Color
            fields: {N: int}
        """)
    assert error.message == "base type 'Color' is an enum, not a class"
    assert_at(error, text, "Color", nth=1)


def test_base_cycle(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          A:
            base: B
            fields: {N: int}
          B:
            base: A
            fields: {M: int}
        """)
    assert error.message == "base types form a cycle: A -> B -> A"
    assert_at(error, text, "base: B", shift=len("base: "))


@pytest.mark.parametrize("expr", ["Person?", "Nullable<Person>", "List<Person?>"])
def test_question_mark_on_a_class(tmp_path: Path, expr: str) -> None:
    error, text = spec_error(tmp_path, f"""\
        spec: 1
        types:
          Person: {{fields: {{Name: string}}}}
          Team:
            fields:
              Lead: "{expr}"
        """)
    assert error.message == "'?' applies to value types only, and Person is a class"
    assert_at(error, text, f'"{expr}"')


def test_enum_may_be_nullable(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, 'spec: 1\ntypes:\n  C: {enum: [R]}\n  A: {fields: {N: "C?"}}\n'))
    assert klass(spec, "A").fields[0].type == Nullable(Named("C"))


def test_two_members_with_one_xml_name(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          A:
            fields:
              Name: string
              Label: {type: string, dataMember: {name: Name}}
        """)
    assert error.message == "Label and Name are both written as <Name> in XML"
    assert_at(error, text, "Label")


@pytest.mark.parametrize(
    "derived_field",
    ["Other: {type: string, jsonName: name}",  # jsonName as written
     "Other: {type: string, dataMember: {name: NAME}}"],  # DataMember names are camel-cased too
)
def test_derived_and_base_member_with_one_json_name(tmp_path: Path, derived_field: str) -> None:
    error, text = spec_error(tmp_path, f"""\
        spec: 1
        types:
          Base: {{fields: {{Name: string}}}}
          Derived:
            base: Base
            fields:
              {derived_field}
        """)
    assert error.message == "Other and Base.Name are both written as 'name' in JSON"
    assert_at(error, text, "Other")


def test_members_differing_only_in_case(tmp_path: Path) -> None:
    # Form keys bind CLR names case-insensitively (dotnet-wire-research.md section 4, "Model names").
    error, text = spec_error(tmp_path, """\
        spec: 1
        json: {naming: none}
        types:
          A:
            fields:
              Name: string
              NAME: string
        """)
    assert error.message == "NAME and A.Name bind the same form key (form keys are case-insensitive)"
    assert_at(error, text, "NAME")


def test_duplicate_enum_name(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  E:\n    enum: [Red, Green, Red]\n")
    assert error.message == "enum E declares 'Red' twice"
    assert_at(error, text, "Red", nth=1)


def test_duplicate_enum_value(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  E:\n    enum: [Red, {name: Green, value: 0}]\n")
    assert error.message == "enum E: 'Green' has the value 0 of 'Red'"
    assert_at(error, text, "{name: Green")


def test_implicit_value_colliding_with_an_explicit_one(tmp_path: Path) -> None:
    # D is C + 1 = 5, B's value.
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  E:\n    enum: [A, {name: B, value: 5}, {name: C, value: 4}, D]\n")
    assert error.message == "enum E: 'D' has the value 5 of 'B'"
    assert_at(error, text, "D]")


def test_duplicate_enum_member_wire_name(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  E:\n    enum: [red, {name: Red, enumMember: red}]\n")
    assert error.message == "enum E: two members are written as 'red'"
    assert_at(error, text, "{name: Red")


@pytest.mark.parametrize(
    ("field", "key", "what"),
    [
        ("{type: int, enum: [a, b]}", "enum", "a string"),
        ("{type: int, minLength: 1}", "minLength", "a string"),
        ("{type: List<string>, maxLength: 1}", "maxLength", "a string"),
        ("{type: Guid, pattern: '^x$'}", "pattern", "a string"),
        ("{type: string, minimum: 1}", "minimum", "a number"),
        ("{type: DateTime, maximum: 1}", "maximum", "a number"),
        ("{type: string, minItems: 1}", "minItems", "a list or dictionary"),
        ("{type: 'byte[]', maxItems: 1}", "maxItems", "a list or dictionary"),
    ],
)
def test_option_that_does_not_fit_the_member_type(tmp_path: Path, field: str, key: str, what: str) -> None:
    error, text = spec_error(tmp_path, f"spec: 1\ntypes:\n  A:\n    fields:\n      N: {field}\n")
    assert error.message.startswith(f"{key!r} applies to {what}, and N is ")
    assert_at(error, text, key)


def test_options_that_fit(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, """\
        spec: 1
        types:
          A:
            fields:
              S: {type: string, enum: [a], minLength: 1, maxLength: 2, pattern: "^a$"}
              I: {type: "int?", minimum: 0, maximum: 9}
              D: {type: double, minimum: 0.5}
              L: {type: "List<int>", minItems: 1, maxItems: 3}
              M: {type: "Dictionary<string,int>", minItems: 1}
        """))
    s, i, d, lst, m = klass(spec, "A").fields
    assert (s.enum, s.min_length, s.max_length, s.pattern) == (("a",), 1, 2, "^a$")
    assert (i.minimum, i.maximum, d.minimum) == (0, 9, 0.5)
    assert (lst.min_items, lst.max_items, m.min_items) == (1, 3, 1)


def test_non_integer_bound_on_an_integer_field(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  A:\n    fields:\n      N: {type: int, minimum: 1.5}\n")
    assert error.message == "'minimum' of N must be a whole number for int"
    assert_at(error, text, "1.5")


def test_bad_regex_pattern(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, "spec: 1\ntypes:\n  A:\n    fields:\n      N: {type: string, pattern: \"a(b\"}\n")
    assert error.message.startswith("pattern does not compile:")
    assert_at(error, text, '"a(b"')


def test_dictionary_key_must_be_simple(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          P: {fields: {N: int}}
          A:
            fields:
              Map: "Dictionary<P,int>"
        """)
    assert "dictionary keys" in error.message and "not P" in error.message
    assert_at(error, text, "Map")


@pytest.mark.parametrize("key", ["request", "response"])
def test_operation_type_must_be_a_known_type(tmp_path: Path, key: str) -> None:
    error, text = spec_error(tmp_path, f"""\
        spec: 1
        types:
          Message: {{fields: {{N: int}}}}
          Kind: {{enum: [A]}}
        operations:
          - {{method: GET, path: api/y, {key}: "List<Kind>"}}
          - method: POST
            path: api/x
            {key}: Mesage
        """)
    assert error.message == "unknown type 'Mesage'; did you mean 'Message'?"
    assert_at(error, text, "Mesage")


def test_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(SpecError) as info:
        load_spec(missing)
    assert info.value.origin == Origin(str(missing))
    assert info.value.message.startswith("cannot read spec:")
    assert info.value.exit_code == 2
    assert info.value.show().startswith(f"{missing}: error: cannot read spec")
    with pytest.raises(SpecError) as info:
        load_spec(tmp_path)  # a directory
    assert info.value.origin == Origin(str(tmp_path))


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("spec: 1\ntitle: Grüße\n".encode("latin-1"))
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert info.value.origin == Origin(str(path))
    assert info.value.message.startswith("cannot read spec:")


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfspec: 1\ntypes: {A: {fields: {N: int}}}\n")
    assert list(load_spec(path).types) == ["A"]


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert info.value.message == "the spec is empty"
    assert info.value.origin == Origin(str(path), 1, 1)


def test_spec_error_is_a_value_error_with_exit_code_2() -> None:
    with pytest.raises(ValueError):
        parse_spec("spec: 1\n")
    assert SpecError.exit_code == 2


# -- the published format schema -------------------------------------------------------------


def test_published_schema_is_the_packaged_one() -> None:
    published = SCHEMAS / "contractkit-spec.schema.json"
    packaged = ROOT / "converter" / "spec" / "format.schema.json"
    assert published.read_bytes() == packaged.read_bytes()
    assert json.loads(published.read_text(encoding="utf-8")) == format_schema()
    Draft202012Validator.check_schema(format_schema())


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_specs_validate_with_plain_jsonschema(path: Path) -> None:
    schema = json.loads((SCHEMAS / "contractkit-spec.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(data)) == []


def test_plain_jsonschema_rejects_what_the_loader_rejects_by_shape() -> None:
    validator = Draft202012Validator(json.loads((SCHEMAS / "contractkit-spec.schema.json").read_text(encoding="utf-8")))
    assert not validator.is_valid({"spec": 1, "types": {"A": {"fields": {}, "descripton": "x"}}})
    assert not validator.is_valid({"spec": 2, "types": {"A": {"fields": {}}}})
    assert not validator.is_valid({"spec": 1, "types": {"A": {"namespace": "X"}}})


def test_misspelt_fields_key_is_named_with_a_suggestion() -> None:
    with pytest.raises(SpecError) as info:
        parse_spec("spec: 1\ntypes:\n  A:\n    feilds: {X: int}\n", "t.yaml")
    assert info.value.message == "unknown key 'feilds' in 'types.A'; did you mean 'fields'?"
    assert info.value.origin is not None and (info.value.origin.line, info.value.origin.col) == (4, 5)


# -- the keys of issue 15: public fields, echo operations, Json.NET naming generations ------------


WEBAPI_KEYS = """\
spec: 1
json: {namingVersion: webapi}
types:
  A:
    fields:
      ID: string
      Building: {type: string, field: true}
operations:
  - {method: POST, path: api/a, request: A, response: A, echo: true}
"""


def test_field_echo_and_naming_version_reach_the_model() -> None:
    from converter.spec.datacontract import json_members, json_name

    spec = parse_spec(WEBAPI_KEYS)
    cls = klass(spec, "A")
    assert [f.is_field for f in cls.fields] == [False, True]
    assert spec.operations[0].echo and spec.json.naming_version == "webapi"
    assert [json_name(spec, f) for f in cls.fields] == ["iD", "building"]
    assert [f.name for f in json_members(spec, cls)] == ["Building", "ID"]  # Json.NET: fields first
    assert parse_spec(WEBAPI_KEYS.replace("webapi", "4.5.11")).json.naming_version == "4.5.11"
    assert parse_spec(WEBAPI_KEYS.replace("json: {namingVersion: webapi}\n", "")).json.naming_version == "8.0.3"


def test_echo_needs_one_type_for_request_and_response(tmp_path: Path) -> None:
    text = WEBAPI_KEYS.replace("response: A, echo", "echo")
    error, _ = spec_error(tmp_path, text)
    assert "echo: true needs the same request and response type" in error.message


def test_an_unknown_naming_version_is_a_located_error(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, WEBAPI_KEYS.replace("webapi", "9.0"))
    assert "namingVersion" in error.message or "9.0" in error.message
