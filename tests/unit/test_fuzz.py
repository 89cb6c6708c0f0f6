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
