"""Reduce a set of XSD documents to their components, for structural comparison.

Two schema sets describe the same components when, per target namespace, they
declare the same global elements, types and attributes with the same content:
element names, types (as qualified names, whatever the prefix), order,
occurrence, nillability, facets and DataContract annotations. Imports,
schemaLocation hints, prefixes and the order of global components do not count.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"
_QNAME_ATTRS = {"type", "base", "ref", "itemType"}


def structure(files: dict[str, bytes]) -> dict[str, dict[tuple[str, str], Any]]:
    """``{namespace: {(kind, name): canonical content}}`` of every document."""
    out: dict[str, dict[tuple[str, str], Any]] = {}
    for name, data in files.items():
        root = etree.fromstring(data)
        if root.tag != f"{{{XS}}}schema":
            continue
        ns = root.get("targetNamespace", "")  # none: the empty namespace ([DataContract(Namespace = "")])
        skipped = (f"{{{XS}}}import", f"{{{XS}}}include", f"{{{XS}}}annotation")
        found = [c for c in root if isinstance(c.tag, str) and c.tag not in skipped]
        if not found:  # index.xsd: imports only
            continue
        components = out.setdefault(ns, {})
        for child in found:
            components[(etree.QName(child).localname, child.get("name"))] = _canon(child)
        components[("@", "form")] = (root.get("elementFormDefault"), root.get("attributeFormDefault"))
    return out


def _canon(el: etree._Element) -> Any:
    attrs = []
    for key, value in sorted(el.attrib.items()):
        if key in _QNAME_ATTRS and ":" in value or key in _QNAME_ATTRS:
            prefix, _, local = value.rpartition(":")
            value = f"{{{el.nsmap.get(prefix or None, '')}}}{local}"
        attrs.append((key, value))
    text = (el.text or "").strip() if not len(el) else ""
    children = tuple(_canon(c) for c in el if isinstance(c.tag, str))
    return (el.tag, tuple(attrs), text, children)


def read_dir(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.glob("*.xsd"))}
