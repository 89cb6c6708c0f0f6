"""Turn read pages into a draft spec: tables for names, descriptions and constraints; samples
for what the tables leave out (nested types, namespaces, bases, nullability, JSON naming).

The rules of the page generator relied on here, from aspnet/AspNetWebStack c62b87fb,
src/WebApiHelpPage/Areas/HelpPage/ (see also ../shared/reference/helppage-rules.md):

- members are listed in reflection order, the most-derived class's first (ModelDescriptionGenerator);
- the XML sample is DataContractSerializer's: base members first, each level in ordinal order,
  each member in its declaring class's namespace (HelpPageSampleGenerator writes through the
  formatter);
- ObjectGenerator gives each object a fresh counter that every simple member increments, and a
  new generator (so a counter restarting at 1) to each nested object, collection and
  ``Nullable<T>``; enums and collections take no number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import Origin
from ..spec.datacontract import ARRAYS_NS, DATACONTRACT_NS, SER_NS, XS_NS, XSI_NS, boxed_primitive, camel_case
from .draft import DraftField, DraftOperation, DraftSpec, DraftType, Guess
from .page import Body, HelpPageError, Page, Row, Sample
from .types import SIMPLE, Display, parse_annotation, parse_display

__all__ = ["difference", "infer", "origin"]

_NUMBERED_STRING = re.compile(r"sample string ([0-9]+)")
_NUMBERED_URI = re.compile(r"http://webapihelppage([0-9]+)\.com/?")
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(?:Z|[+-][0-9]{2}:[0-9]{2})?")
_TIMESPAN = re.compile(r"-?(?:[0-9]+\.)?[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?|-?P[0-9DTHMS.]+")
_POSSIBLE = re.compile(r"Possible values: ([^.]+)\.")
_REQUIRED = re.compile(r"\(Required\)", re.I)
_READ_ONLY = re.compile(r"\(Read[ -]?only\)", re.I)
_VALUE_TYPES = {"bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double",
                "decimal", "char", "Guid", "DateTime", "DateTimeOffset", "TimeSpan"}
_NUMBERED = {"string", "Uri", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal"}


class _Float(str):
    """A JSON number with a fraction, kept as written: ``4.0`` is a decimal's, ``4.1`` a double's."""


@dataclass
class _Member:
    """One member while its class is being built: its row, sample values and draft field."""

    field: DraftField
    json_value: Any
    has_json: bool
    element: Any  # lxml element or None
    core: str  # the type without ``?``, as first resolved
    enum_type: bool = False


def infer(pages: list[Page], title: str | None = None) -> DraftSpec:
    """The draft spec several pages make: shared types merged, a conflict an error naming both."""
    return _Importer(pages, title).run()


class _Importer:
    def __init__(self, pages: list[Page], title: str | None) -> None:
        self.pages = pages
        api = [p for p in pages if p.method]
        self.spec = DraftSpec(title or (f"{api[0].method} {api[0].path}" if api else pages[0].title if pages else ""))
        self.models: dict[str, Page] = {}
        for page in pages:
            if page.model:
                other = self.models.get(page.model)
                if other is not None and (other.rows, other.enum_values) != (page.rows, page.enum_values):
                    raise HelpPageError(f"model {page.model} differs from its page at {other.where(other.line)}",
                                        page.where(page.line))
                self.models[page.model] = page
        self.naming_votes: dict[str, str] = {}
        self.enum_votes: dict[str, str] = {}
        self.page: Page = pages[0] if pages else Page("", "", 1)
        self.building: set[str] = set()
        self.samples: tuple[Sample, ...] = ()
        self.order: list[str] = []
        self.bases: dict[tuple[str, str | None, tuple[str, ...]], str] = {}
        self.base_notes: dict[str, list[str]] = {}

    # -- the spec -----------------------------------------------------------------------------

    def run(self) -> DraftSpec:
        for page in self.pages:
            self.page = page
            if page.method:
                self.operation(page)
        for page in self.pages:
            self.page = page
            if page.model and page.model not in self.spec.types:
                self.model_only(page)
        self.enum_namespaces()
        ranked = [n for n in self.order if n in self.spec.types]
        self.spec.types = {n: self.spec.types[n] for n in ranked + [n for n in self.spec.types if n not in ranked]}
        if "camelCase" in self.naming_votes.values() and "none" in self.naming_votes.values():
            self.spec.warnings.append(f"{self.pages[0].source}: warning: the samples mix camel-cased and unchanged "
                                      "JSON names; members that differ from the setting carry jsonName")
        naming = "none" if list(self.naming_votes.values()).count("none") > list(
            self.naming_votes.values()).count("camelCase") else "camelCase"
        enums = "name" if "name" in self.enum_votes.values() else "number"
        self.spec.json = {"naming": naming, "enums": enums, "nulls": "include"}
        for tdef in self.spec.types.values():
            for f in tdef.fields or ():
                vote = self.naming_votes.get(f"{tdef.name}.{f.name}")
                if vote is not None and vote != naming:
                    f.json_name = camel_case(f.name) if vote == "camelCase" else f.name
        return self.spec

    def enum_namespaces(self) -> None:
        """An enum's namespace shows nowhere in a sample (its values are text in the member's
        element): the likeliest is that of the first class using it."""
        for tdef in self.spec.types.values():
            if tdef.members is None or tdef.namespace is not None or "namespace" in tdef.data_contract:
                continue
            user = next((c for c in self.spec.types.values() for f in c.fields or ()
                         if re.search(rf"(?<![A-Za-z0-9_.]){re.escape(tdef.name)}(?![A-Za-z0-9_])", f.type)), None)
            if user is not None and user.namespace is not None:
                tdef.namespace = user.namespace
                g = Guess(tdef.where, f"namespace of enum {tdef.name}", user.namespace,
                          f"that of {user.name}, which uses it; no sample shows an enum's namespace")
                self.spec.guesses.append(g)
                tdef.notes.append(g.comment())

    def where(self, line: int) -> str:
        """``file:line`` on the page being read."""
        return f"{self.page.source}:{line}"

    def guess(self, line: int, subject: str, choice: str, why: str, notes: list[str]) -> None:
        g = Guess(self.where(line), subject, choice, why)
        if not any((o.subject, o.choice) == (subject, choice) for o in self.spec.guesses):
            self.spec.guesses.append(g)
        notes.append(g.comment())

    def warn(self, line: int, message: str) -> None:
        self.spec.warnings.append(f"{self.where(line)}: warning: {message}")

    def operation(self, page: Page) -> None:
        op = DraftOperation(page.method or "", page.path or "", self.where(page.line),
                            page.documentation or None)
        for row in page.uri_parameters:
            notes = f" ({', '.join(row.annotations)})" if row.annotations else ""
            op.notes.append(f"URI parameter {row.name}: {row.type_text}{notes}"
                            + (f": {row.description}" if row.description else ""))
        if page.request is not None:
            op.request = self.body(page.request, "request")
            op.formats = [m for s in page.request.samples for m in s.media_types]
        if page.response is not None:
            op.response = self.body(page.response, "response")
            if not op.formats:
                op.formats = [m for s in page.response.samples for m in s.media_types]
        self.spec.operations.append(op)

    def model_only(self, page: Page) -> None:
        """A ResourceModel page no API page used: its table is all there is."""
        if page.enum_values is not None:
            self.enum_from_page(page.model or "", page.line)
        else:
            self.build_class(page.model or "", page.rows, None, False, None, None, page.line, None)

    # -- bodies -------------------------------------------------------------------------------

    def body(self, body: Body, role: str) -> str | None:
        self.samples = body.samples
        json_text = _sample(body.samples, "json")
        xml_text = _sample(body.samples, "xml")
        jv, has_json = (self.parse_json(json_text), True) if json_text else (None, False)
        xe = self.parse_xml(xml_text) if xml_text else None
        display = parse_display(body.model) if body.model else None
        if display is None and xe is None and not has_json:
            return None
        if display is None:  # the old template names no model: the XML root does
            if xe is None:
                raise HelpPageError(f"the {role} has neither a model table nor an XML sample to name its type",
                                    Origin(self.page.source, body.line, 1))
            local = _local(xe)
            if _ns(xe) in (SER_NS, XS_NS) and _primitive(local):
                return _primitive(local) or ""  # <int xmlns="...Serialization/">: the XML names the primitive
            if _ns(xe) == ARRAYS_NS and local.startswith("ArrayOf") and _primitive(local[7:]):
                return f"List<{_primitive(local[7:])}>"
            if local.startswith("ArrayOf") and len(xe):
                display = Display("collection", "", (Display("model", _local(xe[0])),))
            else:
                display = Display("model", local)
        if display.kind == "collection" and display.args[0].kind == "model":
            item = display.args[0].name
            if has_json and not isinstance(jv, list):
                raise HelpPageError(f"the {role} is a collection but its JSON sample is not an array",
                                    Origin(self.page.source, _sample_line(body.samples, "json"), 1))
            first_json = jv[0] if has_json and jv else None
            first_xml = xe[0] if xe is not None and len(xe) else None
            if xe is not None and not _local(xe).startswith("ArrayOf"):
                self.warn(body.line, f"the {role}'s XML root {_local(xe)} is not ArrayOf{item}: a "
                                     "[CollectionDataContract] body, which the spec cannot say yet; check it")
            ns = _ns(first_xml) if first_xml is not None else None
            name = self.class_or_enum(item, body.rows, first_json, has_json and bool(jv), first_xml, body.line, ns,
                                      _local(first_xml) if first_xml is not None else None)
            return f"List<{name}>"
        if display.kind == "model":
            return self.class_or_enum(display.name, body.rows, jv, has_json, xe, body.line,
                                      _ns(xe) if xe is not None else None, _local(xe) if xe is not None else None)
        notes: list[str] = []
        if display.kind == "collection" and display.args[0].kind == "object" and not has_json and xe is None:
            # ModelDescriptionGenerator shows a class deriving List<T> as "Collection of Object", and
            # ObjectGenerator cannot fill it (it adds objects to a List<T>), so no sample says T.
            self.warn(body.line, f"the {role} shows 'Collection of Object' and no sample: a class deriving "
                                 "List<T> looks so too; imported as List<object>")
        expr = self.resolve(display, jv, has_json, xe, body.line, f"the {role}", notes, None)
        return expr

    def parse_json(self, text: str) -> Any:
        try:
            value, end = json.JSONDecoder(parse_float=_Float).raw_decode(text.strip())
        except json.JSONDecodeError as exc:
            raise HelpPageError(f"the JSON sample is not JSON: {exc.msg} (sample line {exc.lineno}, column "
                                f"{exc.colno})", Origin(self.page.source, self.sample_line("json"), 1)) from None
        if text.strip()[end:].strip():
            self.warn(self.sample_line("json"), "text after the JSON sample was ignored")
        return value

    def sample_line(self, kind: str) -> int:
        """The line the current body's JSON or XML sample starts on."""
        return _sample_line(self.samples, kind) or self.page.line

    def xml_line(self, element: Any) -> int:
        """The page line of an element of the current XML sample."""
        return self.sample_line("xml") + (element.sourceline or 1) - 1

    def parse_xml(self, text: str) -> Any:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        lines = text.strip().split("\n")
        try:
            root = etree.fromstring("\n".join(lines).encode("utf-8"), parser)
        except etree.XMLSyntaxError as exc:
            # Text copied from a browser may run on past the sample (the site's footer): the
            # longest leading part that is a document is the sample.
            for end in range(len(lines) - 1, 0, -1):
                try:
                    root = etree.fromstring("\n".join(lines[:end]).encode("utf-8"), parser)
                except etree.XMLSyntaxError:
                    continue
                self.warn(self.sample_line("xml") + end, "text after the XML sample was ignored")
                break
            else:
                raise HelpPageError(f"the XML sample is not XML: {exc.msg}", Origin(
                    self.page.source, self.sample_line("xml") + (exc.lineno or 1) - 1, 1)) from None
        if root.nsmap.get("xsd") == XS_NS or (root.nsmap.get("xsi") == XSI_NS and "i" not in root.nsmap):
            self.warn(self.sample_line("xml"), "the XML sample is XmlSerializer's (xmlns:xsd/xmlns:xsi, "
                                               "declaration order), not DataContractSerializer's: the service uses "
                                               "UseXmlSerializer, so no namespace or XML order is taken from it")
            root.set("{urn:contractkit}xmlserializer", "1")
        return root

    # -- types --------------------------------------------------------------------------------

    def class_or_enum(self, name: str, rows: tuple[Row, ...] | None, jv: Any, has_json: bool, xe: Any,
                      line: int, ns: str | None, element_name: str | None) -> str:
        page = self.models.get(name)
        if page is not None and page.enum_values is not None:
            if has_json and isinstance(jv, str):
                self.enum_votes[name] = "name"  # StringEnumConverter: the member's name, not its number
            return self.enum_from_page(name, page.line)
        if rows is None and page is not None:
            rows = page.rows
        if has_json and not isinstance(jv, dict) and jv is not None:
            # a link whose sample is a number or a name: an enum without its page
            return self.enum_from_sample(name, jv, xe, line)
        return self.build_class(name, rows, jv, has_json, xe, ns, line, element_name)

    def enum_from_page(self, name: str, line: int) -> str:
        page = self.models[name]
        if name not in self.spec.types:
            tdef = DraftType(name, f"{page.source}:{page.line}", description=page.documentation or None,
                             members=[(v.name, v.value) for v in page.enum_values or ()])
            self.spec.types[name] = tdef
        return name

    def enum_from_sample(self, name: str, jv: Any, xe: Any, line: int) -> str:
        text = xe.text.strip() if xe is not None and xe.text else None
        value = jv if isinstance(jv, int) and not isinstance(jv, bool) else 0
        member = text or (jv if isinstance(jv, str) else None)
        if member is None or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", member):
            raise HelpPageError(f"{name}: an enum without its ResourceModel page and without its member's name "
                                "in an XML sample", Origin(self.page.source, line, 1))
        if isinstance(jv, str):
            self.enum_votes[name] = "name"
        if name not in self.spec.types:
            tdef = DraftType(name, self.where(line), members=[(member, value)])
            self.guess(line, name, f"enum with the one member {member} = {value}",
                       "the sample shows only the lowest value; add the enum's ResourceModel page", tdef.notes)
            self.spec.types[name] = tdef
        return name

    def build_class(self, name: str, rows: tuple[Row, ...] | None, jv: Any, has_json: bool, xe: Any,
                    ns: str | None, line: int, element_name: str | None) -> str:
        if name in self.building:
            return name  # a circular reference: ObjectGenerator reuses the instance
        self.building.add(name)
        if name not in self.order:
            self.order.append(name)  # a class before the types it holds, as a person writes a spec
        try:
            return self._build_class(name, rows, jv if isinstance(jv, dict) else None, has_json and jv is not None,
                                     xe, ns, line, element_name)
        finally:
            self.building.discard(name)

    def _build_class(self, name: str, rows: tuple[Row, ...] | None, jv: dict[str, Any] | None, has_json: bool,
                     xe: Any, ns: str | None, line: int, element_name: str | None) -> str:
        xml_serializer = xe is not None and xe.getroottree().getroot().get("{urn:contractkit}xmlserializer") == "1"
        children = [c for c in xe if isinstance(c.tag, str)] if xe is not None else []
        by_xml = {_local(c): c for c in children}
        by_xml_fold = {_local(c).lower(): c for c in children}
        keys = list(jv) if jv is not None else []
        used_keys: set[str] = set()
        key_of: dict[str, str | None] = {}
        members: list[_Member] = []
        model_page = self.models.get(name)
        names = [r.name for r in rows] if rows is not None else (
            [self.clr_name(k, by_xml_fold) for k in keys] if jv is not None else [_local(c) for c in children])
        for i, member_name in enumerate(names):
            row = rows[i] if rows is not None else None
            where = self.where(row.line if row else line)
            key = self.json_key(name, member_name, keys, used_keys) if jv is not None else None
            element = _pick(by_xml, by_xml_fold, member_name)
            f = DraftField(member_name, "", where)
            if row is not None:
                self.from_row(f, row)
            members.append(_Member(f, jv.get(key) if jv is not None and key is not None else None,
                                   key is not None, element, ""))
            key_of[member_name] = key
        for at, key in enumerate(keys):
            if key not in used_keys:
                clr = self.clr_name(key, by_xml_fold)
                self.warn(self.sample_line("json"), f"{name}: the JSON sample has {key!r}, which the table does not "
                                                    f"list; added as {clr}")
                element = _pick(by_xml, by_xml_fold, clr)
                # The samples win for order too: the member goes where the JSON (reflection order) has it.
                before = {k for k in keys[:at]}
                place = max((i + 1 for i, m in enumerate(members) if key_of.get(m.field.name) in before), default=0)
                members.insert(place, _Member(DraftField(clr, "", self.where(line)), jv[key] if jv else None, True,
                                              element, ""))
                key_of[clr] = key
                self.naming_votes[f"{name}.{clr}"] = "camelCase" if key == camel_case(clr) and key != clr else "none"
        known = {m.field.name.lower() for m in members}
        for c in children:
            if _local(c).lower() not in known:
                self.warn(self.xml_line(c), f"{name}: the XML sample has <{_local(c)}>, which neither the table "
                                                "nor the JSON sample lists; added")
                members.append(_Member(DraftField(_local(c), "", self.where(line)), None, False, c, ""))
        # Types, then nullability from the sample counter.
        for m in members:
            row = next((r for r in rows or () if r.name == m.field.name), None)
            display = parse_display(row.type_text) if row is not None else None
            if row is not None and display is None:
                raise HelpPageError(f"{name}.{m.field.name}: {row.type_text!r} is not a type the help page writes",
                                    Origin(self.page.source, row.line, 1))
            m.field.type = self.resolve(display, m.json_value, m.has_json, m.element,
                                        row.line if row else line, f"{name}.{m.field.name}", m.field.notes,
                                        m.field.name)
            m.core = m.field.type
            m.enum_type = isinstance(self.spec.types.get(m.core), DraftType) and self.spec.types[m.core].members is not None
            self.constraints(m.field, row)
        self.nullability(name, members, line)
        # Levels: members in another namespace than the class's own belong to base classes.
        own_ns = ns
        if xml_serializer:
            own_ns = None
        elif own_ns is None and children:
            own_ns = _ns(children[-1])
        levels = [own_ns]
        if not xml_serializer:
            for c in children:
                if _ns(c) not in levels:
                    levels.insert(-1, _ns(c))
            self.check_order(name, children, line)
        level_of = {m.field.name: (_ns(m.element) if m.element is not None and not xml_serializer else own_ns)
                    for m in members}
        chain: list[str] = [name]
        for j in range(len(levels) - 2, -1, -1):
            # The base's members, its own bases' included, in reflection order: what its page lists.
            inherited = [m.field.name for m in members if levels.index(level_of[m.field.name]) <= j]
            level_fields = [m.field for m in members if level_of[m.field.name] == levels[j]]
            base = self.base_name(chain[-1], levels[j], level_fields, inherited, line)
            chain.append(base)
            if base not in self.order:
                self.order.insert(self.order.index(chain[-2]), base)  # a base before its derived class
        if rows is not None and len(levels) > 1:
            order = [levels.index(level_of[m.field.name]) for m in members]
            if order != sorted(order, reverse=True):
                self.warn(line, f"{name}: the table does not list the derived class's members first and each base's "
                                "after them, as reflection does; the XML namespaces were followed")
        for depth, level_ns in enumerate(reversed(levels)):
            tname = chain[depth]
            fields = [m.field for m in members if level_of[m.field.name] == level_ns]
            tdef = DraftType(tname, self.where(line), base=chain[depth + 1] if depth + 1 < len(chain) else None,
                             fields=fields, notes=self.base_notes.pop(tname, []))
            if depth == 0 and model_page is not None and model_page.documentation:
                tdef.description = model_page.documentation
            if level_ns is not None:
                self.set_namespace(tdef, level_ns)
            if depth == 0 and element_name is not None and element_name != name and not xml_serializer:
                tdef.data_contract["name"] = element_name
            self.add_type(tdef, line)
        return name

    def add_type(self, tdef: DraftType, line: int) -> None:
        have = self.spec.types.get(tdef.name)
        if have is None:
            self.spec.types[tdef.name] = tdef
            return
        if have.shape() != tdef.shape():
            what, new, old = difference(have, tdef)
            raise HelpPageError(f"type {tdef.name} differs from the one read at {old}: {what}", origin(new))
        for mine, theirs in zip(have.fields or (), tdef.fields or ()):
            mine.description = mine.description or theirs.description
            mine.required = mine.required or theirs.required
            mine.read_only = mine.read_only or theirs.read_only
            for note in theirs.notes:
                if note not in mine.notes and not note.startswith("guess:"):
                    mine.notes.append(note)

    def set_namespace(self, tdef: DraftType, ns: str) -> None:
        if ns.startswith(DATACONTRACT_NS) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*",
                                                           ns[len(DATACONTRACT_NS):]):
            tdef.namespace = ns[len(DATACONTRACT_NS):]
        else:
            tdef.data_contract["namespace"] = ns

    def base_name(self, nearer: str, ns: str | None, fields: list[DraftField], inherited: list[str],
                  line: int) -> str:
        """A base class's name: the ResourceModel page that lists exactly its members (its own
        bases' included), else a guess (the help page never names a base class)."""
        names = [f.name for f in fields]
        key = (nearer, ns, tuple(names))
        if key in self.bases:
            return self.bases[key]
        for model, page in self.models.items():
            if page.rows is not None and [r.name for r in page.rows] == inherited:
                return model
        words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", nearer)
        clr = _clr(ns)
        if nearer in self.bases.values() and clr:  # a base of a guessed base: after its namespace
            guess = clr.rpartition(".")[2] + "Base"
        else:  # OutgoingSecureMessageModel -> BaseModel, Circle -> CircleBase
            guess = f"Base{words[-1]}" if words and words[-1] != nearer else f"{nearer}Base"
        while guess in self.spec.types and self.spec.types[guess].namespace != _clr(ns):
            guess += "_"
        notes: list[str] = []
        self.guess(line, f"base class of {nearer}", guess,
                   f"the XML puts {', '.join(names)} in {ns or 'no namespace'}, so a base class declares them; "
                   "the page never names it", notes)
        self.base_notes[guess] = notes
        self.bases[key] = guess
        return guess

    def check_order(self, name: str, children: list[Any], line: int) -> None:
        """Within one namespace, DataContractSerializer writes members in ordinal order (no
        ``Order``): say so where the sample does not."""
        for a, b in zip(children, children[1:]):
            if _ns(a) == _ns(b) and _local(a).encode("utf-16-be") > _local(b).encode("utf-16-be"):
                self.warn(self.xml_line(b), f"{name}: the XML sample has <{_local(a)}> before <{_local(b)}>, "
                                                "which is not DataContract order (ordinal within a class): a "
                                                "[DataMember(Order)] or a base class in the same namespace; "
                                                "the spec keeps the table's order")
                return

    def clr_name(self, key: str, by_xml_fold: dict[str, Any]) -> str:
        element = by_xml_fold.get(key.lower())
        if element is not None:
            return _local(element)
        return key[:1].upper() + key[1:]

    def json_key(self, cls: str, member: str, keys: list[str], used: set[str]) -> str | None:
        for key in keys:
            if key in used:
                continue
            if key == member or key == camel_case(member):
                used.add(key)
                if key != member or member != camel_case(member):
                    self.naming_votes[f"{cls}.{member}"] = "none" if key == member else "camelCase"
                return key
        for key in keys:
            if key not in used and key.lower() == member.lower():
                used.add(key)
                self.naming_votes[f"{cls}.{member}"] = "none"
                return key
        return None

    def from_row(self, f: DraftField, row: Row) -> None:
        f.description = row.description or None
        if row.description and _REQUIRED.search(row.description):
            f.required = True
        if row.description and _READ_ONLY.search(row.description):
            f.read_only = True

    def constraints(self, f: DraftField, row: Row | None) -> None:
        """Annotations (AnnotationTextGenerator) and "Possible values" as the spec's constraints."""
        if row is None:
            return
        collection = f.type.startswith("List<") or f.type.endswith("[]") and f.type != "byte[]"
        m = _POSSIBLE.search(row.description or "")
        if m and f.type == "string":
            f.enum = [v.strip() for v in m.group(1).split(",") if v.strip()]
        for text in row.annotations:
            a = parse_annotation(text)
            if a is None:
                continue
            if a.kind == "required":
                f.required = True
            elif a.kind == "range":
                f.constraints["minimum"], f.constraints["maximum"] = _number(a.values[0]), _number(a.values[1])
            elif a.kind in ("maxLength", "minLength"):
                key = ("maxItems" if a.kind == "maxLength" else "minItems") if collection else a.kind
                f.constraints[key] = int(a.values[0])
            elif a.kind == "stringLength":
                if int(a.values[0]):
                    f.constraints["minLength"] = int(a.values[0])
                f.constraints["maxLength"] = int(a.values[1])
            elif a.kind == "pattern":
                f.constraints["pattern"] = a.values[0]
            elif a.kind == "dataType":
                f.notes.append(f"[DataType({a.values[0]})]: the spec has no constraint for it")

    def resolve(self, display: Display | None, jv: Any, has_json: bool, xe: Any, line: int, subject: str,
                notes: list[str], member: str | None) -> str:
        """The type expression of one value, from its display name and its samples."""
        if display is None:
            return self.from_sample(jv, has_json, xe, line, subject, notes, member)
        kind = display.kind
        if kind == "simple":
            return self.simple(display.name, jv, xe, line, subject, notes)
        if kind == "object":
            return "object"
        if kind == "pair":
            raise HelpPageError(f"{subject}: a KeyValuePair ('Pair of ...'), which the spec format has no "
                                "type for", Origin(self.page.source, line, 1))
        if kind == "collection":
            inner = display.args[0]
            if inner.kind == "simple" and inner.name == "byte" and (isinstance(jv, str) or not has_json):
                return "byte[]"  # byte[] shows "Collection of byte" and writes base64 ("QEA=")
            item_json = jv[0] if isinstance(jv, list) and jv else None
            items = [c for c in xe if isinstance(c.tag, str)] if xe is not None else []
            item_xe = items[0] if items else None
            if inner.kind == "model":
                ns = _ns(item_xe) if item_xe is not None else None
                name = self.class_or_enum(inner.name, None, item_json, item_json is not None, item_xe, line, ns,
                                          _local(item_xe) if item_xe is not None else None)
                return f"List<{name}>"
            if item_xe is not None and _ns(item_xe) == ARRAYS_NS and _primitive(_local(item_xe)):
                return f"List<{_primitive(_local(item_xe))}>"  # <d2p1:long>: the items' contract says long
            return f"List<{self.resolve(inner, item_json, item_json is not None, item_xe, line, subject, notes, None)}>"
        if kind == "dictionary":
            key_d, value_d = display.args
            pair = next((c for c in xe if isinstance(c.tag, str)), None) if xe is not None else None
            kx = pair[0] if pair is not None and len(pair) > 0 else None
            vx = pair[1] if pair is not None and len(pair) > 1 else None
            first = next(iter(jv.items()), None) if isinstance(jv, dict) else None
            k = self.resolve(key_d, first[0] if first else None, first is not None, kx, line, subject, notes, None)
            v = self.resolve(value_d, first[1] if first else None, first is not None, vx, line, subject, notes, None)
            return f"Dictionary<{k},{v}>"
        return self.class_or_enum(display.name, None, jv, has_json, xe, line,
                                  self.member_ns(xe), None)

    def member_ns(self, xe: Any) -> str | None:
        """A nested object's own namespace: that of its last member element."""
        if xe is None:
            return None
        kids = [c for c in xe if isinstance(c.tag, str)]
        return _ns(kids[-1]) if kids else None

    def simple(self, shown: str, jv: Any, xe: Any, line: int, subject: str, notes: list[str]) -> str:
        self.cross_check(shown, jv, line, subject)
        choices = SIMPLE[shown]
        if len(choices) == 1:
            return choices[0]
        if shown == "date":
            if xe is not None and len(xe) and any(_local(c) == "OffsetMinutes" for c in xe):
                return "DateTimeOffset"  # DataContractSerializer writes DateTime + OffsetMinutes
            if xe is not None:
                return "DateTime"
            self.guess(line, subject, "DateTime", "'date' is DateTime or DateTimeOffset; no XML sample tells", notes)
            return "DateTime"
        if shown == "decimal number":
            text = jv if isinstance(jv, _Float) else (xe.text.strip() if xe is not None and xe.text else None)
            if text is not None and re.fullmatch(r"-?[0-9]+(\.0)?", text):
                return "decimal"  # ObjectGenerator: (Decimal)n, written 4.0; doubles are n + 0.1
            if text is not None and re.fullmatch(r"-?[0-9]+\.1[0-9]*", text):
                self.guess(line, subject, "double", "the sample's n.1 is a double's or a float's", notes)
                return "double"
            self.guess(line, subject, "decimal", "'decimal number' is decimal, double or float; no sample tells",
                       notes)
            return "decimal"
        choice = choices[0]
        self.guess(line, subject, choice, f"'{shown}' is {', '.join(choices[:-1])} or {choices[-1]}; "
                                          "the page cannot tell", notes)
        return choice

    def cross_check(self, shown: str, jv: Any, line: int, subject: str) -> None:
        """The table's type against the JSON sample's value: a mismatch is said (the table's type is
        kept: it names the CLR type, the sample only its shape)."""
        if jv is None:
            return
        if shown == "boolean":
            fits = isinstance(jv, bool)
        elif shown in ("integer", "unsigned integer", "byte", "signed byte", "decimal number"):
            fits = isinstance(jv, (int, _Float)) and not isinstance(jv, bool)
        else:
            fits = isinstance(jv, str) and not isinstance(jv, _Float)
        if not fits:
            self.warn(line, f"{subject}: the table says {shown!r} but the JSON sample has {json.dumps(jv)[:40]}; "
                            "the table's type is kept")

    def from_sample(self, jv: Any, has_json: bool, xe: Any, line: int, subject: str, notes: list[str],
                    member: str | None) -> str:
        """A member only the samples show: its type from the value ObjectGenerator wrote."""
        if isinstance(jv, bool):
            return "bool"
        if isinstance(jv, dict) or jv is None and xe is not None and len(xe) and not has_json:
            name = member or "Item"
            self.guess(line, subject, f"class {name}", "a nested object the tables do not list is named after its "
                                                      "member", notes)
            return self.build_class(name, None, jv, has_json, xe, self.member_ns(xe), line, None)
        if isinstance(jv, list):
            items = [c for c in xe if isinstance(c.tag, str)] if xe is not None else []
            item_xe = items[0] if items else None
            if item_xe is not None and _ns(item_xe) == ARRAYS_NS and _primitive(_local(item_xe)):
                return f"List<{_primitive(_local(item_xe))}>"  # <d2p1:long>: the items' contract says long
            first = jv[0] if jv else None
            if isinstance(first, dict) and item_xe is not None:
                name = self.build_class(_local(item_xe), None, first, True, item_xe, _ns(item_xe), line,
                                        _local(item_xe))
                return f"List<{name}>"
            return f"List<{self.from_sample(first, first is not None, item_xe, line, subject, notes, member)}>"
        if isinstance(jv, _Float):
            return "decimal" if jv.endswith(".0") else "double"
        if isinstance(jv, int):
            if jv == 64:
                self.guess(line, subject, "byte", "64 is what ObjectGenerator writes for byte and sbyte", notes)
                return "byte"
            self.guess(line, subject, "int", "a whole number is int, long or short; the page cannot tell", notes)
            return "int"
        text = jv if isinstance(jv, str) else (xe.text or "").strip() if xe is not None else None
        if text is None:
            self.guess(line, subject, "string", "the samples show no value", notes)
            return "string"
        if _NUMBERED_STRING.fullmatch(text):
            return "string"
        if _NUMBERED_URI.fullmatch(text):
            return "Uri"
        if _GUID.fullmatch(text):
            return "Guid"
        if text == "QEA=":
            return "byte[]"
        if _DATE.fullmatch(text):
            return "DateTime"
        if _TIMESPAN.fullmatch(text):
            return "TimeSpan"
        if text in ("A", "65"):
            return "char"
        self.guess(line, subject, "string", f"the sample's {text[:30]!r} is no value ObjectGenerator writes", notes)
        return "string"

    def nullability(self, cls: str, members: list[_Member], line: int) -> None:
        """Which value-type members are ``T?``: each simple member takes the object's next number,
        while a ``Nullable<T>`` gets a new generator (its number is 1) and takes none."""
        index, forced = 0, 0
        pending: list[_Member] = []
        for m in members:
            core = m.core
            value = m.json_value if m.has_json else (m.element.text if m.element is not None else None)
            number = _number_of(core, value)
            if core in _NUMBERED and number is not None:
                gap = number - index - forced - 1
                if 0 <= gap <= len(pending):
                    self.settle(cls, pending, gap, line)
                    index, forced, pending = number, 0, []
                elif number == 1 and core in _VALUE_TYPES:
                    m.field.type = core + "?"
                else:
                    self.warn(line, f"{cls}.{m.field.name}: the sample counter reads {number} where "
                                    f"{index + forced + 1} to {index + forced + len(pending) + 1} was due; "
                                    "nullability not inferred")
                    index, forced, pending = number, 0, []
            elif core in _VALUE_TYPES and not m.enum_type:
                pending.append(m)
            elif core == "object":
                forced += 1
        for m in pending:  # no later member shows the counter: T or T? cannot be told
            self.guess(_line_of(m.field.where, line), f"{cls}.{m.field.name}", m.core,
                       f"or {m.core}?: no member after it shows the sample counter", m.field.notes)

    def settle(self, cls: str, pending: list[_Member], consumed: int, line: int) -> None:
        nullable = len(pending) - consumed
        if nullable <= 0:
            return
        if nullable == len(pending):
            for m in pending:
                m.field.type = m.core + "?"
            return
        # Which of them: dates before the rest (an event that may not have happened), the later
        # declared first. A guess either way, said so on each.
        ranked = sorted(range(len(pending)), key=lambda i: (pending[i].core not in ("DateTime", "DateTimeOffset"), -i))
        chosen = [pending[i] for i in sorted(ranked[:nullable])]
        names = ", ".join(m.field.name for m in pending)
        for m in chosen:
            m.field.type = m.core + "?"
            self.guess(_line_of(m.field.where, line), f"{cls}.{m.field.name}", m.field.type,
                       f"the sample counter skips {nullable} of {names}, so that many are nullable", m.field.notes)


