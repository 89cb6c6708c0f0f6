"""The seam between codecs/ and validate/: one front door, one home per rule, paths as structures.

These read the package's own source (with ``ast``), so a rule copied back into a second module,
a private import across packages or a path parsed back from text fails here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from converter.codecs import ENCODINGS, Codec, Options, codec, detect, resolve_type
from converter.codecs.path import MemberPath
from converter.errors import PayloadError
from converter.spec import Spec
from tests.conftest import ROOT

PACKAGE = ROOT / "converter"
SOURCES = {p.relative_to(PACKAGE).as_posix(): p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}


def _imports(source: str) -> list[tuple[int, str]]:
    """(level, module) of every ``from X import`` in a module."""
    return [(node.level, node.module or "") for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.ImportFrom)]


def test_every_encoding_has_a_codec_behind_one_protocol(seed_spec: Spec) -> None:
    for encoding in ENCODINGS:
        module: Codec = codec(encoding)
        value = {"ExternalId": "e", "FromSecureRecipientExternalId": "f"}
        data, losses = module.encode(seed_spec, "OutgoingSecureMessageModel", value, Options())
        assert module.decode(seed_spec, "OutgoingSecureMessageModel", data, "x").value == value
        assert detect(data) == encoding and losses == ()


def test_type_resolution_is_one_function(seed_spec: Spec) -> None:
    assert resolve_type(seed_spec, b"{}", "json", None, "a.json") == "OutgoingSecureMessageModel"
    with pytest.raises(PayloadError, match="the root element must be OutgoingSecureMessageModel in namespace"):
        resolve_type(seed_spec, b"<X/>", "xml", None, "a.xml")
    for name, source in SOURCES.items():
        if name != "codecs/__init__.py":
            assert "def resolve_type" not in source and "def _root_type" not in source, name


def test_nothing_imports_a_private_module_across_packages() -> None:
    for name, source in SOURCES.items():
        for level, module in _imports(source):
            last = module.rsplit(".", 1)[-1]
            assert not (level >= 2 and last.startswith("_")), (name, module)


def test_validate_reads_through_the_codecs_not_through_convert() -> None:
    for name, source in SOURCES.items():
        if name.startswith("validate/"):
            assert all(module != "convert" for _, module in _imports(source)), name


@pytest.mark.parametrize("needle, home", [
    ("def fold", "codecs/lexical.py"),  # OrdinalIgnoreCase
    ("def camel_case", "spec/datacontract.py"),  # every Json.NET naming generation
    ("def from_base64", "codecs/lexical.py"),
    ("def uri_normalised", "codecs/messages.py"),
    ("def enum_to_string", "codecs/lexical.py"),
    ("def enum_parse", "codecs/lexical.py"),
    ("_flag_members", "codecs/lexical.py"),
    ("def to_single", "codecs/lexical.py"),
    ('"Infinity"', "codecs/lexical.py"),
    ('"-INF"', "codecs/lexical.py"),
    ("2**96", "codecs/lexical.py"),
    ("79228162514264337593543950335", "codecs/lexical.py"),  # DECIMAL_MAX is computed; only its examples spell it
    ("required member {", "codecs/messages.py"),
    ("is outside {", "codecs/messages.py"),
    ("struct.pack", "codecs/lexical.py"),
    ("rstrip(b\"\\r\\n\")", "codecs/__init__.py"),  # a form file's trailing newline
    ("sorted(findings", "validate/findings.py"),
    ("importlib.import_module", None),
    # Hypothesis's private hook, touched in one place only (a seeded run must not see our literals).
    ("_get_local_constants", "fuzz/samples.py"),
    ("def _clr_pointer", None),
])
def test_each_rule_lives_in_one_place(needle: str, home: str | None) -> None:
    where = sorted(name for name, source in SOURCES.items() if needle in source)
    assert where == ([home] if home else []), needle


def test_no_spelled_out_unwrap_or_assert_isinstance_for_declared_types() -> None:
    for name, source in SOURCES.items():
        if name != "spec/model.py":
            assert ".of if isinstance(" not in source, name
        assert "assert isinstance(cls, ClassType)" not in source and "assert isinstance(enum, EnumType)" not in source


def test_no_location_inside_a_message() -> None:
    """Lines and columns travel in an Origin beside the message, never inside it."""
    for name, source in SOURCES.items():
        assert "f\"line {" not in source and "line {child.sourceline}" not in source, name


def test_a_member_path_renders_for_every_reader() -> None:
    path = (MemberPath.root("Model").member("Map", "map").entry("a/b~", xml="KeyValueOfstringstring", index=1, of=2)
            .member("Value"))
    assert path.clr() == 'Map["a/b~"].Value'
    assert path.pointer() == "/map/a~1b~0/Value"
    assert path.xpath() == "/Model/Map/KeyValueOfstringstring[2]/Value"
    assert path.form_key() == "Map[a/b~].Value"


def test_help_starts_without_the_heavy_modules() -> None:
    probe = ("import sys, converter.cli; "
             "print(sorted(m for m in ('lxml', 'jsonschema', 'xmlschema', 'hypothesis', 'yaml') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


def test_the_command_runs_in_process_and_returns_its_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    from converter.cli import run

    spec = str(ROOT / "schemas" / "outgoing-secure-messages.yaml")
    assert run(["validate", spec, str(ROOT / "fixtures" / "outgoing-secure-messages"), "-q"]) == 0
    assert run(["validate", spec, str(ROOT / "tests" / "validate" / "broken" / "syntax.json")]) == 1
    assert run(["validate", spec, "no/such/file.json"]) == 2
    assert "contractkit: no/such/file.json: no such file or folder" in capsys.readouterr().err
    assert run(["--version"]) == 0


def test_a_stale_tree_is_a_stale_output_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from converter.cli import run

    spec = str(ROOT / "schemas" / "outgoing-secure-messages.yaml")
    assert run(["generate", spec, "-o", str(tmp_path), "--check"]) == 1
    assert f"error: {tmp_path} is stale: run 'contractkit generate" in capsys.readouterr().err
