"""The C# generator: the attributes the spec implies, and nothing a compiler could misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.cli import run
from converter.generate.csharp import csharp_sources
from converter.spec import Spec, load_spec, parse_spec
from tests.interop.test_csharp import ODD


def test_attributes_follow_the_spec(everything_spec: Spec) -> None:
    files = csharp_sources(everything_spec)
    thing = files["Contoso.Everything.Thing.cs"]
    assert '[DataContract(Name = "Item", Namespace = "http://contoso.example/items")]' in thing
    assert '[DataMember(Name = "code", Order = 1, IsRequired = true)]\n        public string Code' in thing
    assert "[DataMember(EmitDefaultValue = false)]\n        public int Count" in thing
    level = files["Contoso.Shared.Level.cs"]
    assert '[DataContract]\n    public enum Level' in level and '[EnumMember(Value = "mid")] Mid = 5,' in level
    assert "[global::System.Flags]" in files["Contoso.Shared.Perms.cs"]
    everything = files["Contoso.Everything.Everything.cs"]
    # A plain class (no dataContract, no dataMember) has no attributes: DCS and Json.NET take every property.
    assert "DataContract" not in everything.split("namespace")[1] and "DataMember" not in everything
    assert "public int[] Ints { get; set; }" in everything  # T[] stays an array, List<T> a list
    assert "public global::Contoso.Shared.Color Color { get; set; }" in everything
    assert "class Everything : global::Contoso.Base.EntityBase" in everything


def test_names_and_texts_are_escaped() -> None:
    files = csharp_sources(ODD)
    holder = files["Odd.Models.Holder.cs"]
    assert '[DataMember(Name = "Klass", Order = 3)]\n        public string @class' in holder
    assert "/// A &lt;holder&gt; &amp; more" in holder
    assert '[global::Newtonsoft.Json.JsonProperty("the name")]' in holder
    assert "public enum Wide : long" in files["Odd.Enums.Wide.cs"]
    assert '[DataContract(Name = "Bitset", Namespace = "urn:odd")]' in files["Odd.Enums.Bits.cs"]
    assert "[EnumMember] Neg = -2147483648," in files["Odd.Enums.Bits.cs"]


def test_generate_writes_checks_and_owns_the_csharp_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = "schemas/outgoing-secure-messages.yaml"
    out = tmp_path / "cs"
    assert run(["generate", spec, "--csharp", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(csharp_sources(load_spec(spec)))
    assert run(["generate", spec, "--csharp", str(out), "--check"]) == 0
    (out / "Old.Gone.cs").write_text("// generated once")
    (out / "notes.txt").write_text("mine")
    assert run(["generate", spec, "--csharp", str(out), "--check"]) == 1
    assert f"{out}: extra: Old.Gone.cs" in capsys.readouterr().err
    assert run(["generate", spec, "--csharp", str(out)]) == 0
    assert not (out / "Old.Gone.cs").exists() and (out / "notes.txt").exists()
    assert run(["generate", spec]) == 2
    assert "give -o DIR (schemas), --csharp DIR (C# models), or both" in capsys.readouterr().err


def test_a_field_true_member_is_a_public_field() -> None:
    from converter.generate.csharp import csharp_sources
    from converter.spec import parse_spec

    spec = parse_spec("spec: 1\ntypes:\n  A:\n    fields:\n      Name: string\n      Building: {type: string, field: true}\n")
    text = "".join(csharp_sources(spec).values())
    assert "public string Building;" in text and "public string Name { get; set; }" in text


def test_object_members_are_system_object(real_spec: Spec) -> None:
    holder = csharp_sources(real_spec)["Contoso.Api.Holder.cs"]
    assert "public object Anything { get; set; }" in holder
    assert "public global::System.Collections.Generic.List<object> Things { get; set; }" in holder


def test_a_generic_is_one_class_and_its_uses_close_it(real_spec: Spec) -> None:
    files = csharp_sources(real_spec)
    # The declaration once, named by its CLR full name; the closed uses (spec.types) get no file.
    assert [n for n in files if "ApiResponse" in n] == ["Contoso.Api.ApiResponse`1.cs"]
    response = files["Contoso.Api.ApiResponse`1.cs"]
    assert "public class ApiResponse<T>\n" in response and "public T Data { get; set; }" in response
    assert "public global::System.Collections.Generic.List<T> Items { get; set; }" in response
    pair = files["Contoso.Api.Pair`2.cs"]
    assert '[DataContract(Name = "PairOf{1}And{0}{#}")]\n    public class Pair<TKey, TValue>' in pair
    assert '[DataContract(Name = "Envelope{0}")]' in files["Contoso.Api.Envelope`1.cs"]
    holder = files["Contoso.Api.Holder.cs"]
    assert "public global::Contoso.Api.ApiResponse<global::Common.Dto.Get.Order> Reply" in holder
    assert "public global::Contoso.Api.Pair<string, global::Contoso.Shop.Size> Pair" in holder


def test_collection_types_are_collection_data_contracts(real_spec: Spec) -> None:
    files = csharp_sources(real_spec)
    assert ('[CollectionDataContract(Name = "Products", Namespace = "http://contoso/shop", ItemName = "Item")]\n'
            "    public class ProductList : global::System.Collections.Generic.List<global::Contoso.Shop.ProductModel> { }"
            ) in files["Contoso.Shop.ProductList.cs"]
    assert ('[CollectionDataContract(ItemName = "Entry", KeyName = "Sku", ValueName = "Price")]\n'
            "    public class PriceBook : global::System.Collections.Generic.Dictionary<string, decimal> { }"
            ) in files["Contoso.Shop.PriceBook.cs"]


def test_the_empty_namespace_is_kept(real_spec: Spec) -> None:
    plain = csharp_sources(real_spec)["Contoso.Plain.PlainModel.cs"]
    assert '[DataContract(Namespace = "")]\n    public class PlainModel' in plain


def test_qualified_keys_are_two_classes_of_one_simple_name(real_spec: Spec) -> None:
    files = csharp_sources(real_spec)
    assert "namespace Common.Dto.Post\n{\n    public class Order\n" in files["Common.Dto.Post.Order.cs"]
    assert "namespace Common.Dto.Get\n{\n    public class Order\n" in files["Common.Dto.Get.Order.cs"]
    assert "public global::Common.Dto.Post.Order Posted" in files["Contoso.Api.Holder.cs"]


def test_contract_names_that_are_no_identifier_stay_in_the_attributes(real_spec: Spec) -> None:
    odd = csharp_sources(real_spec)["Contoso.Odd.OddName.cs"]
    assert '[DataContract(Name = "DCWith.InName")]\n    public class OddName' in odd
    assert '[DataMember(Name = "first name")]\n        public string FirstName' in odd
    assert "public int Größe { get; set; }" in odd  # a letter outside ASCII is an identifier


def test_structs_known_types_and_bases(real_spec: Spec) -> None:
    files = csharp_sources(real_spec)
    assert "public struct Point\n" in files["Contoso.Geo.Point.cs"]
    assert "public global::Contoso.Geo.Point? Offset" in files["Contoso.Shapes.Drawing.cs"]
    shape = files["Contoso.Shapes.Shape.cs"]
    assert ("[KnownType(typeof(global::Contoso.Shapes.Round.Circle))]\n    [KnownType(typeof(global::Contoso.Shapes.Square))]\n"
            "    public class Shape\n") in shape
    assert "public class Circle : global::Contoso.Shapes.Shape\n" in files["Contoso.Shapes.Round.Circle.cs"]


def test_clr_type_names_are_the_reflection_names(real_spec: Spec) -> None:
    from converter.generate.csharp import clr_type_name

    names = {key: clr_type_name(real_spec, t) for key, t in real_spec.types.items()}
    assert names["Common.Dto.Post.Order"] == "Common.Dto.Post.Order"
    assert names["ApiResponse<Common.Dto.Get.Order>"] == "Contoso.Api.ApiResponse`1[[Common.Dto.Get.Order]]"
    assert names["Pair<string,Size>"] == "Contoso.Api.Pair`2[[System.String],[Contoso.Shop.Size]]"
    other = parse_spec("spec: 1\ntypes:\n  Box<T>: {namespace: N, fields: {V: T}}\n"
                       "  Use: {namespace: N, fields: {A: Box<Uri>, B: \"Box<int?>\", C: \"Box<Dictionary<string,Guid>>\"}}\n")
    assert [clr_type_name(other, other.types[k]) for k in ("Box<Uri>", "Box<int?>", "Box<Dictionary<string,Guid>>")] == [
        "N.Box`1[[System.Uri, System, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]",
        "N.Box`1[[System.Nullable`1[[System.Int32]]]]",
        "N.Box`1[[System.Collections.Generic.Dictionary`2[[System.String],[System.Guid]]]]"]
