"""Every report format, checked byte for byte or against its published schema.

The schemas are vendored in tests/schemas (README there says where from), so nothing is fetched:
JUnit XML against the Jenkins xUnit plugin's junit-10.xsd, SARIF against OASIS's SARIF 2.1.0 schema.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft7Validator
from lxml import etree
from referencing import Registry

from converter.codecs.path import MemberPath
from converter.validate.findings import Finding
from converter.validate.report import FORMATS, Format, render
from tests.conftest import ROOT

SCHEMAS = ROOT / "tests" / "schemas"
ODD = "odd dir/b,1:ü.json"  # a space, a property separator, a colon and a non-ASCII letter
FILES = ["a.xml", "clean.json", ODD]
ENUM = Finding(ODD, "contract.enum", "'x' is not one of ['A']", line=3, col=11,
               at=MemberPath.root().member("Items", "items").item(0).member("A/B", "a/b"))
SKIPPED = Finding("a.xml", "dotnet.skipped", "element Note is out of order, so .NET skips it", "warning",
                  line=4, col=2, at=MemberPath.root("Order").member("Note", position=0, of=2), encoding="xml")
BAD_BYTES = Finding("a.xml", "syntax", "not UTF-8: 100% sure\nat byte 7")  # line 0, col 0: unknown
# Out of order on purpose: render sorts by (file, line, col).
FINDINGS = [ENUM, SKIPPED, BAD_BYTES]


def report(fmt: Format, findings: list[Finding] = FINDINGS, files: list[str] = FILES) -> str:
    return render(findings, files, fmt, version="1.2.3")


@cache
def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


@cache
def sarif_validator() -> Draft7Validator:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    # An empty registry that cannot retrieve: a remote $ref would fail instead of going to the network.
    return Draft7Validator(schema, registry=Registry(), format_checker=Draft7Validator.FORMAT_CHECKER)


def valid_junit(text: str) -> Any:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n') and text.endswith("\n")
    root = etree.fromstring(text.encode("utf-8"))
    junit_schema().assertValid(root)
    return root


def valid_sarif(text: str) -> dict[str, Any]:
    assert text.endswith("\n")
    log: dict[str, Any] = json.loads(text)
    sarif_validator().validate(log)
    return log


def test_formats_lists_every_format() -> None:
    assert FORMATS == ("text", "json", "junit", "github", "sarif")


def test_text_is_one_finding_per_line_sorted() -> None:
    assert report("text") == (
        "a.xml:0:0: error: /: not UTF-8: 100% sure\nat byte 7\n"
        "a.xml:4:2: warning: /Order/Note[1]: element Note is out of order, so .NET skips it\n"
        "odd dir/b,1:ü.json:3:11: error: /items/0/a~1b: 'x' is not one of ['A']\n"
    )


def test_json_lines_one_object_per_finding() -> None:
    text = report("json")
    assert text == (
        '{"file": "a.xml", "line": 0, "col": 0, "path": "", "rule": "syntax", "severity": "error", '
        '"message": "not UTF-8: 100% sure\\nat byte 7"}\n'
        '{"file": "a.xml", "line": 4, "col": 2, "path": "/Order/Note[1]", "rule": "dotnet.skipped", '
        '"severity": "warning", "message": "element Note is out of order, so .NET skips it"}\n'
        '{"file": "odd dir/b,1:ü.json", "line": 3, "col": 11, "path": "/items/0/a~1b", "rule": "contract.enum", '
        '"severity": "error", "message": "\'x\' is not one of [\'A\']"}\n'
    )
    assert [json.loads(line)["rule"] for line in text.splitlines()] == ["syntax", "dotnet.skipped", "contract.enum"]


def test_github_workflow_commands_escape_data_and_properties() -> None:
    assert report("github") == (
        "::error file=a.xml,title=syntax::/: not UTF-8: 100%25 sure%0Aat byte 7\n"
        "::warning file=a.xml,line=4,col=2,title=dotnet.skipped::"
        "/Order/Note[1]: element Note is out of order, so .NET skips it\n"
        "::error file=odd dir/b%2C1%3Aü.json,line=3,col=11,title=contract.enum::"
        "/items/0/a~1b: 'x' is not one of ['A']\n"
    )


def test_github_escapes_carriage_returns_and_rule_separators() -> None:
    finding = Finding("a.json", "x:y,z", "one\r\ntwo", line=1)
    assert report("github", [finding], ["a.json"]) == "::error file=a.json,line=1,title=x%3Ay%2Cz::/: one%0D%0Atwo\n"


def test_junit_is_one_testsuite_per_file_and_validates() -> None:
    root = valid_junit(report("junit"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "2", "0")
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == FILES  # the caller's order, clean file included
    counts = [(s.get("tests"), s.get("failures"), s.get("errors"), s.get("skipped")) for s in suites]
    assert counts == [("1", "1", "0", "0"), ("1", "0", "0", "0"), ("1", "1", "0", "0")]

    xml_case, clean_case, odd_case = (s.find("testcase") for s in suites)
    assert (xml_case.get("classname"), xml_case.get("name")) == ("contractkit", "a.xml")
    [failure] = xml_case.findall("failure")
    assert failure.attrib == {"type": "syntax", "message": "/: not UTF-8: 100% sure\nat byte 7"}
    assert failure.text == str(BAD_BYTES)
    assert xml_case.findtext("system-out") == str(SKIPPED)  # warnings show, but fail nothing
    assert len(clean_case) == 0
    [failure] = odd_case.findall("failure")
    assert (failure.get("type"), failure.text) == ("contract.enum", str(ENUM))
    assert odd_case.find("system-out") is None


def test_junit_counts_files_not_findings_and_reports_each_files_time() -> None:
    second = Finding(ODD, "contract.required", "required member a is missing", line=1, col=1)
    root = valid_junit(render([ENUM, second], FILES, "junit", version="1", seconds={ODD: 0.25, "a.xml": 0.5}))
    assert (root.get("tests"), root.get("failures"), root.get("time")) == ("3", "1", "0.750000")
    odd = root.findall("testsuite")[2]
    assert (odd.get("failures"), odd.find("testcase").get("time")) == ("1", "0.250000")
    [failure] = odd.iter("failure")  # one failure for the file, with every error in it
    assert failure.get("message") == "2 errors; first: /: required member a is missing"
    assert failure.text.splitlines() == [str(second), str(ENUM)]


def test_junit_spells_out_characters_xml_cannot_hold() -> None:
    finding = Finding("a.json", "contract", "'\x01\ud800' is not a string", line=1, col=2, at=MemberPath.root().member("a"))
    [failure] = valid_junit(report("junit", [finding], ["a.json"])).iter("failure")
    assert failure.text == "a.json:1:2: error: /a: '\\u0001\\ud800' is not a string"


def test_sarif_validates_and_says_where() -> None:
    log = valid_sarif(report("sarif"))
    assert (log["$schema"], log["version"]) == ("https://json.schemastore.org/sarif-2.1.0.json", "2.1.0")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("contractkit", "1.2.3")
    assert driver["informationUri"] == "https://pypi.org/project/contractkit-dotnet/"  # the name contractkit is taken
    rules = [rule["id"] for rule in driver["rules"]]
    assert sorted(rules) == ["contract.enum", "dotnet.skipped", "syntax"]
    assert all(rule["shortDescription"]["text"] for rule in driver["rules"])

    odd_uri = "odd%20dir/b%2C1%3A%C3%BC.json"
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["a.xml", "clean.json", odd_uri]

    bad, skipped, enum = run["results"]
    assert [r["ruleId"] for r in run["results"]] == ["syntax", "dotnet.skipped", "contract.enum"]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in run["results"])
    assert [r["level"] for r in run["results"]] == ["error", "warning", "error"]
    assert enum["message"]["text"] == "/items/0/a~1b: 'x' is not one of ['A']"

    def where(result: dict[str, Any]) -> dict[str, Any]:
        [location] = result["locations"]
        return location  # type: ignore[no-any-return]

    assert where(bad)["physicalLocation"] == {"artifactLocation": {"uri": "a.xml", "index": 0}}  # no region: unknown
    assert "logicalLocations" not in where(bad)
    assert where(skipped)["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 2}
    assert where(enum)["physicalLocation"] == {
        "artifactLocation": {"uri": odd_uri, "index": 2}, "region": {"startLine": 3, "startColumn": 11}}
    assert where(enum)["logicalLocations"] == [{"fullyQualifiedName": "/items/0/a~1b"}]


def test_sarif_uris_are_relative_references() -> None:
    files = ["plain.json", "with space/ä.xml", "C:/drive.json", "100%.json", "a#b?c.json", "[x].json"]
    log = valid_sarif(report("sarif", [], files))
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    assert uris == ["plain.json", "with%20space/%C3%A4.xml", "C%3A/drive.json", "100%25.json", "a%23b%3Fc.json",
                    "%5Bx%5D.json"]
    # RFC 3986 relative-ref: a path of unreserved, sub-delims, "@", "/" and %XX, with no ":" in its first segment.
    assert all(re.fullmatch(r"(?:[A-Za-z0-9._~!$&'()*+,;=@/-]|%[0-9A-F]{2})+", uri) for uri in uris)


def test_sarif_region_has_no_column_when_only_the_line_is_known() -> None:
    log = valid_sarif(report("sarif", [Finding("a.json", "syntax", "bad", line=2)], ["a.json"]))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 2}


def test_files_are_deduplicated_and_finding_files_are_added() -> None:
    finding = Finding("stray.json", "syntax", "bad", line=1, col=1)
    log = valid_sarif(report("sarif", [finding], ["a.json", "./a.json", "a.json"]))
    [run] = log["runs"]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["a.json", "stray.json"]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1
    root = valid_junit(report("junit", [finding], ["a.json", "a.json"]))
    assert [s.get("name") for s in root.iter("testsuite")] == ["a.json", "stray.json"]


@pytest.mark.parametrize("files", [[], ["clean.json", "clean.xml"]], ids=["no-files", "clean-files"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_findings_is_an_empty_but_well_formed_report(fmt: Format, files: list[str]) -> None:
    text = report(fmt, [], files)
    if fmt in ("text", "json", "github"):
        assert text == ""
    elif fmt == "junit":
        root = valid_junit(text)
        assert (root.get("tests"), root.get("failures")) == (str(len(files)), "0")
        assert [s.get("name") for s in root] == files
        assert not list(root.iter("failure")) and not list(root.iter("system-out"))
    else:
        [run] = valid_sarif(text)["runs"]
        assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
        assert [a["location"]["uri"] for a in run["artifacts"]] == files


def test_the_schemas_do_reject_what_they_should() -> None:
    """Guards against a vacuous schema: each one refuses a report with one thing wrong."""
    log = json.loads(report("sarif"))
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not sarif_validator().is_valid(log)
    root = etree.fromstring(report("junit").encode("utf-8"))
    del root.find("testsuite").attrib["failures"]
    assert not junit_schema().validate(root)


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown report format 'html'"):
        render([], [], "html", version="1.2.3")  # type: ignore[arg-type]
