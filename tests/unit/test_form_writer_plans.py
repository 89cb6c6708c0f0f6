"""The form writer's per-type plans (issue 14) write what the writer before them wrote.

``Before`` is the writer as it was before the plans (converter/codecs/form.py at 660bf98), kept
here verbatim as the reference: it re-derived each type's binder, each member's path and key, and
escaped every key when the body was written. The planned writer must give the same bytes, every
loss (text and member path, to the XML position) and every error (text and member path), on fuzzed
values of every class of the three bundled specs in both key styles, on mutants of them made to
cause each loss and error, and on every fixture read as every class.
"""

from __future__ import annotations

import io
import math
import random
import uuid
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converter.codecs import Encoded, FormStyle, Options, codec, messages
from converter.codecs import form
from converter.codecs.form import (_CHUNK, _FIELD, _URI, _ZONED, _as_collection, _bad, _blank, _format, _kind, _percent,
                                   _root_class, _surrogates)
from converter.codecs.lexical import DateTimeOffsetValue, DateTimeValue, TimeSpanValue, enum_to_string, normalize_uri, to_base64
from converter.codecs.path import MemberPath, field_step, type_root
from converter.codecs.values import RUNTIME_TYPE, Boxed, Loss, runtime_class
from converter.convert import convert
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.spec import Spec, load_spec
from converter.spec.datacontract import collection_item, is_nillable, xml_members
from converter.spec.model import ClassType, DictOf, ListOf, Named, Primitive, TypeRef, unwrap
from tests.conftest import EVERYTHING_SPEC, FIXTURES, REAL_SPEC, SEED_SPEC

SPECS = {"seed": SEED_SPEC, "everything": EVERYTHING_SPEC, "real": REAL_SPEC}
#: What the bundled specs do not have: a public field, collections of collections and of ``object``,
#: a collection type of itself and a class that holds itself.
SHAPES = """
spec: 1
title: Shapes
types:
  Node:
    namespace: Contoso.Shapes
    fields:
      Counter: {type: int, field: true}
      Label: {type: string, field: true}
      Ratio: float
      Children: List<Node>
      Grid: List<List<int>>
      Lists: Dictionary<string,List<int>>
      Boxes: Dictionary<int,object>
      Maps: List<Dictionary<string,string>>
      Tree: Tree
  Tree:
    namespace: Contoso.Shapes
    collection: List<Tree>
    dataContract: {itemName: Branch}
"""
STYLES: list[FormStyle] = ["mvc", "jquery"]
_Pair = tuple[str, str | bytes]


