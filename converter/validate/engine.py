"""Check one payload in three layers: syntax, the contract, and what .NET does silently.

1. Syntax: the codec's own message and position, so ``convert`` and ``validate`` agree.
2. The contract: JSON and form against the generated JSON Schema, XML against the generated
   XSD. The reference engines are ``jsonschema`` and ``xmlschema``; the hot path is a checker
   compiled from the spec (JSON and form) and lxml (XML), whose findings the tests prove
   identical to the references'.
3. .NET's silent failures, as warnings: XML members DataContractSerializer skips (out of
   order, unknown, wrong namespace), members Json.NET ignores or matches ignoring case,
   read-only members sent in a request, numbers Json.NET would round, form values the
   model binder drops.

A ``Validator`` compiles every checker once per spec and type. Payloads are read through
the front door of ``converter.codecs``: the same detection, type resolution and codecs as ``convert``.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from ..codecs import Encoding, detect, messages, require_content, resolve_type, strip_form_newline, text_of
from ..codecs.jsonpos import Locator
from ..errors import Origin, PayloadError
from ..limits import MAX_DIGITS, current, read_input
from ..spec.model import Spec
from .findings import Finding, sort_findings
from .jsoncheck import Issue, Role, checker

if TYPE_CHECKING:
    from ..codecs.json import Lenient
    from .xmlcheck import XmlChecker

__all__ = ["Format", "Validator"]

Format = Literal["auto", "json", "xml", "form"]
def _number(text: str) -> int | Decimal:
    """A JSON integer; as a Decimal when it runs to thousands of digits, which ``int`` converts in
    superlinear time (and refuses past 4,300) and no .NET type holds anyway."""
    return int(text) if len(text) <= MAX_DIGITS else Decimal(text)


def _refuse_constant(text: str) -> Any:
    """NaN and the infinities are no JSON: the lenient reading (Json.NET's) takes them, with a warning."""
    raise ValueError(text)


class _Decoder(json.JSONDecoder):
    """The standard library's decoder, noting whether any object named a member twice (Json.NET
    keeps the last value, as this does). Decimals keep their digits, so the checker can tell which
    numbers Json.NET would round; raw control characters in strings are accepted, as Json.NET accepts them.
    One per document: cheap (about a microsecond) and never shared between threads."""

    def __init__(self) -> None:
        super().__init__(parse_float=Decimal, parse_int=_number, object_pairs_hook=self._object, strict=False,
                         parse_constant=_refuse_constant)
        self.repeats = False

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) != len(pairs):
            self.repeats = True
        return found


