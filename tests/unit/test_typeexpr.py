"""parse_type: C# type expressions to TypeRefs, and located errors for the ones that do not parse."""

from __future__ import annotations

import pytest

from converter.spec.model import PRIMITIVES, VALUE_PRIMITIVES, DictOf, ListOf, Named, Nullable, Primitive
from converter.spec.typeexpr import TypeExprError, parse_type

# The C# primitives a spec may name, spelled as the models spell them.
ALL_PRIMITIVES = [
    "string", "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong",
    "float", "double", "decimal", "char", "Guid", "DateTime", "DateTimeOffset", "TimeSpan", "Uri", "byte[]",
]
# .NET reference types among them: `T?` (Nullable<T>) does not apply.
REFERENCE_PRIMITIVES = ["string", "Uri", "byte[]"]
VALUE_TYPES = [p for p in ALL_PRIMITIVES if p not in REFERENCE_PRIMITIVES]


def test_primitive_sets_are_the_documented_ones() -> None:
    assert PRIMITIVES == set(ALL_PRIMITIVES)
    assert VALUE_PRIMITIVES == set(VALUE_TYPES)


@pytest.mark.parametrize("name", ALL_PRIMITIVES)
def test_every_primitive_parses_to_itself(name: str) -> None:
    assert parse_type(name) == Primitive(name)
    assert str(parse_type(name)) == name


@pytest.mark.parametrize("name", VALUE_TYPES)
def test_question_mark_and_nullable_of_t_are_the_same_type(name: str) -> None:
    assert parse_type(f"{name}?") == Nullable(Primitive(name))
    assert parse_type(f"Nullable<{name}>") == Nullable(Primitive(name))


@pytest.mark.parametrize("name", REFERENCE_PRIMITIVES)
def test_question_mark_on_a_reference_type_is_an_error(name: str) -> None:
    with pytest.raises(TypeExprError, match="value types only") as info:
        parse_type(f"{name}?")
    assert info.value.column == len(name)
    with pytest.raises(TypeExprError, match="value type"):
        parse_type(f"Nullable<{name}>")


def test_declared_type_names_are_left_for_the_loader() -> None:
    assert parse_type("Address") == Named("Address")
    # A named type may be an enum (a value type), so `?` is accepted here and checked by the loader.
    assert parse_type("Color?") == Nullable(Named("Color"))
    assert parse_type("Nullable<Color>") == Nullable(Named("Color"))


@pytest.mark.parametrize(
    "text",
    ["List<int>", "int[]", "IList<int>", "ICollection<int>", "IEnumerable<int>", "IReadOnlyList<int>",
     "IReadOnlyCollection<int>", "System.Collections.Generic.List<int>", "List< int >"],
)
def test_lists_and_arrays_are_one_contract(text: str) -> None:
    assert parse_type(text) == ListOf(Primitive("int"))


def test_byte_array_is_a_primitive_but_list_of_byte_is_a_list() -> None:
    # DCS writes byte[] as one base64Binary value, List<byte> as ArrayOfunsignedByte
    # (tests/interop/expected/xsd/Contoso.Everything.xsd: Blob vs ByteList).
    assert parse_type("byte[]") == Primitive("byte[]")
    assert parse_type("List<byte>") == ListOf(Primitive("byte"))
    assert parse_type("byte[][]") == ListOf(Primitive("byte[]"))
    assert parse_type("byte?[]") == ListOf(Nullable(Primitive("byte")))
    assert parse_type("sbyte[]") == ListOf(Primitive("sbyte"))


def test_suffixes_apply_left_to_right() -> None:
    assert parse_type("int?[]") == ListOf(Nullable(Primitive("int")))
    assert parse_type("int[][]") == ListOf(ListOf(Primitive("int")))
    assert parse_type("Guid?[][]") == ListOf(ListOf(Nullable(Primitive("Guid"))))
    assert parse_type("int ?") == Nullable(Primitive("int"))


def test_dictionary_with_spaces() -> None:
    expected = DictOf(Primitive("string"), Named("Patient"))
    assert parse_type("Dictionary<string,Patient>") == expected
    assert parse_type("Dictionary<string, Patient>") == expected
    assert parse_type("  Dictionary < string ,  Patient >  ") == expected
    assert parse_type("IDictionary<string,Patient>") == expected
    assert parse_type("IReadOnlyDictionary<string,Patient>") == expected
    assert str(expected) == "Dictionary<string,Patient>"


def test_nested_generics() -> None:
    assert parse_type("List<List<string>>") == ListOf(ListOf(Primitive("string")))
    assert parse_type("List<int?>") == ListOf(Nullable(Primitive("int")))
    assert parse_type("List<Nullable<int>>") == ListOf(Nullable(Primitive("int")))
    assert parse_type("Dictionary<string, List<Dictionary<int, Address[]>>>") == DictOf(
        Primitive("string"), ListOf(DictOf(Primitive("int"), ListOf(Named("Address"))))
    )
    assert parse_type("List<byte[]>") == ListOf(Primitive("byte[]"))


def test_system_aliases() -> None:
    assert parse_type("System.Guid") == Primitive("Guid")
    assert parse_type("System.String") == Primitive("string")
    assert parse_type("List<System.DateTime>") == ListOf(Primitive("DateTime"))


def _error(text: str) -> TypeExprError:
    with pytest.raises(TypeExprError) as info:
        parse_type(text)
    assert isinstance(info.value, ValueError)
    return info.value


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("List<int", 8, "expected '>' but found the end"),  # the column just past the text
        ("string?", 6, "value types only"),
        ("Foo<int>", 0, "unknown generic type Foo"),
        ("List", 0, "List needs type arguments"),
        ("Dictionary", 0, "Dictionary needs type arguments"),
        ("Nullable", 0, "Nullable needs type arguments"),
        ("Dictionary<string>", 0, "unknown generic type Dictionary"),
        ("List<int, string>", 0, "unknown generic type List"),
        ("int??", 4, "value types only"),
        ("List<int>?", 9, "value types only"),
        ("int[]?", 5, "value types only"),
        ("int>", 3, "unexpected '>'"),
        ("List<int>>", 9, "unexpected '>'"),
        ("int[", 3, "unexpected character '['"),
        ("int]", 3, "unexpected character ']'"),
        ("int$", 3, "unexpected character '$'"),
        ("3int", 0, "unexpected character '3'"),
        ("List<>", 5, "expected a type name but found '>'"),
        ("List<int,>", 9, "expected a type name but found '>'"),
        ("<int>", 0, "expected a type name but found '<'"),
        ("?", 0, "expected a type name but found '?'"),
        ("int string", 4, "unexpected 'string'"),
        ("", 0, "expected a type name but found the end"),
        ("   ", 3, "expected a type name but found the end"),
        ("  List<int", 10, "expected '>'"),
    ],
)
def test_errors_name_the_problem_and_its_0_based_column(text: str, column: int, words: str) -> None:
    error = _error(text)
    assert words in str(error)
    assert error.column == column


def test_misspelt_generic_suggests_the_known_one() -> None:
    error = _error("Lsit<int>")
    assert "did you mean 'List<int>'?" in str(error)
    assert error.column == 0
    nested = _error("List<Dictionry<string, int>>")
    assert "did you mean 'List<Dictionary<string, int>>'?" in str(nested)
    assert nested.column == 5
    assert "did you mean" not in str(_error("Foo<int>"))
