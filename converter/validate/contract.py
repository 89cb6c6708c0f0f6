"""Syntax and contract checks: JSON against the generated JSON Schema, XML against the XSD.

A ``Validator`` compiles each schema once per spec and type, so checking many
files never re-walks the spec.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..generate.jsonschema import to_json_schema
from ..generate.xsd import INDEX, Profile, to_xsd
from ..spec.datacontract import stable_name
from ..spec.model import Named, Spec
from .findings import Finding
from .jsonpos import locate

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["Format", "Validator", "detect_format"]

Format = Literal["auto", "json", "xml"]
_ELEMENT_PREFIX = re.compile(r"^Element '[^']*': ")


def detect_format(data: bytes, name: str = "") -> Literal["json", "xml"]:
    """JSON or XML, from the file extension or else the first significant byte."""
    suffix = Path(name).suffix.lower()
    if suffix in (".json", ".xml"):
        return "json" if suffix == ".json" else "xml"
    return "xml" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "json"


class Validator:
    """Checks payloads of one spec; compiled schemas are cached per type."""

    def __init__(self, spec: Spec, profile: Profile = "contract") -> None:
        self.spec = spec
        self.profile = profile
        self._json: dict[str, Any] = {}

    def check(self, data: bytes, file: str, *, fmt: Format = "auto", type_name: str | None = None) -> list[Finding]:
        """Every finding for one payload, sorted by position."""
        kind = detect_format(data, file) if fmt == "auto" else fmt
        found = self._check_json(data, file, type_name) if kind == "json" else self._check_xml(data, file, type_name)
        return sorted(found, key=lambda f: (f.line, f.col))

    # -- JSON ---------------------------------------------------------------------------

    def _check_json(self, data: bytes, file: str, type_name: str | None) -> Iterator[Finding]:
        try:
            text = data.decode("utf-8-sig")
            value = json.loads(text)
        except UnicodeDecodeError as exc:
            yield Finding(file, "syntax", f"not UTF-8: {exc.reason} at byte {exc.start}", line=1, col=1)
            return
        except json.JSONDecodeError as exc:
            yield Finding(file, "syntax", f"invalid JSON: {exc.msg}", line=exc.lineno, col=exc.colno)
            return
        name = type_name or self._only_request_type()
        if name is None:
            yield Finding(file, "usage", "cannot tell the payload's type: pass --type", line=1, col=1)
            return
        from jsonschema.exceptions import best_match

        for top in self._json_validator(name).iter_errors(value):
            # A nullable reference is anyOf [X, null]: report the failing branch's own error.
            error = best_match([top]) or top
            steps = list(error.absolute_path)
            pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in steps)
            line, col = locate(text, steps)
            yield Finding(file, f"contract.{error.validator}", error.message, line=line, col=col, path=pointer)

    def _json_validator(self, name: str) -> Any:
        if name not in self._json:
            from jsonschema import Draft202012Validator

            self._json[name] = Draft202012Validator(to_json_schema(self.spec, name))
        return self._json[name]

    def _only_request_type(self) -> str | None:
        requests = self.spec.request_types()
        return requests[0] if len(requests) == 1 else None

    # -- XML ----------------------------------------------------------------------------

    @cached_property
    def _xml_schema(self) -> etree.XMLSchema:
        from lxml import etree

        files = to_xsd(self.spec, self.profile)

        class Resolver(etree.Resolver):  # type: ignore[misc]  # lxml is untyped
            def resolve(self, url: str | None, pubid: str | None, context: object) -> Any:
                name = (url or "").rsplit("/", 1)[-1]
                return self.resolve_string(files[name], context) if name in files else None

        parser = etree.XMLParser()
        parser.resolvers.add(Resolver())
        index = etree.fromstring(files[INDEX], parser, base_url=f"file:///contractkit/{INDEX}")
        return etree.XMLSchema(index)

    def _check_xml(self, data: bytes, file: str, type_name: str | None) -> Iterator[Finding]:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            line, col = exc.position
            yield Finding(file, "syntax", f"invalid XML: {exc.msg}", line=line, col=col)
            return
        if type_name is not None:
            expected = stable_name(self.spec, Named(type_name))
            if etree.QName(root) != etree.QName(expected.namespace, expected.name):
                yield Finding(file, "contract.root", f"root element is {{{etree.QName(root).namespace}}}"
                              f"{etree.QName(root).localname}, expected {{{expected.namespace}}}{expected.name}",
                              line=root.sourceline or 0, col=1, path="/" + etree.QName(root).localname)
                return
        schema = self._xml_schema
        tree = root.getroottree()
        if schema.validate(tree):
            return
        for entry in schema.error_log:
            nodes = tree.xpath(entry.path) if entry.path else []
            node = nodes[0] if isinstance(nodes, list) and nodes else None
            path = _readable_xpath(node) if isinstance(node, etree._Element) else entry.path
            rule = "contract." + entry.type_name.removeprefix("SCHEMAV_").lower()
            yield Finding(file, rule, _ELEMENT_PREFIX.sub("", entry.message), line=entry.line,
                          col=max(entry.column, 1), path=path)


def _readable_xpath(node: etree._Element) -> str:
    """``/Root/Patients/PatientRecipientModel[2]/ExternalId``: local names, indexes where repeated."""
    from lxml import etree

    steps = []
    while node is not None:
        name = etree.QName(node).localname
        parent = node.getparent()
        if parent is not None:
            same = [s for s in parent if isinstance(s.tag, str) and etree.QName(s).localname == name]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))
