"""validate --jobs: the same findings, in the same order, with the same per-file times' keys, as one
process gives, however the files fall into chunks and whichever process checks them."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from converter.spec import load_spec
from converter.validate import run as run_module
from converter.validate.run import Target, validate_files
from tests.cli.test_cli import run
from tests.conftest import FIXTURES, SEED_SPEC
from tests.validate.test_verdicts import BROKEN, EXPECTED

SPEC = load_spec(SEED_SPEC)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Every broken payload (each rule, each encoding) between valid ones, several times over, a
    dangling link and an empty file: 5 x 47 files, so every chunk size leaves a ragged last chunk."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    valid = [FIXTURES / "seed" / name for name in ("request.json", "request.xml")]
    sources = [path for name in sorted(EXPECTED) for path in (BROKEN / name, valid[len(name) % 2])]
    i = 0
    for _ in range(5):
        for source in sources:
            shutil.copy(source, folder / f"{i:04d}{source.suffix}")
            i += 1
    (folder / f"{i:04d}.json").symlink_to(folder / "missing.json")
    (folder / f"{i + 1:04d}.xml").write_bytes(b"")
    return folder


def targets(folder: Path) -> list[Target]:
    return [Target(str(p), str(p), role="request") for p in sorted(folder.iterdir(), key=lambda p: p.name)]


@pytest.mark.parametrize("jobs", [2, 3, 0])
def test_workers_find_what_one_process_finds(mixed: Path, jobs: int) -> None:
    files = targets(mixed)
    serial = validate_files(SPEC, files, jobs=1)
    parallel = validate_files(SPEC, files, jobs=jobs)
    assert len(serial.findings) > len(files)  # most files have findings: every chunk carries some back
    assert parallel.findings == serial.findings
    assert list(parallel.seconds) == list(serial.seconds) == [t.name for t in files]
    assert all(spent > 0 for spent in parallel.seconds.values())


def test_a_file_named_twice_is_reported_and_timed_as_one_process_does(mixed: Path) -> None:
    files = targets(mixed)
    twice = files + files[:7]
    serial = validate_files(SPEC, twice, jobs=1)
    parallel = validate_files(SPEC, twice, jobs=2)
    assert parallel.findings == serial.findings and list(parallel.seconds) == list(serial.seconds)


def test_chunks_a_worker_never_returns_are_checked_by_the_parent(mixed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def dies(*args: object) -> None:
        for index in run_module._claims(args[3]):  # takes work, then dies without a word
            if index > 3:
                os._exit(1)

    monkeypatch.setattr(run_module, "_work", dies)
    files = targets(mixed)
    assert validate_files(SPEC, files, jobs=2).findings == validate_files(SPEC, files, jobs=1).findings



@pytest.mark.parametrize(("count", "workers"), [(8, 2), (9, 2), (100, 3), (20_000, 2), (20_000, 512), (10**7, 2)])
def test_chunks_cover_every_file_once_in_order_and_end_small(count: int, workers: int) -> None:
    """The queue holds every chunk (a pipe's page: 4 bytes each), the first is the file checked
    before forking, and the last ones are small, so no process waits long on another's last chunk."""
    chunks = run_module._chunks(count, workers)
    assert chunks[0] == range(0, 1) and [i for chunk in chunks for i in chunk] == list(range(count))
    assert all(chunks) and (len(chunks) - 1) * 4 <= 4096
    assert len(chunks[-1]) <= max(1, len(chunks[1]) // 8, -(-count // run_module._MAX_CHUNKS) * 2)
    if count == 20_000 and workers == 2:
        assert [len(c) for c in chunks[-16:]] == [16] * 16 and chunks[-16].start == 20_000 - 2 * 128
        assert {len(c) for c in chunks[1:-17]} == {128}

def test_progress_counts_every_file_once(mixed: Path) -> None:
    counted: list[int] = []

    class Bar:
        def __init__(self, total: int) -> None:
            counted.append(-total)

        def __enter__(self) -> Bar:
            return self

        def __exit__(self, *args: object) -> None:
            return None

        def update(self, n: int) -> None:
            assert n > 0
            counted.append(n)

    files = targets(mixed)
    validate_files(SPEC, files, jobs=2, progress=Bar)
    assert counted[0] == -len(files) and sum(counted[1:]) == len(files)


@pytest.mark.parametrize("report", ["text", "json", "github", "sarif"])
def test_cli_output_is_byte_identical(mixed: Path, report: str) -> None:
    serial = run("validate", str(SEED_SPEC), "--role", "request", "--output-format", report, str(mixed))
    parallel = run("validate", str(SEED_SPEC), "--role", "request", "--output-format", report, "-j", "2", str(mixed))
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout and parallel.stderr == serial.stderr
    assert serial.stdout.count(str(mixed)) > 200


def test_every_targets_own_name_type_format_and_role_reach_the_workers(mixed: Path) -> None:
    """Names of any characters (a newline, a lone surrogate as an undecodable file name gives), and
    each target's own type, format and role (as the configuration's mappings give them) come back
    from the workers as one process has them."""
    files = [Target(f"odd\n{i}\udcff\t.json", t.path, "PatientRecipientModel" if i % 3 == 0 else None,
                    ("auto", "json", "xml")[i % 3] if i % 5 else "auto", (None, "request", "response")[i % 3])
             for i, t in enumerate(targets(mixed))]
    serial = validate_files(SPEC, files, jobs=1)
    parallel = validate_files(SPEC, files, jobs=2)
    assert len({f.rule for f in serial.findings}) > 10  # the settings matter: many rules, usage errors among them
    assert parallel.findings == serial.findings
    assert list(parallel.seconds) == list(serial.seconds) == [t.name for t in files]


def test_a_run_too_small_to_split_or_with_no_payloads_says_what_one_process_says(tmp_path: Path) -> None:
    few = tmp_path / "few"
    few.mkdir()
    for name in ("a.json", "b.xml"):
        shutil.copy(FIXTURES / "seed" / f"request{Path(name).suffix}", few / name)
    (few / "c.json").write_text('{"broken": ')
    empty = tmp_path / "empty"
    empty.mkdir()
    for folder in (few, empty):
        serial = run("validate", str(SEED_SPEC), "--role", "request", str(folder))
        parallel = run("validate", str(SEED_SPEC), "--role", "request", "-j", "2", str(folder))
        assert (parallel.returncode, parallel.stdout, parallel.stderr) == (serial.returncode, serial.stdout,
                                                                         serial.stderr)
    assert serial.returncode == 2 and "no payloads" in serial.stderr


def test_a_json_document_is_checked_without_collections_and_the_collector_is_left_as_found() -> None:
    """Its nodes hold no cycles: a collection while a large one is read would only walk it again."""
    import gc

    from converter.validate import Validator

    validator = Validator(SPEC)
    document = json.loads((FIXTURES / "seed" / "request.json").read_text())
    document["patients"] *= 3000  # tens of thousands of nodes
    many = json.dumps(document).encode()
    assert len(validator.check(many, "p.json")) < 5  # the sample's own few findings
    collections: list[str] = []
    gc.callbacks.append(lambda phase, info: collections.append(phase))
    try:
        for data in (many, b'{"broken": ', b"[" * 300):
            assert gc.isenabled()
            collections.clear()
            validator.check(data, "p.json", type_name="OutgoingSecureMessageModel")
            assert gc.isenabled() and collections.count("start") <= 1  # at most one, once it is over
        gc.disable()
        try:
            validator.check(many, "p.json", type_name="OutgoingSecureMessageModel")
            assert not gc.isenabled()
        finally:
            gc.enable()
    finally:
        gc.callbacks.pop()
