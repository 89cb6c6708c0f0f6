"""``contractkit fixtures``: valid and invalid payloads for a QA team, with a manifest saying what each is.

``valid/<case>.<ext>`` holds each valid value in every encoding that can write it as a valid payload
(the manifest's ``lossless`` says which carry it whole: form cannot tell null from absent);
``invalid/<case>.<ext>`` each broken case in every encoding that can write it, and
``manifest.json`` the rule and member path each breaks and the encodings it is really invalid in
(a form body cannot show every JSON-level break). The same seed gives byte-identical files.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import seed as fixed_seed
from hypothesis import strategies as st

from ..codecs import Encoding
from ..errors import ContractkitError, PayloadError
from ..validate import Validator
from ..spec.model import Spec
from .invalid import invalid_from_spec
from .samples import from_spec, own_constants_only

__all__ = ["fixtures"]

_EXT = {"json": "json", "xml": "xml", "form": "form"}


def _collect(strategy: st.SearchStrategy[Any], count: int, seed: int) -> list[Any]:
    """The first ``count`` examples of a seeded search (fewer when the space is that small): the same
    seed, the same bytes, on every install (``own_constants_only``)."""
    found: list[Any] = []
    if count == 0:
        return found

    @fixed_seed(seed)
    @settings(max_examples=count * 3, database=None, deadline=None, suppress_health_check=list(HealthCheck),
              verbosity=Verbosity.quiet, phases=(Phase.generate,))
    @given(strategy)
    def collect(example: Any) -> None:
        found.append(example)

    with own_constants_only():
        collect()
    return found


def fixtures(spec: Spec, type_name: str, *, count: int, invalid: int, seed: int, formats: Sequence[Encoding],
             dotnet: bool, spec_name: str) -> dict[str, bytes]:
    """Every file of the fixture folder, by path relative to it (deterministic for a seed).

    With ``dotnet``, each valid JSON and XML file is what Json.NET and DataContractSerializer on
    Mono write after reading ours; it must be the same bytes (``ContractkitError``, exit 1, naming the
    case if not).
    """
    files: dict[str, bytes] = {}
    manifest: dict[str, Any] = {"spec": spec_name, "type": type_name, "seed": seed, "formats": list(formats),
                                "writtenBy": "Mono (DataContractSerializer, Json.NET)" if dotnet else "contractkit",
                                "valid": [], "invalid": []}
    seen: set[bytes] = set()
    validator = Validator(spec)
    # Complete values: a .NET object has every member, so .NET writes the same bytes.
    samples = _collect(from_spec(spec, type_name, server_offset="+00:00", complete=True), count * 2, seed)
    valid: list[dict[Encoding, bytes]] = []
    lossless: list[list[Encoding]] = []
    for sample in samples:
        payloads = {}
        for encoding in formats:
            try:
                data = sample.encode(encoding)
            except PayloadError:
                continue
            if _readable(encoding, data) and not _errors(validator, type_name, encoding, data):
                payloads[encoding] = data
        key = b"\0".join(payloads.values())
        if not payloads or key in seen:
            continue
        seen.add(key)
        valid.append(payloads)
        lossless.append([e for e in sample.encodings if e in payloads])
        if len(valid) == count:
            break
    if dotnet and valid:
        valid = _written_by_dotnet(spec, type_name, valid)
    for i, payloads in enumerate(valid, 1):
        case = f"{i:03d}"
        entry: dict[str, Any] = {"case": case, "encodings": list(payloads), "lossless": lossless[i - 1], "files": {}}
        for encoding, data in payloads.items():
            rel = f"valid/{case}.{_EXT[encoding]}"
            files[rel] = data
            entry["files"][encoding] = rel
        manifest["valid"].append(entry)
    broken = 0
    for found in _collect(invalid_from_spec(spec, type_name, server_offset="+00:00"), invalid, seed):
        written = {e: d for e, d in found.payload.items() if e in formats and _readable(e, d)}
        invalid_in = [e for e in found.encodings if e in written]
        key = b"\0".join(written.values())
        if not invalid_in or key in seen:
            continue
        seen.add(key)
        broken += 1
        case = f"{broken:03d}"
        invalid_entry: dict[str, Any] = {
            "case": case, "rule": found.rule, "path": found.path.clr(), "description": found.description,
            "invalidIn": invalid_in, "validIn": [e for e in written if e not in invalid_in], "files": {}}
        for encoding, data in written.items():
            rel = f"invalid/{case}.{_EXT[encoding]}"
            files[rel] = data
            invalid_entry["files"][encoding] = rel
        manifest["invalid"].append(invalid_entry)
        if broken == invalid:
            break
    files["manifest.json"] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return files


def _readable(encoding: Encoding, data: bytes) -> bool:
    """False for XML a strict XML 1.0 parser refuses (.NET writes ``&#x1;`` for a control character):
    a fixture is for any tool a QA team has, so such values stay out of the XML fixtures."""
    if encoding != "xml":
        return True
    from lxml import etree

    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return False
    return True


def _errors(validator: Validator, type_name: str, encoding: Encoding, data: bytes) -> bool:
    return any(f.severity == "error" for f in validator.check(data, f"case.{encoding}", fmt=encoding,
                                                              type_name=type_name))


def _written_by_dotnet(spec: Spec, type_name: str, valid: list[dict[Encoding, bytes]]) -> list[dict[Encoding, bytes]]:
    from ..generate.csharp import clr_type_name
    from .dotnet import DotnetDriver, Op

    cls = spec.class_(type_name)
    clr = clr_type_name(spec, cls)
    ops: dict[Encoding, Op] = {"json": "json-rt", "xml": "xml-rt"}
    jobs = [(i, e) for i, payloads in enumerate(valid) for e in payloads if e in ops]
    with DotnetDriver(spec) as driver:
        answers = driver.batch([(ops[e], clr, valid[i][e]) for i, e in jobs])
    out = [dict(p) for p in valid]
    for (i, encoding), answer in zip(jobs, answers, strict=True):
        if not answer.ok or answer.data != valid[i][encoding]:
            said = answer.data.decode("utf-8", "replace")[:200]
            what = f"refuses it: {said}" if not answer.ok else "writes other bytes"
            raise ContractkitError(f"valid case {i + 1:03d} ({encoding}): .NET {what} (contractkit fuzz shows the difference)")
        out[i][encoding] = answer.data
    return out
