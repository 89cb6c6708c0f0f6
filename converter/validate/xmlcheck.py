"""XML's contract and silent-failure layers: the generated XSD through lxml, then DataContractSerializer's reading.

lxml's verdict equals ``xmlschema``'s on the generated XSD (tests/validate/test_engines.py), except
that libxml2 takes ``@@@@`` as base64 and knows nothing of .NET's stricter readings; those are
checked here. An XSD-valid document has nothing out of order or unknown, so the DataContract
reader (which reports what it would skip) only runs on documents with something to report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..codecs import xml as xml_codec
from ..errors import PayloadError
from ..generate.xsd import INDEX, to_xsd
from ..spec.datacontract import SYSTEM_NS, collection_item, member_name, stable_name, type_namespace, xml_members
from ..spec.model import ClassType, DictOf, ListOf, Named, Nullable, Primitive, Spec, TypeRef
from .findings import Finding
from .jsoncheck import Role

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["XmlChecker"]

_ELEMENT_PREFIX = re.compile(r"^Element '[^']*'(, attribute '[^']*')?: ")
_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")
_LONG_FRACTION = re.compile(r"\.[0-9]{8}")


def _decimal_fits(text: str) -> bool:
    if len(text) < 28:
        return True
    try:
        xml_codec.parse_value("decimal", text)
    except (ValueError, ArithmeticError):
        return False
    return True


#: What DataContractSerializer demands beyond the XSD type, for a text XSD already accepted:
#: strict base64 (libxml2 takes ``@@@@``), a UTF-16 char code, 7 fraction digits, System.Decimal's range.
_STRICTER: dict[str, Callable[[str], bool]] = {
    "byte[]": lambda t: _BASE64.fullmatch("".join(t.split())) is not None,
    "char": lambda t: 0 <= int(t) <= 0xFFFF,
    "DateTime": lambda t: _LONG_FRACTION.search(t) is None,
    "decimal": _decimal_fits,
}



class XmlChecker:
    """Checks DataContract XML payloads of one spec; the XSD is compiled once."""

    def __init__(self, spec: Spec, role: Role = None) -> None:
        self.spec = spec
        self.role = role

    @cached_property
    def _xml_schema(self) -> etree.XMLSchema:
        from lxml import etree

        files = to_xsd(self.spec, "contract")

        class Resolver(etree.Resolver):  # type: ignore[misc]  # lxml is untyped
            def resolve(self, url: str | None, pubid: str | None, context: object) -> Any:
                name = (url or "").rsplit("/", 1)[-1]
                return self.resolve_string(files[name], context) if name in files else None

        parser = etree.XMLParser()
        parser.resolvers.add(Resolver())
        index = etree.fromstring(files[INDEX], parser, base_url=f"file:///contractkit/{INDEX}")
        return etree.XMLSchema(index)

    @cached_property
    def _patterns(self) -> frozenset[str]:
        return frozenset(f.pattern for cls in self.spec.classes() for f in cls.fields if f.pattern is not None)

    def check(self, data: bytes, file: str, type_name: str | None) -> Iterator[Finding]:
        from lxml import etree

        try:
            root = xml_codec.parse(data, file)
        except PayloadError as exc:
            assert exc.origin is not None
            yield Finding(file, "syntax", exc.message, line=exc.origin.line, col=exc.origin.col)
            return
        name = type_name or self._root_type(root)
        tree = root.getroottree()
        schema = self._xml_schema
        errors_at: set[int] = set()
        if not schema.validate(tree):
            for entry in schema.error_log:
                nodes = _find(tree, entry.path)
                node = nodes[0] if isinstance(nodes, list) and nodes else None
                path = _xpath(node) if isinstance(node, etree._Element) else entry.path
                line = entry.line or (node.sourceline if isinstance(node, etree._Element) else 0) or 0
                errors_at.add(line)
                rule = self._xml_rule(entry)
                message = _ELEMENT_PREFIX.sub("", entry.message)
                missing = _missing_member(entry.message, node)
                if rule == "contract.unexpected" and missing is not None:
                    # libxml2 words a missing required member as "X is not expected; expected is Y".
                    rule, message = "contract.required", f"required member {missing} is missing before this element"
                yield Finding(file, rule, message, "error", line, _column(data, line, node), path)
        if name is None or not errors_at and self.role != "request" and self._strictly_fine(root):
            return  # XSD-valid, so nothing is out of order or unknown; nothing DCS reads more strictly fails
        try:
            reading = xml_codec.read(self.spec, name, root, file, trace=True)
        except PayloadError as exc:
            line = exc.origin.line if exc.origin else 0
            if line not in errors_at:  # lxml said it already, in XSD terms
                yield Finding(file, "contract.type", exc.message, "error", line, 1, exc.path)
            return
        for element, reason in reading.skipped:
            yield Finding(file, "dotnet.skipped", f"element {etree.QName(element).localname} is {reason}: "
                          "DataContractSerializer skips it, and the server sees no value",
                          "warning", element.sourceline or 0, _column(data, element.sourceline, element), _xpath(element))
        if self.role == "request":
            for element, f in reading.matched:
                if f.read_only and element.get("{http://www.w3.org/2001/XMLSchema-instance}nil") not in ("true", "1"):
                    yield Finding(file, "dotnet.read-only", f"{f.name} is read-only: the server assigns it and "
                                  "ignores what a request sends", "warning", element.sourceline or 0,
                                  _column(data, element.sourceline, element), _xpath(element))

    @cached_property
    def _strict_tags(self) -> dict[str, tuple[str, ...]]:
        """Element names (Clark notation) that may hold a value DataContractSerializer reads more
        strictly than XSD does (lxml takes ``@@@@`` as base64), with the primitives they may be."""
        tags: dict[str, set[str]] = {}

        def visit(ref: TypeRef, tag: str, seen: set[str]) -> None:
            core = ref.of if isinstance(ref, Nullable) else ref
            match core:
                case Primitive(name) if name in _STRICTER:
                    tags.setdefault(tag, set()).add(name)
                case Primitive("DateTimeOffset"):
                    tags.setdefault(f"{{{SYSTEM_NS}}}DateTime", set()).add("DateTime")
                case ListOf(item):
                    item_name = collection_item(self.spec, core)
                    visit(item, f"{{{item_name.namespace}}}{item_name.name}", seen)
                case DictOf(key, value):
                    pair = collection_item(self.spec, core)
                    visit(key, f"{{{pair.namespace}}}Key", seen)
                    visit(value, f"{{{pair.namespace}}}Value", seen)
                case Named(name) if name not in seen and isinstance(self.spec.types[name], ClassType):
                    seen.add(name)
                    cls = self.spec.types[name]
                    assert isinstance(cls, ClassType)
                    for owner, f in xml_members(self.spec, cls):
                        visit(f.type, f"{{{type_namespace(owner)}}}{member_name(f)}", seen)

        for cls in self.spec.classes():
            visit(Named(cls.name), "", set())
        return {tag: tuple(sorted(names)) for tag, names in tags.items()}

    @cached_property
    def _strict_checks(self) -> dict[str, Callable[[str], bool]]:
        """One check per element name: every stricter reading its primitives demand."""
        def both(checks: list[Callable[[str], bool]]) -> Callable[[str], bool]:
            return checks[0] if len(checks) == 1 else lambda text: all(check(text) for check in checks)

        return {tag: both([_STRICTER[name] for name in names]) for tag, names in self._strict_tags.items()}

    def _strictly_fine(self, root: etree._Element) -> bool:
        """True when every element that DCS reads more strictly than XSD holds a value it accepts."""
        checks = self._strict_checks
        if not checks:
            return True
        for element in root.iter(*checks):
            text = element.text
            if text and not checks[element.tag](text.strip()):  # empty: nil, or an empty array
                return False
        return True

    def _root_type(self, root: etree._Element) -> str | None:
        from lxml import etree

        qname = etree.QName(root)
        for cls in self.spec.classes():
            expected = stable_name(self.spec, Named(cls.name))
            if (expected.namespace, expected.name) == (qname.namespace or "", qname.localname):
                return cls.name
        return None

    def _xml_rule(self, entry: Any) -> str:
        """Our rule name for an lxml (libxml2) schema error."""
        kind: str = entry.type_name
        message: str = entry.message
        if kind == "SCHEMAV_CVC_ENUMERATION_VALID":
            return "contract.enum"
        if kind in ("SCHEMAV_CVC_MINLENGTH_VALID", "SCHEMAV_CVC_MAXLENGTH_VALID"):
            return "contract.minLength" if "MIN" in kind else "contract.maxLength"
        if kind == "SCHEMAV_CVC_PATTERN_VALID":
            return "contract.pattern" if any(f"'{p}'" in message for p in self._patterns) else "contract.type"
        if kind in ("SCHEMAV_CVC_MININCLUSIVE_VALID", "SCHEMAV_CVC_MAXINCLUSIVE_VALID"):
            if "10675199" in message:  # ser:duration's own bounds
                return "contract.type"
            return "contract.minimum" if "MIN" in kind else "contract.maximum"
        if kind == "SCHEMAV_ELEMENT_CONTENT":
            return "contract.required" if "Missing child" in message else "contract.unexpected"
        if kind == "SCHEMAV_CVC_ELT_3_2_1":
            return "contract.required"
        if kind == "SCHEMAV_CVC_ELT_1":
            return "contract.root"
        return "contract.type"


# -- paths and positions ---------------------------------------------------------------


_EXPECTED_ONE = re.compile(r"Expected is \( \{([^}]*)\}(\w+) \)")


def _missing_member(message: str, node: Any) -> str | None:
    """The one member libxml2 expected instead of ``node``, when ``node``'s parent lacks it."""
    found = _EXPECTED_ONE.search(message)
    if found is None or node is None or node.getparent() is None:
        return None
    wanted = f"{{{found[1]}}}{found[2]}"
    return found[2] if all(child.tag != wanted for child in node.getparent()) else None


