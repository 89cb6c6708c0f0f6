"""Arbitrary bytes, and arbitrary mutations of the seed samples, through every decoder and through
``validate`` and ``convert``: the only outcomes are a result or the tool's own error, never another
exception (which the command would report as an internal error, exit 70)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converter.codecs import ENCODINGS, Encoding, codec
from converter.convert import convert
from converter.errors import ContractkitError
from converter.spec import Spec, load_spec
from converter.validate import Validator
from tests.conftest import FIXTURES, SEED_SPEC

SPEC: Spec = load_spec(SEED_SPEC)
HOSTILE: Spec = load_spec(Path(__file__).parent / "hostile.yaml")
TYPE = "OutgoingSecureMessageModel"
_JSON = (FIXTURES / "seed" / "request.json").read_bytes()
SEEDS: dict[Encoding, bytes] = {
    "json": _JSON,
    "xml": (FIXTURES / "seed" / "request.xml").read_bytes(),
    "form": convert(SPEC, _JSON, to="form", type_name=TYPE).output,
}
#: Bytes a hostile payload is made of: the syntax of all three encodings and what breaks it.
_PIECES = [b"<", b">", b"</", b"&", b"&#", b";", b"x", b"[", b"]", b"{", b"}", b'"', b"\\", b"\\u", b"%", b"%0A", b"=",
           b".", b"9" * 30, b"e999", b"\n", b"\x00", b"\xff", b"\xed\xa0\x80", b"<!DOCTYPE a>", b"&a;", b"<![CDATA[",
           b"xmlns=", b"i:nil=\"true\"", b"-", b"null", b"1e400", b"\xef\xbb\xbf"]


@st.composite
def mutant(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with a few pieces replaced, inserted or deleted."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        end = min(len(data), at + draw(st.integers(0, 8)))
        piece = draw(st.sampled_from(_PIECES) | st.binary(max_size=6))
        data[at:end] = piece if draw(st.booleans()) else b""
    return bytes(data)


def _payloads(encoding: Encoding) -> st.SearchStrategy[bytes]:
    return st.binary(max_size=300) | mutant(SEEDS[encoding])


def _only_our_errors(call: Callable[..., object], *args: object, **kwargs: object) -> None:
    try:
        call(*args, **kwargs)
    except ContractkitError:
        pass


FUZZ = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@pytest.mark.parametrize("encoding", ENCODINGS)
@FUZZ
@given(data=st.data())
def test_every_decoder_gives_a_value_or_its_own_error(encoding: Encoding, data: st.DataObject) -> None:
    payload = data.draw(_payloads(encoding))
    _only_our_errors(codec(encoding).decode, SPEC, TYPE, payload, "fuzz")
    _only_our_errors(codec(encoding).decode, HOSTILE, "Node", payload, "fuzz")


@pytest.mark.parametrize("encoding", ENCODINGS)
@FUZZ
@given(data=st.data())
def test_validate_gives_findings_never_an_exception(encoding: Encoding, data: st.DataObject) -> None:
    payload = data.draw(_payloads(encoding))
    findings = Validator(SPEC).check(payload, f"fuzz.{encoding}")
    assert all("\n" not in str(f) for f in findings)


@pytest.mark.parametrize("encoding", ENCODINGS)
@FUZZ
@given(data=st.data(), to=st.sampled_from(ENCODINGS))
def test_convert_gives_output_or_its_own_error(encoding: Encoding, to: Encoding, data: st.DataObject) -> None:
    payload = data.draw(_payloads(encoding))
    _only_our_errors(convert, SPEC, payload, to=to, source=f"fuzz.{encoding}", from_=encoding)
