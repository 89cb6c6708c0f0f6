"""Double.Parse and the ``R`` format as .NET Framework and Mono compute them (``codecs/clrdouble.py``).

Every pair below was printed by Mono 6.8.0.105 (``double.Parse(s, NumberStyles.Float,
CultureInfo.InvariantCulture)`` as ``BitConverter.DoubleToInt64Bits``, and ``d.ToString("R")``), on a
random sample where the CLR's parser (``NumberToDouble``, clr ``number.cpp``, Mono
``mono/metadata/number-ms.c``) differs from the correctly rounded value. ``contractkit fuzz
schemas/real-contracts.yaml --all --examples 2000 --dotnet mono`` found the first: .NET wrote
``8.18847389900234E-253`` where contractkit wrote ``8.1884738990023406E-253``.
"""

from __future__ import annotations

import pytest

from converter.convert import convert
from converter.codecs.clrdouble import parse_double
from converter.codecs.lexical import format_double, format_float
from converter.spec import load_spec

from ..conftest import ROOT

# (text, the double Mono's Double.Parse gives), each differing from Python's float(text)
MONO_PARSES = [
    ("8.18847389900234E-253", 8.188473899002341e-253),
    ("6.69297615596438e-199", 6.6929761559643805e-199),
    ("4.4430167028e-302", 4.4430167028000003e-302),
    ("-9.09525015064285e-132", -9.095250150642851e-132),
    ("-6.81566759074045e-214", -6.8156675907404504e-214),
    ("-6.59231791245975e-320", -6.592e-320),  # a subnormal, far off
    ("-4.788498345e-159", -4.788498345000001e-159),
    ("-6.37982339242291e-21", -6.3798233924229104e-21),
    ("1.64910689219621e-310", 1.64910689219617e-310),
]

# (double, Mono's "R" text): 15 digits where the CLR's parser reads them back, else 17
MONO_R = [
    (8.188473899002341e-253, "8.18847389900234E-253"),
    (6.6929761559643805e-199, "6.69297615596438E-199"),
    (-9.095250150642851e-132, "-9.09525015064285E-132"),
    (-6.5923e-320, "-6.5923179124597526E-320"),
    (1.6491068921962e-310, "1.6491068921962145E-310"),
    (-6.961441192874e-312, "-6.9614411928738521E-312"),
    (5.083e-320, "5.0829473644147444E-320"),
    (3.6438271e-316, "3.6438271212337406E-316"),
]


@pytest.mark.parametrize("text, mono", MONO_PARSES)
def test_parse_is_the_clrs_not_the_correctly_rounded_one(text: str, mono: float) -> None:
    assert float(text) != mono
    assert parse_double(text) == mono


@pytest.mark.parametrize("value, mono", MONO_R)
def test_r_format_round_trips_through_the_clrs_parser(value: float, mono: str) -> None:
    assert format_double(value) == mono


@pytest.mark.parametrize("text, value", [("1.5", 1.5), ("0.1", 0.1), ("-2E-05", -2e-05), (".5e3", 500.0),
                                         ("1e400", float("inf")), ("1e-400", 0.0), ("123456789012345678901", 1.2345678901234568e20)])
def test_parse_of_ordinary_texts(text: str, value: float) -> None:
    assert parse_double(text) == value


def test_a_zero_result_has_no_sign() -> None:
    # number-ms.c mono_double_from_number: a zero result is +0 ("-0" parses as 0 on Framework and Mono)
    assert str(parse_double("-0.0")) == "0.0"


@pytest.mark.parametrize("text", ["", "1e", "-", ".", "NaN", "Infinity", "1.2.3"])
def test_not_a_number_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_double(text)


def test_single_r_format_uses_the_same_parser() -> None:
    assert format_float(3.4028234663852886e38) == "3.40282347E+38"


@pytest.mark.parametrize("source", [b"8.1884738990023406E-253",
                                    b'<double xmlns="http://schemas.microsoft.com/2003/10/Serialization/">'
                                    b"8.1884738990023406E-253</double>"])
def test_json_and_xml_read_and_write_a_double_as_dotnet(source: bytes) -> None:
    # the 17 digits .NET reads as 8.188473899002341e-253, which it writes back in 15
    spec = load_spec(ROOT / "schemas" / "real-contracts.yaml")
    out = {to: convert(spec, source, to=to, type_name="double").output for to in ("json", "xml")}
    assert out["json"] == b"8.18847389900234E-253"
    assert b">8.18847389900234E-253</double>" in out["xml"]


def test_the_form_binder_reads_a_double_as_dotnet() -> None:
    spec = load_spec(ROOT / "schemas" / "real-contracts.yaml")
    out = convert(spec, b"Ratio=8.1884738990023406E-253", to="xml", type_name="Settings").output
    assert b"<Ratio>8.18847389900234E-253</Ratio>" in out
