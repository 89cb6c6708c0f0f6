"""The loader on issue 9a's constructs: bodies of any type, the empty namespace, collection types,
object, generic contracts, qualified type keys and contract names that are no C# identifier. Each
misuse is one SpecError at file:line:column, as every spec error is."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.spec import load_spec
from converter.spec.datacontract import collection_item, dictionary_names, encode_local_name, member_name, stable_name
from converter.spec.model import ClassType, DictOf, ListOf, Named, ObjectRef, Primitive
from tests.unit.test_spec_load import assert_at, spec_error, write

ROOT = Path(__file__).resolve().parents[2]


def test_the_real_contracts_spec_loads_with_every_construct() -> None:
    spec = load_spec(ROOT / "schemas" / "real-contracts.yaml")
    holder = spec.types["Holder"]
    assert isinstance(holder, ClassType)
    types = {f.name: f.type for f in holder.fields}
    assert types["Anything"] == ObjectRef() and types["Things"] == ListOf(ObjectRef())
    assert types["Reply"] == Named("ApiResponse<Common.Dto.Get.Order>")  # closed, keyed by its display name
    assert types["Posted"] == Named("Common.Dto.Post.Order")
    reply = spec.types["ApiResponse<Common.Dto.Get.Order>"]
    assert isinstance(reply, ClassType) and reply.generic == "ApiResponse" and reply.namespace == "Contoso.Api"
    assert [str(f.type) for f in reply.fields] == ["Common.Dto.Get.Order", "List<Common.Dto.Get.Order>", "bool"]
    assert "ApiResponse<T>" in spec.generics and "ApiResponse<T>" not in spec.types
    assert [(op.request, op.response) for op in spec.operations][:5] == [
        (None, "List<ProductModel>"), (None, "List<int>"), (None, "Dictionary<string,string>"), (None, "Size"),
        ("int", "object")]


def test_dcs_names_pinned_on_mono() -> None:
    # Every name below is what Mono's DataContractSerializer wrote for the C# models (fixtures/real-contracts).
    spec = load_spec(ROOT / "schemas" / "real-contracts.yaml")
    names = {key: stable_name(spec, Named(key)) for key in spec.types}
    assert names["ApiResponse<Common.Dto.Get.Order>"].name == "ApiResponseOfOrderRwwgaBDv"  # digest: other namespace
    assert names["ApiResponse<int>"].name == "ApiResponseOfint"                             # built-in: no digest
    assert names["Envelope<ProductModel>"].name == "EnvelopeProductModel"                   # Name = "Envelope{0}"
    assert names["Pair<string,Size>"].name == "PairOfSizeAndstring8KjBzSjG"                 # "PairOf{1}And{0}{#}"
    assert names["PlainModel"].namespace == ""
    assert names["OddName"].name == "DCWith.InName"
    assert names["ProductList"] == stable_name(spec, Named("ProductList"))
    assert (names["ProductList"].name, names["ProductList"].namespace) == ("Products", "http://contoso/shop")
    assert collection_item(spec, Named("ProductList")).name == "Item"
    assert collection_item(spec, Named("PriceBook")).name == "Entry"
    assert dictionary_names(spec, Named("PriceBook")) == ("Sku", "Price")
    odd = spec.types["OddName"]
    assert isinstance(odd, ClassType)
    assert [member_name(f) for f in odd.fields] == ["Größe", "first_x0020_name", "x-code"]


@pytest.mark.parametrize(("name", "encoded"), [
    ("first name", "first_x0020_name"), ("x-code", "x-code"), ("1st", "_x0031_st"), ("a:b", "a_x003A_b"),
    ("_x0041_", "_x005F_x0041_"), ("Größe", "Größe"), ("日本", "日本"), ("a/b", "a_x002F_b"), ("😀", "_x0001F600_"),
])
def test_encode_local_name_is_xmlconverts(name: str, encoded: str) -> None:
    # [RS] System.Xml XmlConvert.EncodeLocalName: what DataContract and DataMember names go through.
    assert encode_local_name(name) == encoded


def test_short_names_stand_for_unique_qualified_keys(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, """\
        spec: 1
        types:
          Common.Dto.Post.Order: {fields: {Id: int}}
          Shop.Item: {fields: {Order: Common.Dto.Post.Order, Other: Order}}
        operations:
          - {method: POST, path: api/x, request: Order, response: "List<Shop.Item>"}
        """))
    item = spec.types["Shop.Item"]
    assert isinstance(item, ClassType) and item.namespace == "Shop"
    assert [f.type for f in item.fields] == [Named("Common.Dto.Post.Order")] * 2
    assert spec.operations[0].request == "Common.Dto.Post.Order"
    assert spec.resolve("Item") == Named("Shop.Item") and spec.resolve("List<Order>") == ListOf(Named("Common.Dto.Post.Order"))


# -- misuse, each located ------------------------------------------------------------------


def test_an_ambiguous_short_name(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Common.Dto.Post.Order: {fields: {Id: int}}
          Common.Dto.Get.Order: {fields: {Id: int}}
          Holder: {fields: {Last: Order}}
        """)
    assert error.message == ("Order is ambiguous: it may be Common.Dto.Get.Order or Common.Dto.Post.Order; "
                             "write the qualified key")
    assert_at(error, text, "Order}}")


