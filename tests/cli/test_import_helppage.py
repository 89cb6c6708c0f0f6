"""contractkit import-helppage and contractkit sample in a subprocess: what is written, what is
said, and that an error writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run

PAGES = Path(__file__).resolve().parents[1] / "helppage" / "pages"
SEED = PAGES / "OutgoingSecureMessages.helppage.txt"


def test_import_writes_a_spec_that_loads_and_lists_each_guess(tmp_path: Path) -> None:
    out = tmp_path / "seed.yaml"
    result = run("import-helppage", str(SEED), "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert [line.split(": guess: ")[1].split(":")[0] for line in lines[:-1]] == [
        "OutgoingSecureMessageModel.SentDate", "base class of OutgoingSecureMessageModel"]
    assert lines[-1] == f"{out}: wrote the spec of 1 page(s), 2 guess(es)"
    assert result.stdout == ""
    check = run("generate", str(out), "-o", str(tmp_path / "gen"))
    assert check.returncode == 0, check.stderr


def test_import_to_stdout(tmp_path: Path) -> None:
    result = run("import-helppage", str(PAGES / "plain" / "plain.html"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Imported by contractkit import-helppage from ")
    assert '    dataContract: {name: Plain, namespace: ""}\n' in result.stdout


def test_a_broken_page_writes_nothing_and_names_its_line(tmp_path: Path) -> None:
    out = tmp_path / "spec.yaml"
    out.write_text("keep me\n")
    broken = tmp_path / "page.txt"
    broken.write_text(SEED.read_text().replace("Request Information\n", ""))
    result = run("import-helppage", str(broken), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr == (f"{broken}:3:1: error: missing section 'Request Information' after "
                             "'POST api/OutgoingSecureMessages': found 'URI Parameters'\n")
    assert out.read_text() == "keep me\n" and sorted(tmp_path.iterdir()) == sorted([out, broken])  # no temporary left


def test_two_pages_that_disagree_name_both(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text().replace("| Subject |\nSubject of the secure message. |\nstring |",
                                              "| Subject |\nSubject of the secure message. |\ninteger |"))
    result = run("import-helppage", str(SEED), str(other))
    assert result.returncode == 1
    assert result.stderr == (f"{other}:21:1: error: type OutgoingSecureMessageModel differs from the one read at "
                             f"{SEED}:21: member Subject: string against Subject: int\n")


def test_merge_adds_the_pages_types_to_a_spec(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    assert run("import-helppage", str(SEED), "-o", str(spec)).returncode == 0
    result = run("import-helppage", str(PAGES / "plain" / "plain.html"), "--merge", str(spec))
    assert result.returncode == 0, result.stderr
    text = spec.read_text()
    assert "  PlainModel:\n" in text and "  OutgoingSecureMessageModel:\n" in text
    assert result.stderr.splitlines()[-1].endswith("(merged; the old file's comments are not kept)")


def test_sample_writes_the_help_page_sample(tmp_path: Path) -> None:
    spec = tmp_path / "seed.yaml"
    assert run("import-helppage", str(SEED), "-o", str(spec)).returncode == 0
    result = run("sample", str(spec), "--to", "json", "--now", "2026-05-29T16:57:00.3151696+00:00", "--seed", "5")
    assert result.returncode == 0, result.stderr
    value = json.loads(result.stdout)
    assert value["externalId"] == "sample string 9" and value["creationDate"] == "2026-05-29T16:57:00.3151696+00:00"
    again = run("sample", str(spec), "--to", "json", "--now", "2026-05-29T16:57:00.3151696+00:00", "--seed", "5")
    assert again.stdout == result.stdout


def test_sample_takes_type_expressions_and_refuses_unknown_ones() -> None:
    spec = str(Path(__file__).resolve().parents[1] / "helppage" / "truth" / "products.yaml")
    result = run("sample", spec, "--type", "List<ProductModel>", "--to", "xml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<ArrayOfProductModel ")
    bad = run("sample", spec, "--type", "ProductModle", "--to", "xml")
    assert bad.returncode == 2 and "did you mean 'ProductModel'?" in bad.stderr
    when = run("sample", spec, "--type", "Size", "--to", "json", "--now", "yesterday")
    assert when.returncode == 2 and "--now" in when.stderr


def test_realistic_samples_keep_the_contract(tmp_path: Path) -> None:
    spec = str(Path(__file__).resolve().parents[1] / "helppage" / "truth" / "products.yaml")
    out = tmp_path / "p.json"
    result = run("sample", spec, "--type", "ProductModel", "--to", "json", "--style", "realistic", "--seed", "3",
                 "-o", str(out))
    assert result.returncode == 0, result.stderr
    value = json.loads(out.read_text())
    assert value["name"] and "sample string" not in value["name"]
    check = run("validate", spec, str(out), "--type", "ProductModel")
    assert check.returncode == 0, check.stdout + check.stderr


def test_merge_refuses_a_type_the_spec_has_otherwise(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("spec: 1\ntypes:\n  PlainModel:\n    fields:\n      Name: int\n")
    result = run("import-helppage", str(PAGES / "plain" / "plain.html"), "--merge", str(spec))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{PAGES / 'plain' / 'plain.html'}:")
    assert f"error: type PlainModel differs from {spec}'s at {spec}:" in result.stderr
    assert spec.read_text() == "spec: 1\ntypes:\n  PlainModel:\n    fields:\n      Name: int\n"
