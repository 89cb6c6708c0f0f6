"""``converter.probe`` without a service: a fake transport stands in, so what probe sends and how it
judges and shrinks is pinned on any machine (tests/interop/test_probe.py runs it against Web API)."""

from __future__ import annotations

import json
import subprocess

from converter.probe import Answer, Request, Settings, curl, probe, render
from converter.spec import parse_spec

SPEC = parse_spec("""\
spec: 1
types:
  A:
    namespace: Contoso.A
    fields: {Name: string, Count: int}
operations:
  - {method: POST, path: api/a, request: A, response: A, echo: true, formats: [application/json]}
""")


def echo_without_name(request: Request, timeout: float) -> Answer:
    """A service that forgets Name, and fails on a negative Count."""
    if request.content_type != "application/json":
        return Answer(415, "", b"")
    try:
        data = json.loads(request.body)
    except ValueError:
        return Answer(400, "", b"bad json")
    if not isinstance(data.get("count"), int):
        return Answer(400, "", b"bad count")
    if data["count"] < 0:
        return Answer(500, "", b"boom")
    return Answer(200, "application/json", json.dumps({"name": None, "count": data["count"]}).encode())


def test_probe_finds_both_faults_and_shrinks_them() -> None:
    sent: list[Request] = []

    def send(request: Request, timeout: float) -> Answer:
        sent.append(request)
        return echo_without_name(request, timeout)

    report = probe(SPEC, "http://127.0.0.1:9/", Settings(examples=30, seed=2, jobs=1), send=send)
    problems = {f.shrunk.problem for f in report.failures}
    assert "the echo differs from the payload at Name" in problems
    assert "the service answered 500" in problems
    edge = next(f for f in report.failures if f.shrunk.problem == "the service answered 500")
    assert json.loads(edge.shrunk.request.body)["count"] == -1
    assert all(r.url == "http://127.0.0.1:9/api/a" for r in sent)  # only the base URL given
    assert {r.accept for r in sent} == {"application/json"} and report.requests == len(sent)
    assert any(c.kind == "syntax" and c.answer and c.answer.status == 400 for c in report.checks)


def test_requests_are_bounded() -> None:
    report = probe(SPEC, "http://127.0.0.1:9", Settings(examples=50, max_requests=7, jobs=1), send=echo_without_name)
    assert report.requests == 7 and report.stopped == "stopped at --max-requests 7"
    assert "(stopped at --max-requests 7)" in render(report, "text")


def test_the_curl_line_sends_the_same_bytes() -> None:
    request = Request("http://127.0.0.1:9/api/a", "{\"name\":\"it's \\u0001\x01é\"}".encode(), "application/json",
                      "application/xml")
    line = curl(request)
    assert line.startswith("printf '%s' $'") and "-H $'Accept: application/xml'" in line
    printed = subprocess.run(["bash", "-c", line.split(" | curl")[0]], capture_output=True, check=True).stdout
    assert printed == request.body
