"""Render one ``contractkit validate`` run's findings as a report for a person or a CI system.

One job: findings in, one document out, in the format the reader wants:

- ``text``: ``file:line:col: severity: path: message``, which editors and problem matchers read;
- ``json``: JSON Lines, one object per finding, for scripts;
- ``junit``: JUnit XML, one test per checked file, for CI test-report views;
- ``github``: GitHub Actions workflow commands, which put annotations on a pull request's diff;
- ``sarif``: SARIF 2.1.0, for code-scanning dashboards.

Every non-empty report ends with a newline, so the caller can write it as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import PurePath
from typing import Any, Literal, get_args

from .findings import Finding, sort_findings

__all__ = ["FORMATS", "Format", "render"]

Format = Literal["text", "json", "junit", "github", "sarif"]
FORMATS: tuple[Format, ...] = get_args(Format)

_SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_INFORMATION_URI = "https://pypi.org/project/contractkit-dotnet/"
# Characters that XML 1.0 cannot carry, even as character references.
@cache
def _not_xml() -> re.Pattern[str]:
    """Characters XML 1.0 cannot hold; compiled on first use (it costs milliseconds)."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(findings: Sequence[Finding], files: Sequence[str], fmt: Format, *, version: str,
           seconds: Mapping[str, float] | None = None) -> str:
    """The report of one run over ``files`` (every file checked, clean ones too, in order).

    ``version`` is contractkit's version, which SARIF readers show beside the tool's name;
    ``seconds`` how long each file took, which JUnit reports.

    >>> from converter.codecs.path import MemberPath
    >>> at = MemberPath.root().member("Name", "name")
    >>> print(render([Finding("a.json", "contract.maxLength", "too long", line=3, col=7, at=at)],
    ...              ["a.json"], "github", version="0.1.0"), end="")
    ::error file=a.json,line=3,col=7,title=contract.maxLength::/name: too long
    """
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown report format {fmt!r}: expected one of {', '.join(FORMATS)}") from None
    ordered = sort_findings(findings, files)
    # A finding's file joins the list if the caller left it out; a file named twice is one file.
    checked = list(dict.fromkeys([*files, *(f.file for f in ordered)]))
    return renderer(ordered, checked, version, seconds or {})


def _text(findings: Sequence[Finding], files: Sequence[str], version: str, seconds: Mapping[str, float]) -> str:
    return "".join(f"{finding}\n" for finding in findings)


def _json_lines(findings: Sequence[Finding], files: Sequence[str], version: str,
                seconds: Mapping[str, float]) -> str:
    return "".join(
        json.dumps(
            {"file": f.file, "line": f.line, "col": f.col, "path": f.path, "rule": f.rule,
             "severity": f.severity, "message": f.message},
            ensure_ascii=False,
        ) + "\n"
        for f in findings
    )


def _junit(findings: Sequence[Finding], files: Sequence[str], version: str, seconds: Mapping[str, float]) -> str:
    """One test case per file, failed by one ``<failure>`` that holds every error in it: ``tests`` and
    ``failures`` count files, as CI dashboards expect, and ``time`` is the file's real time.

    Warnings do not fail the test; they go to its ``<system-out>`` so CI still shows them.
    Attributes follow the Jenkins xUnit plugin's junit-10.xsd (see tests/schemas).
    """
    import xml.etree.ElementTree as ET

    by_file: dict[str, list[Finding]] = {file: [] for file in files}
    for f in findings:
        by_file[f.file].append(f)
    failing = sum(any(f.severity == "error" for f in mine) for mine in by_file.values())
    total = sum(seconds.get(file, 0.0) for file in files)
    root = ET.Element("testsuites", {
        "name": "contractkit", "tests": str(len(files)), "failures": str(failing), "errors": "0",
        "time": _seconds(total)})
    for file in files:
        mine = by_file[file]
        failures = [f for f in mine if f.severity == "error"]
        warnings = [f for f in mine if f.severity == "warning"]
        took = _seconds(seconds.get(file, 0.0))
        suite = ET.SubElement(root, "testsuite", {
            "name": _xml(file), "tests": "1", "failures": "1" if failures else "0", "errors": "0", "skipped": "0",
            "time": took})
        case = ET.SubElement(suite, "testcase", {"classname": "contractkit", "name": _xml(file), "time": took})
        if failures:
            first = _headline(failures[0])
            summary = first if len(failures) == 1 else f"{len(failures)} errors; first: {first}"
            failure = ET.SubElement(case, "failure", {"type": _xml(failures[0].rule), "message": _xml(summary)})
            failure.text = _xml("\n".join(map(str, failures)))
        if warnings:
            ET.SubElement(case, "system-out").text = _xml("\n".join(map(str, warnings)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _seconds(value: float) -> str:
    return f"{value:.6f}"


def _github(findings: Sequence[Finding], files: Sequence[str], version: str, seconds: Mapping[str, float]) -> str:
    """Workflow commands, escaped as the Actions runner unescapes them (``%``, CR, LF; and ``:``, ``,`` in properties)."""
    lines = []
    for f in findings:
        props = [f"file={_github_property(f.file)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.col:
            props.append(f"col={f.col}")
        props.append(f"title={_github_property(f.rule)}")
        lines.append(f"::{f.severity} {','.join(props)}::{_github_data(_headline(f))}\n")
    return "".join(lines)


def _sarif(findings: Sequence[Finding], files: Sequence[str], version: str, seconds: Mapping[str, float]) -> str:
    """One run; every checked file is an artifact, so a clean file still shows as scanned."""
    rules = {rule: index for index, rule in enumerate(dict.fromkeys(f.rule for f in findings))}
    # Keyed by URI: "a.json" and "./a.json" are one artifact, and SARIF wants artifacts unique.
    artifacts = {uri: index for index, uri in enumerate(dict.fromkeys(map(_uri, files)))}
    results = [_sarif_result(f, rules[f.rule], artifacts[_uri(f.file)]) for f in findings]
    log = {
        "$schema": _SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "contractkit",
                "version": version,
                "informationUri": _INFORMATION_URI,
                "rules": [{"id": rule, "shortDescription": {"text": f"contractkit check {rule}"}} for rule in rules],
            }},
            "artifacts": [{"location": {"uri": uri}, "roles": ["analysisTarget"]} for uri in artifacts],
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_result(f: Finding, rule_index: int, artifact_index: int) -> dict[str, Any]:
    """A result; its region only says what is known, since SARIF lines and columns start at 1."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(f.file), "index": artifact_index}}
    if f.line >= 1:
        physical["region"] = {"startLine": f.line} | ({"startColumn": f.col} if f.col >= 1 else {})
    location: dict[str, Any] = {"physicalLocation": physical}
    if f.path:
        location["logicalLocations"] = [{"fullyQualifiedName": f.path}]
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": f.severity,
        "message": {"text": _headline(f)},
        "locations": [location],
    }


def _headline(f: Finding) -> str:
    """``path: message``, the part of the text line that is not the location."""
    return f"{f.path or '/'}: {f.message}"


def _xml(text: str) -> str:
    """``text`` with characters XML cannot hold spelled as escapes, so the report stays well-formed."""
    return _not_xml().sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _uri(file: str) -> str:
    """``file`` as a relative URI reference: forward slashes, and percent-escapes (``:`` too, so ``C:`` is no scheme)."""
    from urllib.parse import quote

    return quote(PurePath(file).as_posix(), safe="/")


_RENDERERS: dict[Format, Callable[[Sequence[Finding], Sequence[str], str, Mapping[str, float]], str]] = {
    "text": _text, "json": _json_lines, "junit": _junit, "github": _github, "sarif": _sarif}
