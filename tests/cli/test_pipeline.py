"""What a team's pipeline expects of the command, each run as a user runs it, in a fresh folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EVERYTHING_SPEC, FIXTURES, ROOT, SEED_SPEC

SEED_JSON = FIXTURES / "outgoing-secure-messages" / "request.json"


def run(*args: str, cwd: Path, input: bytes | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "converter", *args], input=input, capture_output=True,
                          cwd=cwd, env=full_env, check=False, text=input is None) if input is None else \
        _bytes(subprocess.run([sys.executable, "-m", "converter", *args], input=input, capture_output=True,
                              cwd=cwd, env=full_env, check=False))


def _bytes(done: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[str]:
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding the Everything spec and Mono's payloads of several of its types."""
    shutil.copy(EVERYTHING_SPEC, tmp_path / "everything.yaml")
    shutil.copytree(FIXTURES / "everything", tmp_path / "payloads")
    return tmp_path


CONFIG = """
spec = "everything.yaml"

[[payloads]]
glob = "payloads/address.*"
type = "Address"

[[payloads]]
glob = "payloads/thing-*"
type = "Thing"

[[payloads]]
glob = "payloads/*"
type = "Everything"
"""


def test_a_folder_of_several_types_needs_a_mapping(repo: Path) -> None:
    bare = run("validate", "everything.yaml", "payloads", cwd=repo)
    assert bare.returncode == 1 and "cannot tell the payload's type: pass --type, one of EntityBase, Address, Thing, Everything" in bare.stdout


def test_contractkit_toml_names_the_spec_and_maps_paths_to_types(repo: Path) -> None:
    (repo / "contractkit.toml").write_text(CONFIG)
    result = run("validate", "payloads", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "file(s) checked: 0 invalid" in result.stderr
    nested = repo / "payloads"  # found upward from the working directory
    assert run("validate", ".", cwd=nested).returncode == 0


def test_pyproject_tool_table_and_config_flag(repo: Path) -> None:
    text = CONFIG.replace("[[payloads]]", "[[tool.contractkit.payloads]]")
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.contractkit]\n' + text)
    assert run("validate", "payloads", cwd=repo).returncode == 0
    other = repo / "elsewhere.toml"
    other.write_text(CONFIG.replace('type = "Address"', 'type = "Thing"'))
    wrong = run("validate", "--config", str(other), "payloads", cwd=repo)
    assert wrong.returncode == 1 and "address" in wrong.stdout  # --config wins over pyproject.toml


def test_flags_override_the_configuration(repo: Path) -> None:
    (repo / "contractkit.toml").write_text(CONFIG)
    forced = run("validate", "--type", "Address", "payloads/thing-min.json", cwd=repo)
    assert "/code: not a member of Address: Json.NET ignores it" in forced.stdout  # read as an Address
    assert run("validate", "payloads/thing-min.json", cwd=repo).stdout == ""


def test_a_bad_configuration_is_one_line_and_exit_2(repo: Path) -> None:
    (repo / "contractkit.toml").write_text('spec = "everything.yaml"\n[[payloads]]\nglob = "x"\nrole = "admin"\n')
    result = run("validate", "payloads", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"{repo / 'contractkit.toml'}: error: payloads[0].role must be request or "
                                     "response, not 'admin'")