def _find(tree: etree._ElementTree, path: str | None) -> list[Any]:
    """The nodes an lxml error path names; it may use the document's own prefixes."""
    from lxml import etree

    if not path:
        return []
    namespaces = {p: ns for el in tree.iter() if isinstance(el.tag, str) for p, ns in el.nsmap.items() if p}
    try:
        found = tree.xpath(path, namespaces=namespaces)
    except etree.XPathError:
        return []
    return found if isinstance(found, list) else []


def _xpath(node: etree._Element) -> str:
    """``/Root/Patients/PatientRecipientModel[2]/ExternalId``: local names, indexes where repeated."""
    from lxml import etree

    steps = []
    current: etree._Element | None = node
    while current is not None:
        name = etree.QName(current).localname
        parent = current.getparent()
        if parent is not None:
            same = [s for s in parent if isinstance(s.tag, str) and etree.QName(s).localname == name]
            if len(same) > 1:
                name += f"[{same.index(current) + 1}]"
        steps.append(name)
        current = parent
    return "/" + "/".join(reversed(steps))


def _column(data: bytes, line: int | None, node: Any) -> int:
    """1-based column of an element's start tag on its line (lxml gives lines only)."""
    if not line or node is None:
        return 1
    from lxml import etree

    lines = data.split(b"\n")
    if line > len(lines):
        return 1
    text = lines[line - 1].decode("utf-8", "replace")
    local = etree.QName(node).localname
    for marker in (f"<{local}", f":{local}"):
        at = text.find(marker)
        if at != -1:
            return (at if marker[0] == "<" else text.rfind("<", 0, at)) + 1
    return 1