class Validator:
    """Checks payloads of one spec; checkers are built once per type.

    Pure (a payload's findings depend on nothing but the spec, the role and the payload) and
    picklable: a pickle carries the spec and the role, and each process compiles its own
    checkers on first use, so ``check`` and ``check_file`` can run on any distributed engine.
    """

    def __init__(self, spec: Spec, *, role: Role = None) -> None:
        self.spec = spec
        self.role = role
        self._checkers: dict[str, Callable[[Any], list[Issue]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"spec": self.spec, "role": self.role}  # compiled checkers and lxml's schema stay behind

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["spec"], role=state["role"])  # type: ignore[misc]

    def check_file(self, path: str, name: str | None = None, *, fmt: Format = "auto",
                   type_name: str | None = None) -> list[Finding]:
        """The findings of the payload in file ``path`` (reported as ``name``, default the path),
        read up to the limits in force; a file that cannot be read is one ``read`` finding."""
        shown = path if name is None else name
        try:
            data = read_input(path, shown)
        except PayloadError as exc:  # unreadable, a dangling link, over --max-bytes: one finding, go on
            return [Finding(shown, "read", exc.message, line=1, col=1)]
        return self.check(data, shown, fmt=fmt, type_name=type_name)

    def check(self, data: bytes, file: str, *, fmt: Format = "auto", type_name: str | None = None) -> list[Finding]:
        """Every finding for one payload, sorted by position."""
        try:
            require_content(data, file)
        except PayloadError as exc:
            return [Finding(file, "syntax", exc.message, line=1, col=1, encoding=detect(data, file))]
        kind: Encoding = detect(data, file) if fmt == "auto" else fmt
        if kind == "json":
            # No collection while a document is read and checked: its nodes hold no cycles, yet a 50 MB one
            # set off ~260 collections walking the young nodes (3% of its time; none at 100 KB).
            collecting = gc.isenabled()
            gc.disable()
            try:
                found = list(self._json(data, file, type_name))
            finally:
                if collecting:
                    gc.enable()
        elif kind == "xml":
            found = list(self._xml_checker.check(data, file, type_name))
        else:
            found = list(self._form(data, file, type_name))
        return sort_findings(found)

    def _checker(self, name: str) -> Callable[[Any], list[Issue]]:
        if name not in self._checkers:
            self._checkers[name] = checker(self.spec, name, self.role)
        return self._checkers[name]

    def _type(self, data: bytes, encoding: Encoding, type_name: str | None, file: str) -> str | Finding:
        try:
            return resolve_type(self.spec, data, encoding, type_name, file)
        except PayloadError as exc:
            return Finding(file, "usage", exc.message, line=1, col=1, encoding=encoding)

    # -- JSON ---------------------------------------------------------------------------

    def _json(self, data: bytes, file: str, type_name: str | None) -> Iterator[Finding]:

        limit = current().max_depth
        lenient = None
        try:
            text = text_of(data, file)
            decoder = _Decoder()
            value = decoder.decode(text)
            # Only a document with that many brackets can nest too deep; the codec then says where.
            if text.count("[") + text.count("{") > limit and _nesting(value) > limit:
                raise RecursionError
        except RecursionError:
            yield _syntax(data, file)
            return
        except (ValueError, PayloadError):
            lenient = _lenient(data, file)
            if lenient is None:
                yield _syntax(data, file)
                return
            value = lenient.value
        name = self._type(data, "json", type_name, file)
        if isinstance(name, Finding):
            yield name
            return
        locator: Locator | Lenient = Locator(text) if lenient is None else lenient
        for origin, construct in lenient.constructs if lenient else ():
            yield Finding(file, "dotnet.lenient-json", messages.lenient_json(construct), "warning", origin.line,
                          origin.col, None, "json")
        for issue in self._checker(name)(value):
            line, col = locator.locate([step.json_name for step in issue.path.steps()])
            yield Finding(file, issue.rule, issue.message, issue.severity, line, col, issue.path, "json")
        if decoder.repeats:
            yield from _repeats(self.spec, name, data, file)
        if lenient is not None and lenient.undefined:
            yield from _undefined(self.spec, name, data, file)

    # -- form ---------------------------------------------------------------------------

    def _form(self, data: bytes, file: str, type_name: str | None) -> Iterator[Finding]:
        from ..codecs import form as form_codec
        from ..codecs import json as json_codec

        body = strip_form_newline(data)
        name = self._type(body, "form", type_name, file)
        if isinstance(name, Finding):
            yield name
            return
        try:
            value, losses = form_codec.decode(self.spec, name, body, file)
            # The contract is checked on the bound value as Json.NET would write it: one checker.
            as_json = _Decoder().decode(json_codec.encode(self.spec, name, value).data.decode()) if value is not None else {}
        except PayloadError as exc:
            col = exc.origin.col if exc.origin else 1
            rule = "contract.type" if exc.path is not None else "syntax"
            yield Finding(file, rule, exc.message, line=1, col=col, at=exc.path, encoding="form")
            return
        # form numbers are parsed by .NET's own converters, not Json.NET: no dotnet.rounded here
        issues = [issue for issue in self._checker(name)(as_json) if issue.rule != "dotnet.rounded"]
        places = form_codec.locate(body, [loss.path for loss in losses] + [issue.path for issue in issues])
        for loss, (_, col) in zip(losses, places[: len(losses)], strict=True):
            yield Finding(file, "dotnet.binding", loss.message, "warning", 1, loss.origin.col if loss.origin else col,
                          loss.path, "form")
        for issue, (_, col) in zip(issues, places[len(losses):], strict=True):
            yield Finding(file, issue.rule, issue.message, issue.severity, 1, col, issue.path, "form")

    # -- XML ----------------------------------------------------------------------------

    @cached_property
    def _xml_checker(self) -> XmlChecker:
        from .xmlcheck import XmlChecker  # lxml and the XML codec load only when XML is checked

        return XmlChecker(self.spec, self.role)


def _nesting(value: Any) -> int:
    """How deep arrays and objects nest in a decoded document (iteratively: no recursion)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return deepest


def _repeats(spec: Spec, name: str, data: bytes, file: str) -> Iterator[Finding]:
    """The repeated members, as ``convert`` reports them: read through the JSON codec, which
    knows each one's place and member path."""
    from ..codecs import json as json_codec

    try:
        losses = json_codec.decode(spec, name, data, file).losses
    except PayloadError:
        return  # the contract layer has already said what is wrong with it
    for loss in losses:
        if loss.message in (messages.REPEATED_MEMBER, messages.REPEATED_KEY):
            origin = loss.origin or Origin(file, 1, 1)
            yield Finding(file, "dotnet.repeated", loss.message, "warning", origin.line, origin.col, loss.path, "json")


def _undefined(spec: Spec, name: str, data: bytes, file: str) -> Iterator[Finding]:
    """An ``undefined`` Json.NET refuses (the checker read it as null): the JSON codec says where."""
    from ..codecs import json as json_codec

    try:
        json_codec.decode(spec, name, data, file)
    except json_codec.UndefinedRefused as exc:
        origin = exc.origin or Origin(file, 1, 1)
        yield Finding(file, "contract.type", exc.message, "error", origin.line, origin.col, exc.path, "json")
    except PayloadError:
        return  # the contract layer has already said what is wrong with it


def _lenient(data: bytes, file: str) -> Lenient | None:
    """The document as Json.NET's lenient reader takes it, or None where it too refuses it."""
    from ..codecs import json as json_codec

    try:
        return json_codec.lenient_document(data, file)
    except PayloadError:
        return None


def _syntax(data: bytes, file: str) -> Finding:
    """A syntax finding worded as the JSON codec words it (``convert`` says the same)."""
    from ..codecs import json as json_codec

    error = json_codec.syntax_error(data, file)
    if error is None:  # the standard library refused what Json.NET's reader takes: not ours to judge
        error = PayloadError("invalid JSON", None)
    origin = error.origin
    return Finding(file, "syntax", error.message, line=origin.line if origin else 1, col=origin.col if origin else 1)
