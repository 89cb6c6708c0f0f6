"""XML's contract and silent-failure layers: the generated XSD through lxml, then DataContractSerializer's reading.

lxml's verdict equals ``xmlschema``'s on the generated XSD (tests/validate/test_engines.py), except
that libxml2 takes ``@@@@`` as base64 and knows nothing of .NET's stricter readings; those are
checked here. An XSD-valid document has nothing out of order or unknown, so the DataContract
reader (which reports what it would skip) only runs on documents with something to report.

libxml2 says *that* and *where* a document breaks the XSD (its error code and the element); what
is said about it comes from the spec: the member the element stands for, and the XML codec's own
reading of its text, so ``convert`` and ``validate`` word a fault the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..codecs import messages, root_type
from ..codecs import xml as xml_codec
from ..codecs.path import MemberPath, field_step
from ..errors import PayloadError
from ..generate.xsd import INDEX, to_xsd
from ..codecs.xml import clark
from ..spec.datacontract import SYSTEM_NS, XSI_NS, collection_item, collection_of, dictionary_names, member_name
from ..spec.datacontract import type_namespace, xml_members
from ..spec.model import ClassType, DictOf, EnumType, Field, ListOf, Named, Primitive, Spec, TypeRef, unwrap
from .findings import Finding
from .jsoncheck import BASE64, Role

if TYPE_CHECKING:
    from lxml import etree


__all__ = ["XmlChecker"]

_NIL = f"{{{XSI_NS}}}nil"
_XSI_TYPE = f"{{{XSI_NS}}}type"
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
    "byte[]": lambda t: BASE64.fullmatch("".join(t.split())),
    "char": lambda t: 0 <= int(t) <= 0xFFFF,
    "DateTime": lambda t: _LONG_FRACTION.search(t) is None,
    "decimal": _decimal_fits,
}
#: libxml2's error codes for a facet of the spec's own; without the facet, the same code is the
#: XSD type's lexical rule (a Guid pattern, ser:duration's bounds), so ``contract.type``.
_FACETS = {
    "SCHEMAV_CVC_PATTERN_VALID": "pattern",
    "SCHEMAV_CVC_MINLENGTH_VALID": "minLength",
    "SCHEMAV_CVC_MAXLENGTH_VALID": "maxLength",
    "SCHEMAV_CVC_MININCLUSIVE_VALID": "minimum",
    "SCHEMAV_CVC_MAXINCLUSIVE_VALID": "maximum",
}


@dataclass(frozen=True, slots=True)
class _Place:
    """What the spec says an element is: its member path, its type (None where the document
    leaves the spec) and the member it is, if it is one."""

    path: MemberPath
    ref: TypeRef | None
    field: Field | None


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

    def check(self, data: bytes, file: str, type_name: str | None) -> Iterator[Finding]:
        from lxml import etree

        def finding(rule: str, message: str, place: MemberPath | None, line: int, node: Any = None,
                    severity: str = "error") -> Finding:
            return Finding(file, rule, message, "warning" if severity == "warning" else "error", line,
                           _column(data, line, node), place, "xml")

        try:
            root = xml_codec.parse(data, file)
        except PayloadError as exc:
            assert exc.origin is not None
            yield Finding(file, "syntax", exc.message, line=exc.origin.line, col=exc.origin.col, encoding="xml")
            return
        root_namespace, root_local = xml_codec.split_tag(str(root.tag))
        try:
            name: str | None = root_type(self.spec, root_namespace, root_local, type_name, file)
            root_error = None
        except PayloadError as exc:
            name, root_error = None, exc
            if type_name is not None:  # the type was named: DataContractSerializer refuses the document
                yield finding("contract.root", exc.message, MemberPath.root(root_local), 1, root)
                return
        tree = root.getroottree()
        schema = self._xml_schema
        errors_at: set[str] = set()  # the XPath of each element the XSD faulted
        if not schema.validate(tree):
            prefixes = _prefixes(tree)
            for entry in schema.error_log:
                nodes = _find(tree, entry.path, prefixes)
                node = nodes[0] if nodes and isinstance(nodes[0], etree._Element) else None
                line = entry.line or (node.sourceline if node is not None else 0) or 0
                place = self._place(node, name) if node is not None else None
                errors_at.add(place.path.xpath() if place is not None else "/")
                if entry.type_name == "SCHEMAV_CVC_ELT_1":
                    message = root_error.message if root_error else "the root element is no type of the spec"
                    yield finding("contract.root", message, MemberPath.root(root_local), line, node)
                    continue
                rule, message = self._explain(entry.type_name, node, place, name)
                yield finding(rule, message, place.path if place else None, line, node)
        if name is None or not errors_at and self.role != "request" and self._strictly_fine(root):
            return  # XSD-valid, so nothing is out of order or unknown; nothing DCS reads more strictly fails
        try:
            reading = xml_codec.read(self.spec, name, root, file, trace=True)
        except PayloadError as exc:
            line = exc.origin.line if exc.origin else 0
            where = exc.path.xpath() if exc.path is not None else "/"
            if not any(at == where or at.startswith(where + "/") or where == "/" for at in errors_at):
                yield Finding(file, "contract.type", exc.message, "error", line, 1, exc.path, "xml")  # not said yet
            return
        for element, reason in reading.skipped:
            line = element.sourceline or 0
            yield finding("dotnet.skipped", messages.skipped_element(reason), self._place(element, name).path,
                          line, element, "warning")
        if self.role == "request":
            for element, f in reading.matched:
                if f.read_only and element.get(_NIL) not in ("true", "1"):
                    yield finding("dotnet.read-only", messages.read_only(f.name), self._place(element, name).path,
                                  element.sourceline or 0, element, "warning")

    # -- what an element is ------------------------------------------------------------

    def _place(self, node: etree._Element, type_name: str | None) -> _Place:
        """Walk from the root to ``node`` through the spec, naming each step for every encoding."""

        chain = [node]
        while (parent := chain[-1].getparent()) is not None:
            chain.append(parent)
        chain.reverse()
        path = MemberPath.root(xml_codec.etree_local(chain[0]))
        ref: TypeRef | None = self.spec.resolve(type_name) if type_name is not None else None
        field: Field | None = None
        pair: dict[str, TypeRef] | None = None  # inside a dictionary entry: its key and value elements
        for parent, child in zip(chain, chain[1:]):
            local = xml_codec.etree_local(child)
            siblings = [c for c in parent if isinstance(c.tag, str)]
            same = [c for c in siblings if c.tag == child.tag]
            position, of = same.index(child), len(same)
            core = unwrap(ref) if ref is not None else None
            names = dictionary_names(self.spec, core) if core is not None else ("Key", "Value")
            core = collection_of(self.spec, core) or core if core is not None else None
            field = None
            if pair is not None:
                path, ref, pair = path.member(local), pair.get(local), None
                continue
            match core:
                case Named(name) if isinstance(self.spec.types[name], ClassType):
                    field = next((f for tag, f in xml_codec.read_plan(self.spec, self.spec.class_(name))
                                  if tag == child.tag), None)
                    if field is not None:
                        path, ref = field_step(self.spec, path, field)._replace(position=position, of=of), field.type
                    else:
                        path, ref = path.member(local, position=position, of=of), None
                case ListOf(item):
                    path, ref = path.item(siblings.index(child), local, len(siblings)), item
                case DictOf(key, value):
                    path, ref = path.item(siblings.index(child), local, len(siblings)), None
                    pair = {names[0]: key, names[1]: value}
                case Primitive("DateTimeOffset"):
                    path = path.member(local)
                    ref = Primitive("DateTime") if local == "DateTime" else Primitive("short")
                case _:
                    path, ref = path.member(local, position=position, of=of), None
        return _Place(path, ref, field)

    def _explain(self, code: str, node: etree._Element | None, place: _Place | None,
                 type_name: str | None) -> tuple[str, str]:
        """The rule and message for one libxml2 schema error at ``node``."""
        text = (node.text or "").strip() if node is not None else ""
        f = place.field if place else None
        core = unwrap(place.ref) if place and place.ref is not None else None
        written = node.get(_XSI_TYPE) if node is not None else None
        if code.startswith("SCHEMAV_CVC_ELT_4") and node is not None and written is not None and isinstance(core, Named) \
                and isinstance(declared := self.spec.types[core.name], ClassType):
            # An i:type naming no type the XSD has, or none derived from the member's: the XML codec's words.
            prefix, _, local = written.rpartition(":")
            known = (k.name for k in self.spec.known_subtypes(declared))
            return "contract.type", messages.unknown_xsi_type(local, node.nsmap.get(prefix or None) or "",
                                                              declared.name, known)
        if code in _FACETS:
            facet = _FACETS[code]
            limit = getattr(f, {"minLength": "min_length", "maxLength": "max_length"}.get(facet, facet), None) if f else None
            if limit is not None:
                return f"contract.{facet}", messages.facet(facet, text, limit)
            return "contract.type", self._lexical(core, text)
        if code == "SCHEMAV_CVC_ENUMERATION_VALID":
            if f is not None and f.enum is not None and isinstance(core, Primitive):
                return "contract.enum", messages.expected(messages.one_of(f.enum), text)
            if isinstance(core, Named) and isinstance(self.spec.types[core.name], EnumType):
                names = [m.wire_name for m in self.spec.enum(core.name).members]
                return "contract.enum", messages.expected(messages.one_of(names), text)
            return "contract.enum", self._lexical(core, text)
        if code == "SCHEMAV_CVC_ELT_3_2_1":
            return "contract.required", messages.required_null(f.name if f else str(place.path.clr() if place else ""))
        if code == "SCHEMAV_ELEMENT_CONTENT" and node is not None and place is not None:
            return self._content(node, place, type_name)
        return "contract.type", self._lexical(core, text)

    def _lexical(self, core: TypeRef | None, text: str) -> str:
        """The XML codec's words for text its type refuses."""
        if isinstance(core, Primitive) and core.name in ("string", "Uri"):
            return messages.text_only(core.name)  # any text is one: libxml2 refused a child element
        if isinstance(core, Primitive) and core.name != "DateTimeOffset":
            try:
                xml_codec.parse_value(core.name, text)
            except ValueError as exc:
                return str(exc)
            return messages.not_a(core.name, "as DataContractSerializer reads it", text)
        if isinstance(core, Named) and isinstance(self.spec.types[core.name], EnumType):
            from ..codecs.lexical import dcs_enum_parse

            try:
                dcs_enum_parse(self.spec.enum(core.name), text)
            except ValueError as exc:
                return str(exc)
        return f"{messages.got(text)} is not valid here"

    def _content(self, node: etree._Element, place: _Place, type_name: str | None) -> tuple[str, str]:
        """An element libxml2 did not expect, or one whose content ended early: which member is
        missing, which item count is broken, or why DataContractSerializer would skip it."""
        parent = node.getparent()
        core = unwrap(place.ref) if place.ref is not None else None
        count = len([c for c in node if isinstance(c.tag, str)])
        if isinstance(core, (ListOf, DictOf)) and place.field is not None and place.field.min_items is not None \
                and count < place.field.min_items:
            return "contract.minItems", messages.facet("minItems", node, place.field.min_items, size=count)
        if isinstance(core, Named) and isinstance(self.spec.types[core.name], ClassType):
            missing = self._missing(self.spec.class_(core.name), node, None)
            if missing is not None:
                return "contract.required", messages.required_missing(
                    member_name(missing), data_member=bool(missing.data_member and missing.data_member.is_required))
        if parent is None:
            return "contract.unexpected", "element is not expected here"
        parent_place = self._place(parent, type_name)
        parent_core = unwrap(parent_place.ref) if parent_place.ref is not None else None
        if isinstance(parent_core, (ListOf, DictOf)) and parent_place.field is not None \
                and parent_place.field.max_items is not None:
            items = len([c for c in parent if isinstance(c.tag, str)])
            return "contract.maxItems", messages.facet("maxItems", parent, parent_place.field.max_items, size=items)
        if isinstance(parent_core, Named) and isinstance(self.spec.types[parent_core.name], ClassType):
            cls = self.spec.class_(parent_core.name)
            missing = self._missing(cls, parent, node)
            if missing is not None:
                return "contract.required", messages.required_missing(
                    member_name(missing), data_member=bool(missing.data_member and missing.data_member.is_required))
            plan = xml_codec.read_plan(self.spec, cls)
            index = _scan(plan, parent, node)
            reason = xml_codec.skip_reason(plan, index, str(node.tag))
            return "contract.unexpected", messages.unexpected_element(reason, cls.name)
        return "contract.unexpected", "element is not expected here"

    def _missing(self, cls: ClassType, element: etree._Element, until: etree._Element | None) -> Field | None:
        """The first member the contract profile requires that is absent from ``element`` before
        ``until`` (or at all), scanning forward as the XSD sequence does."""
        plan = xml_codec.read_plan(self.spec, cls)
        index = _scan(plan, element, until)
        stop = len(plan)
        if until is not None:
            later = [i for i in range(index + 1, len(plan)) if plan[i][0] == until.tag]
            if not later:
                return None
            stop = later[0]
        for _, f in plan[index + 1 : stop]:
            if f.required or (f.data_member and f.data_member.is_required):
                return f
        return None

    # -- what DataContractSerializer reads more strictly than the XSD -------------------

    @cached_property
    def _strict_tags(self) -> dict[str, tuple[str, ...]]:
        """Element names (Clark notation) that may hold a value DataContractSerializer reads more
        strictly than XSD does (lxml takes ``@@@@`` as base64), with the primitives they may be."""
        tags: dict[str, set[str]] = {}

        def visit(ref: TypeRef, tag: str, seen: set[str]) -> None:
            core = unwrap(ref)
            coll = collection_of(self.spec, core)
            if isinstance(coll, ListOf):
                item_name = collection_item(self.spec, core)
                visit(coll.item, clark(item_name.namespace, item_name.name), seen)
                return
            if isinstance(coll, DictOf):
                pair = collection_item(self.spec, core)
                key_name, value_name = dictionary_names(self.spec, core)
                visit(coll.key, clark(pair.namespace, key_name), seen)
                visit(coll.value, clark(pair.namespace, value_name), seen)
                return
            match core:
                case Primitive(name) if name in _STRICTER:
                    tags.setdefault(tag, set()).add(name)
                case Primitive("DateTimeOffset"):
                    tags.setdefault(f"{{{SYSTEM_NS}}}DateTime", set()).add("DateTime")
                case Named(name) if name not in seen and isinstance(self.spec.types[name], ClassType):
                    seen.add(name)
                    for owner, f in xml_members(self.spec, self.spec.class_(name)):
                        visit(f.type, clark(type_namespace(owner), member_name(f)), seen)

        for cls in self.spec.classes():
            visit(Named(cls.name), "", set())
        return {tag: tuple(sorted(names)) for tag, names in tags.items()}

    @cached_property
    def _strict_checks(self) -> dict[str, Callable[[str], bool]]:
        """One check per element name: every stricter reading its primitives demand."""
        def both(checks: list[Callable[[str], bool]]) -> Callable[[str], bool]:
            return checks[0] if len(checks) == 1 else lambda text: all(check(text) for check in checks)

        return {tag: both([_STRICTER[name] for name in names]) for tag, names in self._strict_tags.items()}

    @cached_property
    def _strict_tag_tuple(self) -> tuple[str, ...]:
        """The names ``_strict_checks`` knows, as the one argument ``iter`` takes fastest."""
        return tuple(self._strict_checks)

    def _strictly_fine(self, root: etree._Element) -> bool:
        """True when every element that DCS reads more strictly than XSD holds a value it accepts."""
        checks = self._strict_checks
        if not checks:
            return True
        for element in root.iter(self._strict_tag_tuple):
            text = element.text
            if text and not checks[element.tag](text.strip()):  # empty: nil, or an empty array
                return False
        return True


