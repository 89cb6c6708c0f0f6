"""``contractkit fuzz --dotnet mono`` finds the differences from .NET that issue 10 named, when
their fixes are taken back: .NET Framework's "R" rounding of ties, Decimal.Parse dropping a scale
that does not fit 96 bits, and Json.NET reading an empty Uri as null."""

from __future__ import annotations

import json
import shutil
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import pytest

from converter.cli import run
from converter.codecs import lexical
from converter.fuzz.dotnet import DotnetDriver
from converter.generate.csharp import clr_type_name
from converter.spec import Spec
from tests.interop.conftest import MISSING

SPEC = """
spec: 1
types:
  Reading:
    namespace: Lab.Readings
    fields: {Single: float, Double: double, Amount: decimal, Link: Uri}
"""


@pytest.fixture()
def spec_file(tmp_path: Path) -> str:
    if not (shutil.which("mono") and shutil.which("mcs")):
        pytest.skip(MISSING)
    path = tmp_path / "reading.yaml"
    path.write_text(SPEC)
    return str(path)


def _fuzz(spec: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = run(["fuzz", spec, "--examples", "150", "--dotnet", "mono", "--output", "json", "--quiet"])
    return code, json.loads(capsys.readouterr().out)


def test_the_differential_run_passes_with_the_fixes(spec_file: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = _fuzz(spec_file, capsys)
    assert code == 0 and report["failures"] == [] and report["dotnet"] is True


def test_it_finds_python_rounding_of_ties(spec_file: str, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def half_even(value: float, precision: int) -> str:  # the bug: a tie rounded to even
        exact = Decimal(value)
        if not exact:
            return "0"
        return str(exact.quantize(Decimal(1).scaleb(exact.adjusted() - precision + 1), rounding=ROUND_HALF_EVEN))

    monkeypatch.setattr(lexical, "significant_digits", half_even)
    code, report = _fuzz(spec_file, capsys)
    failures = report["failures"]
    assert code == 1 and isinstance(failures, list)
    assert failures[0]["property"] == "dotnet" and "Single" in failures[0]["example"] or "Double" in failures[0]["example"]
    assert failures[0]["command"].startswith(f"contractkit fuzz {spec_file} --type Reading --examples 150 --seed 0")


def test_it_finds_a_scale_kept_past_96_bits(spec_file: str, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def keep_scale(value: Decimal) -> Decimal | None:  # the bug: the scale never drops
        return None if value.copy_abs() > lexical.DECIMAL_MAX + 1 else value

    from converter.codecs import json as json_codec

    monkeypatch.setattr(lexical, "fit_decimal", keep_scale)
    monkeypatch.setattr(json_codec, "fit_decimal", keep_scale)
    code, report = _fuzz(spec_file, capsys)
    failures = report["failures"]
    assert code == 1 and isinstance(failures, list)
    assert "json-xml" in failures[0]["message"] and "79228162514264337593543950335" in failures[0]["message"]


def test_the_fuzz_driver_finds_every_class_by_its_clr_name(real_spec: Spec) -> None:
    """Closed generics (ApiResponse`1[[Common.Dto.Get.Order]]) and qualified keys (two Orders) reach
    the compiled models by ``clr_type_name``: Json.NET (camelCase, the spec's default) writes back
    what it read for each."""
    if not (shutil.which("mono") and shutil.which("mcs")):
        pytest.skip(MISSING)
    payloads = {"ApiResponse<Common.Dto.Get.Order>": b'{"data":{"id":1,"total":2.5},"items":[],"success":true}',
                "Pair<string,Size>": b'{"key":"k","value":2}', "Common.Dto.Post.Order": b'{"id":3,"note":"n"}'}
    with DotnetDriver(real_spec) as driver:
        answers = driver.batch([("json-rt", clr_type_name(real_spec, real_spec.types[key]), data)
                                for key, data in payloads.items()])
    assert [a.data for a in answers] == list(payloads.values()) and all(a.ok for a in answers)
