"""The real ASP.NET Web API (Mono's build, self-hosted: webapi.py) judges all three encodings.

For fixed-seed fuzzed values of every bundled spec's echo operations and of webapi.yaml: contractkit's
JSON, XML and form bodies (both key styles) are POSTed with each ``Accept``; what the server answers
must be contractkit's prediction, its own reading of the body written in the response encoding, byte
for byte, except on the paths where contractkit reported a loss. The server runs Web API's embedded
Json.NET, so the specs are judged with ``json.namingVersion: webapi``. ``WEBAPI_EXAMPLES`` (default
6 per case) sets the count; CI's run stays small.
"""

from __future__ import annotations

import dataclasses
import math
import os
from typing import Any
from urllib.parse import urlsplit

import pytest

from converter.codecs import Options, codec
from converter.codecs.values import Loss, as_object
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.spec import Spec, load_spec
from converter.spec.model import ClassType, DictOf, ListOf, Named, Primitive, TypeRef, unwrap
from tests.conftest import EVERYTHING_SPEC, SEED_SPEC
from tests.interop import webapi as host
from tests.interop.conftest import examples
from tests.interop.webapi import Reply, Service
from tests.property.test_roundtrip import covered, differences

COUNT = int(os.environ.get("WEBAPI_EXAMPLES", "6"))
FORM = "application/x-www-form-urlencoded"
REQUESTS = {"json": "application/json", "xml": "application/xml", "form-mvc": FORM, "form-jquery": FORM}
#: What the formatters write for a null model (the action got no body, or an empty form).
NULL: dict[str, bytes] = {"json": b"null", "xml": b""}
#: What Web API's MutableObjectModelBinder puts in ModelState for a value type that bound null.
REQUIRED = b"A value is required."
ACCEPTS = {"json": "application/json", "xml": "application/xml"}


def server_spec(spec: Spec) -> Spec:
    """The spec as this server runs it: the formatter's embedded Json.NET camel-cases names."""
    return dataclasses.replace(spec, json=dataclasses.replace(spec.json, naming_version="webapi"))


SPECS = {"seed": server_spec(load_spec(SEED_SPEC)), "everything": server_spec(load_spec(EVERYTHING_SPEC)),
         "webapi": load_spec(host.WEBAPI / "webapi.yaml")}
#: The operations of each spec, and each class of the bundled specs through its own echo route.
CASES = [(name, op.path, op.request) for name, spec in SPECS.items() for op in spec.operations if op.request] + [
    (name, host.echo_path(SPECS[name], t), t) for name, types in (
        ("seed", ("PatientRecipientModel", "FileAttachmentModel")),
        ("everything", ("Everything", "Thing", "Address"))) for t in types]


def control_characters(value: Any) -> bool:
    """Whether a string in ``value`` holds a character XML 1.0 has no place for (DCS writes ``&#x1;``)."""
    if isinstance(value, str):
        return any(ord(c) < 0x20 and c not in "\t\n\r" or c in "\ufffe\uffff" for c in value)
    if isinstance(value, dict):
        return any(control_characters(k) or control_characters(v) for k, v in value.items())
    if isinstance(value, list):
        return any(control_characters(v) for v in value)
    return False


def mono_faults(spec: Spec, ref: TypeRef, value: Any) -> bool:
    """Whether ``value`` holds what Mono's Web API cannot answer (both pinned in test_webapi_pins.py): a
    relative Uri (500 from a form, 400 from JSON) or a non-finite float (written as a bare symbol)."""
    core = unwrap(ref)
    if value is None:
        return False
    if core == Primitive("Uri"):
        return not urlsplit(value).scheme
    if isinstance(value, float) and not math.isfinite(value):
        return True  # the embedded Json.NET writes a bare NaN, which is not JSON (pinned too)
    if isinstance(core, Named) and isinstance(spec.types[core.name], ClassType):
        return any(mono_faults(spec, f.type, value[f.name]) for owner in spec.class_chain(spec.class_(core.name))
                   for f in owner.fields if f.name in value)
    if isinstance(core, ListOf):
        return any(mono_faults(spec, core.item, v) for v in value)
    if isinstance(core, DictOf):
        return any(mono_faults(spec, core.value, v) for v in value.values())
    return False


