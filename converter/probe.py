"""``contractkit probe``: fuzz a running .NET service through its contract, in every encoding.

For each operation with a request class: valid payloads from the fuzz strategies and invalid ones
labelled by rule are POSTed in each request format the operation lists, with each response format
in ``Accept``. A check fails when the service answers 5xx, when a 2xx answer does not validate
against the response type in the negotiated encoding, when an invalid payload is accepted, or, for
an ``echo: true`` operation, when the answer is not contractkit's prediction (its reading of the
payload, written in the response encoding) beyond the losses it reported. A failing valid payload
is shrunk, one request at a time, while it still fails the same way.

Traffic goes only to ``base_url`` and paths under it; requests are bounded in count, in time each
and in total. HTTP is the standard library's (``http.client``): no dependency for a few POSTs.
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Literal
from urllib.parse import urlsplit

from .codecs import Encoding, Options, codec
from .codecs.values import Loss, Value, as_object, default_of
from .errors import ContractkitError, PayloadError
from .spec.model import ClassType, ListOf, Named, Operation, Primitive, Spec, unwrap

__all__ = ["Check", "Failure", "ProbeError", "Report", "Request", "Settings", "curl", "probe", "render"]

#: The media types of each encoding, as a help page lists them.
MEDIA = {"application/json": "json", "text/json": "json", "application/xml": "xml", "text/xml": "xml",
         "application/x-www-form-urlencoded": "form"}
_CONTENT_TYPE = {"json": "application/json", "xml": "application/xml", "form": "application/x-www-form-urlencoded"}
Kind = Literal["valid", "syntax", "contract.type"]
_BAD_TEXT = "not-a-value"


class ProbeError(ContractkitError):
    """A usage problem: no usable base URL, no such operation, nothing to probe."""

    exit_code = 2


@dataclass(frozen=True)
class Settings:
    """The bounds of one run."""

    examples: int = 10
    formats: tuple[Encoding, ...] = ("json", "xml", "form")
    seed: int = 0
    operation: str | None = None
    timeout: float = 10.0
    max_requests: int = 1000
    max_seconds: float = 300.0
    jobs: int = 4
    shrink_requests: int = 60


@dataclass(frozen=True)
class Request:
    """One POST: where, what, and in which encodings."""

    url: str
    body: bytes
    content_type: str
    accept: str

    @property
    def request_format(self) -> Encoding:
        return _encoding(self.content_type)

    @property
    def accept_format(self) -> Encoding:
        return _encoding(self.accept)


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


@dataclass
class Check:
    """One request's verdict. ``problem`` is None when it passed."""

    operation: Operation
    kind: Kind
    request: Request
    answer: Answer | None
    problem: str | None
    value: Value = None
    form_style: str = "mvc"


@dataclass
class Failure:
    """A failed check, its payload shrunk while it kept failing the same way."""

    check: Check
    shrunk: Check
    shrink_steps: int


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    stopped: str | None = None  # why the run ended before its examples, if it did


def probe(spec: Spec, base_url: str, settings: Settings = Settings(),
          send: Callable[[Request, float], Answer] | None = None) -> Report:
    """Probe every operation of ``spec`` (or ``settings.operation``) at ``base_url``."""
    base = _base(base_url)
    operations = [op for op in spec.operations if op.request and op.method in ("POST", "PUT", "PATCH")
                  and (settings.operation is None or op.path.strip("/") == settings.operation.strip("/"))]
    if not operations:
        which = f"no operation {settings.operation!r}" if settings.operation else "no POST, PUT or PATCH operation"
        raise ProbeError(f"{spec.source}: {which} with a request type to probe")
    transport = _Http()
    run = _Run(spec, base, settings, send or transport)
    try:
        for op in operations:
            if not run.operation(op):
                break
    finally:
        run.pool.shutdown()
        transport.close()
    run.report.seconds = round(time.monotonic() - run.started, 3)
    return run.report


