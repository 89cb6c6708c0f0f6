"""validate --ndjson: a JSON Lines capture, one payload a line, findings at the capture's line."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from converter.spec import Spec
from converter.validate import Validator
from converter.validate.run import validate_lines
from tests.cli.test_cli import run
from tests.conftest import FIXTURES, SEED_SPEC
from tests.validate.test_verdicts import BROKEN

SPEC = str(SEED_SPEC)


def one_line(data: bytes) -> bytes:
    """A JSON payload on one line (layout newlines become spaces)."""
    return b" ".join(data.splitlines())


def capture_lines() -> list[bytes]:
    """Every broken JSON payload and the seed fixture, each on a line, with a blank and a CRLF line."""
    payloads = [one_line(p.read_bytes()) for p in sorted(BROKEN.glob("*.json"))]
    fixture = one_line((FIXTURES / "outgoing-secure-messages" / "request.json").read_bytes())
    return [fixture, b"", *payloads, fixture + b"\r", b"{not json"]


def test_each_line_gets_the_findings_of_the_same_payload_as_a_file(tmp_path: Path, seed_spec: Spec) -> None:
    lines = capture_lines()
    capture = tmp_path / "traffic.jsonl"
    capture.write_bytes(b"\n".join(lines) + b"\n")
    validator = Validator(seed_spec, role="request")
    expected = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            for f in validator.check(line.rstrip(b"\r"), str(capture), fmt="json"):
                expected.append(f"{capture}:{number}:{f.col}: {f.severity}: {f.path or '/'}: {f.message}")
    assert len(expected) > len(lines)  # the broken payloads say something
    result = run("validate", SPEC, "--ndjson", "--role", "request", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected
    assert "1 capture(s) checked" in result.stderr
    as_json = run("validate", SPEC, "--ndjson", "--role", "request", "--output-format", "json", "-", input=capture.read_bytes())
    assert [(r["file"], r["line"]) for r in map(json.loads, as_json.stdout.splitlines())] == [
        ("<stdin>", int(e.split(":")[1])) for e in expected]


def test_a_clean_capture_exits_0_and_a_line_over_the_limit_is_one_finding(tmp_path: Path) -> None:
    fixture = one_line((FIXTURES / "outgoing-secure-messages" / "request.json").read_bytes())
    capture = tmp_path / "ok.ndjson"
    capture.write_bytes(fixture + b"\n" + fixture + b"\n")
    assert run("validate", SPEC, "--ndjson", str(capture)).returncode == 0
    capture.write_bytes(fixture + b"\n" + b'{"externalId": "' + b"x" * 5000 + b'"}\n' + b"{}\n")
    result = run("validate", SPEC, "--ndjson", "--max-bytes", "4000", "--output-format", "json", str(capture))
    found = [(r["line"], r["rule"]) for r in map(json.loads, result.stdout.splitlines())]
    assert found[0] == (2, "read") and {line for line, _ in found[1:]} == {3}  # the line after is still checked


def test_memory_does_not_grow_with_the_capture(tmp_path: Path, seed_spec: Spec) -> None:
    """Ten times the lines, the same peak: one line is in memory at a time."""
    fixture = one_line((FIXTURES / "outgoing-secure-messages" / "request.json").read_bytes())
    broken = fixture.replace(b'"externalId"', b'"externalID"', 1)

    def peak(count: int) -> int:
        capture = tmp_path / f"{count}.jsonl"
        with capture.open("wb") as out:
            for i in range(count):
                out.write((broken if i % 10 == 0 else fixture) + b"\n")
        validator = Validator(seed_spec)
        tracemalloc.start()
        try:
            findings: Iterator[object] = validate_lines(validator, str(capture), capture.name)
            seen = sum(1 for _ in findings)
            return tracemalloc.get_traced_memory()[1] if seen >= count // 10 else -1
        finally:
            tracemalloc.stop()

    small, large = peak(300), peak(3000)
    assert small > 0 and large < small * 1.5