def encode(spec: Spec, type_name: str, request: str, value: Any) -> tuple[bytes, Any, list[Loss]]:
    """The body contractkit writes, contractkit's reading of it, and every loss on the way."""
    encoding = request.split("-")[0]
    style = request.split("-")[1] if "-" in request else "mvc"
    body, written = codec(encoding).encode(spec, type_name, value, Options(form_style=style))  # type: ignore[arg-type]
    ours, read = codec(encoding).decode(spec, type_name, body, f"<{request}>")
    return body, ours, [*written, *read]


@dataclasses.dataclass
class Exchange:
    """One request of the judge, and what contractkit predicts the server answers."""

    where: str
    request: tuple[str, bytes, str, str]
    ours: Any
    losses: list[Loss]
    accept: str
    predicted: bytes


def exchanges(spec: Spec, path: str, type_name: str, value: Any) -> list[Exchange]:
    """Each request and response encoding for one value."""
    out = []
    for request, content_type in REQUESTS.items():
        body, read, losses = encode(spec, type_name, request, value)
        ours = as_object(spec, Named(type_name), read)
        for accept, accept_type in ACCEPTS.items():
            predicted, written = codec(accept).encode(spec, type_name, ours) if ours is not None else (NULL[accept], ())
            if accept == "xml":  # Mono's XmlWriter writes Environment.NewLine ("\n"), Windows "\r\n"
                predicted = predicted.replace(b"\r\n", b"\n")
            out.append(Exchange(f"{request} -> {accept}: {body[:300]!r}", (path, body, content_type, accept_type),
                                ours, [*losses, *written], accept, predicted))
    return out


def judge(spec: Spec, type_name: str, exchange: Exchange, reply: Reply) -> str | None:
    """How the server's answer departs from the prediction beyond the reported losses, if it does."""
    if reply.status == 400 and REQUIRED in reply.body and any(REQUIRED.decode() in x.message for x in exchange.losses):
        return None  # the binder left a value type unset, as predicted, and the service refuses such a model
    if reply.status != 200:
        return f"{exchange.where}: HTTP {reply.status} {reply.body[:300]!r}"
    echo = reply.body
    if echo == exchange.predicted:
        return None
    if exchange.accept == "xml" and not echo and control_characters(exchange.ours):
        return None  # Mono's XmlMediaTypeFormatter checks characters and cuts the answer (pinned below)
    try:
        theirs = codec(exchange.accept).decode(spec, type_name, echo, "<echo>").value if echo else None
    except PayloadError as exc:
        return f"{exchange.where}: the echo does not read back ({exc}): {echo[:300]!r}"
    missed = [d for d in differences(spec, Named(type_name), exchange.ours, theirs) if not covered(d, exchange.losses)]
    if missed or not exchange.losses:
        return f"{exchange.where}: at {missed or 'bytes'}: ours {exchange.predicted[:300]!r} / server {echo[:300]!r}"
    return None


@pytest.mark.parametrize("spec_name, path, type_name", CASES)
def test_the_server_echoes_what_contractkit_predicts(webapi: Service, spec_name: str, path: str,
                                                     type_name: str) -> None:
    spec = SPECS[spec_name]
    values = [v for v in examples(values_for(spec, type_name, server_offset="+00:00", complete=True), COUNT)
              if not mono_faults(spec, Named(type_name), v)]
    sent = [x for v in values for x in exchanges(spec, path, type_name, v)]
    replies = webapi.post_many([x.request for x in sent])
    failures = [f for x, reply in zip(sent, replies) if (f := judge(spec, type_name, x, reply))]
    assert not failures, f"{len(failures)} failures: " + "\n".join(failures[:4])
    assert len(values) >= COUNT // 2
