"""Check one payload in three layers: syntax, the contract, and what .NET does silently.

1. Syntax: the parser's own message and position.
2. The contract: JSON and form against the generated JSON Schema, XML against the generated
   XSD. The reference engines are ``jsonschema`` and ``xmlschema``; the hot path is a checker
   compiled from the spec (JSON and form) and lxml (XML), whose verdicts the tests prove
   identical to the references'. For JSON, ``jsonschema`` itself words the errors.
3. .NET's silent failures, as warnings: XML members DataContractSerializer skips (out of
   order, unknown, wrong namespace), members Json.NET ignores or matches ignoring case,
   read-only members sent in a request, numbers Json.NET would round, form values the
   model binder drops.

A ``Validator`` compiles every schema and checker once per spec and type.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from ..convert import detect_encoding
from ..errors import PayloadError
from ..generate.jsonschema import to_json_schema
from ..spec.datacontract import json_name
from ..spec.model import ClassType, DictOf, Field, ListOf, Named, Nullable, Spec, TypeRef
from .findings import Finding
from .jsoncheck import Issue, Role, checker
from .jsonpos import locate

if TYPE_CHECKING:
    from .xmlcheck import XmlChecker

__all__ = ["Format", "Validator"]

Format = Literal["auto", "json", "xml", "form"]
#: Decimals keep their digits, so the checker can tell which numbers Json.NET would round.
_DECODER = json.JSONDecoder(parse_float=Decimal)


class Validator:
    """Checks payloads of one spec; schemas and checkers are built once per type."""

    def __init__(self, spec: Spec, *, role: Role = None) -> None:
        self.spec = spec
        self.role = role
        self._checkers: dict[str, Any] = {}
        self._schemas: dict[str, Any] = {}

    def check(self, data: bytes, file: str, *, fmt: Format = "auto", type_name: str | None = None) -> list[Finding]:
        """Every finding for one payload, sorted by position."""
        kind = detect_encoding(data, file) if fmt == "auto" else fmt
        if kind == "json":
            found = list(self._json(data, file, type_name))
        elif kind == "xml":
            found = list(self._xml(data, file, type_name))
        else:
            found = list(self._form(data, file, type_name))
        return sorted(found, key=lambda f: (f.line, f.col, f.severity))

    def _type(self, type_name: str | None) -> str | None:
        if type_name is not None:
            return type_name
        requests = self.spec.request_types()
        return requests[0] if len(requests) == 1 else None

    def _checker(self, name: str) -> Any:
        if name not in self._checkers:
            self._checkers[name] = checker(self.spec, name, self.role)
        return self._checkers[name]

    # -- JSON ---------------------------------------------------------------------------

    def _json(self, data: bytes, file: str, type_name: str | None) -> Iterator[Finding]:
        try:
            text = data.decode("utf-8-sig")
            value = _DECODER.decode(text)
        except UnicodeDecodeError as exc:
            yield Finding(file, "syntax", f"not UTF-8: {exc.reason} at byte {exc.start}", line=1, col=1)
            return
        except json.JSONDecodeError as exc:
            yield Finding(file, "syntax", f"invalid JSON: {exc.msg}", line=exc.lineno, col=exc.colno)
            return
        name = self._type(type_name)
        if name is None:
            yield Finding(file, "usage", "cannot tell the payload's type: pass --type", line=1, col=1)
            return
        issues: list[Issue] = self._checker(name)(value)
        if not issues:
            return
        for issue in issues:
            if issue.severity == "warning":
                line, col = locate(text, issue.path)
                yield Finding(file, issue.rule, issue.message, "warning", line, col, _pointer(issue.path))
        if any(issue.severity == "error" for issue in issues):
            for steps, rule, message in self._reference_errors(name, json.loads(text)):
                line, col = locate(text, steps)
                yield Finding(file, rule, message, "error", line, col, _pointer(steps))

    def _reference_errors(self, name: str, value: Any) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
        """The contract errors as the ``jsonschema`` library reports them, with our rule names."""
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import best_match

        if name not in self._schemas:
            self._schemas[name] = Draft202012Validator(to_json_schema(self.spec, name))
        for top in self._schemas[name].iter_errors(value):
            error = best_match([top]) or top  # a nullable reference is anyOf [X, null]: the failing branch
            steps = tuple(error.absolute_path)
            yield steps, _json_rule(self.spec, name, steps, str(error.validator), error.instance), error.message

    # -- form ---------------------------------------------------------------------------

    def _form(self, data: bytes, file: str, type_name: str | None) -> Iterator[Finding]:
        from ..codecs import form as form_codec
        from ..codecs import json as json_codec

        body = data.rstrip(b"\r\n")
        name = self._type(type_name)
        if name is None:
            yield Finding(file, "usage", "cannot tell the payload's type: pass --type", line=1, col=1)
            return
        try:
            value, losses = form_codec.decode(self.spec, name, body, file)
            as_json = json.loads(json_codec.encode(self.spec, name, value)[0]) if value is not None else {}
        except PayloadError as exc:
            col = exc.origin.col if exc.origin else 1
            rule = "contract.type" if exc.path else "syntax"
            yield Finding(file, rule, exc.message, line=1, col=col, path=_clr_pointer(exc.path))
            return
        text = body.decode("utf-8", "replace")
        for loss in losses:
            pointer = _clr_pointer(loss.path)
            yield Finding(file, "dotnet.binding", loss.message, "warning", 1, _form_col(text, pointer), pointer)
        issues: list[Issue] = self._checker(name)(as_json)
        found: list[tuple[tuple[str | int, ...], str, str, Literal["error", "warning"]]] = [
            (i.path, i.rule, i.message, i.severity) for i in issues if i.severity == "warning"]
        if any(issue.severity == "error" for issue in issues):
            found += [(steps, rule, message, "error") for steps, rule, message in self._reference_errors(name, as_json)]
        for steps, rule, message, severity in found:
            if rule == "dotnet.rounded":
                continue  # form numbers are parsed by .NET's own converters, not Json.NET
            pointer = _clr_pointer_from_json(self.spec, name, steps)
            yield Finding(file, rule, message, severity, 1, _form_col(text, pointer), pointer)

    # -- XML ----------------------------------------------------------------------------
    @cached_property
    def _xml_checker(self) -> XmlChecker:
        from .xmlcheck import XmlChecker  # lxml and the XML codec load only when XML is checked

        return XmlChecker(self.spec, self.role)

    def _xml(self, data: bytes, file: str, type_name: str | None) -> Iterator[Finding]:
        return self._xml_checker.check(data, file, type_name)


# -- paths and positions ---------------------------------------------------------------


def _pointer(steps: Sequence[str | int]) -> str:
    """An RFC 6901 JSON Pointer."""
    return "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in steps)


def _json_rule(spec: Spec, type_name: str, steps: Sequence[str | int], keyword: str, instance: Any) -> str:
    """Our rule name for a JSON Schema keyword: lexical patterns and integer ranges of a type are
    ``contract.type``, as in XSD; the spec's own facets keep their names."""
    f = _field_at(spec, type_name, steps)
    if keyword in ("enum", "required", "minItems", "maxItems"):
        return f"contract.{keyword}"
    if keyword == "type" and instance is None and f is not None and f.required:
        return "contract.required"
    spec_facets = {"pattern": f.pattern if f else None, "minLength": f.min_length if f else None,
                   "maxLength": f.max_length if f else None, "minimum": f.minimum if f else None,
                   "maximum": f.maximum if f else None}
    if keyword in spec_facets and spec_facets[keyword] is not None:
        return f"contract.{keyword}"
    return "contract.type"


