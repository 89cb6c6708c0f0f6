"""An integer past long in an ``object`` member: Json.NET 6.0.8 reads a System.Numerics.BigInteger, and
DataContractSerializer writes that [Serializable] struct's fields. The bytes below were written by Mono
6.8 (Json.NET into ``Holder``, then DataContractSerializer); ``contractkit fuzz schemas/real-contracts.yaml
--all --examples 2000 --dotnet mono`` found contractkit refusing what .NET writes."""

from __future__ import annotations

import pytest

from converter.codecs.lexical import big_integer_fields
from converter.convert import convert
from converter.errors import PayloadError
from converter.spec import load_spec

from ..conftest import ROOT

_NUMERICS = b'xmlns:d2p1="http://schemas.datacontract.org/2004/07/System.Numerics" i:type="d2p1:BigInteger"'
_ARRAYS = b'xmlns:d3p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"'

# (JSON number, what Mono writes inside <Anything>)
MONO = [
    (b"18446744073709551614", b"<d2p1:_bits " + _ARRAYS + b"><d3p1:unsignedInt>4294967294</d3p1:unsignedInt>"
     b"<d3p1:unsignedInt>4294967295</d3p1:unsignedInt></d2p1:_bits><d2p1:_sign>1</d2p1:_sign>"),
    (b"-9223372036854775809", b"<d2p1:_bits " + _ARRAYS + b"><d3p1:unsignedInt>1</d3p1:unsignedInt>"
     b"<d3p1:unsignedInt>2147483648</d3p1:unsignedInt></d2p1:_bits><d2p1:_sign>-1</d2p1:_sign>"),
    (b"123456789012345678901234567890", b"<d2p1:_bits " + _ARRAYS + b"><d3p1:unsignedInt>1312754386</d3p1:unsignedInt>"
     b"<d3p1:unsignedInt>3279151342</d3p1:unsignedInt><d3p1:unsignedInt>2397638646</d3p1:unsignedInt>"
     b"<d3p1:unsignedInt>1</d3p1:unsignedInt></d2p1:_bits><d2p1:_sign>1</d2p1:_sign>"),
]


@pytest.fixture(scope="module")
def spec():  # type: ignore[no-untyped-def]
    return load_spec(ROOT / "schemas" / "real-contracts.yaml")


@pytest.mark.parametrize("number, inside", MONO)
def test_json_to_xml_writes_the_big_integer_as_dotnet(spec, number: bytes, inside: bytes) -> None:  # type: ignore[no-untyped-def]
    done = convert(spec, b'{"anything": ' + number + b"}", to="xml", type_name="Holder")
    assert b"<Anything " + _NUMERICS + b">" + inside + b"</Anything>" in done.output
    assert [loss.message for loss in done.losses] == [
        "a BigInteger in an object member is written as its _bits and _sign, which DataContractSerializer "
        "refuses to read back without known types"]


@pytest.mark.parametrize("number, inside", MONO)
def test_json_keeps_the_big_integer(spec, number: bytes, inside: bytes) -> None:  # type: ignore[no-untyped-def]
    done = convert(spec, b'{"anything": ' + number + b"}", to="json", type_name="Holder")
    assert done.output == b'{"anything":' + number + b"}" and not done.losses


def test_long_stays_long(spec) -> None:  # type: ignore[no-untyped-def]
    done = convert(spec, b'{"anything": 9223372036854775807}', to="xml", type_name="Holder")
    assert b'i:type="d2p1:long">9223372036854775807</Anything>' in done.output


def test_xml_of_a_big_integer_is_refused_as_dotnet_refuses_it(spec) -> None:  # type: ignore[no-untyped-def]
    # Mono: "contains data of the ...System.Numerics:BigInteger data contract. The deserializer has no
    # knowledge of any type that maps to this contract"
    written = convert(spec, b'{"anything": 18446744073709551614}', to="xml", type_name="Holder").output
    with pytest.raises(PayloadError, match="BigInteger"):
        convert(spec, written, to="json", type_name="Holder")


def test_fields_of_small_and_extreme_values() -> None:
    assert big_integer_fields(-(2**31) + 1) == (-(2**31) + 1, None)
    assert big_integer_fields(-(2**31)) == (-1, [2**31])  # int's minimum has no positive twin in _sign
    assert big_integer_fields(2**31) == (1, [2**31])
