"""Convert one payload between JSON, DataContract XML and form encoding, through the spec.

The input's encoding comes from the file extension or its first bytes, its type
from ``type_name``, the XML root element, or the spec's only request type. What
the target cannot carry comes back as ``Loss`` items, never silently dropped.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any, Literal

from .codecs.values import Loss
from .errors import LossError, Origin, PayloadError
from .spec.datacontract import stable_name
from .spec.model import ClassType, Named, Spec

__all__ = ["ENCODINGS", "Conversion", "Encoding", "codec", "convert", "detect_encoding", "resolve_type"]

Encoding = Literal["json", "xml", "form"]
ENCODINGS: tuple[Encoding, ...] = ("json", "xml", "form")
_SUFFIXES: dict[str, Encoding] = {".json": "json", ".xml": "xml", ".form": "form", ".txt": "form"}


@dataclass(frozen=True, slots=True)
class Conversion:
    """A converted payload and everything that did not survive the trip."""

    output: bytes
    losses: tuple[Loss, ...]
    type_name: str
    source_encoding: Encoding


@cache
def codec(encoding: Encoding) -> ModuleType:
    """The codec module of an encoding, imported on first use (each pulls in its parser)."""
    return importlib.import_module(f"converter.codecs.{encoding}")


def detect_encoding(data: bytes, name: str = "") -> Encoding:
    """The encoding from the file extension, else the first significant byte.

    >>> detect_encoding(b'  {"a": 1}'), detect_encoding(b"<A/>"), detect_encoding(b"A=1&B=2")
    ('json', 'xml', 'form')
    """
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return "xml" if head == b"<" else "json" if head in (b"{", b"[") else "form"


def resolve_type(spec: Spec, data: bytes, encoding: Encoding, type_name: str | None, source: str) -> str:
    """``type_name`` if given; the class whose contract names the XML root; the only request type."""
    if type_name is not None:
        if not isinstance(spec.types.get(type_name), ClassType):
            raise PayloadError(f"{type_name!r} is not a class of the spec", Origin(source))
        return type_name
    if encoding == "xml":
        root = _root_name(data, source)
        for cls in spec.classes():
            qname = stable_name(spec, Named(cls.name))
            if (qname.namespace, qname.name) == root:
                return cls.name
        raise PayloadError(f"no class of the spec has the root element {{{root[0]}}}{root[1]}", Origin(source, 1, 1))
    requests = spec.request_types()
    if len(requests) == 1:
        return requests[0]
    raise PayloadError("cannot tell the payload's type: pass --type", Origin(source))


def _root_name(data: bytes, source: str) -> tuple[str, str]:
    from io import BytesIO

    from lxml import etree

    try:
        for _, element in etree.iterparse(BytesIO(data), events=("start",), resolve_entities=False, no_network=True):
            qname = etree.QName(element)
            return qname.namespace or "", qname.localname
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        raise PayloadError(f"invalid XML: {exc.msg}", Origin(source, line, col)) from None
    raise PayloadError("no root element", Origin(source, 1, 1))


def convert(spec: Spec, data: bytes, *, to: Encoding, source: str = "<input>", from_: Encoding | Literal["auto"] = "auto",
            type_name: str | None = None, indent: bool = False, form_style: str | None = None,
            strict: bool = False) -> Conversion:
    """Decode ``data`` and encode it as ``to``; with ``strict``, raise ``LossError`` on the first loss."""
    encoding = detect_encoding(data, source) if from_ == "auto" else from_
    if encoding == "form":
        # A body saved to a file ends with the editor's newline; a raw newline is never part of
        # a urlencoded body (it would be %0A), so it is not the last value's.
        data = data.rstrip(b"\r\n")
    name = resolve_type(spec, data, encoding, type_name, source)
    decoder, encoder = codec(encoding), codec(to)
    value, read_losses = decoder.decode(spec, name, data, source)
    options: dict[str, Any] = {"style": form_style} if to == "form" and form_style else {}
    if to != "form":
        options["indent"] = indent
    output, write_losses = encoder.encode(spec, name, value, **options)
    losses = tuple(read_losses) + tuple(write_losses)
    if strict and losses:
        raise LossError(f"{len(losses)} item(s) would not survive; first: {losses[0]}", Origin(source))
    return Conversion(output, losses, name, encoding)
