"""The generated C# models compile with mcs unchanged, and DataContractSerializer and Json.NET
write with them exactly the bytes contractkit writes (the swap from hand-written models kept
fixtures/ and tests/interop/expected/ byte for byte; the interop suite runs on these models)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from converter.generate.csharp import csharp_sources
from converter.spec import Spec, parse_spec
from tests.interop.conftest import MISSING, Dotnet

NJ = "/usr/lib/cli/Newtonsoft.Json-5.0/Newtonsoft.Json.dll"

#: What the bundled specs do not use: keywords as names, jsonName, flags with a negative member,
#: a long enum, a DataContract enum with its own name, T[] of a class, the empty CLR namespace's neighbours.
ODD = parse_spec("""
spec: 1
types:
  Wide: {namespace: Odd.Enums, enum: [{name: Small, value: -2147483648}, {name: Big, value: 4294967296}]}
  Bits:
    namespace: Odd.Enums
    flags: true
    dataContract: {name: Bitset, namespace: "urn:odd"}
    enum: [{name: None, value: 0}, {name: A, value: 1}, {name: Neg, value: -2147483648}]
  Holder:
    namespace: Odd.Models
    description: "A <holder> & more"
    dataContract: {namespace: "urn:odd:models"}
    fields:
      class: {type: string, dataMember: {name: Klass, order: 3}}
      Items: Holder[]
      Named: {type: string, jsonName: "the name"}
      Map: Dictionary<Guid,Bits?>
      When: "DateTimeOffset?"
""")


def _mcs(work: Path, sources: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    if not (shutil.which("mono") and shutil.which("mcs")):
        pytest.skip(MISSING)
    for name, text in sources.items():
        (work / name).write_text(text, encoding="utf-8")
    return subprocess.run(["mcs", "-nologo", "-warnaserror+", "-sdk:4.5", "-target:library", f"-out:{work / 'm.dll'}",
                           "-r:System.Runtime.Serialization.dll", *extra, *sorted(map(str, work.glob("*.cs")))],
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("which", ["seed", "everything", "real", "odd"])
def test_generated_models_compile_with_mcs_unchanged(tmp_path: Path, seed_spec: Spec, everything_spec: Spec,
                                                      real_spec: Spec, which: str) -> None:
    spec = {"seed": seed_spec, "everything": everything_spec, "real": real_spec, "odd": ODD}[which]
    done = _mcs(tmp_path, csharp_sources(spec), *([f"-r:{NJ}"] if which == "odd" else []))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_interop_driver_runs_on_generated_models(dotnet: Dotnet) -> None:
    # build.sh compiled Interop.cs against the generated models of the three specs: every model type is there.
    names = dotnet.run("types").decode().split()
    assert "GlobalPortal.Api.Models.OutgoingSecureMessages.OutgoingSecureMessageModel" in names
    assert "Contoso.Everything.Thing" in names and "Contoso.Shared.Level" in names
    assert "Contoso.Api.ApiResponse`1" in names and "Common.Dto.Post.Order" in names and "Contoso.Geo.Point" in names
