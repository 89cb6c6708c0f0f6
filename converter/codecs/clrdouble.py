"""Double.Parse as .NET Framework and Mono compute it: not the correctly rounded value.

The CLR turns a digit string into a double with 64-bit fixed-point arithmetic (``NumberToDouble``
in the CLR's ``classlibnative/bcltype/number.cpp``, ported by Mono to ``mono/metadata/number-ms.c``):
only the first 18 significant digits count, the power of ten comes from two 64-bit tables, each
multiplication drops the low bits, and the result is rounded from 11 guard bits without a sticky
bit. Most texts come out as IEEE-correct parsing gives them; some (``8.18847389900234E-253``,
found by ``contractkit fuzz``) land one unit in the last place away. That matters twice: every
double .NET reads goes through it, and the ``R`` format writes 15 digits when *this* parser
gives the value back (else 17), so .NET writes ``8.18847389900234E-253`` for a double that Python
spells ``8.188473899002341e-253``. .NET Core 3.0 replaced the parser with a correct one; the
contracts here are .NET Framework's, and Mono agrees with it.
"""

from __future__ import annotations

import math
import struct
from decimal import Decimal, InvalidOperation

__all__ = ["parse_double"]

_MASK = (1 << 64) - 1
# 10^1..10^15 and 10^-1..10^-15 as normalised 64-bit mantissas, and their binary exponents.
_POWERS = (0xA000000000000000, 0xC800000000000000, 0xFA00000000000000, 0x9C40000000000000,
           0xC350000000000000, 0xF424000000000000, 0x9896800000000000, 0xBEBC200000000000,
           0xEE6B280000000000, 0x9502F90000000000, 0xBA43B74000000000, 0xE8D4A51000000000,
           0x9184E72A00000000, 0xB5E620F480000000, 0xE35FA931A0000000)
_INVERSE_POWERS = (0xCCCCCCCCCCCCCCCD, 0xA3D70A3D70A3D70B, 0x83126E978D4FDF3C, 0xD1B71758E219652E,
                   0xA7C5AC471B478425, 0x8637BD05AF6C69B7, 0xD6BF94D5E57A42BE, 0xABCC77118461CEFF,
                   0x89705F4136B4A599, 0xDBE6FECEBDEDD5C2, 0xAFEBFF0BCB24AB02, 0x8CBCCC096F5088CF,
                   0xE12E13424BB40E18, 0xB424DC35095CD813, 0x901D7CF73AB0ACDC)
_EXPONENTS = (4, 7, 10, 14, 17, 20, 24, 27, 30, 34, 37, 40, 44, 47, 50)
# 10^16, 10^32, ... 10^336 and their inverses, the same way.
_POWERS_16 = (0x8E1BC9BF04000000, 0x9DC5ADA82B70B59E, 0xAF298D050E4395D6, 0xC2781F49FFCFA6D4,
              0xD7E77A8F87DAF7FA, 0xEFB3AB16C59B14A0, 0x850FADC09923329C, 0x93BA47C980E98CDE,
              0xA402B9C5A8D3A6E6, 0xB616A12B7FE617A8, 0xCA28A291859BBF90, 0xE070F78D39275566,
              0xF92E0C3537826140, 0x8A5296FFE33CC92C, 0x9991A6F3D6BF1762, 0xAA7EEBFB9DF9DE8A,
              0xBD49D14AA79DBC7E, 0xD226FC195C6A2F88, 0xE950DF20247C83F8, 0x81842F29F2CCE373,
              0x8FCAC257558EE4E2)
_INVERSE_POWERS_16 = (0xE69594BEC44DE160, 0xCFB11EAD453994C3, 0xBB127C53B17EC165, 0xA87FEA27A539E9B3,
                      0x97C560BA6B0919B5, 0x88B402F7FD7553AB, 0xF64335BCF065D3A0, 0xDDD0467C64BCE4C4,
                      0xC7CABA6E7C5382ED, 0xB3F4E093DB73A0B7, 0xA21727DB38CB0053, 0x91FF83775423CC29,
                      0x8380DEA93DA4BC82, 0xECE53CEC4A314F00, 0xD5605FCDCF32E217, 0xC0314325637A1978,
                      0xAD1C8EAB5EE43BA2, 0x9BECCE62836AC5B0, 0x8C71DCD9BA0B495C, 0xFD00B89747823938,
                      0xE3E27A444D8D991A)
