"""The contractkit command as a user runs it: exit codes, stdout and stderr, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main
from tests.conftest import EVERYTHING_SPEC, FIXTURES, ROOT, SEED_SPEC


def run(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point, as CI does."""
    return subprocess.run([sys.executable, "-m", "converter", *args], input=input.decode() if input else None,
                          capture_output=True, text=True, cwd=ROOT)


def test_help_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "generate" in result.output and "validate" in result.output


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("contractkit, version ")


def test_generate_writes_schemas_and_check_accepts_them(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    assert run("generate", str(SEED_SPEC), "-o", str(out)).returncode == 0
    assert (out / "OutgoingSecureMessageModel.schema.json").is_file()
    assert (out / "xsd" / "index.xsd").is_file()
    check = run("generate", str(SEED_SPEC), "-o", str(out), "--check")
    assert check.returncode == 0, check.stderr


def test_check_reports_stale_missing_and_extra_files(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    run("generate", str(SEED_SPEC), "-o", str(out))
    (out / "BaseModel.schema.json").write_text("{}")
    (out / "xsd" / "index.xsd").unlink()
    (out / "Old.schema.json").write_text("{}")
    result = run("generate", str(SEED_SPEC), "-o", str(out), "--check")
    assert result.returncode == 1
    assert "stale: BaseModel.schema.json" in result.stderr
    assert "missing: xsd/index.xsd" in result.stderr
    assert "extra: Old.schema.json" in result.stderr
    assert (out / "BaseModel.schema.json").read_text() == "{}"  # --check writes nothing


def test_wire_profile_is_checked_against_its_own_output(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    run("generate", str(SEED_SPEC), "-o", str(out), "--xsd-profile", "wire")
    assert run("generate", str(SEED_SPEC), "-o", str(out), "--xsd-profile", "wire", "--check").returncode == 0
    assert run("generate", str(SEED_SPEC), "-o", str(out), "--check").returncode == 1


@pytest.mark.parametrize("spec", ["outgoing-secure-messages", "everything"])
def test_checked_in_generated_schemas_are_up_to_date(spec: str) -> None:
    result = run("generate", f"schemas/{spec}.yaml", "-o", f"schemas/generated/{spec}", "--check")
    assert result.returncode == 0, result.stderr


def test_spec_error_is_one_located_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("spec: 1\ntypes:\n  A:\n    fields:\n      N: Lsit<int>\n")
    result = run("generate", str(bad), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{bad}:5:10: error: unknown generic type Lsit<...> with 1 argument(s) in 'Lsit<int>'; did you mean 'List<int>'?"]
    assert not (tmp_path / "out").exists()


def test_missing_spec_file_is_exit_2(tmp_path: Path) -> None:
    result = run("generate", str(tmp_path / "nope.yaml"), "-o", str(tmp_path))
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr and "Traceback" not in result.stderr


def test_validate_bundled_fixtures_are_clean() -> None:
    result = run("validate", str(SEED_SPEC), "fixtures/outgoing-secure-messages")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "2 file(s) checked: 0 invalid, 0 with warnings" in result.stderr


def test_validate_seed_samples_report_the_two_placeholders_with_locations() -> None:
    result = run("validate", str(SEED_SPEC), "fixtures/seed")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'fixtures/seed/request.json:18:11: error: /status: expected one of Draft, Sent; got "sample string 5"',
        'fixtures/seed/request.json:19:13: error: /priority: expected one of Normal, High, Low; got "sample string 6"',
        "fixtures/seed/request.xml:30:1: error: /OutgoingSecureMessageModel/Priority: "
        'expected one of Normal, High, Low; got "sample string 6"',
        "fixtures/seed/request.xml:32:1: error: /OutgoingSecureMessageModel/Status: "
        'expected one of Draft, Sent; got "sample string 5"',
    ]


def test_validate_reads_stdin_and_points_into_nested_members() -> None:
    payload = json.loads((FIXTURES / "outgoing-secure-messages" / "request.json").read_text())
    payload["patients"][1]["isRepresentative"] = "yes"
    result = run("validate", str(SEED_SPEC), "-", input=json.dumps(payload, indent=1).encode())
    assert result.returncode == 1
    assert "<stdin>:" in result.stdout and '/patients/1/isRepresentative: expected true or false (bool); got "yes"' in result.stdout


def test_validate_syntax_errors_are_located() -> None:
    result = run("validate", str(SEED_SPEC), "--from", "xml", "-", input=b"<a>\n<b></a>")
    assert result.returncode == 1
    assert result.stdout.startswith("<stdin>:2:")
    assert "invalid XML" in result.stdout


def test_validate_needs_a_type_when_the_spec_cannot_tell() -> None:
    result = run("validate", str(EVERYTHING_SPEC), "fixtures/everything/address.json")
    assert result.returncode == 1
    assert "pass --type" in result.stdout
    assert run("validate", str(EVERYTHING_SPEC), "--type", "Address", "fixtures/everything/address.json").returncode == 0


def test_validate_unknown_type_and_missing_path_are_usage_errors(tmp_path: Path) -> None:
    assert run("validate", str(SEED_SPEC), "--type", "Nope", "fixtures/seed").returncode == 2
    missing = run("validate", str(SEED_SPEC), str(tmp_path / "none.json"))
    assert missing.returncode == 2 and "none.json" in missing.stderr


def test_cli_import_stays_light() -> None:
    # `contractkit --help` must not pay for the engines (click's test_light_imports).
    code = ("import sys, converter.cli; heavy = {'lxml', 'xmlschema', 'jsonschema', 'hypothesis', 'yaml'}; "
            "print(sorted(m for m in heavy if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_command_ends_at_once_with_every_byte_written(tmp_path: Path) -> None:
    """``command`` skips the interpreter's tidy-up: what was written must all arrive, through a pipe
    (stdout a block-buffered file), and a reader that stops early costs no traceback."""
    from converter.cli import run as in_process

    for i in range(300):
        (tmp_path / f"{i:03d}.xml").write_bytes((FIXTURES / "seed" / "request.xml").read_bytes())
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    piped = subprocess.run([sys.executable, "-m", "converter", "validate", str(SEED_SPEC), str(tmp_path)],
                           capture_output=True, text=True, cwd=ROOT, env=buffered)
    assert piped.returncode == 1 and len(piped.stdout) > 40_000  # several buffers' worth
    assert piped.stderr.endswith("300 file(s) checked: 300 invalid, 0 with warnings\n")
    report = tmp_path / "report.txt"
    assert in_process(["validate", str(SEED_SPEC), str(tmp_path), "-o", str(report)]) == 1
    assert piped.stdout == report.read_text()
    early = subprocess.Popen([sys.executable, "-m", "converter", "validate", str(SEED_SPEC), str(tmp_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=buffered)
    assert early.stdout is not None and early.stderr is not None
    early.stdout.readline()
    early.stdout.close()  # as `| head -1` does
    assert early.wait() == 1 and b"Traceback" not in early.stderr.read()
    early.stderr.close()
