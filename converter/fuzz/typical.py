"""One reproducible, valid value of a spec type: ``contractkit sample --style realistic``."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as fixed_seed

from ..spec.model import Named, Spec, TypeRef
from .strategies import values_for

__all__ = ["typical"]

#: Hypothesis tries the simplest value first (empty strings, zeros); the last of a few draws
#: is an ordinary one.
_DRAWS = 8


def typical(spec: Spec, ref: TypeRef, seed: int) -> Any:
    """A value of ``ref`` (a class or enum) that keeps every promise of the spec (enum, lengths,
    pattern, range), each member present, drawn with ``seed``."""
    if not isinstance(ref, Named):
        raise ValueError(f"realistic samples are for the spec's classes and enums, not {ref}")
    drawn: list[Any] = []

    @fixed_seed(seed)
    @settings(max_examples=_DRAWS, phases=[Phase.generate], database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(values_for(spec, ref.name, complete=True, contract=True))
    def draw(value: Any) -> None:
        drawn.append(value)

    draw()
    return drawn[-1]
