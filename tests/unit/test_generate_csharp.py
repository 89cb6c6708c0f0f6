"""The C# generator: the attributes the spec implies, and nothing a compiler could misread."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.cli import run
from converter.generate.csharp import csharp_sources
from converter.spec import Spec, load_spec
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
