"""Deterministic payloads for the benchmarks: values from the fuzz strategies, fixed seed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from converter.spec import Spec, load_spec

ROOT = Path(__file__).resolve().parent.parent
SEED_SPEC = ROOT / "schemas" / "outgoing-secure-messages.yaml"
SEED_TYPE = "OutgoingSecureMessageModel"


def seed_values(count: int, seed: int = 20261127) -> tuple[Spec, list[Any]]:
    """``count`` values of the seed model, the same on every run."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fixed_seed

    from converter.fuzz import values_for

    spec = load_spec(SEED_SPEC)
    values: list[Any] = []

    @fixed_seed(seed)
    @settings(max_examples=count * 3, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(values_for(spec, SEED_TYPE))
    def collect(value: Any) -> None:
        if len(values) < count:
            values.append(value)

    collect()
    while len(values) < count:  # Hypothesis may stop early once it has explored enough
        values.extend(values[: count - len(values)])
    return spec, values
