"""Validation as CI sees it: the bundled fixtures, the same verdict in every encoding, and one broken
payload per rule in each encoding (tests/validate/broken/, expected findings in expected.manifest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from converter.codecs import ENCODINGS
from converter.convert import convert
from converter.spec import Spec
from converter.spec.datacontract import collection_of
from converter.spec.model import ClassType, Named
from converter.validate import Validator
from tests.conftest import FIXTURES

BROKEN = Path(__file__).resolve().parent / "broken"
EXPECTED = {name: [tuple(f) for f in found] for line in (BROKEN / "expected.manifest").read_text().splitlines()
            if not line.startswith("#") for name, found in json.loads(line).items()}
EVERYTHING_TYPES = {"address": "Address", "thing-min": "Thing"}
#: fixtures/real-contracts: each fixture's type (any type expression, as --type takes it).
REAL_TYPES = {"holder-full": "Holder", "holder-empty": "Holder", "products": "List<ProductModel>", "ids": "int[]",
              "settings": "Dictionary<string,string>", "size": "Size", "value": "int", "anything": "object",
              "shop": "ProductList", "prices": "PriceBook", "order-response": "ApiResponse<Common.Dto.Get.Order>",
              "plain": "PlainModel", "post-order": "Common.Dto.Post.Order",
              # issue 9b: a derived class, a struct, Json.NET's settings
              "drawing-derived": "Drawing", "drawing-empty": "Drawing", "shape-circle": "Shape", "knobs": "Settings"}


DERIVED_WITHOUT_MARKER = {"drawing-derived.json": [("dotnet.unknown-member", "/main/radius"),
                                                    ("dotnet.unknown-member", "/shapes/0/side")],
                          "shape-circle.json": [("dotnet.unknown-member", "/radius")]}


def fixtures() -> list[tuple[str, Path, str]]:
    out = [("seed", p, "OutgoingSecureMessageModel") for p in sorted((FIXTURES / "seed").glob("request.*"))]
    out += [("seed", p, "OutgoingSecureMessageModel")
            for p in sorted((FIXTURES / "outgoing-secure-messages").glob("request.*"))]
    out += [("everything", p, EVERYTHING_TYPES.get(p.stem, "Everything"))
            for p in sorted((FIXTURES / "everything").glob("*.*")) if p.suffix in (".json", ".xml")]
    out += [("real", p, REAL_TYPES[p.stem]) for p in sorted((FIXTURES / "real-contracts").glob("*.*"))
            if p.stem in REAL_TYPES]  # 9b's fixtures of that spec: tests/validate/test_verdicts_9b.py
    return out


@pytest.mark.parametrize("spec_name, path, type_name", fixtures(), ids=lambda v: getattr(v, "name", None))
def test_same_verdict_and_rules_in_every_encoding(request, spec_name: str, path: Path, type_name: str) -> None:
    spec: Spec = request.getfixturevalue(f"{spec_name}_spec")
    validator = Validator(spec)
    verdicts = {}
    ref = spec.resolve(type_name)
    # A form body binds a class: other bodies (List<ProductModel>, int, object...) have JSON and XML only.
    is_class = isinstance(ref, Named) and isinstance(spec.types[ref.name], ClassType) and collection_of(spec, ref) is None
    for encoding in ENCODINGS if is_class else ("json", "xml"):
        data = convert(spec, path.read_bytes(), to=encoding, source=str(path), type_name=type_name).output
        if not data:  # every member null: a form sends nothing, which binds null (a reported loss)
            continue
        findings = validator.check(data, f"payload.{encoding}", fmt=encoding, type_name=type_name)
        verdicts[encoding] = sorted((f.rule, f.path.rsplit("/", 1)[-1].lower()) for f in findings
                                    if f.severity == "error")
    assert verdicts["json"] == verdicts["xml"] == verdicts.get("form", verdicts["json"]), verdicts
    placeholders = path.parent.name == "seed"
    assert [rule for rule, _ in verdicts["json"]] == (["contract.enum"] * 2 if placeholders else [])


@pytest.mark.parametrize("path", sorted(p for p in (FIXTURES / "real-contracts").glob("*.*") if p.stem in REAL_TYPES),
                         ids=lambda p: p.name)
def test_real_contract_fixtures_are_clean_and_their_type_is_told_from_the_xml_root(real_spec: Spec, path: Path) -> None:
    validator = Validator(real_spec)
    found = validator.check(path.read_bytes(), str(path), type_name=REAL_TYPES[path.stem])
    # Json.NET wrote a derived class's members without a type marker: reading them back it ignores them.
    assert [(f.rule, f.path) for f in found] == DERIVED_WITHOUT_MARKER.get(path.name, [])
    if path.suffix == ".xml":  # no --type: the root element says it (ArrayOfProductModel, <int>, z:anyType...)
        assert validator.check(path.read_bytes(), str(path)) == []
        told = convert(real_spec, path.read_bytes(), to="json", source=str(path)).type_name
        assert real_spec.resolve(told) == real_spec.resolve(REAL_TYPES[path.stem])


def test_bundled_fixtures_are_clean_and_seed_samples_have_exactly_two_findings(seed_spec: Spec) -> None:
    validator = Validator(seed_spec)
    for path in sorted((FIXTURES / "outgoing-secure-messages").glob("request.*")):
        assert validator.check(path.read_bytes(), str(path)) == []
    for path in sorted((FIXTURES / "seed").glob("request.*")):
        found = validator.check(path.read_bytes(), str(path))
        assert [(f.rule, f.path.rsplit("/", 1)[-1].lower()) for f in found] == [
            ("contract.enum", "priority" if path.suffix == ".xml" else "status"),
            ("contract.enum", "status" if path.suffix == ".xml" else "priority")]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_payload_gets_its_rule_path_and_position(seed_spec: Spec, name: str) -> None:
    validator = Validator(seed_spec, role="request")
    found = validator.check((BROKEN / name).read_bytes(), name)
    assert [(f.rule, f.severity, f.path, f.line, f.col) for f in found] == EXPECTED[name]
    assert name.rsplit(".", 1)[0] in {f.rule for f in found}  # the file names the rule it breaks


def test_every_rule_is_broken_in_every_encoding_that_has_it() -> None:
    rules = {name.rsplit(".", 1)[0]: set() for name in EXPECTED}
    for name in EXPECTED:
        rule, encoding = name.rsplit(".", 1)
        rules[rule].add(encoding)
    for rule in ("syntax", "contract.type", "contract.required", "contract.enum", "dotnet.read-only"):
        assert rules[rule] == {"json", "xml", "form"}, rule


def test_json_net_rounding_is_a_warning(everything_spec: Spec) -> None:
    payload = b'{"double": 0.30000000000000001, "float": 16777217, "decimal": 0.12345678901234567890123456789}'
    found = Validator(everything_spec).check(payload, "r.json", type_name="Everything")
    assert [(f.rule, f.severity, f.path) for f in found] == [
        ("dotnet.rounded", "warning", "/double"), ("dotnet.rounded", "warning", "/float"),
        ("dotnet.rounded", "warning", "/decimal")]
    assert "0.3" in found[0].message and "16777216" in found[1].message