_EXPONENTS_16 = (54, 107, 160, 213, 266, 319, 373, 426, 479, 532, 585, 638, 691, 745, 798, 851, 904, 957,
                 1010, 1064, 1117)


def _multiply(value: int, by: int, exponent: int) -> tuple[int, int]:
    """The top 64 bits of ``value * by`` without the low halves' product, renormalised."""
    high, low = value >> 32, value & 0xFFFFFFFF
    by_high, by_low = by >> 32, by & 0xFFFFFFFF
    product = (high * by_high + ((high * by_low) >> 32) + ((low * by_high) >> 32)) & _MASK
    if not product >> 63:
        return (product << 1) & _MASK, exponent - 1
    return product, exponent


def _scaled(value: int, scale: int, exponent: int, powers: tuple[int, ...], inverse: tuple[int, ...],
            exponents: tuple[int, ...]) -> tuple[int, int]:
    index = abs(scale)
    if not index:
        return value, exponent
    step = exponents[index - 1]
    exponent += -step + 1 if scale < 0 else step
    return _multiply(value, (inverse if scale < 0 else powers)[index - 1], exponent)


def _from_digits(digits: str, scale: int) -> float:
    """``0.<digits> * 10^scale`` (no leading or trailing zeros in ``digits``) as the CLR rounds it."""
    used = digits[:18]
    value = int(used[:9])
    if len(used) > 9:
        value = value * 10 ** (len(used) - 9) + int(used[9:])
    scale -= len(used)
    if abs(scale) >= 22 * 16:
        return math.inf if scale > 0 else 0.0
    exponent = value.bit_length()  # normalised: the top bit of 64 set
    value <<= 64 - exponent
    sign = -1 if scale < 0 else 1
    value, exponent = _scaled(value, sign * (abs(scale) & 15), exponent, _POWERS, _INVERSE_POWERS, _EXPONENTS)
    value, exponent = _scaled(value, sign * (abs(scale) >> 4), exponent, _POWERS_16, _INVERSE_POWERS_16,
                              _EXPONENTS_16)
    if value & (1 << 10):  # round to even from the guard bits alone
        rounded = (value + (1 << 10) - 1 + ((value >> 11) & 1)) & _MASK
        if rounded < value:
            rounded = (rounded >> 1) | (1 << 63)
            exponent += 1
        value = rounded
    exponent += 0x3FE
    if exponent <= 0:
        if exponent == -52 and value >= 0x8000000000000058:
            bits = 1  # between half of Epsilon and Epsilon: up to Epsilon
        elif exponent <= -52:
            bits = 0
        else:
            bits = value >> (-exponent + 12)
    elif exponent >= 0x7FF:
        return math.inf
    else:
        bits = (exponent << 52) + ((value >> 11) & 0x000FFFFFFFFFFFFF)
    result: float = struct.unpack("<d", bits.to_bytes(8, "little"))[0]
    return result


def parse_double(text: str) -> float:
    """The double .NET Framework's ``Double.Parse`` gives for a finite decimal ``text`` (``1.5``,
    ``-2E-05``, ``.5e3``): infinity where it would overflow (Framework throws), and a zero never
    negative (Mono and Framework clear the sign of a zero result).

    >>> parse_double("8.18847389900234E-253"), float("8.18847389900234E-253")
    (8.188473899002341e-253, 8.18847389900234e-253)
    """
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValueError(f"not a finite decimal: {text!r}")
    negative, digit_tuple, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    digits = "".join(map(str, digit_tuple)).lstrip("0")
    if not digits:
        return 0.0
    trimmed = digits.rstrip("0")
    value = _from_digits(trimmed, exponent + len(digits))
    return -value if negative and value else value