def curl(request: Request, method: str = "POST") -> str:
    """A shell line that sends the same request again."""
    return (f"printf '%s' {_shell(request.body)} | curl -sS -i -X {method} {_shell(request.url.encode())} "
            f"-H {_shell(('Content-Type: ' + request.content_type).encode())} "
            f"-H {_shell(('Accept: ' + request.accept).encode())} --data-binary @-")


# -- the run -------------------------------------------------------------------------------------


class _Run:
    def __init__(self, spec: Spec, base: str, settings: Settings, send: Callable[[Request, float], Answer]) -> None:
        self.spec = spec
        self.base = base
        self.settings = settings
        self.send_one = send
        self.report = Report()
        self.started = time.monotonic()
        self.pool = ThreadPoolExecutor(max(1, settings.jobs))  # the same threads, so the same connections

    def budget_left(self) -> bool:
        if self.report.requests >= self.settings.max_requests:
            self.report.stopped = f"stopped at --max-requests {self.settings.max_requests}"
            return False
        if time.monotonic() - self.started >= self.settings.max_seconds:
            self.report.stopped = f"stopped at --max-time {self.settings.max_seconds:g} s"
            return False
        return True

    def send(self, requests: Sequence[Request]) -> list[Answer | None]:
        """Each request within the budget, ``jobs`` at a time; None for those past it."""
        room = max(0, self.settings.max_requests - self.report.requests)
        allowed = list(requests[:room])
        deadline = self.started + self.settings.max_seconds

        def one(request: Request) -> Answer | None:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            return self.send_one(request, min(self.settings.timeout, left))

        answers = list(self.pool.map(one, allowed))
        self.report.requests += sum(a is not None for a in answers)
        if len(allowed) < len(requests) or any(a is None for a in answers):
            self.budget_left()
        return [*answers, *[None] * (len(requests) - len(allowed))]

    def operation(self, op: Operation) -> bool:
        """Probe one operation; False when the budget ran out."""
        assert op.request is not None
        accepted = [MEDIA[m] for m in op.formats if m in MEDIA] or list(_CONTENT_TYPE)
        formats = [f for f in dict.fromkeys(accepted) if f in self.settings.formats]
        accepts = [f for f in formats if f != "form"] or ["json"]
        url = self.base + op.path.lstrip("/")
        checks: list[Check] = []
        for i, value in enumerate(_examples(self.spec, op.request, self.settings.examples, self.settings.seed)):
            style = "jquery" if i % 2 else "mvc"
            for fmt in formats:
                body = _encode(self.spec, op.request, fmt, value, style)
                if body is None:
                    continue
                checks += [Check(op, "valid", Request(url, body, _CONTENT_TYPE[fmt], _CONTENT_TYPE[a]), None, None,
                                 value, style) for a in accepts]
        for kind, fmt, body in _invalid(self.spec, op.request, formats, self.settings.seed):
            checks.append(Check(op, kind, Request(url, body, _CONTENT_TYPE[fmt], _CONTENT_TYPE[accepts[0]]),
                                None, None))
        answers = self.send([c.request for c in checks])
        for check, answer in zip(checks, answers):
            if answer is None:
                continue
            check.answer = answer
            check.problem = self.judge(check)
            self.report.checks.append(check)
            if check.problem is not None:
                self.report.failures.append(self.shrink(check))
        return self.budget_left()

    def judge(self, check: Check) -> str | None:
        """What is wrong with the answer, if anything."""
        answer, op = check.answer, check.operation
        assert answer is not None and op.request is not None
        if answer.status == 0:
            return answer.body.decode("utf-8", "replace")
        if answer.status >= 500:
            return f"the service answered {answer.status}"
        if check.kind != "valid":
            if 200 <= answer.status < 300:
                return f"an invalid payload ({check.kind}) was accepted with {answer.status}; expected 4xx"
            return None
        if not 200 <= answer.status < 300:
            return None  # a service may refuse a valid payload for reasons of its own
        if op.response is not None and answer.body:
            from .validate import Validator

            lost = self.request_losses(check)
            errors = [f for f in Validator(self.spec, role="response").check(
                answer.body, "<answer>", fmt=check.request.accept_format, type_name=op.response)
                if f.severity == "error" and not (f.at is not None and _covered(f.at.clr(), lost))]
            if errors:
                return f"the answer does not validate as {op.response}: {errors[0].message} at {errors[0].path}"
        if op.echo:
            return self.compare(check)
        return None

    def request_losses(self, check: Check) -> list[Loss]:
        """What the request encoding could not carry: a response may differ there without fault."""
        assert check.operation.request is not None
        style = Options(form_style="jquery" if check.form_style == "jquery" else "mvc")
        fmt = check.request.request_format
        try:
            written = codec(fmt).encode(self.spec, check.operation.request, check.value, style).losses
            read = codec(fmt).decode(self.spec, check.operation.request, check.request.body, "<request>").losses
        except PayloadError:
            return []
        return [*written, *read]

    def compare(self, check: Check) -> str | None:
        """The echo against contractkit's prediction, beyond the paths where it reported a loss."""
        op = check.operation
        assert check.answer is not None and op.request is not None
        request_format, accept = check.request.request_format, check.request.accept_format
        read, losses = codec(request_format).decode(self.spec, op.request, check.request.body, "<request>")
        ours = as_object(self.spec, Named(op.request), read)
        predicted, written = codec(accept).encode(self.spec, op.request, ours) if ours is not None else (b"", ())
        if check.answer.body == predicted:
            return None
        try:
            theirs = codec(accept).decode(self.spec, op.request, check.answer.body, "<answer>").value
        except PayloadError as exc:
            return f"the answer cannot be read as {op.request}: {exc.message}"
        missed = [p for p in _differences(self.spec, op.request, ours, theirs) if not _covered(p, [*losses, *written])]
        if missed:
            return f"the echo differs from the payload at {', '.join(missed[:3])}"
        return None

    def shrink(self, check: Check) -> Failure:
        """Simplify a failing valid payload member by member while it fails the same way."""
        if check.kind != "valid" or check.value is None:
            return Failure(check, check, 0)
        assert check.operation.request is not None
        best, steps, tried = check, 0, 0
        progress = True
        while progress:  # each accepted step starts the candidates again from the smaller payload
            progress = False
            for candidate in _simpler(self.spec, check.operation.request, best.value):
                if tried >= self.settings.shrink_requests or not self.budget_left():
                    return Failure(check, best, steps)
                body = _encode(self.spec, check.operation.request, check.request.request_format, candidate,
                               check.form_style)
                if body is None or body == best.request.body:
                    continue
                tried += 1
                request = replace(best.request, body=body)
                answer = self.send([request])[0]
                if answer is None:
                    return Failure(check, best, steps)
                trial = Check(check.operation, "valid", request, answer, None, candidate, check.form_style)
                trial.problem = self.judge(trial)
                if trial.problem is not None and _same_failure(trial.problem, check.problem):
                    best, steps, progress = trial, steps + 1, True
                    break
        return Failure(check, best, steps)


