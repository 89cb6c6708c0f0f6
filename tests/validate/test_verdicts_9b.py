"""Issue 9b's fixtures of the third bundled spec (fixtures/real-contracts/, written by Mono): clean, and
the same verdict and rules in every encoding, for a derived class, a struct and Json.NET's settings.
Broken variants of them fail alike in JSON (the generated JSON Schema) and XML (the generated XSD)."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.codecs import ENCODINGS
from converter.convert import convert
from converter.spec import Spec, load_spec
from converter.validate import Validator
from tests.conftest import FIXTURES, ROOT

TYPES = {"drawing-derived": "Drawing", "drawing-empty": "Drawing", "shape-circle": "Shape", "knobs": "Settings"}
PATHS = [FIXTURES / "real-contracts" / f"{stem}{suffix}" for stem in sorted(TYPES) for suffix in (".json", ".xml")]


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(ROOT / "schemas" / "real-contracts.yaml")


def verdicts(spec: Spec, data: bytes, source: str, type_name: str) -> dict[str, list[tuple[str, str]]]:
    validator = Validator(spec)
    out = {}
    for encoding in ENCODINGS:
        converted = convert(spec, data, to=encoding, source=source, type_name=type_name).output
        found = validator.check(converted, f"payload.{encoding}", fmt=encoding, type_name=type_name)
        out[encoding] = sorted((f.rule, f.path.rsplit("/", 1)[-1].lower()) for f in found if f.severity == "error")
    return out


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_fixtures_are_clean_with_one_verdict_in_every_encoding(spec: Spec, path: Path) -> None:
    type_name = TYPES[path.stem]
    assert [f for f in Validator(spec).check(path.read_bytes(), str(path), type_name=type_name)
            if f.severity == "error"] == []
    found = verdicts(spec, path.read_bytes(), str(path), type_name)
    assert found["json"] == found["xml"] == found["form"] == [], found


@pytest.mark.parametrize(("stem", "old", "new", "rule"), [
    ("drawing-derived", b"<d2p1:X>1</d2p1:X>", b"<d2p1:X>1.5</d2p1:X>", "contract.type"),  # a struct's member
    ("drawing-derived", b"<Side>1</Side>", b"<Side>wide</Side>", "contract.type"),  # a derived class's member
    ("knobs", b"<MaybeTone>SecondValue</MaybeTone>", b"<MaybeTone>Fourth</MaybeTone>", "contract.enum"),
])
def test_a_broken_value_gets_one_verdict_in_json_and_xml(spec: Spec, stem: str, old: bytes, new: bytes,
                                                         rule: str) -> None:
    data = (FIXTURES / "real-contracts" / f"{stem}.xml").read_bytes()
    assert old in data
    xml_found = Validator(spec).check(data.replace(old, new, 1), "b.xml", type_name=TYPES[stem])
    assert [f.rule for f in xml_found if f.severity == "error"] == [rule]