def test_no_payloads_is_an_error_unless_allowed(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("validate", str(SEED_SPEC), "empty", cwd=tmp_path)
    assert result.returncode == 2 and "no payloads under empty" in result.stderr
    assert run("validate", str(SEED_SPEC), "empty", "--allow-empty", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("command", [["validate", str(SEED_JSON)], ["convert", str(SEED_JSON), "--to", "xml"]])
def test_an_unknown_type_is_a_usage_error_that_lists_the_types(tmp_path: Path, command: list[str]) -> None:
    result = run(command[0], str(SEED_SPEC), *command[1:], "--type", "OutgoingSecureMessageModle", cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean 'OutgoingSecureMessageModel'?" in result.stderr
    assert "types: BaseModel, OutgoingSecureMessageModel" in result.stderr


def test_generate_owns_its_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", str(EVERYTHING_SPEC), "-o", str(out), cwd=tmp_path).returncode == 0
    (out / "Gone.schema.json").write_text("{}")  # what an older spec generated
    (out / "xsd" / "old.xsd").write_text("<x/>")
    (out / "README.md").write_text("mine")  # not ours: kept
    check = run("generate", str(EVERYTHING_SPEC), "-o", str(out), "--check", cwd=tmp_path)
    assert check.returncode == 1 and "extra: Gone.schema.json" in check.stderr and "extra: xsd/old.xsd" in check.stderr
    again = run("generate", str(EVERYTHING_SPEC), "-o", str(out), cwd=tmp_path)
    assert "removed 2 the spec no longer generates" in again.stderr
    assert not (out / "Gone.schema.json").exists() and (out / "README.md").exists()
    assert run("generate", str(EVERYTHING_SPEC), "-o", str(out), "--check", cwd=tmp_path).returncode == 0


def test_report_format_and_report_file(tmp_path: Path) -> None:
    report = tmp_path / "report.xml"
    result = run("validate", str(SEED_SPEC), str(FIXTURES / "seed"), "--output-format", "junit", "-o", str(report),
                 cwd=tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert report.read_text().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    legacy = run("validate", str(SEED_SPEC), str(SEED_JSON), "--output", "json", "--format", "json", cwd=tmp_path)
    assert legacy.returncode == 0 and "--format and --output are now --from and --output-format" in legacy.stderr


def test_an_unknown_extension_goes_by_the_body(tmp_path: Path) -> None:
    (tmp_path / "body.txt").write_bytes(SEED_JSON.read_bytes())
    result = run("convert", str(SEED_SPEC), "body.txt", "--to", "xml", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("<OutgoingSecureMessageModel ")


def test_empty_input_and_null_name_their_source(tmp_path: Path) -> None:
    empty = run("convert", str(SEED_SPEC), "-", "--to", "xml", cwd=tmp_path, input=b"")
    assert (empty.returncode, empty.stderr.strip()) == (1, "<stdin>: error: the payload is empty")
    found = run("validate", str(SEED_SPEC), "-", cwd=tmp_path, input=b"  \n")
    assert found.returncode == 1 and found.stdout.startswith("<stdin>:1:1: error: /: the payload is empty")
    null = run("convert", str(SEED_SPEC), "-", "--to", "xml", cwd=tmp_path, input=b"null")
    # a null body: DataContractSerializer writes a nil root (observed on Mono)
    assert null.stdout == ('<OutgoingSecureMessageModel i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" '
                           'xmlns="http://schemas.datacontract.org/2004/07/GlobalPortal.Api.Models.OutgoingSecureMessages" />')
    back = run("convert", str(SEED_SPEC), "-", "--to", "json", "--from", "xml", cwd=tmp_path, input=null.stdout.encode())
    assert back.stdout == "null"
    bad = run("convert", str(SEED_SPEC), "-", "--to", "json", cwd=tmp_path, input=b'{"status": 5}')
    assert bad.returncode == 1 and bad.stderr.startswith("<stdin>:1:12: error: Status: ")


def test_a_utf16_payload_is_read(tmp_path: Path) -> None:
    """What Windows PowerShell 5's `>` writes: UTF-16 little-endian with a byte order mark."""
    (tmp_path / "ps.json").write_bytes(SEED_JSON.read_text().encode("utf-16"))
    assert run("validate", str(SEED_SPEC), "ps.json", cwd=tmp_path).returncode == 0
    converted = run("convert", str(SEED_SPEC), "ps.json", "--to", "xml", cwd=tmp_path)
    assert converted.returncode == 0 and converted.stdout.startswith("<OutgoingSecureMessageModel ")
    (tmp_path / "nobom.json").write_bytes(SEED_JSON.read_text().encode("utf-16-le"))
    refused = run("convert", str(SEED_SPEC), "nobom.json", "--to", "xml", cwd=tmp_path)
    assert refused.returncode == 1 and "looks like UTF-16 without a byte order mark" in refused.stderr


def test_impossible_bounds_are_spec_errors(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text("spec: 1\ntitle: t\ntypes:\n  A:\n    namespace: N\n    fields:\n"
                    "      Name: {type: string, minLength: 5, maxLength: 2}\n")
    result = run("generate", str(spec), "-o", "out", cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (
        2, f"{spec}:7:39: error: minLength 5 of Name is more than its maxLength 2: no value fits")
    spec.write_text(spec.read_text().replace("{type: string, minLength: 5, maxLength: 2}", "{type: byte, maximum: 1000}"))
    result = run("generate", str(spec), "-o", "out", cwd=tmp_path)
    assert result.returncode == 2 and "maximum of Name: 1000 is outside byte's range 0..255" in result.stderr


def test_help_lists_each_commands_summary_whole(tmp_path: Path) -> None:
    result = run("--help", cwd=tmp_path)
    # in a pipe click lays help out 80 columns wide; import-helppage sets the width of the name column
    assert re.search(r"\n  validate +Lint payloads: syntax, contract, \.NET's silent failures\.\n", result.stdout)
    assert re.search(r"\n  convert +Convert a payload between JSON, XML and form encoding\.\n", result.stdout)
    assert re.search(r"\n  import-helppage +Write a spec from ASP\.NET Web API help pages\.\n", result.stdout)
    assert "schemas/outgoing-secure-messages.yaml" in result.stdout  # a path is never broken
    assert "pip install 'contractkit-dotnet[fuzz]'\n" in result.stdout and "_CONTRACTKIT_COMPLETE" in result.stdout


def test_color_is_asked_for_or_given_on_a_terminal_only(tmp_path: Path) -> None:
    args = ("validate", str(SEED_SPEC), str(FIXTURES / "seed" / "request.json"))
    assert "\x1b[" in run(*args, "--color", "always", cwd=tmp_path).stdout
    assert "\x1b[" not in run(*args, cwd=tmp_path).stdout  # a pipe is no terminal
    assert "\x1b[" not in run(*args, "--color", "never", cwd=tmp_path).stdout


def test_the_spec_cache_goes_where_it_is_told_and_stays_bounded(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run("validate", str(SEED_SPEC), str(SEED_JSON), cwd=tmp_path, env={"CONTRACTKIT_CACHE_DIR": str(cache)})
    remembered = list((cache / "valid-specs").iterdir())
    assert len(remembered) == 1
    for i in range(300):
        (cache / "valid-specs" / f"old{i:03d}").touch()
    run("validate", str(EVERYTHING_SPEC), str(FIXTURES / "everything" / "everything-full.json"), cwd=tmp_path,
        env={"CONTRACTKIT_CACHE_DIR": str(cache)})
    assert len(list((cache / "valid-specs").iterdir())) == 256


def test_fuzzing_without_hypothesis_says_what_to_install(tmp_path: Path) -> None:
    probe = "import sys; sys.modules['hypothesis'] = None\ntry:\n import converter.fuzz\nexcept ImportError as e:\n print(e)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "converter.fuzz needs Hypothesis: pip install 'contractkit-dotnet[fuzz]'"


def test_the_pre_commit_hook_sees_payloads_not_tool_files() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    wanted, unwanted = re.compile(hook["files"]), re.compile(hook["exclude"])
    for path in ("payloads/a.json", "b.xml", "c/d.form"):
        assert wanted.search(path) and not unwanted.search(path), path
    for path in ("package.json", "web/package-lock.json", "tsconfig.build.json", ".vscode/settings.json"):
        assert unwanted.search(path), path


def test_the_distribution_name_is_ours() -> None:
    text = (ROOT / "pyproject.toml").read_text()
    assert 'name = "contractkit-dotnet"' in text and 'contractkit = "converter.cli:command"' in text
    assert json.loads('"hypothesis"') not in text.split("[project.optional-dependencies]")[0]


def test_file_system_problems_are_one_line_naming_the_path(tmp_path: Path) -> None:
    (tmp_path / "in.json").write_bytes(SEED_JSON.read_bytes())
    (tmp_path / "afile").touch()
    under_a_file = run("convert", str(SEED_SPEC), "in.json", "--to", "xml", "-o", "afile/out.xml", cwd=tmp_path)
    assert (under_a_file.returncode, under_a_file.stderr.strip()) == (
        2, "afile/out.xml: error: cannot write: a part of the path is a file, not a folder")
    into_proc = run("convert", str(SEED_SPEC), "in.json", "--to", "xml", "-o", "/proc/no/such.xml", cwd=tmp_path)
    assert into_proc.returncode == 2 and into_proc.stderr.startswith("/proc/no/such.xml: error: cannot write")
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copy(SEED_JSON, folder / "a.json")
    (folder / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    (folder / "loop.json").symlink_to("loop.json")
    walked = run("validate", str(SEED_SPEC), "d", cwd=tmp_path)
    assert walked.returncode == 1 and "internal error" not in walked.stderr
    assert walked.stdout.splitlines() == ["d/dangling.json:1:1: error: /: cannot read: No such file or directory",
                                          "d/loop.json:1:1: error: /: cannot read: Too many levels of symbolic links"]
    assert "3 file(s) checked: 2 invalid" in walked.stderr  # the good file was still checked


def test_devices_pipes_and_stdin_paths_are_read_like_files(tmp_path: Path) -> None:
    assert run("validate", str(SEED_SPEC), "/dev/stdin", cwd=tmp_path, input=SEED_JSON.read_bytes()).returncode == 0
    empty = run("validate", str(SEED_SPEC), "/dev/null", cwd=tmp_path)
    assert empty.returncode == 1 and "/dev/null:1:1: error: /: the payload is empty" in empty.stdout
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"cat {SEED_JSON} > {fifo}"])
    try:
        assert run("validate", str(SEED_SPEC), str(fifo), cwd=tmp_path).returncode == 0  # named on purpose: read
    finally:
        writer.wait(timeout=30)


def test_output_over_the_input_needs_in_place(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_bytes(SEED_JSON.read_bytes())
    refused = run("convert", str(SEED_SPEC), "in.json", "--to", "json", "-o", "in.json", cwd=tmp_path)
    assert refused.returncode == 2 and "is an input of this command: refusing to write over it" in refused.stderr
    assert source.read_bytes() == SEED_JSON.read_bytes()
    os.chmod(source, 0o640)
    done = run("convert", str(SEED_SPEC), "in.json", "--to", "xml", "-o", "in.json", "--in-place", cwd=tmp_path)
    assert done.returncode == 0 and source.read_bytes().startswith(b"<OutgoingSecureMessageModel ")
    assert (source.stat().st_mode & 0o777) == 0o640  # overwriting keeps the file's mode
    source.write_bytes(SEED_JSON.read_bytes())
    spec_over = run("convert", str(SEED_SPEC), "in.json", "--to", "json", "-o", str(SEED_SPEC), "--in-place",
                    cwd=tmp_path)
    assert spec_over.returncode == 2  # the spec is never an output


def test_written_files_get_the_umasks_mode(tmp_path: Path) -> None:
    run("convert", str(SEED_SPEC), str(SEED_JSON), "--to", "xml", "-o", "new.xml", cwd=tmp_path,
        )
    mask = os.umask(0)
    os.umask(mask)
    assert ((tmp_path / "new.xml").stat().st_mode & 0o777) == 0o666 & ~mask
    run("generate", str(SEED_SPEC), "-o", "gen", cwd=tmp_path)
    assert ((tmp_path / "gen" / "xsd" / "index.xsd").stat().st_mode & 0o777) == 0o666 & ~mask
