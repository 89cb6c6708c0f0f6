"""Nothing lost, or said out loud: decode(encode(v)) == v in every encoding and across every pair.

For values of every type of both bundled specs (the seed, and Everything, which uses every
primitive, nullable, list, dictionary and enum): a round trip either gives the value back
exactly (NaN, -0.0 and decimal scale included; see converter/fuzz/compare.py) or reports a Loss on the
path of each difference. Examples per case: 2,000 in CI (profile "thorough"), 150 otherwise.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from converter.codecs import ENCODINGS, Encoding, codec
from converter.fuzz import values_for
from converter.codecs.values import Loss
from converter.fuzz.compare import canonical, covered, differences
from converter.spec import Spec
from converter.spec.model import Named
from tests.conftest import EVERYTHING_SPEC, SEED_SPEC

SPECS = {"seed": SEED_SPEC, "everything": EVERYTHING_SPEC}
CASES = [("seed", t) for t in ("OutgoingSecureMessageModel", "BaseModel", "PatientRecipientModel",
                               "FileAttachmentModel")] + [("everything", t) for t in ("Everything", "Thing", "Address",
                                                                                       "EntityBase")]
QUICK = settings(suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)


def check(spec: Spec, type_name: str, value: Any, route: tuple[Encoding, ...]) -> None:
    """Send ``value`` through each encoding of ``route`` in turn; compare with the start."""
    losses: list[Loss] = []
    current = value
    for encoding in route:
        data, written = codec(encoding).encode(spec, type_name, current)
        current, read = codec(encoding).decode(spec, type_name, data, f"<{encoding}>")
        losses += written + read
        if current is None:  # an empty form body binds null: the whole value is gone
            assert any(loss.path.clr() == "" for loss in losses), f"{route}: the value vanished without a reported loss"
            return
    expected = canonical(spec, Named(type_name), value)
    result = canonical(spec, Named(type_name), current)
    missed = [d for d in differences(spec, Named(type_name), expected, result) if not covered(d, losses)]
    assert not missed, (route, missed, [str(loss) for loss in losses])


@pytest.mark.parametrize("spec_name, type_name", CASES)
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_round_trip_in_each_encoding(spec_name: str, type_name: str, encoding: Encoding, request) -> None:
    spec = request.getfixturevalue(f"{spec_name}_spec")

    @settings(QUICK)
    @given(values_for(spec, type_name))
    def round_trip(value: Any) -> None:
        check(spec, type_name, value, (encoding,))

    round_trip()


@pytest.mark.parametrize("spec_name, type_name", [("seed", "OutgoingSecureMessageModel"), ("everything", "Everything")])
@pytest.mark.parametrize("first, second", [(a, b) for a in ENCODINGS for b in ENCODINGS if a != b])
def test_conversion_between_each_pair(spec_name: str, type_name: str, first: Encoding, second: Encoding,
                                      request) -> None:
    spec = request.getfixturevalue(f"{spec_name}_spec")

    @settings(QUICK)
    @given(values_for(spec, type_name))
    def convert_through(value: Any) -> None:
        check(spec, type_name, value, (first, second))

    convert_through()
