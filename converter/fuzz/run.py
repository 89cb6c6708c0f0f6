"""``contractkit fuzz``: the four properties that keep the toolkit and its users honest, per type.

1. ``roundtrip``: every generated value comes back from each encoding, and from each pair, or a
   loss is reported on the path of every difference;
2. ``schemas``: the generated JSON Schema and XSD accept every valid payload and reject every
   invalid case in exactly the encodings it is invalid in (so the two agree);
3. ``decoders``: no decoder, nor ``validate``, raises anything but its own clear error on
   arbitrary bytes and on mutations of valid payloads;
4. ``dotnet``: a differential run against DataContractSerializer and Json.NET on Mono: payloads
   batched through the compiled models (what .NET writes, reads and refuses must be what
   contractkit writes, reads and refuses), then a quarter as many broken ones from
   ``invalid_from_spec`` (refused by both, or read by both). The JSON sent to Json.NET spells each decimal with one
   more digit than it needs, as another client might (a 29-digit integer as ``<digits>.0``).

Each property is a Hypothesis search with a fixed seed, so a failure is shrunk and the same
command line reproduces it.
"""

from __future__ import annotations

import json
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as fixed_seed
from hypothesis import strategies as st

from ..codecs import ENCODINGS, Encoding, codec
from ..codecs.form import binds as form_binds
from ..generate.csharp import clr_type_name
from ..errors import ContractkitError, PayloadError
from ..spec.model import Spec
from .compare import unexplained
from .invalid import InvalidCase, invalid_from_spec
from .samples import Sample, from_spec, own_constants_only

__all__ = ["PROPERTIES", "Failure", "FuzzReport", "Property", "fuzz"]

Property = Literal["roundtrip", "schemas", "decoders", "dotnet"]
PROPERTIES: tuple[Property, ...] = ("roundtrip", "schemas", "decoders", "dotnet")
#: Bigger values shrink slowly and say no more.
_SHOWN = 1500


class _Failed(Exception):
    """A property does not hold for one example: what differs, and in which encodings."""

    def __init__(self, message: str, encodings: Sequence[str]) -> None:
        super().__init__(message)
        self.encodings = tuple(encodings)


@dataclass(frozen=True, slots=True)
class Failure:
    """One shrunk counterexample."""

    type_name: str
    property: Property
    encodings: tuple[str, ...]
    message: str
    example: str

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type_name, "property": self.property, "encodings": list(self.encodings),
                "message": self.message, "example": self.example}


