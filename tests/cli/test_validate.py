"""contractkit validate as CI runs it: every output format, roles, globs, jobs, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli import run
from tests.conftest import FIXTURES, SEED_SPEC
from tests.unit.test_report import valid_junit, valid_sarif
from tests.validate.test_verdicts import BROKEN, EXPECTED

SPEC = str(SEED_SPEC)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The broken payloads, one per rule and encoding, in a folder of their own."""
    folder = tmp_path / "broken"
    folder.mkdir()
    for name in EXPECTED:
        shutil.copy(BROKEN / name, folder / name)
    return folder


def expected_findings() -> list[tuple[str, str, str, str, int, int]]:
    return [(name, *finding) for name, found in EXPECTED.items() for finding in found]  # type: ignore[misc]


def test_text_reports_every_broken_payload(broken: Path) -> None:
    result = run("validate", SPEC, "--role", "request", str(broken))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for name, rule, severity, path, line, col in expected_findings():
        assert any(l.startswith(f"{broken / name}:{line}:{col}: {severity}: {path or '/'}: ") for l in lines), name
    assert len(lines) == len(expected_findings())


def test_json_output_has_rule_path_and_position(broken: Path) -> None:
    result = run("validate", SPEC, "--role", "request", "--output-format", "json", str(broken))
    found = [json.loads(line) for line in result.stdout.splitlines()]
    got = {(Path(f["file"]).name, f["rule"], f["severity"], f["path"], f["line"], f["col"]) for f in found}
    assert got == set(expected_findings())


def test_github_annotations(broken: Path) -> None:
    result = run("validate", SPEC, "--role", "request", "--output-format", "github", str(broken))
    lines = result.stdout.splitlines()
    for name, rule, severity, path, line, col in expected_findings():
        head = f"::{severity} file={broken / name},line={line},col={col},title={rule}::{path}"
        assert any(l.startswith(head) for l in lines), head


def test_junit_validates_and_counts_failures(broken: Path) -> None:
    result = run("validate", SPEC, "--role", "request", "--output-format", "junit", str(broken))
    root = valid_junit(result.stdout)
    suites = {Path(s.get("name")).name: s for s in root.iter("testsuite")}
    assert set(suites) == set(EXPECTED)
    for name, found in EXPECTED.items():
        errors = [f for f in found if f[1] == "error"]
        # one test case per file, failed once however many errors it has; its text lists them all
        assert int(suites[name].get("failures")) == (1 if errors else 0)
        failures = suites[name].findall(".//failure")
        assert [f.get("type") for f in failures] == [errors[0][0]] if errors else failures == []
        if errors:
            assert len(failures[0].text.splitlines()) == len(errors)
        assert float(suites[name].get("time")) > 0  # the file's real time
    assert int(root.get("tests")) == len(EXPECTED)
    assert int(root.get("failures")) == sum(any(f[1] == "error" for f in found) for found in EXPECTED.values())


def test_sarif_validates_and_locates(broken: Path) -> None:
    result = run("validate", SPEC, "--role", "request", "--output-format", "sarif", str(broken))
    log = valid_sarif(result.stdout)
    results = log["runs"][0]["results"]
    assert len(results) == len(expected_findings())
    located = {(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
               for r in results}
    assert located == {(rule, severity, line) for _, rule, severity, _, line, _ in expected_findings()}


def test_clean_fixtures_exit_0_and_seed_samples_exit_1() -> None:
    clean = run("validate", SPEC, str(FIXTURES / "outgoing-secure-messages"))
    assert clean.returncode == 0 and clean.stdout == ""
    assert "2 file(s) checked: 0 invalid, 0 with warnings" in clean.stderr
    seed = run("validate", SPEC, str(FIXTURES / "seed"))
    assert seed.returncode == 1 and len(seed.stdout.splitlines()) == 4


def test_warnings_fail_only_when_asked(tmp_path: Path) -> None:
    payload = tmp_path / "extra.json"
    payload.write_text(json.dumps({"externalId": "E", "fromSecureRecipientExternalId": "S", "nickname": "x"}))
    lenient = run("validate", SPEC, str(payload))
    assert lenient.returncode == 0 and "warning: /nickname" in lenient.stdout
    assert run("validate", SPEC, "--warnings-as-errors", str(payload)).returncode == 1


def test_role_request_adds_read_only_warnings() -> None:
    path = str(FIXTURES / "outgoing-secure-messages" / "request.json")
    assert run("validate", SPEC, path).stdout == ""
    request = run("validate", SPEC, "--role", "request", path)
    assert request.returncode == 0
    assert [l.split(": ")[2] for l in request.stdout.splitlines()] == [
        "/fromSecureRecipientName", "/creationDate", "/sentDate", "/id"]


def test_include_exclude_and_form_files(tmp_path: Path, broken: Path) -> None:
    only_form = run("validate", SPEC, "--role", "request", "--include", "*.form", str(broken))
    assert {Path(l.split(":")[0]).suffix for l in only_form.stdout.splitlines()} == {".form"}
    no_xml = run("validate", SPEC, "--role", "request", "--exclude", "*.xml", str(broken))
    assert ".xml:" not in no_xml.stdout and ".json:" in no_xml.stdout


def test_jobs_give_the_same_findings(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        shutil.copy(FIXTURES / "seed" / ("request.json" if i % 2 else "request.xml"),
                    folder / f"{i:02d}.{'json' if i % 2 else 'xml'}")
    serial = run("validate", SPEC, str(folder))
    parallel = run("validate", SPEC, "--jobs", "2", str(folder))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout and len(serial.stdout.splitlines()) == 80


def test_stdin_and_usage_errors(tmp_path: Path) -> None:
    data = (FIXTURES / "seed" / "request.xml").read_bytes()
    piped = run("validate", SPEC, "-", input=data)
    assert piped.returncode == 1 and piped.stdout.startswith("<stdin>:30:1: error: ")
    assert run("validate", SPEC, "--output-format", "yaml", "-").returncode == 2
    assert run("validate", str(tmp_path / "missing.yaml"), "-").returncode == 2
    assert run("validate", SPEC, "--type", "Nope", "-").returncode == 2


def test_a_payload_suffix_is_what_splitext_says() -> None:
    """The folder walk's own suffix rule (faster) equals ``os.path.splitext``'s, case folded."""
    import itertools
    import os

    from converter.cli import _suffix

    names = ["".join(p) for n in range(1, 6) for p in itertools.product(["a", ".", "J", "json", "é", "İ"], repeat=n)]
    for name in names + [".json", "..json", "a..json", ".a.json", "x.JSON", "x.", "İ.XML", "Σ.FORM"]:
        assert _suffix(name) == os.path.splitext(name)[1].lower(), name
