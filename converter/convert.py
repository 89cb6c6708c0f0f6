"""Convert one payload between JSON, DataContract XML and form encoding, through the spec.

One decode and one encode (``converter.codecs``): what the reading drops and what the target
cannot carry come back as ``Loss`` items, never silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .codecs import Encoding, FormStyle, Options, codec, detect, require_content, resolve_type, strip_form_newline
from .codecs.values import Loss
from .errors import LossError, Origin, PayloadError
from .spec.model import Spec

__all__ = ["Conversion", "convert"]


@dataclass(frozen=True, slots=True)
class Conversion:
    """A converted payload, its type, and everything that did not survive the trip."""

    output: bytes
    losses: tuple[Loss, ...]
    type_name: str


def convert(spec: Spec, data: bytes, *, to: Encoding, source: str = "<input>", from_: Encoding | Literal["auto"] = "auto",
            type_name: str | None = None, indent: bool = False, form_style: FormStyle = "mvc",
            strict: bool = False) -> Conversion:
    """Decode ``data`` and encode it as ``to``; with ``strict``, raise ``LossError`` on the first loss."""
    require_content(data, source)
    encoding = detect(data, source) if from_ == "auto" else from_
    if encoding == "form":
        data = strip_form_newline(data)
    name = resolve_type(spec, data, encoding, type_name, source)
    value, read_losses = codec(encoding).decode(spec, name, data, source)
    try:
        output, write_losses = codec(to).encode(spec, name, value, Options(indent=indent, form_style=form_style))
    except PayloadError as exc:
        exc.origin = exc.origin or Origin(source)  # what cannot be written still names the input
        raise
    losses = read_losses + _located(write_losses, data, encoding, source)
    if strict and losses:
        first = losses[0]
        raise LossError(f"{len(losses)} item(s) would not survive; first: {first}", first.origin or Origin(source))
    return Conversion(output, losses, name)


def _located(losses: tuple[Loss, ...], data: bytes, encoding: Encoding, source: str) -> tuple[Loss, ...]:
    """What the target cannot carry, placed at the member of the input that holds it."""
    if not losses:
        return losses
    from dataclasses import replace

    unplaced = [loss for loss in losses if loss.origin is None]
    places = dict(zip(map(id, unplaced), codec(encoding).locate(data, [loss.path for loss in unplaced]), strict=True))
    return tuple(replace(loss, origin=Origin(source, *places[id(loss)])) if loss.origin is None else loss
                 for loss in losses)
