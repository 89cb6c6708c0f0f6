"""The front door to the three encodings: detect one, find the payload's type, get its codec.

Every codec reads bytes into the shared value model (``values.py``) and writes it back, and
both directions say what did not survive (``Loss``)::

    codec(encoding).decode(spec, type_name, data, source) -> Decoded(value, losses)
    codec(encoding).encode(spec, type_name, value, options) -> Encoded(data, losses)

``convert`` is one decode and one encode; ``validate`` reads through the same codecs.
Each codec module is imported on first use, since each pulls in its parser.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from ..errors import Origin, PayloadError
from . import messages

if TYPE_CHECKING:
    from ..spec.model import Spec, TypeRef
    from .path import MemberPath
    from .values import Loss, Value

__all__ = [
    "ENCODINGS",
    "body_type",
    "Codec",
    "Decoded",
    "Encoded",
    "Encoding",
    "FormStyle",
    "Options",
    "codec",
    "detect",
    "require_content",
    "resolve_type",
    "root_type",
    "strip_form_newline",
    "text_of",
]

Encoding = Literal["json", "xml", "form"]
ENCODINGS: tuple[Encoding, ...] = ("json", "xml", "form")
#: ``mvc`` writes ``Patients[0].ExternalId``; ``jquery`` writes what ``jQuery.param`` sends,
#: ``patients[0][ExternalId]`` and ``tags[]``. Web API reads both.
FormStyle = Literal["mvc", "jquery"]
_SUFFIXES: dict[str, Encoding] = {".json": "json", ".xml": "xml", ".form": "form"}
_CONTENT = re.compile(rb"[^ \t\r\n\xef\xbb\xbf\xff\xfe\x00]")
_JSON_SCALAR = re.compile(rb'(?:null|true|false|-?[0-9][0-9.eE+-]*|"(?:[^"\\]|\\.)*")\s*')


@dataclass(frozen=True, slots=True)
class Options:
    """How to write: ``indent`` lays JSON and XML out as the help page shows them; ``form_style``
    picks the form key style. The default is the compact wire bytes and MVC keys, what a
    browser posts from a form ASP.NET's HTML helpers rendered."""

    indent: bool = False
    form_style: FormStyle = "mvc"


class Decoded(NamedTuple):
    """A payload read as its type, and what the reading dropped or changed."""

    value: Value
    losses: tuple[Loss, ...]


class Encoded(NamedTuple):
    """A value's bytes in one encoding, and what that encoding cannot carry."""

    data: bytes
    losses: tuple[Loss, ...]


class Codec(Protocol):
    """What each codec module (``codecs.json``, ``codecs.xml``, ``codecs.form``) provides."""

    def decode(self, spec: Spec, type_name: str, data: bytes, source: str = ...) -> Decoded: ...

    def encode(self, spec: Spec, type_name: str, value: Value, options: Options = ...) -> Encoded: ...

    def locate(self, data: bytes, paths: Sequence[MemberPath]) -> list[tuple[int, int]]:
        """For each path, the 1-based (line, column) where its value is written in ``data``, or of
        the nearest enclosing value found; (1, 1) when nothing is. ``data`` is read once for all."""
        ...


def body_type(spec: Spec, type_name: str) -> TypeRef:
    """The type a payload's type expression names (``List<ProductModel>``, ``int``, a class key or
    a unique short name); ``PayloadError`` saying why when the spec has no such type."""
    try:
        return spec.resolve(type_name)
    except ValueError as exc:
        raise PayloadError(str(exc)) from None


def codec(encoding: Encoding) -> Codec:
    """The codec of an encoding, imported on first use."""
    found = _CODECS.get(encoding)
    if found is None:
        found = _CODECS[encoding] = _import(encoding)
    return found


_CODECS: dict[Encoding, Codec] = {}


def _import(encoding: Encoding) -> Codec:
    if encoding == "json":
        from . import json

        return json
    if encoding == "xml":
        from . import xml

        return xml
    from . import form

    return form


def detect(data: bytes, name: str = "") -> Encoding:
    """The encoding from the file extension (``.json``, ``.xml``, ``.form``), else from the body:
    ``<`` is XML; an object, an array or a lone JSON value (``null``, ``"x"``, ``5``) is JSON;
    anything else is a form body. A UTF-16 byte order mark is looked past.

    >>> detect(b'  {"a": 1}'), detect(b"<A/>"), detect(b"A=1&B=2"), detect(b"", "x.XML"), detect(b"null", "a.txt")
    ('json', 'xml', 'form', 'xml', 'json')
    """
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        start = data[:4096].decode("utf-16", "replace").lstrip()[:1]  # the head tells, but for a lone value
        if start in ("<", "{", "["):
            return "xml" if start == "<" else "json"
        data = data.decode("utf-16", "replace").encode("utf-8")
    body = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    head = body[:1]
    if head == b"<":
        return "xml"
    if head in (b"{", b"[") or _JSON_SCALAR.fullmatch(body):
        return "json"
    return "form"


