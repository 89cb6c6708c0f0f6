"""converter/codecs/lexical.py against Mono itself: OrdinalIgnoreCase over every UTF-16 unit,
and Enum.ToString / Enum.Parse for a flags enum with a negative member."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from converter.codecs.lexical import enum_parse, enum_to_string, fold
from converter.errors import Origin
from converter.spec.model import EnumType, EnumValue
from tests.interop.conftest import MISSING

PROGRAM = r"""
using System;
[Flags] enum F { None = 0, A = 1, B = 2, AB = 3, Neg = unchecked((int)0x80000000) }
class Lexical {
  static void Main(string[] args) {
    if (args[0] == "fold") {
      for (int i = 0; i < 0x10000; i++) {
        string c = ((char)i).ToString(), u = c.ToUpperInvariant();
        if (u != c && string.Equals(c, u, StringComparison.OrdinalIgnoreCase)) Console.WriteLine("{0:X4} {1:X4}", i, (int)u[0]);
      }
    } else if (args[0] == "format") {
      for (int v = -8; v <= 8; v++) Console.WriteLine("{0} {1}", v, ((F)v).ToString());
      foreach (int v in new[]{ unchecked((int)0x80000001), unchecked((int)0x80000003) }) Console.WriteLine("{0} {1}", v, ((F)v).ToString());
    } else {
      foreach (string s in args[1].Split('|')) {
        try { Console.WriteLine("{0}", (int)Enum.Parse(typeof(F), s, true)); } catch (Exception) { Console.WriteLine("!"); }
      }
    }
  }
}
"""
_O = Origin("t")
FLAGS = EnumType("F", "N", (EnumValue("None", 0, _O), EnumValue("A", 1, _O), EnumValue("B", 2, _O),
                            EnumValue("AB", 3, _O), EnumValue("Neg", -(2**31), _O)), _O, flags=True)


def build(work: Path, name: str, source: str) -> Path:
    """Compile one small C# program with mcs (skipping when Mono is missing)."""
    if not (shutil.which("mono") and shutil.which("mcs")):
        pytest.skip(MISSING)
    (work / f"{name}.cs").write_text(source)
    subprocess.run(["mcs", f"-out:{work / name}.exe", str(work / f"{name}.cs")], check=True, capture_output=True)
    return work / f"{name}.exe"


@pytest.fixture(scope="module")
def lexical_exe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("lexical"), "Lexical", PROGRAM)


