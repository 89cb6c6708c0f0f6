"""The hostile corpus: each input a stranger could send, with the exit code and the one line it
must give, run through the command under a CPU and memory cap (``harness``). Big inputs are
generated in tmp_path at test time.

Every case also holds for every input: no traceback, no internal error (exit 70), and no
report line that the payload wrote (a forged ``file:1:1: error:`` line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.harness import contractkit

HERE = Path(__file__).parent
SPEC = str(HERE / "hostile.yaml")
NS = "http://schemas.datacontract.org/2004/07/Hostile"
ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
FORGED = "forged.json:1:1: error:"


def node(inner: str, attrs: str = "") -> bytes:
    return f'<Node xmlns="{NS}"{attrs}>{inner}</Node>'.encode()


@dataclass(frozen=True)
class Case:
    id: str
    file: str  # its extension picks the encoding
    payload: Callable[[], bytes]
    code: int
    fragment: str
    command: str = "convert"  # or "validate"
    options: tuple[str, ...] = ()


def cases() -> list[Case]:
    deep_json = lambda n: b'{"child":' * n + b"{}" + b"}" * n  # noqa: E731
    out = [
        # -- XML: no DTD, no entity, nothing fetched; limits on; one line each
        Case("xml-dtd", "a.xml", lambda: b'<!DOCTYPE Node [<!ENTITY a "x">]>' + node("<Name>&a;</Name>"), 1,
             "a DTD (<!DOCTYPE>) is not allowed"),
        Case("xml-dtd-validate", "a.xml", lambda: b'<!DOCTYPE Node [<!ENTITY a "x">]>' + node("<Name>&a;</Name>"), 1,
             "a DTD (<!DOCTYPE>) is not allowed", "validate"),
        Case("xml-billion-laughs", "a.xml", lambda: (
            b'<!DOCTYPE Node [<!ENTITY a "aaaaaaaaaa">'
            + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(9))
            + b"]>" + node("<Name>&j;</Name>")), 1, "a DTD (<!DOCTYPE>) is not allowed"),
        Case("xml-undeclared-entity", "a.xml", lambda: node("<Name>&xxe;</Name>"), 1, "invalid XML: Entity 'xxe' not defined"),
        Case("xml-charref-5000-digits", "a.xml", lambda: node("<Name>&#" + "1" * 5000 + ";</Name>"), 1, "invalid XML"),
        Case("xml-charref-hex-5000-digits", "a.xml", lambda: node("<Name>&#x" + "f" * 5000 + ";</Name>"), 1,
             "invalid XML"),
        Case("xml-int-5000-digits", "a.xml", lambda: node("<Count>" + "9" * 5000 + "</Count>"), 1,
             "Count: a number of more than 1000 digits"),
        Case("xml-int-5000-digits-validate", "a.xml", lambda: node("<Count>" + "9" * 5000 + "</Count>"), 1,
             "error:", "validate"),
        Case("xml-deep", "a.xml", lambda: node("<a>" * 5000 + "</a>" * 5000), 1, "nested more than 256 deep"),
        Case("xml-recursive-2000", "a.xml", lambda: node("<Child>" * 2000 + "</Child>" * 2000), 1,
             "nested more than 256 deep"),
        Case("xml-recursive-2000-validate", "a.xml", lambda: node("<Child>" * 2000 + "</Child>" * 2000), 1,
             "nested more than 256 deep", "validate"),
        Case("xml-recursive-200", "a.xml", lambda: node("<Child>" * 200 + "</Child>" * 200), 0, ""),
        Case("xml-million-elements", "a.xml",
             lambda: node(f'<Items xmlns:a="{ARRAYS}">' + "<a:int>1</a:int>" * 1_000_000 + "</Items>"), 0, ""),
        Case("xml-100000-attributes", "a.xml", lambda: node("", "".join(f' a{i}=""' for i in range(100_000))), 0, ""),
        Case("xml-million-attributes", "a.xml", lambda: node("", "".join(f' a{i}=""' for i in range(1_000_000))), 1,
             "invalid XML: Resource limit exceeded: Buffer size limit exceeded\n"),
        Case("xml-six-million-charrefs", "a.xml", lambda: node("<Name>" + "&#x1;" * 6_000_000 + "</Name>"), 1,
             "invalid XML"),
        Case("xml-newline-in-namespace", "a.xml",
             lambda: node(f'<Items><int xmlns="x&#10;{FORGED} pwned">1</int></Items>'), 1, "\\u000a"),
        Case("xml-newline-in-root-namespace", "a.xml",
             lambda: f'<Node xmlns="x&#10;{FORGED} pwned"/>'.encode(), 1, "\\u000a"),
        Case("xml-newline-in-namespace-validate", "a.xml",
             lambda: node(f'<Name xmlns="x&#10;{FORGED} pwned">1</Name>'), 1, "\\u000a", "validate"),
        Case("xml-element-in-a-string-validate", "a.xml", lambda: node("<Name><b/></Name>"), 1,
             "/Node/Name: a string holds text only, not elements", "validate"),
        # -- JSON
        Case("json-deep-arrays", "a.json", lambda: b"[" * 100_000 + b"]" * 100_000, 1, "nested more than 256 deep",
             "validate"),
        Case("json-deep-arrays-convert", "a.json", lambda: b"[" * 100_000 + b"]" * 100_000, 1,
             "nested more than 256 deep"),
        Case("json-recursive-2000", "a.json", lambda: deep_json(2000), 1, "nested more than 256 deep", "validate"),
        Case("json-recursive-200", "a.json", lambda: deep_json(200), 0, "", "validate"),
        Case("json-recursive-250-to-form", "a.json", lambda: deep_json(250), 0, "", "convert", ("--to", "form")),
        Case("json-recursive-250-to-xml", "a.json", lambda: deep_json(250), 0, "", "convert", ("--to", "xml")),
        Case("json-int-5000-digits", "a.json", lambda: b'{"count": ' + b"9" * 5000 + b"}", 1,
             "Count: a number of more than 1000 digits"),
        Case("json-int-100000-digits-validate", "a.json", lambda: b'{"count": ' + b"9" * 100_000 + b"}", 1,
             "/count: 999999999999999999999999999999999999999999999999999999999999... (100000 characters) is not an int",
             "validate"),
        Case("json-enum-5000-digits", "a.json", lambda: b'{"level": ' + b"1" * 5000 + b"}", 1,
             "Level: expected a value of enum Level"),
        Case("json-dict-key-5000-digits", "a.json", lambda: b'{"byNumber": {"' + b"1" * 5000 + b'": "x"}}', 1,
             "(5000 characters)]: a number of more than 1000 digits"),
        Case("form-enum-5000-digits", "a.form", lambda: b"Level=" + b"1" * 5000, 1,
             "Level: a number of more than 1000 digits"),
        Case("form-dict-key-5000-digits", "a.form", lambda: b"ByNumber[" + b"1" * 5000 + b"]=x", 0,
             "(5000 characters) is past index 0, which is missing: binding stops at the first gap"),
        Case("json-double-100000-digits", "a.json", lambda: b'{"amount": ' + b"9" * 100_000 + b"}", 1,
             "outside double's range"),
        Case("json-double-1e999999", "a.json", lambda: b'{"amount": 1e999999}', 1, "outside double's range"),
        Case("json-double-1e999999-validate", "a.json", lambda: b'{"amount": 1e999999}', 1, "outside double's range",
             "validate"),
        Case("json-decimal-1e999999", "a.json", lambda: b'{"money": 1e999999}', 1, "outside System.Decimal's range"),
        Case("json-decimal-1e999999-validate", "a.json", lambda: b'{"money": 1e999999}', 1,
             "outside System.Decimal's range", "validate"),
        Case("json-decimal-100000-digits-validate", "a.json", lambda: b'{"money": 0.' + b"1" * 100_000 + b"}", 0,
             "dotnet.rounded" if False else "", "validate"),
        Case("json-bom", "a.json", lambda: b'\xef\xbb\xbf{"name": "a"}', 0, ""),
        Case("json-invalid-utf8", "a.json", lambda: b'{"name": "\xff"}', 1, "invalid UTF-8 byte 0xff"),
        Case("json-invalid-utf8-validate", "a.json", lambda: b'{"name": "\xff"}', 1, "invalid UTF-8 byte 0xff",
             "validate"),
        Case("json-lone-surrogate-to-xml", "a.json", lambda: b'{"name": "\\ud800"}', 1, "surrogate", "convert",
             ("--to", "xml")),
        Case("json-trailing-garbage", "a.json", lambda: b'{"name": "a"} x', 1, "text after the end of the JSON value"),
        Case("json-trailing-garbage-validate", "a.json", lambda: b'{"name": "a"} x', 1, "text after the end",
             "validate"),
        Case("json-duplicate-keys", "a.json", lambda: b'{"name": "a", "name": "b"}', 0,
             "/name: repeated member: Json.NET keeps the last value"),
        Case("json-duplicate-keys-validate", "a.json", lambda: b'{"name": "a", "name": "b"}', 0,
             "a.json:1:15: warning: /name: repeated member: Json.NET keeps the last value", "validate"),
        Case("json-newline-in-name", "a.json", lambda: b'{"x\\n' + FORGED.encode() + b' pwned": 1}', 0, "\\u000a"),
        Case("json-newline-in-name-validate", "a.json", lambda: b'{"x\\n' + FORGED.encode() + b' pwned": 1}', 0,
             "\\u000a", "validate"),
        Case("json-100000-keys-validate", "a.json",
             lambda: b"{" + b",".join(b'"k%d": 1' % i for i in range(100_000)) + b"}", 0, "", "validate",
             ("-q",)),
        Case("json-30mb-string-to-xml", "a.json", lambda: b'{"name": "' + b"<&" * 15_000_000 + b'"}', 0, "",
             "convert", ("--to", "xml")),
        # -- form
        Case("form-30mb-escapes", "a.form", lambda: b"Name=" + b"%41" * 10_000_000, 0, ""),
        Case("form-bad-escapes", "a.form", lambda: b"Name=%zz%4&Count=%", 1, "Count"),
        Case("form-too-many-keys", "a.form", lambda: b"&".join(b"k%d=1" % i for i in range(2000)), 1,
             "more than 1000 form keys"),
        Case("form-too-many-keys-validate", "a.form", lambda: b"&".join(b"k%d=1" % i for i in range(100_000)), 1,
             "more than 1000 form keys", "validate"),
        Case("form-more-keys-allowed", "a.form", lambda: b"&".join(b"k%d=1" % i for i in range(2000)), 0, "",
             "convert", ("--max-form-keys", "3000")),
        Case("form-deep-keys", "a.form", lambda: b"Child" + b"[Child]" * 10_000 + b"[Name]=x", 1,
             "nested more than 256 deep"),
        Case("form-deep-long-keys", "a.form", lambda: b"x" * 1000 + b"[" + b"y" * 1000 + b"]" * 1 + b"[z]" * 9_999 + b"=1",
             1, "nested more than 256 deep"),
        Case("form-recursive-5000-validate", "a.form", lambda: b"Child." * 5000 + b"Name=x", 1,
             "nested more than 256 deep", "validate"),
        Case("form-huge-index", "a.form", lambda: b"Items[" + b"9" * 5000 + b"]=1", 0, "warning"),
        Case("form-sparse-index", "a.form", lambda: b"Items[0]=1&Items[99999999999999999999]=2", 0,
             "binding stops at the first gap"),
        Case("form-key-unbalanced-once-normalised", "a.form", lambda: b"a[b[0]=1&Name=x", 0,
             "ignored by the model binder", "validate"),
        Case("form-contradictory-keys", "a.form", lambda: b"Name=1&Name[b]=2", 0, ""),
        Case("form-repeated-scalar", "a.form", lambda: b"Count=1&Count=2", 0, ""),
        Case("form-newline-in-key", "a.form", lambda: b"x%0A" + FORGED.replace(" ", "+").encode() + b"=1", 0,
             "\\u000a"),
        Case("form-newline-in-key-validate", "a.form", lambda: b"x%0A" + FORGED.replace(" ", "+").encode() + b"=1", 0,
             "\\u000a", "validate"),
        # -- specs: every one through generate, convert and validate alike (they share the loader)
        *spec_cases(),
    ]
    return out


def spec(body: str) -> Callable[[], bytes]:
    return lambda: ("spec: 1\n" + body).encode()


def spec_cases() -> list[Case]:
    laughs = ("x0: &a0 [" + ",".join(["lol"] * 10) + "]\n"
              + "".join(f"x{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 9)))
    chain = "".join(f"  T{i}:\n    base: T{i + 1}\n    fields: {{F{i}: int}}\n" for i in range(5000))
    found = [
        ("billion-laughs", spec(laughs + "types: {A: {fields: {N: int}}}\n"), "YAML aliases repeat more than 10000"),
        ("alias-10000-used-1000", spec("big: &b [" + ",".join(["x"] * 10_000) + "]\nuse: [" + ",".join(["*b"] * 1000)
                                       + "]\ntypes: {A: {fields: {N: int}}}\n"), "YAML aliases repeat more than"),
        ("deep-yaml", spec("types: " + "[" * 100_000 + "]" * 100_000), "YAML nested more than 256 deep"),
        ("malformed-yaml", spec("types: {A: {fields: {N: int}}\n  bad: [\n"), ":3:3: error: invalid YAML"),
        ("type-name-newline", spec('types:\n  "A\\n":\n    fields: {N: int}\n'), "is no C# identifier"),
        ("field-name-newline", spec('types:\n  A:\n    fields: {"N\\n": int}\n'), "is no C# identifier"),
        ("enum-value-5000-digits", spec("types:\n  E:\n    enum: [{name: A, value: " + "9" * 5000 + "}]\n"),
         ":4:29: error: a number of more than 1000 digits"),
        ("deep-type-expression", spec('types:\n  A:\n    fields: {N: "' + "List<" * 5000 + "int" + ">" * 5000 + '"}\n'),
         "type expressions nested more than 256 deep"),
        ("base-chain-5000", spec("types:\n" + chain + "  T5000:\n    fields: {Z: int}\n"),
         "base types nested more than 256 deep"),
        ("namespace-control", spec('types:\n  A:\n    dataContract: {namespace: "http://x/\\u0001"}\n'
                                   "    fields: {N: int}\n"), "is no URI"),
        ("namespace-newline", spec('types:\n  A:\n    dataContract: {namespace: "http://x/\\nforged.json:1:1: error: x"}'
                                   "\n    fields: {N: int}\n"), "is no URI: it holds a space"),
        ("enum-member-control", spec('types:\n  E:\n    enum: [{name: A, enumMember: "a\\u0001"}]\n'),
         "holds a character XML cannot carry"),
        ("xsd-file-collision", spec('types:\n  A:\n    dataContract: {namespace: "http://x/a.b"}\n    fields: {N: int}\n'
                                    '  B:\n    dataContract: {namespace: "http://x/a/b"}\n    fields: {N: int}\n'),
         "would both be written to x.a.b.xsd"),
    ]
    out = [Case(f"spec-{name}", "spec.yaml", body, 2, fragment, "generate") for name, body, fragment in found]
    out += [
        Case("spec-huge-enum", "spec.yaml", spec("types:\n  E:\n    enum: [" + ",".join(f"M{i}" for i in range(100_000))
                                                  + "]\n"), 0, "wrote", "generate"),
        Case("spec-recursive-type", "spec.yaml", lambda: (HERE / "hostile.yaml").read_bytes(), 0, "wrote", "generate"),
        Case("spec-base-chain-200", "spec.yaml",
             spec("types:\n" + chain.split("  T200:")[0] + "  T200:\n    fields: {Z: int}\n"), 0, "wrote", "generate"),
    ]
    return out


CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_payload(case: Case, tmp_path: Path) -> None:
    path = tmp_path / case.file
    path.write_bytes(case.payload())
    if case.command == "generate":
        done = contractkit("generate", str(path), "-o", str(tmp_path / "out"), cache=tmp_path)
    elif case.command == "convert":
        to = [] if "--to" in case.options else ["--to", "xml" if not case.file.endswith(".xml") else "json"]
        done = contractkit("convert", SPEC, str(path), *to, *case.options, cache=tmp_path)
    else:
        done = contractkit("validate", SPEC, str(path), *case.options, cache=tmp_path)
    said = done.stdout[-100_000:] + done.stderr
    assert "Traceback" not in said and "internal error" not in said, said[-2000:]
    assert done.returncode == case.code, said[-2000:]
    assert case.fragment in said, said[-2000:]
    assert not any(line.startswith(FORGED) for line in said.splitlines()), said[-2000:]
    report = done.stderr + (done.stdout if case.command == "validate" else "")
    assert max(map(len, report.splitlines()), default=0) < 500, "a report line quotes a value whole"
