"""fixtures/generated/: what `contractkit fixtures` wrote for the seed contract (on Mono, so the valid
JSON and XML are .NET's own bytes). Every valid file validates with `contractkit validate` and with
the plain jsonschema and xmlschema libraries; every invalid one fails, for its recorded rule, in
exactly its recorded encodings (and passes where the manifest says the break does not show)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
from jsonschema import Draft202012Validator

from converter.generate.jsonschema import to_json_schema
from converter.spec import Spec
from converter.validate import Validator
from tests.conftest import ROOT, SEED_SPEC

FOLDER = ROOT / "fixtures" / "generated" / "outgoing-secure-messages"
TYPE = "OutgoingSecureMessageModel"
COMMAND = ["fixtures", "schemas/outgoing-secure-messages.yaml", "--type", TYPE, "--count", "20", "--invalid", "20",
           "--seed", "1", "--dotnet", "mono"]
MANIFEST: dict[str, Any] = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))


def _errors(spec: Spec, rel: str) -> list[tuple[str, str]]:
    findings = Validator(spec).check((FOLDER / rel).read_bytes(), rel, type_name=TYPE)
    return [(f.rule, f.at.clr() if f.at else "") for f in findings if f.severity == "error"]


def test_every_valid_fixture_validates_with_contractkit_validate() -> None:
    done = subprocess.run([sys.executable, "-m", "converter", "validate", str(SEED_SPEC), str(FOLDER / "valid"),
                           "--type", TYPE], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout
    assert f"{sum(len(c['files']) for c in MANIFEST['valid'])} file(s) checked: 0 invalid" in done.stderr


def test_every_valid_fixture_validates_with_jsonschema_and_xmlschema(
        seed_spec: Spec, xml_checkers: Callable[[Spec, str], dict[str, Callable[[bytes], list[str]]]]) -> None:
    schema = Draft202012Validator(to_json_schema(seed_spec, TYPE))
    xml = xml_checkers(seed_spec, "contract")["xmlschema"]
    kinds = set()
    for case in MANIFEST["valid"]:
        for encoding, rel in case["files"].items():
            kinds.add(encoding)
            data = (FOLDER / rel).read_bytes()
            if encoding == "json":
                assert schema.is_valid(json.loads(data)), rel
            elif encoding == "xml":
                assert xml(data) == [], rel
    assert kinds == {"json", "xml", "form"}


def test_every_invalid_fixture_fails_for_its_rule_in_exactly_its_encodings(
        seed_spec: Spec, xml_checkers: Callable[[Spec, str], dict[str, Callable[[bytes], list[str]]]]) -> None:
    schema = Draft202012Validator(to_json_schema(seed_spec, TYPE))
    xml = xml_checkers(seed_spec, "contract")["xmlschema"]
    rules = set()
    for case in MANIFEST["invalid"]:
        rules.add(case["rule"])
        assert set(case["invalidIn"]) | set(case["validIn"]) == set(case["files"])
        for encoding, rel in case["files"].items():
            errors = _errors(seed_spec, rel)
            data = (FOLDER / rel).read_bytes()
            if encoding in case["invalidIn"]:
                assert [rule for rule, _ in errors] == [case["rule"]], (rel, errors)
                if case["rule"] != "contract.required":  # a missing member is reported where it was due
                    assert errors[0][1] == case["path"], (rel, errors)
            else:
                assert errors == [], (rel, errors)
            if encoding == "json":
                assert schema.is_valid(json.loads(data)) == (encoding not in case["invalidIn"]), rel
            elif encoding == "xml":
                assert bool(xml(data)) == (encoding in case["invalidIn"]), rel
    assert {"contract.required", "contract.enum", "contract.type", "contract.root"} <= rules


def test_the_folder_is_what_the_command_writes(tmp_path: Path) -> None:
    if not (shutil.which("mono") and shutil.which("mcs")):
        pytest.skip("Mono not installed: the fixtures' valid JSON and XML are written by .NET")
    out = tmp_path / "again"
    done = subprocess.run([sys.executable, "-m", "converter", *COMMAND, "-o", str(out)], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    ours = sorted(p.relative_to(FOLDER).as_posix() for p in FOLDER.rglob("*") if p.is_file())
    assert ours == sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    stale = [rel for rel in ours if (FOLDER / rel).read_bytes() != (out / rel).read_bytes()]
    assert not stale, f"stale: run contractkit {' '.join(COMMAND)} -o fixtures/generated/outgoing-secure-messages"
