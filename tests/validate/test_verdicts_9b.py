"""Issue 9b's fixtures of the third bundled spec (fixtures/real-contracts/, written by Mono), broken: a derived
class's member, a struct's member and an enum fail in XML (the generated XSD) with the rule they fail
with in JSON and form (test_verdicts.py gives the unbroken fixtures one verdict in every encoding)."""

from __future__ import annotations

import pytest

from converter.spec import Spec, load_spec
from converter.validate import Validator
from tests.conftest import FIXTURES, ROOT

TYPES = {"drawing-derived": "Drawing", "drawing-empty": "Drawing", "shape-circle": "Shape", "knobs": "Settings"}


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(ROOT / "schemas" / "real-contracts.yaml")


@pytest.mark.parametrize(("stem", "xml_edit", "json_edit", "rule"), [
    ("drawing-derived", (b"<d2p1:X>1</d2p1:X>", b"<d2p1:X>1.5</d2p1:X>"), (b'"x":1', b'"x":1.5'), "contract.type"),
    # A derived class's member: checked in XML (i:type names it); Json.NET without type names reads a
    # Shape and ignores "side", and so does the JSON check.
    ("drawing-derived", (b"<Side>1</Side>", b"<Side>wide</Side>"), None, "contract.type"),
    ("knobs", (b"<MaybeTone>SecondValue</MaybeTone>", b"<MaybeTone>Fourth</MaybeTone>"),
     (b'"maybeTone":1', b'"maybeTone":7'), "contract.enum"),
])
def test_a_broken_value_gets_one_verdict_in_json_and_xml(spec: Spec, stem: str, xml_edit: tuple[bytes, bytes],
                                                         json_edit: tuple[bytes, bytes] | None, rule: str) -> None:
    for suffix, edit in ((".xml", xml_edit), (".json", json_edit)):
        if edit is None:
            continue
        data = (FIXTURES / "real-contracts" / f"{stem}{suffix}").read_bytes()
        assert edit[0] in data
        found = Validator(spec).check(data.replace(*edit, 1), f"b{suffix}", type_name=TYPES[stem])
        assert [f.rule for f in found if f.severity == "error"] == [rule], (suffix, found)
