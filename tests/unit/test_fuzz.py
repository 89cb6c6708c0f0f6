"""The fuzz strategies: values the codecs accept, and with contract=True values the contract accepts."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from converter.codecs import json as json_codec
from converter.fuzz import values_for
from converter.generate.jsonschema import to_json_schema
from converter.spec import Spec, parse_spec

FACETS = parse_spec("""
spec: 1
types:
  Order:
    fields:
      Code: {type: string, required: true, minLength: 2, maxLength: 4, pattern: "[A-Z]+"}
      Qty: {type: int, minimum: 1, maximum: 10}
      Ratio: {type: double, minimum: 0, maximum: 1}
      Lines: {type: List<string>, minItems: 1, maxItems: 2}
      Kind: {type: string, enum: [A, B]}
""")


def test_contract_values_satisfy_the_generated_schema(seed_spec: Spec) -> None:
    for spec, name in ((FACETS, "Order"), (seed_spec, "OutgoingSecureMessageModel")):
        schema = Draft202012Validator(to_json_schema(spec, name))

        @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        @given(values_for(spec, name, contract=True))
        def valid(value: Any) -> None:
            document = json.loads(json_codec.encode(spec, name, value)[0])
            assert schema.is_valid(document), list(schema.iter_errors(document))[:1]

        valid()


def test_complete_values_have_every_member(everything_spec: Spec) -> None:
    members = {f.name for owner in everything_spec.class_chain(everything_spec.types["Everything"])  # type: ignore[arg-type]
               for f in owner.fields}

    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(values_for(everything_spec, "Everything", complete=True))
    def complete(value: Any) -> None:
        assert set(value) == members

    complete()


def _examples(strategy: Any, count: int) -> list[Any]:
    from tests.interop.conftest import examples

    return examples(strategy, count, seed=5)


def test_samples_lean_to_the_edges_and_say_which_encodings_hold_them(everything_spec: Spec) -> None:
    from converter.fuzz import from_spec
    from converter.fuzz.compare import unexplained
    from converter.codecs import codec

    samples = _examples(from_spec(everything_spec, "Everything", complete=True), 300)
    seen = {name: {repr(s.value[name]) for s in samples} for name in ("Text", "Int", "Decimal", "When", "Duration", "Blob")}
    assert "''" in seen["Text"] and "2147483647" in seen["Int"] and "-2147483648" in seen["Int"]
    assert "Decimal('79228162514264337593543950335')" in seen["Decimal"]
    assert any("datetime.datetime(1, 1, 1, 0, 0)" in w for w in seen["When"])
    assert "TimeSpanValue(ticks=9223372036854775807)" in seen["Duration"] and "b''" in seen["Blob"]
    held = {e: 0 for e in ("json", "xml", "form")}
    for sample in samples[:60]:
        for encoding in sample.encodings:  # each claimed encoding really carries the value whole
            held[encoding] += 1
            data, written = codec(encoding).encode(everything_spec, "Everything", sample.value)
            back, read = codec(encoding).decode(everything_spec, "Everything", data)
            assert not written and not read and not unexplained(everything_spec, "Everything", sample.value, back, ())
    assert held["json"] and held["xml"] and held["form"] < held["json"]  # form cannot tell null from absent
    assert samples[0].json == codec("json").encode(everything_spec, "Everything", samples[0].value).data


def test_formats_keeps_to_values_every_encoding_named_holds(seed_spec: Spec) -> None:
    from converter.fuzz import from_spec

    for sample in _examples(from_spec(seed_spec, "OutgoingSecureMessageModel", formats=("json", "xml", "form")), 30):
        assert sample.encodings == ("json", "xml", "form")


def test_invalid_cases_break_one_rule_in_exactly_their_encodings(seed_spec: Spec, everything_spec: Spec) -> None:
    from converter.fuzz import invalid_from_spec

    rules = set()
    for spec, name in ((seed_spec, "OutgoingSecureMessageModel"), (everything_spec, "Thing"), (FACETS, "Order")):
        schema = Draft202012Validator(to_json_schema(spec, name))
        for case in _examples(invalid_from_spec(spec, name), 40):
            rules.add(case.rule)
            assert case.encodings and set(case.encodings) <= set(case.payload)
            if "json" in case.payload:  # the plain jsonschema library agrees with the claim
                assert schema.is_valid(json.loads(case.payload["json"])) == ("json" not in case.encodings), case
    assert {"contract.required", "contract.enum", "contract.type", "contract.root", "contract.unexpected",
            "contract.maxLength", "contract.maximum"} <= rules, rules


def test_collection_types_fuzz_in_json_and_xml_only(real_spec: Spec) -> None:
    """A form body binds a class (form.binds), so ``fuzz --all`` takes a collection type
    (ProductList : List<ProductModel>) through JSON and XML instead of failing on form."""
    from converter.codecs.form import binds
    from converter.fuzz.run import fuzz

    assert binds(real_spec, "Holder") and not binds(real_spec, "ProductList") and not binds(real_spec, "int")
    report = fuzz(real_spec, ["ProductList", "PriceBook"], examples=10, seed=0, formats=("json", "xml", "form"),
                  dotnet=False, properties=("roundtrip",))
    assert report.failures == [] and report.examples[("ProductList", "roundtrip")] > 0