@dataclass(slots=True)
class FuzzReport:
    """What a run did: examples per (type, property), the failures, and how long it took."""

    examples: dict[tuple[str, Property], int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    dotnet: bool = False


#: Called as (type, property, examples so far, failures so far, finished).
Progress = Callable[[str, Property, int, int, bool], None]


def fuzz(spec: Spec, types: Sequence[str], *, examples: int, seed: int, formats: Sequence[Encoding],
         dotnet: bool, properties: Sequence[Property] = PROPERTIES, progress: Progress | None = None) -> FuzzReport:
    """Run ``properties`` for each of ``types``; ``dotnet`` adds the differential run (``dotnet``
    property) against Mono's serializers, which must then be installed."""
    from hypothesis.errors import HypothesisWarning

    with own_constants_only(), warnings.catch_warnings():  # the same examples for a seed on every install
        # A long generated string makes Hypothesis warn of its own repr, which the report never shows.
        warnings.filterwarnings("ignore", "Generating overly large repr", HypothesisWarning)
        return _fuzz(spec, types, examples=examples, seed=seed, formats=formats, dotnet=dotnet,
                     properties=properties, progress=progress)


def _fuzz(spec: Spec, types: Sequence[str], *, examples: int, seed: int, formats: Sequence[Encoding],
          dotnet: bool, properties: Sequence[Property], progress: Progress | None) -> FuzzReport:
    report = FuzzReport(dotnet=dotnet)
    started = time.perf_counter()
    driver = None
    if dotnet and "dotnet" in properties:
        from .dotnet import DotnetDriver

        driver = DotnetDriver(spec)
    try:
        for type_name in types:
            # A collection type travels in JSON and XML only: a form body binds a class.
            type_formats = [e for e in formats if e != "form" or form_binds(spec, type_name)]
            for prop in properties:
                if prop == "dotnet" and driver is None:
                    continue
                counter = [0]

                def tick(type_name: str = type_name, prop: Property = prop) -> None:
                    counter[0] += 1
                    if progress is not None and counter[0] % 50 == 0:
                        progress(type_name, prop, counter[0], len(report.failures), False)

                if prop == "dotnet":
                    assert driver is not None
                    failure = _differential(spec, type_name, driver, examples, seed, tick, type_formats)
                else:
                    strategy, check = _property(spec, type_name, prop, type_formats)
                    failure = _search(strategy, check, examples, seed, tick)
                report.examples[(type_name, prop)] = counter[0]
                if failure is not None:
                    example, exc = failure
                    report.failures.append(Failure(type_name, prop, exc.encodings, str(exc), _show(example)))
                if progress is not None:
                    progress(type_name, prop, counter[0], len(report.failures), True)
    finally:
        if driver is not None:
            driver.close()
    report.seconds = time.perf_counter() - started
    return report


def _show(example: Any) -> str:
    if isinstance(example, Sample):
        text = repr(example.value)
    elif isinstance(example, InvalidCase):
        text = f"{example.description}: " + "; ".join(f"{e}: {d!r}" for e, d in example.payload.items())
    else:
        text = repr(example)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + f"... ({len(text)} characters)"


def _settings(examples: int) -> settings:
    return settings(max_examples=examples, database=None, deadline=None, suppress_health_check=list(HealthCheck),
                    report_multiple_bugs=False, verbosity=Verbosity.quiet,
                    phases=(Phase.explicit, Phase.generate, Phase.shrink))


def _search(strategy: st.SearchStrategy[Any], check: Callable[[Any], None], examples: int, seed: int,
            tick: Callable[[], None]) -> tuple[Any, _Failed] | None:
    """Run ``check`` on ``examples`` examples; the shrunk failing example, if any."""
    failing: list[tuple[Any, _Failed]] = []

    @fixed_seed(seed)
    @_settings(examples)
    @given(strategy)
    def run(example: Any) -> None:
        tick()
        try:
            check(example)
        except _Failed as exc:
            failing.append((example, exc))
            raise
        except Exception as exc:  # a bug of ours (a decoder's TypeError...): a failure like any other
            failed = _Failed(f"raised {type(exc).__name__}: {exc}", ())
            failing.append((example, failed))
            raise failed from exc

    try:
        run()
    except Exception:
        if not failing:
            raise
    return failing[-1] if failing else None  # Hypothesis runs the shrunk example last


# -- properties 1-3 ------------------------------------------------------------------------------


def _property(spec: Spec, type_name: str, prop: Property,
              formats: Sequence[Encoding]) -> tuple[st.SearchStrategy[Any], Callable[[Any], None]]:
    if prop == "roundtrip":
        return from_spec(spec, type_name, contract=False), lambda s: _round_trip(spec, type_name, s, formats)
    if prop == "schemas":
        cases: st.SearchStrategy[Any] = st.one_of(from_spec(spec, type_name), invalid_from_spec(spec, type_name))
        return cases, lambda c: _schemas(spec, type_name, c, formats)
    return _garbage(spec, type_name, formats), lambda d: _decoders(spec, type_name, d, formats)


def _round_trip(spec: Spec, type_name: str, sample: Sample, formats: Sequence[Encoding]) -> None:
    routes = [(e,) for e in formats] + [(a, b) for a in formats for b in formats if a != b]
    for route in routes:
        losses: list[Any] = []
        current = sample.value
        refused = False
        for encoding in route:
            try:
                data, written = codec(encoding).encode(spec, type_name, current)
                losses += written
                current, read = codec(encoding).decode(spec, type_name, data, f"<{encoding}>")
            except PayloadError as exc:
                if not losses:  # refusing what a reported loss made unreadable is .NET's way too
                    raise _Failed(f"{' -> '.join(route)}: a value the type holds is refused: {exc.message}",
                                  route) from None
                refused = True
                break
            losses += read
            if current is None:
                break
        if refused:
            continue
        if current is None:
            if not any(loss.path.clr() == "" for loss in losses):
                raise _Failed(f"{' -> '.join(route)}: the value vanished without a reported loss", route)
            continue
        missed = unexplained(spec, type_name, sample.value, current, losses)
        if missed:
            raise _Failed(f"{' -> '.join(route)}: changed with no loss reported at {', '.join(missed[:5])}", route)


@cache
def _json_schema(spec: Spec, type_name: str) -> Any:
    from jsonschema import Draft202012Validator

    from ..generate.jsonschema import to_json_schema

    return Draft202012Validator(to_json_schema(spec, type_name))


@cache
def _xsd(spec: Spec) -> Any:
    """The contract-profile XSD set, loaded by lxml from a folder of its own (imports are files)."""
    from lxml import etree

    from ..generate.xsd import to_xsd

    folder = Path(tempfile.mkdtemp(prefix="contractkit-fuzz-xsd-"))
    for name, data in to_xsd(spec, "contract").items():
        (folder / name).write_bytes(data)
    return etree.XMLSchema(etree.parse(str(folder / "index.xsd")))


def _json_verdict(spec: Spec, type_name: str, data: bytes) -> bool:
    document = json.loads(data, parse_float=Decimal)
    return bool(_json_schema(spec, type_name).is_valid(_plain(document)))


def _plain(value: Any) -> Any:
    """Decimals as floats where jsonschema's number checks want them (the digits do not matter here)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _xml_verdict(spec: Spec, data: bytes) -> bool | None:
    """The XSD's verdict; None when a strict XML 1.0 parser cannot read the payload (``&#x1;``)."""
    from lxml import etree

    try:
        document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return None
    return bool(_xsd(spec).validate(document))


def _schemas(spec: Spec, type_name: str, case: Sample | InvalidCase, formats: Sequence[Encoding]) -> None:
    if isinstance(case, Sample):
        payloads = {e: case.encode(e) for e in ("json", "xml") if e in formats and e in _writable(case)}
        invalid_in: tuple[Encoding, ...] = ()
        what = "a valid payload"
    else:
        payloads = {e: d for e, d in case.payload.items() if e in ("json", "xml") and e in formats}
        invalid_in = case.encodings
        what = f"{case.description} ({case.rule} at {case.path.clr() or '/'})"
    for encoding, data in payloads.items():
        verdict = _json_verdict(spec, type_name, data) if encoding == "json" else _xml_verdict(spec, data)
        if verdict is None:
            continue
        if verdict == (encoding in invalid_in):
            schema = "JSON Schema" if encoding == "json" else "XSD"
            said = "accepts" if verdict else "rejects"
            raise _Failed(f"the generated {schema} {said} {what}", (encoding,))


def _writable(sample: Sample) -> tuple[Encoding, ...]:
    out: list[Encoding] = []
    for encoding in ENCODINGS:
        try:
            sample.encode(encoding)
            out.append(encoding)
        except PayloadError:
            pass
    return tuple(out)


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """``data`` with each (position, length removed, bytes inserted) edit applied."""
    for position, length, inserted in edits:
        at = position % (len(data) + 1)
        data = data[:at] + inserted + data[at + length:]
    return data


def _garbage(spec: Spec, type_name: str, formats: Sequence[Encoding]) -> st.SearchStrategy[bytes]:
    edits = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 8),
                               st.one_of(st.binary(max_size=4), st.sampled_from(
                                   [b"<", b">", b"&", b"\"", b"{", b"}", b"[", b"]", b"=", b"%", b"&#x0;", b"\xff",
                                    b"i:nil=\"true\"", b"null", b"\\u0000", b"]]>", b"<!DOCTYPE a>", b"%C0%80"]))),
                     min_size=1, max_size=4)
    valid = from_spec(spec, type_name, contract=False).flatmap(
        lambda sample: st.sampled_from([e for e in formats if e in _writable(sample)] or list(ENCODINGS[:1])).map(
            lambda e: sample.encode(e)))
    return st.one_of(st.binary(max_size=64), st.builds(_mutate, valid, edits))