# -- payloads ------------------------------------------------------------------------------------


def _examples(spec: Spec, type_name: str, count: int, seed: int) -> list[Value]:
    """``count`` values the contract promises, the same for the same seed."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fixed_seed

    from .fuzz import values_for

    found: list[Value] = []

    @fixed_seed(seed)
    @settings(max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(values_for(spec, type_name, complete=True, contract=True))
    def collect(value: Value) -> None:
        found.append(value)

    collect()
    return found[:count]


def _encode(spec: Spec, type_name: str, fmt: Encoding, value: Value, style: str) -> bytes | None:
    try:
        return codec(fmt).encode(spec, type_name, value, Options(form_style="jquery" if style == "jquery" else "mvc"))[0]
    except PayloadError:
        return None


def _invalid(spec: Spec, type_name: str, formats: Sequence[Encoding], seed: int) -> Iterator[tuple[Kind, Encoding, bytes]]:
    """Payloads Web API itself refuses (ModelState errors): broken syntax, and text where a member
    holds a number, a bool, a Guid or a date."""
    value = _examples(spec, type_name, 1, seed)[0]
    member = _typed_member(spec, spec.class_(type_name))
    for fmt in formats:
        body = _encode(spec, type_name, fmt, value, "mvc")
        if body is None:
            continue
        if fmt != "form":
            yield "syntax", fmt, body[: max(1, len(body) // 2)]
        if member is not None:
            mutated = _mutate(spec, type_name, fmt, body, member)
            if mutated is not None:
                yield "contract.type", fmt, mutated


_TYPED = frozenset("bool byte sbyte short ushort int uint long ulong float double decimal Guid DateTime TimeSpan".split())


def _typed_member(spec: Spec, cls: ClassType) -> str | None:
    for owner in spec.class_chain(cls):
        for f in owner.fields:
            if isinstance(unwrap(f.type), Primitive) and unwrap(f.type).name in _TYPED and not f.is_field:  # type: ignore[union-attr]
                return f.name
    return None


def _mutate(spec: Spec, type_name: str, fmt: Encoding, body: bytes, member: str) -> bytes | None:
    """``body`` with ``member``'s value replaced by text no .NET reader takes for its type."""
    from .spec.datacontract import json_members, json_name, member_name, type_namespace, xml_members

    cls = spec.class_(type_name)
    if fmt == "json":
        import json

        data = json.loads(body)
        field_ = next(f for f in json_members(spec, cls) if f.name == member)
        data[json_name(spec, field_)] = _BAD_TEXT
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        from lxml import etree

        root = etree.fromstring(body)
        owner, field_ = next((o, f) for o, f in xml_members(spec, cls) if f.name == member)
        found = root.find(f"{{{type_namespace(owner)}}}{member_name(field_)}")
        if found is None:
            return None
        found.text = _BAD_TEXT
        return bytes(etree.tostring(root))
    from urllib.parse import parse_qsl, urlencode

    pairs = [(k, _BAD_TEXT if k.lower() == member.lower() else v) for k, v in parse_qsl(body.decode(), keep_blank_values=True)]
    return urlencode(pairs).encode("ascii")


