"""``contractkit fuzz`` and ``contractkit fixtures`` as a user runs them (the .NET side is in
tests/interop/test_fuzz_dotnet.py; here --dotnet off, so these run anywhere)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run
from tests.conftest import EVERYTHING_SPEC, SEED_SPEC


def test_fuzz_passes_on_the_seed_spec_with_a_progress_line_per_property() -> None:
    done = run("fuzz", str(SEED_SPEC), "--examples", "25", "--dotnet", "off")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert [line for line in lines if line.startswith("fuzz: ")] == [
        f"fuzz: OutgoingSecureMessageModel {p}: 25 examples, 0 failure(s)" for p in ("roundtrip", "schemas", "decoders")]
    assert lines[-1].startswith("75 examples over 1 type(s) without the .NET differential run in ")


def test_fuzz_json_report_and_every_class_with_all() -> None:
    done = run("fuzz", str(EVERYTHING_SPEC), "--all", "--examples", "5", "--dotnet", "off", "--formats", "json,xml",
               "--output", "json", "--quiet")
    assert done.returncode == 0 and done.stderr == ""
    report = json.loads(done.stdout)
    assert report["failures"] == [] and report["dotnet"] is False and report["examples"] == 4 * 3 * 5


def test_fuzz_usage_errors_exit_2() -> None:
    bad = run("fuzz", str(SEED_SPEC), "--formats", "json,yaml")
    assert bad.returncode == 2 and "yaml: a comma-separated list of json, xml, form" in bad.stderr
    enum = run("fuzz", str(EVERYTHING_SPEC), "--type", "Color")
    assert enum.returncode == 2 and "'Color' is an enum: fuzz a class" in enum.stderr
    unknown = run("fuzz", str(SEED_SPEC), "--type", "Nope")
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


def test_fixtures_are_byte_identical_for_a_seed_and_say_what_each_case_is(tmp_path: Path) -> None:
    args = ("fixtures", str(EVERYTHING_SPEC), "--type", "Thing", "--count", "6", "--invalid", "6", "--dotnet", "off")
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert run(*args, "-o", str(first)).returncode == 0
    assert run(*args, "-o", str(second)).returncode == 0
    assert run(*args, "--seed", "9", "-o", str(other)).returncode == 0
    files = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert (first / "manifest.json").read_bytes() != (other / "manifest.json").read_bytes()
    manifest = json.loads((first / "manifest.json").read_text())
    assert len(manifest["valid"]) == 6 and len(manifest["invalid"]) == 6
    for case in manifest["invalid"]:
        assert case["rule"].startswith("contract.") and set(case["invalidIn"]) <= set(case["files"])
        assert all((first / rel).is_file() for rel in case["files"].values())
    (first / "valid" / "999.json").write_text("{}")  # an earlier run's case: removed; other files stay
    (first / "notes.txt").write_text("mine")
    assert run(*args, "-o", str(first)).returncode == 0
    assert not (first / "valid" / "999.json").exists() and (first / "notes.txt").exists()