def text_of(data: bytes, source: str) -> str:
    """A payload's text: UTF-8 (a byte order mark allowed), or UTF-16 with its byte order mark, as
    Windows PowerShell 5's ``>`` writes it. Invalid UTF-8 is a ``PayloadError`` at its place, with
    a hint when the bytes look like UTF-16 without a mark."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PayloadError("invalid UTF-16 after a UTF-16 byte order mark", Origin(source, 1, 1)) from None
    body = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    if len(body) > 1 and body.count(0) * 3 >= len(body):  # no text payload is a third NULs
        raise PayloadError("the file looks like UTF-16 without a byte order mark: save it as UTF-8",
                           Origin(source, 1, 1))
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise PayloadError(f"invalid UTF-8 byte 0x{body[exc.start]:02x}",
                           Origin(source, before.count(b"\n") + 1, column)) from None


def require_content(data: bytes, source: str) -> None:
    """An empty payload is a mistake to say so, not a null to convert or a body to bind."""
    if _CONTENT.search(data) is None:  # stops at the first byte that is content: no copy of the payload
        raise PayloadError("the payload is empty", Origin(source))


def strip_form_newline(data: bytes) -> bytes:
    """A form body saved to a file ends with the editor's newline; a raw newline is never part of
    a urlencoded body (it would be ``%0A``), so it is not the last value's."""
    return data.rstrip(b"\r\n")


def resolve_type(spec: Spec, data: bytes, encoding: Encoding, type_name: str | None, source: str) -> str:
    """The payload's type, as a canonical type expression: ``type_name`` if given (any type
    expression, ``List<ProductModel>`` or a unique short name); else the type whose contract names
    the XML root element; else the spec's only request type. ``PayloadError`` when none can be told."""
    if type_name is not None:
        try:
            return str(spec.resolve(type_name))  # the XML codec checks the root element as it reads
        except ValueError as exc:
            raise PayloadError(str(exc), Origin(source)) from None
    if encoding == "xml":
        from .xml import root_name

        return root_type(spec, *root_name(data, source), None, source)
    requests = spec.request_types()
    if len(requests) == 1:
        return requests[0]
    candidates = requests or tuple(cls.name for cls in spec.classes())
    raise PayloadError(f"cannot tell the payload's type: pass --type, one of {', '.join(candidates)}", Origin(source))


@cache
def _roots(spec: Spec) -> dict[tuple[str, str], str]:
    """Each type by the (namespace, name) of the root element its contract writes: the classes, then
    the operations' bodies (``ArrayOfProductModel``, ``<int>``), then enums; the first wins."""
    from ..spec.datacontract import root_name
    from ..spec.model import ClassType, Named

    roots: dict[tuple[str, str], str] = {}
    bodies = [body for op in spec.operations for body in (op.request, op.response) if body is not None]
    enums = [name for name, tdef in spec.types.items() if not isinstance(tdef, ClassType)]
    for name in [*(cls.name for cls in spec.classes()), *bodies, *enums]:
        qname = root_name(spec, spec.resolve(name) if name not in spec.types else Named(name))
        roots.setdefault((qname.namespace, qname.name), name)
    return roots


def root_type(spec: Spec, namespace: str, local: str, type_name: str | None, source: str) -> str:
    """The type an XML root element stands for: ``type_name``'s, which the root must then be;
    else the type whose contract names it (a class, an operation's body, an enum). ``PayloadError`` (at 1:1) names what was expected."""
    if type_name is None:
        found = _roots(spec).get((namespace, local))
        if found is not None:
            return found
        requests = spec.request_types()
        if len(requests) != 1:
            candidates = ", ".join(requests or tuple(cls.name for cls in spec.classes()))
            raise PayloadError(f"no class of the spec has the root element {local} in "
                               f"{namespace or '(no namespace)'}: pass --type, one of {candidates}", Origin(source, 1, 1))
        type_name = requests[0]
    try:
        want_namespace, want_name = _root_of(spec, type_name)
    except ValueError as exc:
        raise PayloadError(str(exc), Origin(source, 1, 1)) from None
    if (want_namespace, want_name) != (namespace, local):
        raise PayloadError(messages.root_mismatch(want_name, want_namespace, local, namespace), Origin(source, 1, 1))
    return type_name


@cache
def _root_of(spec: Spec, type_name: str) -> tuple[str, str]:
    """The (namespace, name) of the root element a payload of ``type_name`` has."""
    from ..spec.datacontract import root_name

    qname = root_name(spec, spec.resolve(type_name))
    return qname.namespace, qname.name
