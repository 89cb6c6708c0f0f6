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


EDGY = parse_spec("""
spec: 1
types:
  Edgy:
    fields: {T1: string, T2: string, T3: string, D1: double, D2: double, F1: float, F2: float, W1: DateTime,
             W2: DateTime, W3: "DateTime?", S1: TimeSpan, S2: TimeSpan, B: "byte[]", U1: Uri, U2: Uri,
             L: List<string>, I: int, G: long, M1: decimal, M2: decimal}
""")


def test_every_edge_issue_10_names_is_drawn() -> None:
    """The strategies draw as few choices as they can (speed: benchmarks/fuzz.py); each edge must
    still come up: empty, null and absent; strings with spaces at either end, CR/LF, markup, astral
    and XML-forbidden characters, long ones; integer boundaries; 29-digit decimals; NaN,
    infinities and subnormals; DateTime at both ends of its range in every Kind, with 0 to 7
    fractional digits; TimeSpan's extremes; empty byte arrays and lists; Uris System.Uri re-spells."""
    from converter.codecs.lexical import DateTimeValue, TimeSpanValue
    from converter.fuzz import from_spec
    from converter.fuzz.samples import own_constants_only

    with own_constants_only():  # the same draws whatever modules the test run has loaded
        values = [s.value for s in _examples(from_spec(EDGY, "Edgy"), 1000)]

    def seen(*members: str) -> list[Any]:
        return [v.get(member, "<absent>") for v in values for member in members]

    texts = [t for t in seen("T1", "T2", "T3") if isinstance(t, str)]
    assert {"", "<absent>", " leading", "trailing ", "<>&\"'"} <= set(texts) and None in seen("T1", "T2", "T3")
    for wanted in ("\r\n", "\U0001F600", "\x01", "\ufffe"):
        assert any(wanted in t for t in texts), wanted
    assert any(len(t) >= 100 for t in texts)
    assert {-2**31, 0, 2**31 - 1} <= set(seen("I")) and {-2**63, 2**63 - 1} <= set(seen("G"))
    assert any(len(d.as_tuple().digits) == 29 for d in seen("M1", "M2") if not isinstance(d, str))
    assert {"nan", "inf", "-inf", "5e-324"} <= set(map(repr, seen("D1", "D2")))
    assert {"nan", "1.401298464324817e-45"} <= set(map(repr, seen("F1", "F2")))
    when = [w for w in seen("W1", "W2", "W3") if isinstance(w, DateTimeValue)]
    for year in (1, 9999):
        assert {w.zone for w in when if w.clock.year == year and w.clock.day in (1, 31)} == {None, "Z", "+00:00"}
    assert {len(f"{w.ticks:07d}".rstrip("0")) for w in when} == set(range(8))
    assert {TimeSpanValue(TimeSpanValue.MIN), TimeSpanValue(TimeSpanValue.MAX)} <= set(seen("S1", "S2"))
    assert b"" in seen("B") and [] in seen("L") and None in seen("L")
    assert {"", "HTTP://Example.COM/", "http://example.com:80/a/../b"} <= set(seen("U1", "U2"))
