"""contractkit convert as a developer uses it: the seed samples, stdin/stdout, losses, errors."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from tests.cli.test_cli import run
from tests.conftest import FIXTURES, SEED_SPEC

SPEC = str(SEED_SPEC)
SEED_JSON = FIXTURES / "seed" / "request.json"
SEED_XML = FIXTURES / "seed" / "request.xml"


def canonical_xml(data: bytes) -> bytes:
    return etree.canonicalize(data.decode("utf-8"), strip_text=True).encode("utf-8")


def test_seed_json_converts_to_the_seed_xml() -> None:
    result = run("convert", SPEC, str(SEED_JSON), "--to", "xml")
    assert result.returncode == 0, result.stderr
    assert canonical_xml(result.stdout.encode()) == canonical_xml(SEED_XML.read_bytes())
    assert result.stderr == ""


def test_seed_xml_converts_back_to_the_seed_json() -> None:
    result = run("convert", SPEC, str(SEED_XML), "--to", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(SEED_JSON.read_text())


def test_indent_gives_the_help_page_layout() -> None:
    result = run("convert", SPEC, str(SEED_JSON), "--to", "xml", "--indent")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("<OutgoingSecureMessageModel xmlns:i=")
    assert [line.strip() for line in lines] == [line.strip() for line in SEED_XML.read_text().splitlines()]


def test_form_round_trip_through_stdin_and_stdout(tmp_path: Path) -> None:
    form = run("convert", SPEC, str(SEED_JSON), "--to", "form")
    assert form.returncode == 0, form.stderr
    assert form.stdout.startswith("ExternalId=sample+string+9&Id=d13d3b4b-c197-4c8b-9d68-f4c1a23e99b1&Body=")
    assert "FileData%5B0%5D.FileData=QEA%3D" in form.stdout  # base64, as the binder reads a byte[]
    back = run("convert", SPEC, "-", "--to", "json", input=form.stdout.encode())
    assert back.returncode == 0, back.stderr
    assert json.loads(back.stdout) == json.loads(SEED_JSON.read_text())


def test_jquery_form_style(tmp_path: Path) -> None:
    result = run("convert", SPEC, str(SEED_JSON), "--to", "form", "--form-style", "jquery")
    assert "Patients%5B0%5D%5BExternalId%5D=sample+string+1" in result.stdout


def test_losses_are_warned_one_line_each_and_strict_refuses(tmp_path: Path) -> None:
    payload = json.loads(SEED_JSON.read_text())
    payload.update(subject="", body="line\r\nbreak")
    source = tmp_path / "in.json"
    source.write_text(json.dumps(payload))
    lenient = run("convert", SPEC, str(source), "--to", "form")
    assert lenient.returncode == 0
    warnings = lenient.stderr.splitlines()
    # validate's line format, placed at the member in the input that holds the value
    col = json.dumps(payload).index('"subject"') + len('"subject": ') + 1
    assert f"{source}:1:{col}: warning: /subject: an empty value binds null (ConvertEmptyStringToNull)" in warnings
    # DateTime.Parse moves a zoned time to server-local time: the seed's dates carry +00:00.
    assert {w.split(": ")[2] for w in warnings} == {"/subject", "/creationDate", "/sentDate"}
    out = tmp_path / "out.xml"
    strict = run("convert", SPEC, str(source), "--to", "xml", "--strict", "-o", str(out))
    assert strict.returncode == 1
    assert "Body" in strict.stderr and "carriage returns" in strict.stderr
    assert not out.exists()


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "request.xml"
    result = run("convert", SPEC, str(SEED_JSON), "--to", "xml", "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    assert canonical_xml(out.read_bytes()) == canonical_xml(SEED_XML.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == ["request.xml"]


def test_bad_payload_is_one_located_line_and_exit_1(tmp_path: Path) -> None:
    payload = SEED_JSON.read_text().replace('"isRepresentative": true', '"isRepresentative": "yes"', 1)
    source = tmp_path / "bad.json"
    source.write_text(payload)
    out = tmp_path / "out.xml"
    out.write_text("previous")
    result = run("convert", SPEC, str(source), "--to", "xml", "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{source}:7:21: error: Patients[0].IsRepresentative: ")
    assert "Patients[0].IsRepresentative" in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert out.read_text() == "previous"


def test_type_comes_from_the_xml_root_or_type(tmp_path: Path) -> None:
    everything = FIXTURES / "everything" / "address.xml"
    result = run("convert", "schemas/everything.yaml", str(everything), "--to", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["city"] == "Springfield"
    ambiguous = run("convert", "schemas/everything.yaml", str(FIXTURES / "everything" / "address.json"), "--to", "xml")
    assert ambiguous.returncode == 1 and "pass --type" in ambiguous.stderr
    typed = run("convert", "schemas/everything.yaml", str(FIXTURES / "everything" / "address.json"), "--to", "xml",
                "--type", "Address")
    assert typed.returncode == 0 and typed.stdout.startswith("<Address ")


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("convert", SPEC, str(SEED_JSON)).returncode == 2  # --to is required
    assert run("convert", SPEC, str(SEED_JSON), "--to", "yaml").returncode == 2
    missing = run("convert", SPEC, str(tmp_path / "none.json"), "--to", "xml")
    assert missing.returncode == 2 and "none.json" in missing.stderr


def test_type_takes_any_type_expression_and_the_xml_root_tells_bodies() -> None:
    spec = "schemas/real-contracts.yaml"
    products = FIXTURES / "real-contracts" / "products.json"
    result = run("convert", spec, str(products), "--to", "xml", "--type", "List<ProductModel>")
    assert result.returncode == 0, result.stderr
    assert result.stdout.encode() == (FIXTURES / "real-contracts" / "products.xml").read_bytes()
    told = run("convert", spec, str(FIXTURES / "real-contracts" / "products.xml"), "--to", "json")
    assert told.stdout.encode() == products.read_bytes()
    ambiguous = run("convert", spec, str(products), "--to", "xml", "--type", "Order")
    assert ambiguous.returncode == 2 and "Order is ambiguous" in ambiguous.stderr