class Before:
    """Walks a value and returns its pairs. Each container (member, list item,
    dictionary value) decides what a slot that sends no keys means where it stands."""

    def __init__(self, spec: Spec, style: FormStyle) -> None:
        self.spec = spec
        self.style = style
        self.losses: list[Loss] = []

    def loss(self, path: MemberPath, message: str) -> None:
        self.losses.append(Loss(path, message))

    def write(self, out: io.BytesIO, text: str | bytes) -> None:
        """jQuery.param: encodeURIComponent, then %20 as ``+``. A browser's form post (the
        URL standard's urlencoded serializer, as URLSearchParams): only alphanumerics and
        ``*-._`` stay, space is ``+``. Both are UTF-8, and WebUtility.UrlDecode reads either.

        A slice at a time, so a long text's escapes are never held whole (escaping is a character
        at a time, so slices join up); a byte[] as base64 of slices of a multiple of 3 bytes,
        which join up to the base64 of the whole (padding comes only at the end)."""
        if len(text) <= _CHUNK:  # keys and most values
            out.write(_percent(text if isinstance(text, str) else to_base64(text), self.style))
            return
        size = _CHUNK * 3 if isinstance(text, bytes) else _CHUNK
        for start in range(0, len(text), size):
            part = text[start : start + size]
            out.write(_percent(part if isinstance(part, str) else to_base64(part), self.style))

    def body(self, pairs: list[_Pair]) -> bytes:
        """``key=value`` pairs joined by ``&``, escaped into one buffer; each pair is let go once
        written."""
        out = io.BytesIO()
        pairs.reverse()
        while pairs:
            key, value = pairs.pop()
            self.write(out, key)
            out.write(b"=")
            self.write(out, value)
            if pairs:
                out.write(b"&")
        return out.getvalue()  # the buffer itself, not a copy

    def member_key(self, prefix: str, name: str) -> str:
        if not prefix:
            return name
        return f"{prefix}[{name}]" if self.style == "jquery" else f"{prefix}.{name}"

    def value(self, ref: TypeRef, key: str, path: MemberPath, value: Any) -> list[_Pair]:
        ref = _as_collection(self.spec, ref)
        match _kind(self.spec, ref):
            case "boxed":
                self.loss(path, messages.FORM_OBJECT)
                return []
            case "simple":
                return [(key, self.text(ref, value, path))]
            case "class":
                core = unwrap(ref)
                assert isinstance(core, Named)
                return self.object(self.spec.class_(core.name), key, path, value)
            case "bytes":
                if not isinstance(value, bytes):
                    raise _bad(value, ref, path)
                if not value:
                    self.loss(path, "an empty byte[] is sent as an empty value, which binds null")
                return [(key, value)]
            case "list":
                assert isinstance(ref, ListOf)
                return self.sequence(ref.item, key, path, value)
        assert isinstance(ref, DictOf)
        return self.dictionary(ref, key, path, value)

    def slot(self, ref: TypeRef, key: str, path: MemberPath, value: Any, *, item: bool) -> list[_Pair] | None:
        """The pairs of one member, list item or dictionary value; None when it sends no keys.

        Null sends ``key=``, which binds null, for a simple type. An object is marked by its
        bare key, which binds an empty object: the object binder needs only the prefix. So a
        null object in a collection (``item``) becomes an empty one rather than a gap.
        """
        ref = _as_collection(self.spec, ref)
        kind = _kind(self.spec, ref)
        if value is None:
            if kind == "simple":
                if not is_nillable(self.spec, ref):
                    raise PayloadError(f"null is not a {ref}", None, path)
                return [(key, "")]
            if kind == "class" and item:
                self.loss(path, "a null object is sent as its bare key, which binds an empty object")
                return [(key, "")]
            return None
        pairs = self.value(ref, key, path, value)
        if not pairs and kind == "class":
            return [(key, "")]
        return pairs or None

    def object(self, cls: ClassType, key: str, path: MemberPath, value: Any) -> list[_Pair]:
        if not isinstance(value, dict):
            raise _bad(value, Named(cls.name), path)
        runtime = runtime_class(self.spec, cls, value, path)
        members = xml_members(self.spec, cls)
        if runtime is not cls:  # the binder creates the declared type; a form has no type marker
            self.loss(path, messages.derived_type_unbound(runtime.name, cls.name))
            value = {k: v for k, v in value.items() if k != RUNTIME_TYPE and
                     any(k == m.name for _, m in members)}
        unknown = sorted(set(value) - {member.name for _, member in members})
        if unknown:
            raise PayloadError(f"{cls.name} has no member {unknown[0]!r}", None, path.member(unknown[0]))
        pairs: list[_Pair] = []
        for _, member in members:
            if member.name not in value:
                continue
            member_path = field_step(self.spec, path, member)
            if member.is_field:
                self.loss(member_path, f"{_FIELD}; it is not sent")
                continue
            got = self.slot(member.type, self.member_key(key, member.name), member_path, value[member.name], item=False)
            if got is None:
                if _kind(self.spec, member.type) != "boxed" or value[member.name] is None:
                    self.loss(member_path, f"{self.what(member.type, value[member.name])} sends no keys: "
                              "the member is left unset (null unless the model sets it)")
                continue
            pairs += got
        return pairs

    def sequence(self, item: TypeRef, key: str, path: MemberPath, value: Any) -> list[_Pair]:
        """``key[i]``; jQuery writes ``key[]`` for simple items, which binds as repeated ``key``."""
        if not isinstance(value, list):
            raise _bad(value, ListOf(item), path)
        repeated = self.style == "jquery" and _kind(self.spec, item) == "simple"
        name = collection_item(self.spec, ListOf(item)).name
        pairs: list[_Pair] = []
        for i, element in enumerate(value):
            item_key, item_path = f"{key}[]" if repeated else f"{key}[{i}]", path.item(i, name, len(value))
            got = self.slot(item, item_key, item_path, element, item=True)
            if got is None:
                what = "a null item" if element is None else self.what(item, element)
                self.loss(item_path, f"{what} sends no keys: binding stops at the first "
                          f"missing index, so items {i} to {len(value) - 1} are lost")
                break
            pairs += got
        return pairs

    def dictionary(self, ref: DictOf, key: str, path: MemberPath, value: Any) -> list[_Pair]:
        """``key[i].Key`` and ``key[i].Value``. An entry that cannot be sent is left out and
        the rest renumbered, since a gap would end the dictionary there."""
        if not isinstance(value, dict):
            raise _bad(value, ref, path)
        pairs: list[_Pair] = []
        sent = 0
        name = collection_item(self.spec, ref).name
        for i, (entry_key, entry_value) in enumerate(value.items()):
            entry, where = f"{key}[{sent}]", path.entry(entry_key, xml=name, index=i, of=len(value))
            if isinstance(entry_key, str) and _blank(entry_key):
                self.loss(where, "the entry is not sent: a blank key binds null, and the binder drops such entries")
                continue
            got = self.slot(ref.value, self.member_key(entry, "Value"), where, entry_value, item=True)
            if got is None:
                self.loss(where, f"the entry is not sent: its value, {self.what(ref.value, entry_value)}, has no keys")
                continue
            pairs += [(self.member_key(entry, "Key"), self.text(ref.key, entry_key, where)), *got]
            sent += 1
        return pairs

    def what(self, ref: TypeRef, value: Any) -> str:
        nouns = {"list": "list", "dict": "dictionary", "bytes": "byte array", "boxed": "object"}
        return "null" if value is None else f"an empty {nouns[_kind(self.spec, ref)]}"

    def text(self, ref: TypeRef, value: Any, path: MemberPath) -> str:
        """A simple value's text, with the losses the binder's reading of it causes."""
        core = unwrap(ref)
        if isinstance(core, Named):
            enum = self.spec.enum(core.name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise _bad(value, ref, path)
            return enum_to_string(enum, value)
        assert isinstance(core, Primitive)
        text = _format(core.name, value, path)
        if _surrogates(text):
            self.loss(path, "a lone surrogate has no UTF-8 form: it is sent as U+FFFD")
            text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
        if _blank(text):
            unset = "" if is_nillable(self.spec, ref) else ", so the member is left unset"
            self.loss(path, f"{'an empty' if not text else 'a whitespace-only'} value binds null "
                      f"(ConvertEmptyStringToNull){unset}")
        if isinstance(value, DateTimeValue) and value.zone:
            self.loss(path, _ZONED)
        if core == _URI and (uri := normalize_uri(value)) != value:
            self.loss(path, messages.uri_normalised(value, uri))
        if isinstance(value, float) and value == 0 and math.copysign(1, value) < 0:
            self.loss(path, "negative zero is sent as 0 (.NET Framework drops the sign)")
        return text



def encode_before(spec: Spec, type_name: str, value: Any, options: Options = Options()) -> Encoded:
    """``form.encode`` before the plans, with ``Before``."""
    cls = _root_class(spec, type_name)
    writer = Before(spec, options.form_style)
    if value is None:
        return Encoded(b"", ())
    root = type_root(spec, type_name)
    pairs = writer.object(cls, "", root, value)
    if not pairs:
        writer.loss(root, "nothing to send: an empty body binds null, not an empty object")
    return Encoded(writer.body(pairs), tuple(writer.losses))


def outcome(write: Callable[[], Encoded]) -> tuple[object, ...]:
    """Bytes and every loss, or the error (text, member path), or what else was raised."""
    try:
        data, losses = write()
    except PayloadError as exc:
        return ("error", exc.message, exc.path, exc.origin)
    except Exception as exc:  # the same value must fail the same way in both writers
        return ("raised", type(exc).__name__, str(exc))
    return ("ok", data, [(loss.path, loss.message, loss.origin) for loss in losses])


def both(spec: Spec, type_name: str, value: Any, style: FormStyle) -> tuple[object, ...]:
    options = Options(form_style=style)
    got = outcome(lambda: form.encode(spec, type_name, value, options))
    assert got == outcome(lambda: encode_before(spec, type_name, value, options)), (type_name, style, value)
    return got


#: What a value may be replaced by: each kind of value of the value model, and those that make a loss
#: (null, empty and blank texts, a lone surrogate, negative zero, a zoned DateTime, a Uri that
#: normalises, empty byte[], lists and dictionaries, blank dictionary keys, an ``object``) or an error
#: (a value of another type, an integer out of range, a char of two units, a non-finite decimal).
_LEAVES: list[Any] = [
    None, "", " ", "\u3000\t", "a\ud800b", "x y&z=é+%[]", "\U0001f600", "ab", "é", 0, -1, 255, 2**31, 2**63, 2**70, True,
    False, 1.5, -0.0, 0.0, math.nan, math.inf, -math.inf, 1e300, Decimal("1.10"), Decimal("-0"), Decimal("NaN"),
    uuid.UUID(int=7), DateTimeValue.parse("2026-05-29T16:57:00.5+02:00"), DateTimeValue.parse("2026-05-29T16:57:00Z"),
    DateTimeValue.parse("2026-05-29T16:57:00"), DateTimeOffsetValue.parse("2026-05-29T16:57:00+05:30"),
    TimeSpanValue(-1), b"", b"\x00\xff\xfe", [], [None], [None, None], {}, {"": 1}, {" ": "x"}, {"k": None}, {1: "a"},
    Boxed("int", 5), Boxed("object", None), Boxed("json", {"a": 1}), "HTTP://Example.COM:80/a b", "http://x/%7e",
]


#: Edges of a value's own type: the losses and errors a member of that type can have.
_EDGES: dict[type, list[Any]] = {
    str: ["", " ", "\u3000", "a\ud800", "\udfff", "ab", "HTTP://Example.COM:80/a b"],
    int: [-1, 256, 2**31, -(2**31) - 1, 2**64, 0],
    float: [-0.0, math.nan, -math.inf, 3.4e39, 5e-324],
    Decimal: [Decimal("-0.00"), Decimal("Infinity"), Decimal("79228162514264337593543950336")],
    DateTimeValue: [DateTimeValue.parse("2026-05-29T16:57:00Z"), DateTimeValue.parse("2026-05-29T16:57:00-01:00")],
    bytes: [b""], list: [[], [None]], dict: [{}, {"": None}, {"\t": 1}],
}


def mutants(spec: Spec, value: Any, rng: random.Random, count: int) -> Iterator[Any]:
    """``value`` with one place changed: a leaf or container replaced (by an edge of its own type, or
    by anything), a member dropped, an unknown member or a ``$type`` added (a class of the spec,
    derived or not), a null item added to a list."""
    classes = [cls.name for cls in spec.classes()]
    for _ in range(count):
        copy = _copy(value)
        places = list(_places(copy))
        if not places:
            yield rng.choice(_LEAVES)
            continue
        holder, at = rng.choice(places)
        kind = rng.randrange(10)
        if kind == 0 and isinstance(holder, dict):
            del holder[at]
        elif kind == 1 and isinstance(holder, dict):
            holder[rng.choice(["Nope", RUNTIME_TYPE])] = rng.choice(classes)
        elif kind == 2 and isinstance(holder[at], dict):
            holder[at][RUNTIME_TYPE] = rng.choice(classes)
        elif kind == 3 and isinstance(holder[at], list):
            holder[at] = [*holder[at], None] if rng.random() < 0.5 else [None, *holder[at]]
        elif kind < 6 and type(holder[at]) in _EDGES:
            holder[at] = rng.choice(_EDGES[type(holder[at])])
        else:
            holder[at] = rng.choice(_LEAVES)
        yield copy


def edges(value: Any) -> Iterator[Any]:
    """``value`` with each edge of its type put at each place in turn."""
    for place in range(len(list(_places(value)))):
        for edge in range(len(_EDGES.get(type(_at(value, place)), []))):
            copy = _copy(value)
            holder, at = list(_places(copy))[place]
            holder[at] = _EDGES[type(holder[at])][edge]
            yield copy


def _at(value: Any, place: int) -> Any:
    holder, at = list(_places(value))[place]
    return holder[at]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _places(value: Any) -> Iterator[tuple[Any, Any]]:
    """Each (container, key or index) of a value, depth first."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in list(items):
        yield value, key
        yield from _places(child)


#: A piece of each loss and error text the writer has: the fuzzed values and mutants reach each one.
_TEXTS = ["nothing to send", "an empty byte[]", messages.FORM_OBJECT, "null is not a", "a null object is sent",
          "is not a class derived from", "the derived type and its members are lost", "has no member", _FIELD,
          "sends no keys: the member is left unset", "sends no keys: binding stops", "a blank key binds null",
          "the entry is not sent: its value", "a lone surrogate", "an empty value binds null",
          "a whitespace-only value binds null", _ZONED, "normalis", "negative zero", "does not fit", "outside",
          "one UTF-16 code unit"]


def test_fuzzed_values_and_their_mutants_write_as_before(tmp_path: Path) -> None:
    """Every class of the three specs (and of SHAPES), both key styles: the fuzzer's values, eight
    mutants of each and, for one value in ten, each edge of its type at each place; between them every
    loss and error the writer has comes out at least once."""
    seen: set[str] = set()
    (tmp_path / "shapes.yaml").write_text(SHAPES)
    for path in [*SPECS.values(), tmp_path / "shapes.yaml"]:
        spec = load_spec(path)
        classes = [cls.name for cls in spec.classes() if form.binds(spec, cls.name)]
        drawn: list[Any] = []

        @settings(max_examples=100, suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
        @given(st.data())
        def check(data: st.DataObject) -> None:
            type_name = data.draw(st.sampled_from(classes))
            value = data.draw(values_for(spec, type_name))
            rng = random.Random(data.draw(st.integers(0, 2**32)))
            drawn.append(value)
            every = list(edges(value)) if len(drawn) % 10 == 1 else []
            for variant in [value, *mutants(spec, value, rng, 8), *every]:
                for style in STYLES:
                    got = both(spec, type_name, variant, style)
                    seen.update([str(got[1])] if got[0] == "error" else
                                [str(m) for _, m, _ in got[2]] if got[0] == "ok" else [])  # type: ignore[attr-defined]

        check()
    missing = [text for text in _TEXTS if not any(text in s for s in seen)]
    assert not missing


def test_every_fixture_writes_as_before() -> None:
    """Every bundled JSON and XML fixture read as every class of its spec, written as a form in
    both styles (and converted, so the losses are placed in the fixture by ``locate``)."""
    specs = {"everything": EVERYTHING_SPEC, "outgoing-secure-messages": SEED_SPEC, "seed": SEED_SPEC,
             "real-contracts": REAL_SPEC}
    written = 0
    for folder, spec_path in specs.items():
        spec = load_spec(spec_path)
        for path in sorted((FIXTURES / folder).glob("*.*")):
            if path.suffix not in (".json", ".xml", ".form"):
                continue
            data = path.read_bytes()
            encoding = path.suffix[1:]
            for cls in spec.classes():
                try:
                    value, _ = codec(encoding).decode(spec, cls.name, data, path.name)  # type: ignore[arg-type]
                except PayloadError:
                    continue
                for style in STYLES:
                    written += both(spec, cls.name, value, style)[0] == "ok"
                    converted = outcome(lambda: _convert(spec, data, encoding, cls.name, style))
                    with pytest.MonkeyPatch.context() as patch:
                        patch.setattr(form, "encode", encode_before)
                        assert converted == outcome(lambda: _convert(spec, data, encoding, cls.name, style)), path
    assert written > 50  # most fixtures write as the class they were written for


def _convert(spec: Spec, data: bytes, encoding: str, type_name: str, style: FormStyle) -> Encoded:
    done = convert(spec, data, to="form", from_=encoding, type_name=type_name, form_style=style)  # type: ignore[arg-type]
    return Encoded(done.output, done.losses)