def _decoders(spec: Spec, type_name: str, data: bytes, formats: Sequence[Encoding]) -> None:
    from ..validate import Validator

    for encoding in formats:
        try:
            codec(encoding).decode(spec, type_name, data, f"<{encoding}>")
        except ContractkitError:
            pass
        except Exception as exc:
            raise _Failed(f"the {encoding} decoder raised {type(exc).__name__}: {exc}", (encoding,)) from None
        try:
            Validator(spec).check(data, f"payload.{encoding}", fmt=encoding, type_name=type_name)
        except Exception as exc:
            raise _Failed(f"validate ({encoding}) raised {type(exc).__name__}: {exc}", (encoding,)) from None


# -- property 4: the differential run ------------------------------------------------------------


def _respelled(value: Any) -> Any:
    """``value`` with each decimal one digit longer (``1.10`` -> ``1.100``, ``5`` -> ``5.0``): the same
    number as another client may write it; past 96 bits Decimal.Parse drops the scale again."""
    if isinstance(value, Decimal) and value.is_finite():
        text = f"{value:f}"
        return Decimal(text + "0" if "." in text else text + ".0")
    if isinstance(value, dict):
        return {k: _respelled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_respelled(v) for v in value]
    return value


def _ours(spec: Spec, type_name: str, data: bytes, source: Encoding, target: Encoding) -> bytes | PayloadError:
    from ..convert import convert

    try:
        return convert(spec, data, to=target, from_=source, type_name=type_name).output
    except PayloadError as exc:
        return exc


def _requests(spec: Spec, type_name: str, sample: Sample) -> list[tuple[str, bytes, bytes | PayloadError]]:
    """(operation, payload, what contractkit makes of it) for one value."""
    out: list[tuple[str, bytes, bytes | PayloadError]] = []
    try:
        xml = sample.xml
    except PayloadError:
        xml = None
    json_text = sample.json
    if xml is not None:
        out.append(("xml-rt", xml, _ours(spec, type_name, xml, "xml", "xml")))
        out.append(("xml-json", xml, _ours(spec, type_name, xml, "xml", "json")))
    out.append(("json-rt", json_text, _ours(spec, type_name, json_text, "json", "json")))
    try:
        respelled = codec("json").encode(spec, type_name, _respelled(sample.value)).data
    except PayloadError:
        respelled = json_text
    out.append(("json-xml", respelled, _ours(spec, type_name, respelled, "json", "xml")))
    return out


