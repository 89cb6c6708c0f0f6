"""Deterministic payloads for the benchmarks: values from the fuzz strategies, fixed seed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from converter.spec import Spec, load_spec

ROOT = Path(__file__).resolve().parent.parent
SEED_SPEC = ROOT / "schemas" / "outgoing-secure-messages.yaml"
SEED_TYPE = "OutgoingSecureMessageModel"


def examples(strategy: Any, count: int, seed: int) -> list[Any]:
    """``count`` values of ``strategy``, the same on every run."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fixed_seed

    values: list[Any] = []

    @fixed_seed(seed)
    @settings(max_examples=count * 3, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(value: Any) -> None:
        if len(values) < count:
            values.append(value)

    collect()
    while len(values) < count:  # Hypothesis may stop early once it has explored enough
        values.extend(values[: count - len(values)])
    return values


def seed_values(count: int, seed: int = 20261127, *, contract: bool = False, complete: bool = False,
                like_sample: bool = False, patients: int = 2) -> tuple[Spec, list[Any]]:
    """``count`` values of the seed model, the same on every run.

    ``contract``: only values the contract accepts; ``complete``: every member present, as a
    .NET object writes them; ``like_sample``: shaped like the help page's sample (two patients,
    two attachments, every member set), so payloads have the sample's size (about 1 KB of JSON);
    ``patients`` patients and attachments each instead of two make larger ones.
    """
    from converter.fuzz import values_for

    spec = load_spec(SEED_SPEC)
    values = examples(values_for(spec, SEED_TYPE, contract=contract, complete=complete or like_sample), count, seed)
    if like_sample:
        people = examples(values_for(spec, "PatientRecipientModel", complete=True), count * patients, seed + 1)
        files = examples(values_for(spec, "FileAttachmentModel", complete=True), count * patients, seed + 2)
        for i, value in enumerate(values):
            value["Patients"] = people[patients * i : patients * (i + 1)]
            value["FileData"] = files[patients * i : patients * (i + 1)]
    return spec, [_xml10(v) for v in values]


_FORBIDDEN = {c: "?" for c in [*range(0x20), 0xFFFE, 0xFFFF] if c not in (0x9, 0xA, 0xD)}


def _xml10(value: Any) -> Any:
    """The value with characters XML 1.0 forbids replaced: the peers' XML parsers refuse
    them (DataContractSerializer writes them as ``&#x1;``, which only .NET reads back)."""
    if isinstance(value, str):
        return value.translate(_FORBIDDEN)
    if isinstance(value, list):
        return [_xml10(v) for v in value]
    if isinstance(value, dict):
        return {_xml10(k): _xml10(v) for k, v in value.items()}
    return value


def sized_value(size: int, seed: int = 14) -> dict[str, Any]:
    """A seed-model value whose compact JSON is about ``size`` bytes, the same on every run.

    Shaped like a real message that grew: a body of text (markup, line breaks, accents) and
    attachments take most of it, patients the rest; no text node passes 4 MB, so the XML stays
    within libxml2's 10 MB limit at any size. Cheap to build at 50 MB (no Hypothesis).
    """
    import random
    import uuid

    from converter.codecs.lexical import DateTimeValue

    rng = random.Random(seed)
    words = ["patient", "résumé", "<b>dose</b>", "R&D", "line\nbreak", "naïve", "tab\there", "x > y", "ok"]

    def text(chars: int) -> str:
        out: list[str] = []
        total = 0
        while total < chars:
            word = rng.choice(words)
            out.append(word)
            total += len(word) + 1
        return " ".join(out)

    body = min(size * 3 // 10, 4 << 20)
    attachments = size - body - size * 2 // 10  # JSON bytes of base64: the rest, once the body stops growing
    chunk = min(max(attachments, 4), 3 << 20)
    files: list[dict[str, object]] = []
    while attachments > 0:
        raw = min(chunk, attachments) * 3 // 4
        files.append({"FileName": f"scan-{len(files)}.pdf", "FileData": rng.randbytes(max(raw, 2))})
        attachments -= chunk
    patients = [{"ExternalId": f"P-{i:06d}", "IsRepresentative": i % 3 == 0,
                 "RepresentativeExternalId": f"R-{rng.randrange(10**6):06d}" if i % 3 == 0 else None}
                for i in range(max(2, size * 2 // 10 // 110))]
    return {
        "Id": uuid.UUID(int=rng.getrandbits(128), version=4), "ExternalId": "msg-1",
        "FromSecureRecipientExternalId": "sender-7", "FromSecureRecipientName": "Dr. Ana Müller",
        "Patients": patients, "Subject": "Results & follow-up <urgent>", "Body": text(body), "Status": "Sent",
        "Priority": "High", "CreationDate": DateTimeValue.parse("2026-05-29T16:57:00.3151696+00:00"),
        "SentDate": DateTimeValue.parse("2026-05-29T16:57:00.3152364+00:00"), "FileData": files,
    }
