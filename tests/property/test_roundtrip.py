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

from converter.codecs import ENCODINGS, Encoding, codec, messages
from converter.codecs.values import Loss
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.fuzz.compare import canonical, covered, differences
from converter.spec import Spec
from tests.conftest import EVERYTHING_SPEC, REAL_SPEC, SEED_SPEC

SPECS = {"seed": SEED_SPEC, "everything": EVERYTHING_SPEC, "real": REAL_SPEC}
#: Bodies that are not a class: JSON and XML carry them, a form body binds a class only.
BODIES = ["List<ProductModel>", "int[]", "Dictionary<string,string>", "Size", "int", "object", "ProductList",
          "PriceBook"]
CASES = [("seed", t) for t in ("OutgoingSecureMessageModel", "BaseModel", "PatientRecipientModel",
                               "FileAttachmentModel")] + [("everything", t) for t in ("Everything", "Thing", "Address",
                                                                                       "EntityBase")]
CASES += [("real", t) for t in ("Holder", "ApiResponse<Common.Dto.Get.Order>", "PlainModel", "OddName",
                                "Common.Dto.Post.Order")]
QUICK = settings(suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)


def check(spec: Spec, type_name: str, value: Any, route: tuple[Encoding, ...]) -> None:
    """Send ``value`` through each encoding of ``route`` in turn; compare with the start."""
    losses: list[Loss] = []
    current = value
    for encoding in route:
        try:
            data, written = codec(encoding).encode(spec, type_name, current)
        except PayloadError as exc:  # what Json.NET read into object as a JObject: DCS cannot write it either
            assert exc.message == messages.JTOKEN_TO_XML and current is not value, exc
            return
        try:
            current, read = codec(encoding).decode(spec, type_name, data, f"<{encoding}>")
        except PayloadError as exc:  # the BigInteger Json.NET read: DCS writes it and cannot read it back
            assert any(loss.message == messages.BIG_INTEGER_XML for loss in written), exc
            return
        losses += written + read
        if current is None and value is not None:  # an empty form body binds null: the whole value is gone
            assert any(loss.path.clr() == "" for loss in losses), f"{route}: the value vanished without a reported loss"
            return
    ref = spec.resolve(type_name)
    expected = canonical(spec, ref, value)
    result = canonical(spec, ref, current)
    missed = [d for d in differences(spec, ref, expected, result) if not covered(d, losses)]
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


@pytest.mark.parametrize("type_name", BODIES)
@pytest.mark.parametrize("route", [("json", "xml"), ("xml", "json")])  # each codec's own round trip on the way
def test_bodies_that_are_not_a_class(type_name: str, route: tuple[Encoding, ...], real_spec: Spec) -> None:
    @settings(QUICK)
    @given(values_for(real_spec, type_name))
    def round_trip(value: Any) -> None:
        check(real_spec, type_name, value, route)

    round_trip()


@pytest.mark.parametrize("spec_name, type_name", [("seed", "OutgoingSecureMessageModel"), ("everything", "Everything"),
                                                  ("real", "Holder")])
@pytest.mark.parametrize("first, second", [(a, b) for a in ENCODINGS for b in ENCODINGS if a != b])
def test_conversion_between_each_pair(spec_name: str, type_name: str, first: Encoding, second: Encoding,
                                      request) -> None:
    spec = request.getfixturevalue(f"{spec_name}_spec")

    @settings(QUICK)
    @given(values_for(spec, type_name))
    def convert_through(value: Any) -> None:
        check(spec, type_name, value, (first, second))

    convert_through()