def test_a_namespace_that_disagrees_with_the_qualified_key(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Common.Dto.Order: {namespace: Other.Place, fields: {Id: int}}
        """)
    assert error.message == "the key Common.Dto.Order puts the type in Common.Dto, but its namespace says Other.Place"
    assert_at(error, text, "Other.Place")


def test_a_type_parameter_left_unbound(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          ApiResponse<T>: {namespace: Api, fields: {Data: T}}
          Holder: {fields: {Reply: ApiResponse}}
        """)
    assert "ApiResponse is generic: its 1 type parameter(s) must be bound, as in ApiResponse<int>" in error.message
    assert_at(error, text, "ApiResponse}")


def test_a_type_parameter_outside_its_generic(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Holder: {fields: {Data: T}}
        """)
    assert error.message.startswith("unknown type 'T'")
    assert_at(error, text, "T}")


def test_a_generic_with_the_wrong_number_of_arguments(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          ApiResponse<T>: {fields: {Data: T}}
        operations:
          - {method: GET, path: api/x, response: "ApiResponse<int,string>"}
        """)
    assert error.message.startswith("ApiResponse takes 1 type argument(s), not 2")
    assert_at(error, text, "ApiResponse<int")


@pytest.mark.parametrize(("pattern", "words"), [
    ("Envelope{1}", "{1} in the name 'Envelope{1}' is no generic parameter: use {0}..{0} or {#}"),
    ("Envelope{0", "the name 'Envelope{0' opens a brace it does not close"),
])
def test_a_generic_name_pattern_dotnet_refuses(tmp_path: Path, pattern: str, words: str) -> None:
    # [RS] DataContract.ExpandGenericParameters throws GenericParameterNotValid / GenericNameBraceMismatch.
    error, text = spec_error(tmp_path, f"""\
        spec: 1
        types:
          Envelope<T>:
            dataContract: {{name: "{pattern}"}}
            fields: {{Body: T}}
        """)
    assert error.message == words
    assert_at(error, text, f'"{pattern}"')


def test_collection_with_fields(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Item: {fields: {Id: int}}
          ItemList:
            collection: List<Item>
            fields: {Count: int}
        """)
    assert error.message == "'types.ItemList' is a collection type: it has no 'fields' (.NET writes only its items)"
    assert_at(error, text, "fields: {Count")


def test_collection_of_something_not_a_collection(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          ItemList: {collection: int}
        """)
    assert error.message == "a collection type is a List<T>, T[] or Dictionary<K,V>, not int"
    assert_at(error, text, "int}")


def test_item_name_on_a_class_and_key_name_on_a_list(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Item: {dataContract: {itemName: Entry}, fields: {Id: int}}
        """)
    assert error.message == "itemName applies to a collection type ([CollectionDataContract]); Item has fields"
    assert_at(error, text, "itemName")
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Items: {collection: "List<int>", dataContract: {keyName: Sku}}
        """)
    assert error.message == "keyName applies to a dictionary collection type only (.NET refuses it on a list)"
    assert_at(error, text, "keyName")


def test_object_is_no_value_type_and_no_dictionary_key(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Holder: {fields: {Maybe: "object?"}}
        """)
    assert "'?' applies to value types only, not object" in error.message
    assert_at(error, text, "?")
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Holder: {fields: {ByThing: "Dictionary<object,int>"}}
        """)
    assert error.message == "dictionary keys must be strings, numbers, Guids or enums, not object"
    assert_at(error, text, "ByThing")


def test_two_contracts_with_one_name_in_the_empty_namespace(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          A.Order: {dataContract: {namespace: ""}, fields: {Id: int}}
          B.Order: {dataContract: {namespace: ""}, fields: {Id: int}}
        """)
    assert error.message == ("A.Order and B.Order are both the contract Order in no namespace: "
                             "give one a dataContract name or namespace")
    assert_at(error, text, "B.Order")


def test_member_names_that_encode_alike(tmp_path: Path) -> None:
    # "a b" is written <a_x0020_b>, which is what "a_x0020_b" would need to escape: two names, one element?
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          Odd:
            fields:
              First: {type: string, dataMember: {name: "a b"}}
              Second: {type: string, dataMember: {name: "a\\u0020b"}}
        """)
    assert error.message == "Second and First are both written as <a_x0020_b> in XML"
    assert_at(error, text, "Second")


def test_a_type_key_that_is_no_identifier(tmp_path: Path) -> None:
    error, text = spec_error(tmp_path, """\
        spec: 1
        types:
          first-name: {fields: {Id: int}}
        """)
    assert error.message == ('the type key "first-name" is no C# identifier (a type key may be qualified, '
                             "Common.Dto.Order, or generic, ApiResponse<T>)")
    assert_at(error, text, "first-name")


def test_non_ascii_identifiers_are_cs_identifiers(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, """\
        spec: 1
        types:
          Größe: {namespace: Maße, fields: {Länge: int, 名前: string}}
        """))
    cls = spec.types["Größe"]
    assert isinstance(cls, ClassType)
    assert [f.type for f in cls.fields] == [Primitive("int"), Primitive("string")]
    assert stable_name(spec, Named("Größe")).namespace == "http://schemas.datacontract.org/2004/07/Maße"


def test_collection_dictionary_names(tmp_path: Path) -> None:
    spec = load_spec(write(tmp_path, """\
        spec: 1
        types:
          Book: {collection: "Dictionary<string,int>", dataContract: {keyName: K, valueName: V}}
        """))
    book = spec.types["Book"]
    assert isinstance(book, ClassType) and book.collection == DictOf(Primitive("string"), Primitive("int"))
    assert dictionary_names(spec, Named("Book")) == ("K", "V")
    assert collection_item(spec, Named("Book")).name == "KeyValueOfstringint"
