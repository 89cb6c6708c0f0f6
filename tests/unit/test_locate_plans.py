"""The XML ``locate`` (issue 14) places each path where the scan before it did.

``xml_before`` is ``xml.locate`` at 660bf98, kept verbatim: it split and compared every child's
local name. Both run on every XML fixture and on documents the XML writer makes of fuzzed values
(indented and not, so elements sit on many lines), with comments, processing instructions and
same-named elements of another namespace put in; the paths go down the document's own elements and
are then made to stop short (a name no element has, a position past the last, an empty name, a name
lxml refuses) or to go deeper than the document.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from converter.codecs import Options
from converter.codecs import xml
from converter.codecs.path import MemberPath
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.spec import load_spec
from tests.conftest import EVERYTHING_SPEC, FIXTURES, REAL_SPEC, SEED_SPEC


def xml_before(data: bytes, paths: Sequence[MemberPath]) -> list[tuple[int, int]]:
    """``xml.locate`` before it asked lxml for the children of a name."""
    try:
        root = xml.parse(data)
    except PayloadError:
        return [(1, 1)] * len(paths)
    found = []
    for path in paths:
        element = root
        for step in path.steps():
            same = [c for c in element if isinstance(c.tag, str) and xml.etree_local(c) == step.xml_name]
            if step.position >= len(same):
                break
            element = same[step.position]
        found.append((element.sourceline or 1, 1))
    return found


def paths_of(data: bytes, rng: random.Random, count: int) -> list[MemberPath]:
    """Paths down the document's elements (each step a local name and its place among the siblings
    of that name), some then changed to miss."""
    root = etree.fromstring(data)
    out = []
    for _ in range(count):
        path, element = MemberPath.root(), root
        while rng.random() < 0.8:
            children = [c for c in element if isinstance(c.tag, str)]
            if not children:
                break
            element = rng.choice(children)
            local = xml.etree_local(element)
            position = [c for c in element.getparent() if isinstance(c.tag, str) and xml.etree_local(c) == local
                        ].index(element)
            path = path.member(local, xml=local, position=position)
        change = rng.randrange(6)
        if change == 1:
            path = path.member("Nope", xml=rng.choice(["Nope", "", "a\x00b", "i:nil", "{x}y"]))
        elif change == 2 and path.parent is not None:
            path = path.parent.member(str(path.name), xml=path.xml_name, position=path.position + rng.randrange(1, 3))
        elif change == 3:
            path = path.item(0, "Deeper").member("More")
        out.append(path)
    return out


def extras(data: bytes, rng: random.Random) -> bytes:
    """Comments, processing instructions, elements of the names the specs use in another namespace
    and inside another element put in after start tags (the document stays well-formed)."""
    out = data
    for _ in range(rng.randrange(4)):
        cut = out.find(b">", rng.randrange(len(out))) + 1
        if 0 < cut < len(out) and out[cut - 2 : cut] != b"/>" and out[cut - 2 : cut - 1] != b"?":
            name = rng.choice([b"Id", b"ExternalId", b"Body", b"Name", b"Street", b"Code", b"Text"])
            piece = rng.choice([b"<!-- c -->", b"<?pi x?>", b'<%s xmlns="urn:other">x</%s>' % (name, name),
                                b"\n<x:%s xmlns:x='urn:o'/>" % name, b"<w:W xmlns:w='urn:o'>\n<%s/></w:W>" % name])
            out = out[:cut] + piece + out[cut:]
    return out


def check(data: bytes, rng: random.Random) -> None:
    try:
        etree.fromstring(data)
    except etree.XMLSyntaxError:
        return
    paths = paths_of(data, rng, 12)
    assert xml.locate(data, paths) == xml_before(data, paths), data


def test_every_xml_fixture_locates_as_before() -> None:
    rng = random.Random(14)
    for path in sorted(FIXTURES.glob("*/*.xml")):
        data = path.read_bytes()
        for variant in [data, extras(data, rng), extras(data, rng)]:
            check(variant, rng)


def test_fuzzed_documents_locate_as_before() -> None:
    for spec_path in (SEED_SPEC, EVERYTHING_SPEC, REAL_SPEC):
        spec = load_spec(spec_path)
        classes = [cls.name for cls in spec.classes()]

        @settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
        @given(st.data())
        def run(data: st.DataObject) -> None:
            type_name = data.draw(st.sampled_from(classes))
            value = data.draw(values_for(spec, type_name))
            indent = data.draw(st.booleans())
            try:
                document = xml.encode(spec, type_name, value, Options(indent=indent)).data
            except PayloadError:
                return
            rng = random.Random(data.draw(st.integers(0, 2**32)))
            check(document, rng)
            check(extras(document, rng), rng)

        run()