def _scan(plan: tuple[tuple[str, Field], ...], element: etree._Element, until: etree._Element | None) -> int:
    """The index of the last member DataContractSerializer's forward scan matched in ``element``
    before reaching ``until`` (-1 for none)."""
    index = -1
    for child in element:
        if child is until:
            break
        if not isinstance(child.tag, str):
            continue
        match = next((i for i in range(index + 1, len(plan)) if plan[i][0] == child.tag), None)
        if match is not None:
            index = match
    return index


# -- positions ---------------------------------------------------------------------------


def _prefixes(tree: etree._ElementTree) -> dict[str, str]:
    """Every namespace prefix the document declares, for the paths libxml2 writes with them."""
    return {p: ns for el in tree.iter() if isinstance(el.tag, str) for p, ns in el.nsmap.items() if p}


def _find(tree: etree._ElementTree, path: str | None, prefixes: dict[str, str]) -> list[Any]:
    """The nodes an lxml error path names; it may use the document's own prefixes."""
    from lxml import etree

    if not path:
        return []
    try:
        found = tree.xpath(path, namespaces=prefixes)
    except etree.XPathError:
        return []
    return found if isinstance(found, list) else []


def _column(data: bytes, line: int | None, node: Any) -> int:
    """1-based column of an element's start tag on its line (lxml gives lines only)."""
    if not line or node is None:
        return 1

    lines = data.split(b"\n")
    if line > len(lines):
        return 1
    text = lines[line - 1].decode("utf-8", "replace")
    local = xml_codec.etree_local(node)
    for marker in (f"<{local}", f":{local}"):
        at = text.find(marker)
        if at != -1:
            return (at if marker[0] == "<" else text.rfind("<", 0, at)) + 1
    return 1