def _members_along(spec: Spec, type_name: str, steps: Sequence[str | int]) -> list[Field | None]:
    """For each step of a JSON path (JSON names and indexes), the member it names, if any;
    the list stops where the path leaves the spec."""
    ref: TypeRef = Named(type_name)
    out: list[Field | None] = []
    for step in steps:
        core = ref.of if isinstance(ref, Nullable) else ref
        if isinstance(core, Named) and isinstance(spec.types[core.name], ClassType):
            cls = spec.types[core.name]
            assert isinstance(cls, ClassType)
            field = next((f for owner in spec.class_chain(cls) for f in owner.fields
                          if json_name(spec, f) == step), None)
            if field is None:
                break
            out.append(field)
            ref = field.type
        elif isinstance(core, (ListOf, DictOf)):
            out.append(None)
            ref = core.item if isinstance(core, ListOf) else core.value
        else:
            break
    return out


def _field_at(spec: Spec, type_name: str, steps: Sequence[str | int]) -> Field | None:
    """The member a JSON path ends at, if it ends at one."""
    along = _members_along(spec, type_name, steps)
    return along[-1] if steps and len(along) == len(steps) else None


def _clr_pointer_from_json(spec: Spec, type_name: str, steps: Sequence[str | int]) -> str:
    """A JSON path (JSON names) as a pointer of CLR names, which is what form keys are."""
    along = _members_along(spec, type_name, steps)
    return _pointer([f.name if i < len(along) and (f := along[i]) is not None else step
                     for i, step in enumerate(steps)])


def _clr_pointer(path: str) -> str:
    """Our member path (``Patients[1].ExternalId``, ``Map["k"]``) as a JSON Pointer."""
    steps: list[str] = []
    i = 0
    while i < len(path):
        if path[i] == "[":
            end = path.index("]", i) if path[i + 1 : i + 2] != '"' else path.index('"]', i + 2) + 1
            inner = path[i + 1 : end]
            steps.append(json.loads(inner) if inner.startswith('"') else inner)
            i = end + 1
        elif path[i] == ".":
            i += 1
        else:
            end = min((j for j in (path.find(".", i), path.find("[", i)) if j != -1), default=len(path))
            steps.append(path[i:end])
            i = end
    return _pointer(steps)


def _form_col(body: str, pointer: str) -> int:
    """1-based column of the first pair whose key names ``pointer`` (any key style, any case)."""
    from urllib.parse import unquote_plus

    want = "".join(ch for ch in pointer.lower() if ch not in "/[].")
    offset = 0
    for pair in body.split("&"):
        key = unquote_plus(pair.partition("=")[0]).lower()
        if "".join(ch for ch in key if ch not in "[].") == want:
            return offset + 1
        offset += len(pair) + 1
    return 1