def _judge(op: str, payload: bytes, ours: bytes | PayloadError, ok: bool, theirs: bytes) -> str | None:
    """What differs between contractkit and .NET on one request, or None."""
    if isinstance(ours, PayloadError):
        return None if not ok else f"{op}: contractkit refuses ({ours.message}); .NET reads it: {theirs[:300]!r}"
    if not ok:
        return f"{op}: .NET refuses ({theirs.decode('utf-8', 'replace')[:300]}); contractkit reads it"
    if ours == theirs:
        return None
    i = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    return (f"{op}: contractkit and .NET differ at byte {i} of {payload[:200]!r}: contractkit "
            f"{ours[max(0, i - 60):i + 40]!r}, .NET {theirs[max(0, i - 60):i + 40]!r}")


#: The encodings each differential operation reads and writes.
_USES: dict[str, frozenset[str]] = {"xml-rt": frozenset({"xml"}), "json-rt": frozenset({"json"}),
                                    "xml-json": frozenset({"xml", "json"}), "json-xml": frozenset({"xml", "json"})}


def _differential(spec: Spec, type_name: str, driver: Any, examples: int, seed: int,
                  tick: Callable[[], None], formats: Sequence[Encoding]) -> tuple[Any, _Failed] | None:
    """All examples in one batch; on a difference, a Hypothesis search sending one example at a
    time (the same seed gives the same examples) shrinks it."""
    cls = spec.class_(type_name)
    clr = clr_type_name(spec, cls)
    strategy = from_spec(spec, type_name, contract=False, complete=True, server_offset="+00:00")

    def check(samples: Sequence[Sample]) -> list[tuple[Sample, _Failed]]:
        jobs = [(s, r) for s in samples for r in _requests(spec, type_name, s) if _USES[r[0]] <= set(formats)]
        answers = driver.batch([(op, clr, payload) for _, (op, payload, _) in jobs])
        found = []
        for (sample, (op, payload, ours)), answer in zip(jobs, answers, strict=True):
            problem = _judge(op, payload, ours, answer.ok, answer.data)
            if problem is not None:
                found.append((sample, _Failed(problem, ("json" if op.startswith("json") else "xml",
                                                        "xml" if op.endswith("xml") or op == "xml-rt" else "json"))))
        return found

    collected: list[Sample] = []

    @fixed_seed(seed)
    @_settings(examples)
    @given(strategy)
    def collect(sample: Sample) -> None:
        tick()
        collected.append(sample)

    collect()
    found = check(collected)
    if not found:
        return _refusals(spec, type_name, clr, driver, max(1, examples // 4), seed, tick, formats)

    def one(sample: Sample) -> None:
        problems = check([sample])
        if problems:
            raise problems[0][1]

    shrunk = _search(strategy, one, examples, seed, lambda: None)
    return shrunk if shrunk is not None else found[0]


def _refusals(spec: Spec, type_name: str, clr: str, driver: Any, examples: int, seed: int,
              tick: Callable[[], None], formats: Sequence[Encoding]) -> tuple[Any, _Failed] | None:
    """Broken payloads (``invalid_from_spec``) in JSON and XML: what .NET refuses contractkit must
    refuse, and what .NET reads (a missing member, a word outside an enum) contractkit must read.
    The bytes are not compared: .NET writes every member of the object it made, contractkit only
    those the payload had."""
    cases: list[InvalidCase] = []

    @fixed_seed(seed)
    @_settings(examples)
    @given(invalid_from_spec(spec, type_name, server_offset="+00:00"))
    def collect(case: InvalidCase) -> None:
        tick()
        cases.append(case)

    collect()
    ops: dict[Encoding, str] = {"json": "json-rt", "xml": "xml-rt"}
    jobs = [(case, encoding, data) for case in cases for encoding, data in case.payload.items()
            if encoding in ops and encoding in formats]
    answers = driver.batch([(ops[encoding], clr, data) for _, encoding, data in jobs])
    for (case, encoding, data), answer in zip(jobs, answers, strict=True):
        ours = _ours(spec, type_name, data, encoding, encoding)
        if isinstance(ours, PayloadError) == answer.ok:
            problem = _judge(ops[encoding], data, ours, answer.ok, answer.data)
            assert problem is not None
            return case, _Failed(f"{case.description} ({case.rule}): {problem}", (encoding,))
    return None
