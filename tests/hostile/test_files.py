"""``-o`` never destroys an input, a device or a mode; no input is read past ``--max-bytes``."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SEED_SPEC
from tests.hostile.harness import contractkit

SPEC = str(SEED_SPEC)
SEED = (FIXTURES / "seed" / "request.json").read_bytes()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "in.json").write_bytes(SEED)
    shutil.copy(SPEC, tmp_path / "spec.yaml")
    return tmp_path


@pytest.mark.parametrize("target", ["in.json", "sub/../in.json", "./in.json", "link.json"])
def test_output_onto_the_input_is_refused_whatever_its_spelling(work: Path, target: str) -> None:
    (work / "link.json").symlink_to(work / "in.json")
    done = contractkit("convert", "spec.yaml", "in.json", "--to", "xml", "-o", target, cwd=work)
    assert done.returncode == 2 and "is an input of this command" in done.stderr
    assert (work / "in.json").read_bytes() == SEED


def test_output_onto_the_stdin_file_or_the_spec_is_refused(work: Path) -> None:
    done = contractkit("convert", "spec.yaml", "-", "--to", "xml", "-o", "in.json", stdin=work / "in.json", cwd=work)
    assert done.returncode == 2 and "is an input" in done.stderr and (work / "in.json").read_bytes() == SEED
    before = (work / "spec.yaml").read_bytes()
    done = contractkit("convert", "spec.yaml", "in.json", "--to", "xml", "-o", "spec.yaml", cwd=work)
    assert done.returncode == 2 and (work / "spec.yaml").read_bytes() == before


def test_output_onto_a_device_or_a_fifo_is_refused(work: Path) -> None:
    # /dev/null through a link of our own: were the rule ever broken, the link is what gets
    # replaced, never the machine's /dev/null (CI runs as root).
    os.mkfifo(work / "pipe")
    (work / "null").symlink_to("/dev/null")
    for target in ("null", "pipe"):
        done = contractkit("convert", "spec.yaml", "in.json", "--to", "xml", "-o", target, cwd=work)
        assert done.returncode == 2 and "not a regular file" in done.stderr, target
    assert (work / "null").is_symlink() and stat.S_ISCHR(os.stat(work / "null").st_mode)
    assert stat.S_ISFIFO(os.lstat(work / "pipe").st_mode)


def test_dash_is_standard_output(work: Path) -> None:
    done = contractkit("convert", "spec.yaml", "in.json", "--to", "xml", "-o", "-", cwd=work)
    assert done.returncode == 0 and done.stdout.startswith("<OutgoingSecureMessageModel")


def test_a_new_file_gets_the_umask_mode_and_an_old_one_keeps_its_own(work: Path) -> None:
    old = os.umask(0o027)
    try:
        assert contractkit("convert", "spec.yaml", "in.json", "--to", "xml", "-o", "new.xml", cwd=work).returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(work / "new.xml").st_mode) == 0o640
    (work / "old.xml").write_bytes(b"x")
    os.chmod(work / "old.xml", 0o604)
    assert contractkit("convert", "spec.yaml", "in.json", "--to", "xml", "-o", "old.xml", cwd=work).returncode == 0
    assert stat.S_IMODE(os.stat(work / "old.xml").st_mode) == 0o604 and (work / "old.xml").read_bytes() != b"x"
    assert not [p for p in os.listdir(work) if p.endswith(".tmp")]


@pytest.mark.parametrize("where", ["payload", "stdin", "spec", "sparse"])
def test_nothing_is_read_past_max_bytes(work: Path, where: str) -> None:
    sparse = work / "sparse.json"
    with sparse.open("wb") as out:
        out.truncate(8 << 30)  # 8 GB that take no disk
    args = {"payload": ("spec.yaml", "/dev/zero"), "stdin": ("spec.yaml", "-"), "spec": ("/dev/zero", "in.json"),
            "sparse": ("spec.yaml", "sparse.json")}[where]
    for command in (["convert", *args, "--to", "xml"], ["validate", *args]):
        done = contractkit(*command, "--max-bytes", "1000000", stdin=Path("/dev/zero") if where == "stdin" else None,
                           cwd=work)
        assert "more than 1000000 bytes: refused (raise the limit with --max-bytes)" in done.stderr + done.stdout
        assert done.returncode == (2 if where == "spec" else 1), (command, done.stderr)


def test_the_default_limit_holds_without_the_option(work: Path) -> None:
    done = contractkit("convert", "spec.yaml", "/dev/zero", "--to", "xml", cwd=work)
    assert done.returncode == 1 and f"more than {64 << 20} bytes" in done.stderr


def test_generate_refuses_a_spec_past_max_bytes(work: Path) -> None:
    done = contractkit("generate", "/dev/zero", "-o", "out", "--max-bytes", "5000", cwd=work)
    assert done.returncode == 2 and "more than 5000 bytes" in done.stderr


def test_walked_folders_skip_fifos_and_report_symlink_loops(work: Path) -> None:
    tree = work / "tree"
    tree.mkdir()
    (tree / "good.json").write_bytes(SEED)
    os.mkfifo(tree / "blocked.json")
    (tree / "loop.json").symlink_to(tree / "loop.json")
    done = contractkit("validate", "spec.yaml", "tree", cwd=work)
    assert done.returncode == 1, done.stderr
    assert "blocked.json" not in done.stdout
    assert "tree/loop.json:1:1: error: /: cannot read: Too many levels of symbolic links" in done.stdout


@pytest.mark.parametrize("planted", ["zero", "fifo"])
def test_generate_neither_reads_nor_replaces_a_planted_device(work: Path, planted: str) -> None:
    xsd = work / "out" / "xsd"
    xsd.mkdir(parents=True)
    if planted == "zero":
        (xsd / "index.xsd").symlink_to("/dev/zero")
    else:
        os.mkfifo(xsd / "index.xsd")
    for check in ([], ["--check"]):
        done = contractkit("generate", "spec.yaml", "-o", "out", *check, cwd=work)
        assert done.returncode == 2 and "index.xsd: error: not a regular file" in done.stderr, done.stderr
    assert (xsd / "index.xsd").is_symlink() or stat.S_ISFIFO(os.lstat(xsd / "index.xsd").st_mode)


def test_generate_never_writes_over_its_spec(work: Path) -> None:
    (work / "out" / "xsd").mkdir(parents=True)
    os.link(work / "spec.yaml", work / "out" / "xsd" / "index.xsd")  # the same file under a generated name
    done = contractkit("generate", "spec.yaml", "-o", "out", cwd=work)
    assert done.returncode == 2 and "is an input of this command" in done.stderr
    assert (work / "spec.yaml").read_bytes() == (SEED_SPEC).read_bytes()


def test_running_out_of_memory_is_a_refusal_not_an_internal_error(monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    import converter.convert
    from converter.cli import run

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(converter.convert, "convert", exhausted)
    assert run(["convert", SPEC, str(FIXTURES / "seed" / "request.json"), "--to", "xml"]) == 1
    assert "out of memory: the input is too large for this machine" in capsys.readouterr().err
