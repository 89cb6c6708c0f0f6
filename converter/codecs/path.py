"""Where a value sits in a payload: one structure, rendered for each reader only at the end.

A ``MemberPath`` is a parent-linked chain of steps. Each step knows what it is called in every
encoding (the CLR member name, the JSON name, the XML element, the form key), so a loss found
while reading XML can be reported as a JSON Pointer, and a form finding names CLR members,
without any path ever being parsed back from text.

>>> root = MemberPath.root("OutgoingSecureMessageModel")
>>> p = root.member("Patients", "patients").item(1, "PatientRecipientModel", of=2).member("ExternalId", "externalId")
>>> p.clr(), p.pointer(), p.pointer(clr=True), p.xpath(), p.form_key(), p.form_key("jquery")
('Patients[1].ExternalId', '/patients/1/externalId', '/Patients/1/ExternalId', \
'/OutgoingSecureMessageModel/Patients/PatientRecipientModel[2]/ExternalId', 'Patients[1].ExternalId', \
'Patients[1][ExternalId]')
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from .messages import name, quote

if TYPE_CHECKING:
    from ..spec.model import Field, Spec

__all__ = ["MemberPath", "StepKind", "Template", "field_step", "field_template", "type_root"]

StepKind = Literal["root", "member", "item", "entry"]
#: A step without its parent, made once per member so that hot loops add a step cheaply.
Template = tuple[StepKind, object, "str | int", str, int, int]


class MemberPath(NamedTuple):
    """One step and its parent. ``name`` is the CLR member name, an item's index or an entry's key;
    ``json_name`` what the JSON document calls it; ``xml_name`` the element's local name;
    ``position`` the 0-based place of an item or entry among its ``of`` siblings (XPath writes
    an index only among several)."""

    parent: MemberPath | None
    kind: StepKind
    name: object
    json_name: str | int
    xml_name: str
    position: int = 0
    of: int = 1

    @classmethod
    def root(cls, xml: str = "") -> MemberPath:
        """The payload itself; ``xml`` is its root element's local name."""
        return cls(None, "root", "", "", xml)

    def member(self, clr: str, json: str | None = None, xml: str | None = None, position: int = 0,
               of: int = 1) -> MemberPath:
        """A member of a class (or a name the class does not have, as written); ``position`` and
        ``of`` place its element among siblings of the same name, where a document repeats one."""
        return MemberPath(self, "member", clr, clr if json is None else json, clr if xml is None else xml, position, of)

    def child(self, template: Template) -> MemberPath:
        """The step ``template`` under this one (``field_template`` makes one per member)."""
        return _new(MemberPath, (self, *template))

    def item(self, index: int, xml: str = "", of: int = 1) -> MemberPath:
        """The ``index``-th item of a list, written as element ``xml`` among ``of`` items."""
        return _new(MemberPath, (self, "item", index, index, xml, index, of))

    def entry(self, key: object, json: str | None = None, xml: str = "", index: int = 0, of: int = 1) -> MemberPath:
        """The dictionary entry of ``key``; ``json`` is the key as the JSON document spells it."""
        return MemberPath(self, "entry", key, str(key) if json is None else json, xml, index, of)

    def steps(self) -> Iterator[MemberPath]:
        """The steps from the root down, the root itself left out."""
        chain: list[MemberPath] = []
        node: MemberPath | None = self
        while node is not None and node.kind != "root":
            chain.append(node)
            node = node.parent
        return reversed(chain)

    def clr(self) -> str:
        """CLR names joined by dots, indexes and keys in brackets: ``Patients[1].ExternalId``,
        ``Map["a b"]``; empty at the root."""
        out = ""
        for step in self.steps():
            if step.kind == "member":  # a payload's own key may name one: escaped and cut
                out += f".{name(str(step.name))}" if out else name(str(step.name))
            elif isinstance(step.name, str):
                out += f"[{quote(step.name)}]"  # quoted, escaped and cut as any value in a message
            else:
                out += f"[{step.name}]"
        return out

    def pointer(self, *, clr: bool = False) -> str:
        """An RFC 6901 JSON Pointer of JSON names (``/patients/1/externalId``), or of CLR names."""
        return "".join("/" + str(step.name if clr and step.kind == "member" else step.json_name)
                       .replace("~", "~0").replace("/", "~1") for step in self.steps())

    def xpath(self) -> str:
        """``/Root/Patients/PatientRecipientModel[2]/ExternalId``: local names, a 1-based index
        where an element has siblings of its name."""
        node: MemberPath | None = self
        names: list[str] = []
        while node is not None:
            names.append(f"{node.xml_name}[{node.position + 1}]" if node.of > 1 else node.xml_name)
            node = node.parent
        return "/" + "/".join(n for n in reversed(names) if n)

    def form_key(self, style: Literal["mvc", "jquery"] = "mvc") -> str:
        """The form key that binds this member: ``Patients[1].ExternalId`` or ``Patients[1][ExternalId]``."""
        out = ""
        for step in self.steps():
            if step.kind == "member":
                out += str(step.name) if not out else f"[{step.name}]" if style == "jquery" else f".{step.name}"
            else:
                out += f"[{step.name}]"
        return out

    def __str__(self) -> str:
        return self.clr()


#: Builds a step without NamedTuple's keyword handling: codecs make one per member they read or write.
_new = tuple.__new__


def field_step(spec: Spec, parent: MemberPath, f: Field) -> MemberPath:
    """The path of member ``f`` under ``parent``, named as each encoding names it."""
    return parent.child(field_template(spec, f))


@cache
def field_template(spec: Spec, f: Field) -> Template:
    """Member ``f``'s step, named for every encoding; built once per member."""
    from ..spec.datacontract import json_name, member_name

    return ("member", f.name, json_name(spec, f), member_name(f), 0, 1)


@cache
def type_root(spec: Spec, type_name: str) -> MemberPath:
    """The root of a payload of ``type_name`` (any type expression): its XML root element's name."""
    from ..spec.datacontract import root_name

    try:
        ref = spec.resolve(type_name)
    except ValueError:
        return MemberPath.root(type_name)
    return MemberPath.root(root_name(spec, ref).name)