def _pick(exact: dict[str, Any], folded: dict[str, Any], name: str) -> Any:
    found = exact.get(name)
    return found if found is not None else folded.get(name.lower())


def _line_of(where: str, default: int) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else default


def _number_of(core: str, value: Any) -> int | None:
    if value is None:
        return None
    text = str(value).strip()
    for pattern in (_NUMBERED_STRING, _NUMBERED_URI):
        m = pattern.fullmatch(text)
        if m:
            return int(m.group(1))
    m = re.fullmatch(r"(-?[0-9]+)(?:\.[0-9]+)?", text)
    return int(m.group(1)) if m and core not in ("string", "Uri") else None


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)


def difference(a: DraftType, b: DraftType) -> tuple[str, str, str]:
    """What differs between two readings of one type, and where each reading said it (the
    member's row when a member differs)."""
    if a.namespace != b.namespace:
        return f"namespace {a.namespace} against {b.namespace}", b.where, a.where
    if a.base != b.base:
        return f"base {a.base} against {b.base}", b.where, a.where
    for x, y in zip(a.fields or (), b.fields or ()):
        if (x.name, x.type) != (y.name, y.type):
            return f"member {x.name}: {x.type} against {y.name}: {y.type}", y.where, x.where
    if len(a.fields or ()) != len(b.fields or ()):
        return f"{len(a.fields or ())} members against {len(b.fields or ())}", b.where, a.where
    return "a different contract", b.where, a.where


def origin(where: str) -> Origin:
    file, _, line = where.rpartition(":")
    return Origin(file, int(line), 1) if line.isdigit() else Origin(where)


def _sample(samples: Iterable[Sample], kind: str) -> str | None:
    for s in samples:
        if s.text is not None and any(kind in m.lower() for m in s.media_types):
            return s.text
    return None


def _sample_line(samples: Iterable[Sample], kind: str) -> int:
    for s in samples:
        if s.text is not None and any(kind in m.lower() for m in s.media_types):
            return s.line
    return 0


def _primitive(contract: str) -> str | None:
    """The primitive whose DataContract name an element carries (``long``, ``dateTime``, ``guid``)."""
    if contract == "anyType":
        return "object"
    return boxed_primitive(XS_NS, contract) or boxed_primitive(SER_NS, contract)


def _local(element: Any) -> str:
    tag: str = element.tag
    return tag.rpartition("}")[2]


def _ns(element: Any) -> str:
    tag: str = element.tag
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _clr(ns: str | None) -> str | None:
    return ns[len(DATACONTRACT_NS):] if ns is not None and ns.startswith(DATACONTRACT_NS) else None