def _simpler(spec: Spec, type_name: str, value: Value) -> Iterator[Value]:
    """Candidates, simplest first, each a step from ``value``: a member set to its default or null,
    a list cut to one item or none, a string cut to one character, a number moved toward 0."""
    if not isinstance(value, dict):
        return
    current = dict(value)
    for owner in spec.class_chain(spec.class_(type_name)):
        for f in owner.fields:
            if f.name not in current:
                continue
            for simpler in _simpler_values(spec, f.type, current[f.name]):
                yield {**current, f.name: simpler}


def _simpler_values(spec: Spec, ref: Any, value: Value) -> list[Value]:
    core = unwrap(ref)
    out: list[Value] = [default_of(spec, ref)]
    if isinstance(value, list) and value:
        out += [[], value[:1]]
    elif isinstance(value, str) and len(value) > 1 and core in (Primitive("string"),):
        out.append(value[:1])
    elif isinstance(value, int) and not isinstance(value, bool) and value not in (0, 1, -1):
        out += [-1 if value < 0 else 1, value // 2]
    return [v for v in out if v != value]


def _same_failure(problem: str, original: str | None) -> bool:
    """The same kind of failure: the same status, or a difference, or a refusal to validate."""
    return original is not None and problem.split(" at ")[0].split(":")[0] == original.split(" at ")[0].split(":")[0]


def _differences(spec: Spec, type_name: str, a: Value, b: Value) -> list[str]:
    """CLR paths where two values of a class differ (exact; NaN equals NaN)."""
    out: list[str] = []

    def walk(ref: Any, x: Value, y: Value, path: str) -> None:
        core = unwrap(ref)
        if x is None or y is None:
            if (x is None) != (y is None):
                out.append(path)
            return
        if isinstance(core, Named) and isinstance(spec.types[core.name], ClassType) and isinstance(x, dict) \
                and isinstance(y, dict):
            for owner in spec.class_chain(spec.class_(core.name)):
                for f in owner.fields:
                    walk(f.type, x.get(f.name), y.get(f.name), f"{path}.{f.name}" if path else f.name)
            return
        if isinstance(core, ListOf) and isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                out.append(path)
                return
            for i, (p, q) in enumerate(zip(x, y)):
                walk(core.item, p, q, f"{path}[{i}]")
            return
        if x != y and not (x != x and y != y) and not _same_instant(x, y):  # NaN equals NaN
            out.append(path)

    walk(Named(type_name), a, b, "")
    return out


def _same_instant(x: Value, y: Value) -> bool:
    """Two zoned DateTimes of one instant: a .NET reader re-expresses a Local time in the server's
    own zone, which probe cannot know (Json.NET and DateTimeStyles.AdjustToUniversal alike)."""
    from datetime import timedelta

    from .codecs.values import DateTimeValue

    if not (isinstance(x, DateTimeValue) and isinstance(y, DateTimeValue) and x.zone and y.zone):
        return False

    def utc(v: DateTimeValue) -> tuple[Any, int]:
        zone = v.zone or "Z"
        minutes = 0 if zone == "Z" else (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 60 + int(zone[4:6]))
        return v.clock - timedelta(minutes=minutes), v.ticks

    return utc(x) == utc(y)


def _covered(path: str, losses: Sequence[Loss]) -> bool:
    def within(inner: str, outer: str) -> bool:
        return outer == "" or inner == outer or inner.startswith((outer + ".", outer + "["))

    return any(within(path, loss.path.clr()) or within(loss.path.clr(), path) for loss in losses)


# -- HTTP ----------------------------------------------------------------------------------------


def _base(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ProbeError(f"--base-url must be an http:// or https:// URL; got {url!r}")
    return url if url.endswith("/") else url + "/"


class _Http:
    """POSTs over one kept-alive connection per worker thread, all closed at the end: a handful of
    connections for the whole run, not one per request. A transport failure is an answer with status 0."""

    def __init__(self) -> None:
        import threading

        self.local = threading.local()
        self.lock = threading.Lock()
        self.open: list[http.client.HTTPConnection] = []

    def __call__(self, request: Request, timeout: float) -> Answer:
        parts = urlsplit(request.url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        headers = {"Content-Type": request.content_type, "Accept": request.accept}
        for attempt in (1, 2):  # a kept-alive connection the server has closed is opened again once
            conn = self.connection(parts.scheme, parts.netloc, timeout)
            try:
                conn.request("POST", target, body=request.body, headers=headers)
                resp = conn.getresponse()
                return Answer(resp.status, resp.getheader("Content-Type", ""), resp.read(16 << 20))
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                self.local.conn = None
                if attempt == 2 or isinstance(exc, TimeoutError):
                    return Answer(0, "", f"no answer: {exc or type(exc).__name__}".encode())
        raise AssertionError("unreachable")

    def connection(self, scheme: str, netloc: str, timeout: float) -> http.client.HTTPConnection:
        conn: http.client.HTTPConnection | None = getattr(self.local, "conn", None)
        if conn is None:
            kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
            conn = self.local.conn = kind(netloc, timeout=timeout)
            with self.lock:
                self.open.append(conn)
        conn.timeout = timeout
        if conn.sock is not None:
            conn.sock.settimeout(timeout)
        return conn

    def close(self) -> None:
        with self.lock:
            for conn in self.open:
                conn.close()
            self.open.clear()


def _encoding(media: str) -> Encoding:
    found = MEDIA.get(media.split(";")[0].strip().lower(), "json")
    return "xml" if found == "xml" else "form" if found == "form" else "json"


def _shell(data: bytes) -> str:
    """Bash ANSI-C quoting, so any bytes (control characters included) survive a copy and paste."""
    out = []
    for byte in data:
        ch = chr(byte)
        if ch in "\\'":
            out.append("\\" + ch)
        elif 0x20 <= byte < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\x{byte:02x}")
    return "$'" + "".join(out) + "'"


# -- reports -------------------------------------------------------------------------------------


def render(report: Report, fmt: Literal["text", "json", "junit"]) -> str:
    """The run in one of the output formats; every failure with its shrunk payload, the answer and curl."""
    if fmt == "json":
        return _render_json(report)
    if fmt == "junit":
        return _render_junit(report)
    lines = []
    for failure in report.failures:
        shrunk = failure.shrunk
        answer = shrunk.answer
        lines += [
            f"FAIL {shrunk.operation.method} {shrunk.operation.path} [{shrunk.kind}, {shrunk.request.request_format}"
            f" -> {shrunk.request.accept_format}]: {shrunk.problem}",
            f"  payload ({'shrunk in ' + str(failure.shrink_steps) + ' steps' if failure.shrink_steps else 'as sent'}):"
            f" {_show(shrunk.request.body)}",
            f"  answer: {answer.status if answer else '-'} {_show(answer.body if answer else b'')}",
            f"  reproduce: {curl(shrunk.request, shrunk.operation.method)}",
        ]
    verdict = f"{len(report.failures)} failed" if report.failures else "all passed"
    lines.append(f"probe: {len(report.checks)} checks, {report.requests} requests in {report.seconds:g} s: {verdict}"
                 + (f" ({report.stopped})" if report.stopped else ""))
    return "\n".join(lines)


def _show(data: bytes, limit: int = 400) -> str:
    text = data.decode("utf-8", "replace")
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
                    for c in text[:limit])
    return shown + (f"... ({len(data)} bytes)" if len(text) > limit else "")


def _failure_record(failure: Failure) -> dict[str, Any]:
    shrunk = failure.shrunk
    answer = shrunk.answer
    return {"operation": f"{shrunk.operation.method} {shrunk.operation.path}", "kind": shrunk.kind,
            "request_format": shrunk.request.request_format, "accept": shrunk.request.accept_format,
            "problem": shrunk.problem, "payload": shrunk.request.body.decode("utf-8", "replace"),
            "shrink_steps": failure.shrink_steps, "status": answer.status if answer else None,
            "answer": answer.body.decode("utf-8", "replace") if answer else None,
            "curl": curl(shrunk.request, shrunk.operation.method)}


def _render_json(report: Report) -> str:
    import json

    lines = [json.dumps(_failure_record(f), ensure_ascii=False) for f in report.failures]
    lines.append(json.dumps({"checks": len(report.checks), "requests": report.requests, "seconds": report.seconds,
                             "failures": len(report.failures), "stopped": report.stopped}))
    return "\n".join(lines)


def _render_junit(report: Report) -> str:
    """A test suite per operation, a test case per (kind, request format, accept)."""
    from xml.etree import ElementTree as ET

    cases: dict[tuple[str, str], dict[str, list[Check]]] = {}
    for check in report.checks:
        op = f"{check.operation.method} {check.operation.path}"
        name = f"{check.kind} {check.request.request_format} -> {check.request.accept_format}"
        cases.setdefault((op, name), {"all": []})["all"].append(check)
    shrunk = {id(f.check): f for f in report.failures}
    suites = ET.Element("testsuites", tests=str(len(cases)),
                        failures=str(sum(any(c.problem for c in v["all"]) for v in cases.values())),
                        time=f"{report.seconds:.3f}")
    by_op: dict[str, ET.Element] = {}
    for (op, name), group in cases.items():
        suite = by_op.get(op)
        if suite is None:
            suite = by_op[op] = ET.SubElement(suites, "testsuite", name=op, tests="0", failures="0")
        case = ET.SubElement(suite, "testcase", classname=op, name=name)
        suite.set("tests", str(int(suite.get("tests", "0")) + 1))
        failed = [c for c in group["all"] if c.problem]
        if failed:
            suite.set("failures", str(int(suite.get("failures", "0")) + 1))
            record = _failure_record(shrunk[id(failed[0])]) if id(failed[0]) in shrunk else {"problem": failed[0].problem}
            text = "\n".join(f"{k}: {v}" for k, v in record.items())
            ET.SubElement(case, "failure", message=str(record["problem"])[:500]).text = "".join(
                c if c.isprintable() or c == "\n" else "?" for c in text)
    return ET.tostring(suites, encoding="unicode")