def mono(exe: Path, *args: str) -> list[str]:
    done = subprocess.run(["mono", str(exe), *args], capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_fold_is_monos_ordinal_ignore_case_for_every_utf16_unit(lexical_exe: Path) -> None:
    theirs = {int(a, 16): int(b, 16) for a, b in (line.split() for line in mono(lexical_exe, "fold"))}
    ours = {c: ord(fold(chr(c))) for c in range(0x10000)
            if not 0xD800 <= c <= 0xDFFF and fold(chr(c)) != chr(c)}
    assert ours == theirs


def test_enum_to_string_is_monos(lexical_exe: Path) -> None:
    for line in mono(lexical_exe, "format"):
        value, text = line.split(" ", 1)
        assert enum_to_string(FLAGS, int(value)) == text, value


def test_enum_parse_is_monos(lexical_exe: Path) -> None:
    texts = ["a", "A, b", " ab ", "1", "a,", "\u212a", "5", "neg", "x", "NONE", "-3", "B,A", ""]
    theirs = mono(lexical_exe, "parse", "|".join(texts))
    for text, result in zip(texts, theirs, strict=True):
        try:
            ours = str(enum_parse(FLAGS, text))
        except ValueError:
            ours = "!"
        assert ours == result, repr(text)


FORMAT = r"""
using System; using System.Globalization;
class Format { static void Main() {
  string line;
  while ((line = Console.ReadLine()) != null) {
    var p = line.Split(' ');
    if (p[0] == "f") Console.WriteLine(BitConverter.ToSingle(BitConverter.GetBytes(uint.Parse(p[1])), 0).ToString("R", CultureInfo.InvariantCulture));
    else Console.WriteLine(BitConverter.Int64BitsToDouble(long.Parse(p[1])).ToString("R", CultureInfo.InvariantCulture));
  }
}}
"""


def test_float_and_double_text_is_monos_ties_included(tmp_path: Path) -> None:
    """ToString("R") rounds the exact binary value's digits half away from zero (issue: Python's
    ``g`` rounds a tie to even). Values with few mantissa bits make ties at 7, 9, 15 and 17 digits."""
    import random
    import struct

    from converter.codecs.lexical import format_double, format_float, to_single

    exe = build(tmp_path, "Format", FORMAT)
    rng = random.Random(3)
    singles = [to_single(rng.randint(1, 2**22) / 2 ** rng.randint(0, 8) * rng.choice([1, -1])) for _ in range(3000)]
    doubles = [rng.randint(1, 2**52) / 2 ** rng.randint(0, 12) * rng.choice([1, -1]) for _ in range(3000)]
    doubles += [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(1000)]
    doubles = [d for d in doubles if 1e-280 < abs(d) < 1e280]  # Mono's digits are inexact at the extremes
    lines = [f"f {struct.unpack('<I', struct.pack('<f', s))[0]}" for s in singles]
    lines += [f"d {struct.unpack('<q', struct.pack('<d', d))[0]}" for d in doubles]
    done = subprocess.run(["mono", str(exe)], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, check=True)
    theirs = done.stdout.splitlines()
    ours = [format_float(s) for s in singles] + [format_double(d) for d in doubles]
    wrong = [(o, t) for o, t in zip(ours, theirs, strict=True) if o != t]
    assert not wrong, wrong[:5]
    assert format_float(-1906671.625) == "-1906671.63"  # the tie the fuzz issue reported


DECIMALS = r"""
using System; using System.Globalization;
class Decimals { static void Main() {
  string line;
  while ((line = Console.ReadLine()) != null) {
    try { Console.WriteLine(decimal.Parse(line, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)); }
    catch (OverflowException) { Console.WriteLine("!"); }
  }
}}
"""


def test_decimal_parse_is_monos_for_digits_beyond_96_bits(tmp_path: Path) -> None:
    import random

    from converter.codecs.lexical import parse_decimal

    exe = build(tmp_path, "Decimals", DECIMALS)
    rng = random.Random(11)
    texts = []
    for _ in range(2000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(25, 34)))
        point = rng.randint(0, len(digits))
        texts.append(("-" if rng.random() < 0.3 else "") + (digits[:point] or "0") + "." + (digits[point:] or "0"))
    done = subprocess.run(["mono", str(exe)], input="\n".join(texts) + "\n",
                          capture_output=True, text=True, check=True)
    wrong = []
    for text, theirs in zip(texts, done.stdout.splitlines(), strict=True):
        try:
            ours = f"{parse_decimal(text):f}"
        except ValueError:
            ours = "!"
        if ours != theirs:
            wrong.append((text, ours, theirs))
    assert not wrong, wrong[:5]


CASING = r"""
using System;
class Casing { static void Main() {
  for (int i = 0; i < 0x10000; i++) {
    if (i >= 0xD800 && i <= 0xDFFF) continue;
    char c = (char)i;
    Console.WriteLine("{0} {1}", char.IsUpper(c) ? 1 : 0, (int)char.ToLowerInvariant(c));
  }
}}
"""


def test_is_upper_and_lower_invariant_are_monos_for_every_utf16_unit(tmp_path: Path) -> None:
    """Json.NET's camel-casing calls char.IsUpper and char.ToLowerInvariant; Mono's tables are older than
    Python's (the fuzzer found U+212A KELVIN SIGN lower-cased here, kept on Mono)."""
    from converter.codecs.lexical import is_upper, lower_invariant

    exe = build(tmp_path, "Casing", CASING)
    units = [c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    wrong = []
    for code, line in zip(units, mono(exe), strict=True):
        upper, lower = line.split()
        ours = (int(is_upper(chr(code))), ord(lower_invariant(chr(code))))
        if ours != (int(upper), int(lower)):
            wrong.append((hex(code), ours, line))
    assert not wrong, wrong[:5]
