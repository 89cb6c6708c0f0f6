"""Issue 9b's types of the third bundled spec (schemas/real-contracts.yaml) round-trip in every encoding and
across every pair, or report the loss: a derived class (``"$type"``) that JSON without type names or a
form cannot carry, a default struct, Json.NET's settings. Run under each setting that changes the wire."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from hypothesis import given, settings

from converter.codecs import ENCODINGS, Encoding, codec
from converter.fuzz import values_for
from converter.spec import Spec, load_spec
from tests.conftest import ROOT
from tests.property.test_roundtrip import QUICK, check

SPEC = load_spec(ROOT / "schemas" / "real-contracts.yaml")
VARIANTS = {"defaults": {}, "typeNames=auto": {"type_names": "auto"}, "typeNames=objects": {"type_names": "objects"},
            "enums=camelCaseString": {"enums": "camelCaseString"}, "microsoft+Utc": {"date_format": "microsoft",
                                                                                      "date_time_zone": "Utc"},
            "defaults=ignore": {"defaults": "ignore"}, "escape=nonAscii": {"escape": "nonAscii"}}


def _derived(value: Any) -> int:
    """How many values in ``value`` are marked as a derived class."""
    if isinstance(value, dict):
        return ("$type" in value) + sum(_derived(v) for v in value.values())
    if isinstance(value, list):
        return sum(_derived(v) for v in value)
    return 0


def _route(spec: Spec, type_name: str, value: Any, route: tuple[Encoding, ...]) -> None:
    check(spec, type_name, value, route)
    losses, current = [], value
    for encoding in route:
        data, written = codec(encoding).encode(spec, type_name, current)
        current, read = codec(encoding).decode(spec, type_name, data, f"<{encoding}>")
        losses += [*written, *read]
    if current is not None and _derived(current) < _derived(value):  # a derived type dropped: said so
        assert any("derived type" in loss.message for loss in losses), route


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("type_name", ["Drawing", "Settings", "Shape"])
@pytest.mark.parametrize("route", [(e,) for e in ENCODINGS] + [(a, b) for a in ENCODINGS for b in ENCODINGS if a != b],
                         ids=lambda r: "-".join(r))
def test_round_trips_or_reports_the_loss(variant: str, type_name: str, route: tuple[Encoding, ...]) -> None:
    spec = dataclasses.replace(SPEC, json=dataclasses.replace(SPEC.json, **VARIANTS[variant]))

    @settings(QUICK, max_examples=min(QUICK.max_examples, 40))
    # Under DefaultValueHandling.Ignore what is left out holds its default: values are whole .NET objects.
    @given(values_for(spec, type_name, complete=spec.json.defaults == "ignore"))
    def round_trip(value: Any) -> None:
        _route(spec, type_name, value, route)

    round_trip()
