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


@pytest.fixture(scope="module")
def lexical_exe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (shutil.which("mono") and shutil.which("mcs")):
        pytest.skip(MISSING)
    work = tmp_path_factory.mktemp("lexical")
    (work / "Lexical.cs").write_text(PROGRAM)
    subprocess.run(["mcs", "-out:" + str(work / "Lexical.exe"), str(work / "Lexical.cs")], check=True,
                   capture_output=True)
    return work / "Lexical.exe"


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
