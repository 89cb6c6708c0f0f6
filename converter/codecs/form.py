"""``application/x-www-form-urlencoded`` as ASP.NET Web API binds it to a model.

Web API reads a form body for a model type through JQueryMvcFormUrlEncodedFormatter:
``FormDataCollection.ReadAs`` rewrites jQuery keys as MVC keys and runs the ordinary
model binders over them. ``decode`` is a model of that binding, so it returns what
the action receives; ``encode`` writes a body that binds back to the value and
reports a ``Loss`` for whatever a form cannot carry.

Rules cite ../shared/reference/dotnet-wire-research.md section 4 and the sources it
names: [WH] aspnet/AspNetWebStack ``src/System.Web.Http/``, [CM] referencesource
``System/compmod/system/componentmodel/`` (the TypeConverters), [RS] referencesource
``mscorlib/system/`` (Double/Enum parsing).

>>> from converter.spec import load_spec
>>> spec = load_spec("schemas/everything.yaml")
>>> decode(spec, "Address", b"city=Paris&Zip=75001&street=")
Decoded(value={'City': 'Paris', 'Street': None, 'Zip': 75001}, losses=())
>>> encode(spec, "Address", {"City": "Le Mans", "Zip": 72000}, Options(form_style="jquery"))
Encoded(data=b'City=Le+Mans&Zip=72000', losses=())
"""

from __future__ import annotations

import io
import itertools
import math
import string
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from typing import Any, AnyStr, Literal, NamedTuple
from urllib.parse import unquote_plus, unquote_to_bytes

from ..errors import Origin, PayloadError
from ..limits import current
from ..spec.datacontract import collection_item, collection_of, is_nillable, xml_members
from ..spec.model import (INTEGER_RANGES, ClassType, DictOf, EnumType, ListOf, Named, Nullable, ObjectRef, Primitive, Spec,
                          TypeRef, unwrap)
from . import Decoded, Encoded, FormStyle, Options, body_type, messages, text_of
from .clrdouble import parse_double
from .compiled import Compiled, Function
from .lexical import (
    DECIMAL_MAX,
    DateTimeOffsetValue,
    DateTimeValue,
    TimeSpanValue,
    check_integer,
    decimal_digits,
    enum_parse,
    enum_to_string,
    fit_decimal,
    fold,
    format_decimal,
    format_double,
    format_float,
    from_base64,
    non_finite,
    non_finite_text,
    normalize_uri,
    parse_decimal,
    to_base64,
    to_single,
    whole,
)
from .path import MemberPath, Template, field_step, field_template, type_root
from .values import RUNTIME_TYPE, Boxed, Loss, Value, default_of, runtime_class

__all__ = ["binds", "decode", "encode", "key_path", "locate", "mvc_key"]

_Kind = Literal["simple", "bytes", "list", "dict", "class", "boxed"]
_Raw = tuple[str, int]  # a posted value and the 1-based column of its pair
_Pair = tuple[bytes, str | bytes]  # a key (escaped) and its text, or a byte[] to be sent as base64 when written

_URI = Primitive("Uri")
#: Char.IsWhiteSpace: String.IsNullOrWhiteSpace and Trim use it, not Python's str.isspace.
_WHITESPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_FIELD = "a public field: Web API's form binder sets properties only, so the value is ignored"
#: default(T), which CastOrDefault puts in a collection for an item that binds null.
_ZONED = "DateTime.Parse converts a time with Z or an offset to the server's local time, so its zone is not kept"


def decode(spec: Spec, type_name: str, data: bytes, source: str = "<input>") -> Decoded:
    """Bind a form body to ``type_name`` as Web API would; an empty body binds null.

    Keys the binder never reads, extra values and empty values a non-nullable member
    cannot take come back as losses; a value its TypeConverter rejects raises
    ``PayloadError`` at the column of its pair, with the member path.
    """
    cls = _root_class(spec, type_name)
    try:
        return _plan(spec).read(type_name, cls, data, source)
    except _Unsure:
        pass  # the exact binder reads it
    return _exact_decode(spec, type_name, cls, data, source)


def _exact_decode(spec: Spec, type_name: str, cls: ClassType, data: bytes, source: str) -> Decoded:
    """``decode`` by the exact binder: the judge of the plan, which hands it any body it is unsure of."""
    # An escaped body is ASCII: with no NUL (text_of's sign of UTF-16) its text is its bytes, read a
    # pair at a time, not copied whole.
    plain = data.isascii() and data.count(0) == 0
    pairs = _split(data, b"&", b"=", _ascii) if plain else _split(text_of(data, source), "&", "=", str)
    form = _Form(body=data if plain else None)
    limits = current()
    for count, (name, value, col) in enumerate(pairs, 1):
        if count > limits.max_form_keys:
            raise PayloadError(messages.too_many_keys(count, limits.max_form_keys), Origin(source, 1, col))
        try:
            key = mvc_key(name)
        except ValueError as exc:
            raise PayloadError(str(exc), Origin(source, 1, col)) from None
        if key.count(".") + key.count("[") > limits.max_depth:  # each level is a prefix the binder keeps
            raise PayloadError(messages.too_deep("form keys", limits.max_depth), Origin(source, 1, col))
        form.add(None if plain else key, key, value, col)
    del pairs  # the values are in the form now: a body's text need not outlive the reading
    binder = _Binder(spec, form, source)
    _, value = binder.object(cls, "", type_root(spec, type_name), None)
    binder.report_unread()
    return Decoded(value, tuple(binder.losses))


def encode(spec: Spec, type_name: str, value: Value, options: Options = Options()) -> Encoded:
    """Write ``value`` as a form body that binds back to it, keys in DataContract order.

    Absent members are not sent; null sends ``Key=`` where that binds null. Anything
    the binder would read differently is reported as a loss.
    """
    cls = _root_class(spec, type_name)
    writer = _Writer(spec, options.form_style)
    if value is None:
        return Encoded(b"", ())
    root = type_root(spec, type_name)
    pairs = writer.object(cls, b"", root, value)
    if not pairs:
        writer.loss(root, "nothing to send: an empty body binds null, not an empty object")
    return Encoded(writer.body(pairs), tuple(writer.losses))


def locate(data: bytes, paths: Sequence[MemberPath]) -> list[tuple[int, int]]:
    """Line 1 and the column of the first pair whose key binds each path (either key style, any case).

    Columns count the characters of the body decoded with U+FFFD for invalid UTF-8; a pair at a
    time (no sequence spans the ASCII ``&``), and only as far as the last key asked for."""
    wanted = {fold(path.form_key()) for path in paths}
    columns: dict[str, int] = {}
    offset = start = 0
    while wanted and start <= len(data):
        end = data.find(b"&", start)
        end = len(data) if end < 0 else end
        pair = data[start:end]
        try:
            key = mvc_key(_unquote_plus(pair.partition(b"=")[0].decode("utf-8", "replace")))
        except ValueError:
            key = ""
        folded = fold(key)
        if folded not in columns:
            columns[folded] = offset + 1
            wanted.discard(folded)
        offset += (len(pair) if pair.isascii() else len(pair.decode("utf-8", "replace"))) + 1
        start = end + 1
    return [(1, columns.get(fold(path.form_key()), 1)) for path in paths]


def key_path(key: str) -> MemberPath:
    """The member path a posted key names (either key style): ``Patients[0][externalId]`` is
    ``Patients[0].externalId``. For keys no member binds, which have no spec path."""
    path = MemberPath.root()
    try:
        normal = mvc_key(key)
    except ValueError:  # an MVC key that normalising made unbalanced ("a[b[0]" -> "a.b[0"): no member path
        return path.member(key)
    for part in normal.split("."):
        name, _, rest = part.partition("[")
        path = path.member(name)
        for index in rest.rstrip("]").split("][") if rest else ():
            # An index is an Int32: a longer run of digits is no index, and is never converted.
            is_index = index.isascii() and index.isdigit() and len(index) <= 10
            path = path.item(int(index)) if is_index else path.member(index)
    return path


def binds(spec: Spec, type_name: str) -> bool:
    """Whether a form body can carry ``type_name`` at all: a class, not a collection type or
    another body (those Web API reads from JSON or XML only)."""
    try:
        _root_class(spec, type_name)
    except PayloadError:
        return False
    return True


def _root_class(spec: Spec, type_name: str) -> ClassType:
    ref = body_type(spec, type_name)
    tdef = spec.types.get(ref.name) if isinstance(ref, Named) else None
    if not isinstance(tdef, ClassType) or tdef.collection is not None:
        raise PayloadError(f"{type_name!r} is not a class of the spec; a form body binds a class "
                           "(Web API reads other bodies from JSON or XML)")
    return tdef


# --- the body and its keys ------------------------------------------------------------


def _split(text: AnyStr, amp: AnyStr, equals_sign: AnyStr, as_text: Callable[[AnyStr], str],
           start: int = 0) -> Iterator[tuple[str, str, int]]:
    """Each ``name=value`` pair, decoded as WebUtility.UrlDecode does (``+`` is a space,
    %XX is UTF-8), with its 1-based column. A pair without ``=`` has an empty value
    ([WF] FormUrlEncodedParser.cs). Split here rather than by parse_qsl, which loses
    the columns errors need; unquote_plus is what parse_qsl decodes with."""
    while start <= len(text):  # a pair at a time: split("&") would hold a second copy of the body
        end = text.find(amp, start)
        end = len(text) if end < 0 else end
        if end > start:
            equals = text.find(equals_sign, start, end)
            if equals < 0:
                yield _unquote_span(text, start, end, as_text), "", start + 1
            else:
                yield _unquote_span(text, start, equals, as_text), _unquote_span(text, equals + 1, end, as_text), start + 1
        start = end + 1


def _ascii(data: bytes) -> str:
    return data.decode("ascii")


def _unquote_plus(text: str) -> str:
    """``unquote_plus``; a long text a slice at a time (``_unquote_span``)."""
    if "%" not in text:
        return text.replace("+", " ")
    # The brackets of keys: if no other "%" is left, each was one of these escapes (the "[" or "]"
    # put in cannot start or end another), which is all unquote would decode.
    if "%" not in (bracketed := text.replace("%5B", "[").replace("%5D", "]")):
        return bracketed.replace("+", " ")
    if len(text) > _SLICE:
        return _unquote_span(text, 0, len(text), str)
    if text.isascii():  # unquote would split the text into ASCII runs with a regex first: it is one
        return _unescape(text.replace("+", " ")).decode("utf-8", "replace")
    return unquote_plus(text)


def _unescape(text: str) -> bytes:
    """``unquote_to_bytes``, by C codecs for an ASCII text: each ``%`` made ``\\x`` (a backslash
    doubled first) for ``unicode_escape``, which gives each escaped byte as a Latin-1 character. A
    ``%`` without two hex digits after it makes that codec refuse; urllib's loop then decodes it."""
    if text.isascii():
        try:
            return text.replace("\\", "\\\\").replace("%", "\\x").encode("ascii").decode("unicode_escape").encode("latin-1")
        except UnicodeDecodeError:
            pass
    return unquote_to_bytes(text)


def _unquote_span(body: AnyStr, start: int, end: int, as_text: Callable[[AnyStr], str]) -> str:
    """``unquote_plus`` of ``body[start:end]``, a slice at a time when long: on one 30 MB run of
    escapes unquote would build a list of ten million pieces, and the value's text would be copied
    whole twice. Slices end before a ``%`` so no escape is cut; the bytes are decoded once, so no
    UTF-8 sequence is either (invalid ones become U+FFFD, as unquote_plus makes them)."""
    if end - start <= _SLICE:
        return _unquote_plus(as_text(body[start:end]))
    out = bytearray()
    while start < end:
        stop = min(start + _SLICE, end)
        if stop < end and (cut := as_text(body[stop - 2 : stop]).find("%")) >= 0:
            stop += cut - 2
        out += _unescape(as_text(body[start:stop]).replace("+", " "))
        start = stop
    return out.decode("utf-8", "replace")


_SLICE = 1 << 16


def mvc_key(key: str) -> str:
    """NormalizeJQueryToMvc ([WH] ModelBinding/FormDataCollectionExtensions.cs):
    ``x[]`` -> ``x``, ``x[name]`` -> ``x.name`` unless a digit follows ``[``, ``x[0]`` kept.

    >>> [mvc_key(k) for k in ("tags[]", "patients[0][externalId]", "a[b][c]", "Patients[0].Id", "x]")]
    ['tags', 'patients[0].externalId', 'a.b.c', 'Patients[0].Id', 'x]']
    """
    if "[" not in key:
        return key
    out: list[str] = []
    start = 0
    while (opening := key.find("[", start)) >= 0:
        out.append(key[start:opening])
        closing = key.find("]", opening)
        if closing < 0:
            raise ValueError(f"the key {messages.quote(key)} has a '[' without its ']'")
        inner = key[opening + 1 : closing]
        if inner[:1].isdecimal():  # Char.IsDigit: any Unicode decimal digit
            out.append(key[opening : closing + 1])
        elif inner:
            out.append("." + inner)
        start = closing + 1
    out.append(key[start:])
    return "".join(out)


def _member(prefix: str, name: str) -> str:
    """CreatePropertyModelName: ``prefix.name``, or ``name`` at the root."""
    return f"{prefix}.{name}" if prefix else name


def _blank(text: str) -> bool:
    """String.IsNullOrWhiteSpace; its ends decide most texts, so a long one is not copied by strip."""
    return not text or text[0] in _WHITESPACE and text[-1] in _WHITESPACE and not text.strip(_WHITESPACE)


def _surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate: the only code points UTF-8 cannot encode."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _kind(spec: Spec, ref: TypeRef) -> _Kind:
    """Which binder takes ``ref``: a TypeConverter (simple), a collection, or the object binder
    (``object`` has no TypeConverter from text: it binds an empty ``new object()``)."""
    match ref:
        case ObjectRef():
            return "boxed"
        case Primitive("byte[]"):
            return "bytes"
        case ListOf():
            return "list"
        case DictOf():
            return "dict"
        case Named(name) if isinstance(spec.types[name], ClassType):
            return "list" if isinstance(collection_of(spec, ref), ListOf) else "dict" if collection_of(spec, ref) else "class"
        case Nullable(Named(name)) if isinstance(spec.types[name], ClassType):  # a struct's T?
            return "class"
    return "simple"


def _as_collection(spec: Spec, ref: TypeRef) -> TypeRef:
    """A collection type binds as the List or Dictionary it derives from."""
    return collection_of(spec, ref) or ref


# --- decoding: the value provider and the binders --------------------------------------


@dataclass(slots=True)
class _Entry:
    """A key's values. Most keys have one: it is kept in slots, not a list of tuples (a body of
    50,000 pairs held twice its size in those alone)."""

    key: str | None  # the first spelling, for reports; None: read it again from the body at ``col``
    value: str
    col: int
    more: list[_Raw] | None = None
    read: bool = False

    @property
    def raws(self) -> list[_Raw]:
        """Every value posted for the key, with its column, in the body's order."""
        return [(self.value, self.col), *self.more] if self.more else [(self.value, self.col)]


@dataclass
class _Form:
    """NameValuePairsValueProvider: values by key and the set of key prefixes, both
    OrdinalIgnoreCase ([WH] ValueProviders/Providers/NameValuePairsValueProvider.cs,
    src/Common/PrefixContainer.cs: a prefix ends before a ``.`` or ``[``)."""

    entries: dict[str, _Entry] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    body: bytes | None = None  # an ASCII body: a key is read again from it when a report needs it

    def add(self, spelling: str | None, key: str, value: str, col: int) -> None:
        """``spelling`` is ``key`` where the body cannot give it back (None keeps one string less a key)."""
        folded = fold(key)
        entry = self.entries.get(folded)
        if entry is None:
            self.entries[folded] = _Entry(spelling, value, col)
        elif entry.more is None:
            entry.more = [(value, col)]
        else:
            entry.more.append((value, col))
        for separator in ".[":  # found by str.find: a generator over every character cost more than the rest
            i = folded.find(separator)
            while i >= 0:
                self.prefixes.add(folded[:i])
                i = folded.find(separator, i + 1)
        self.prefixes.add(folded)

    def get(self, name: str) -> _Entry | None:
        return self.entries.get(fold(name))

    def key(self, entry: _Entry) -> str:
        """The key as the body first spelt it (normalised to MVC)."""
        if entry.key is not None:
            return entry.key
        assert self.body is not None  # add() is given the spelling when there is no body to read it from
        name, _, _ = next(_split(self.body, b"&", b"=", _ascii, entry.col - 1))
        return mvc_key(name)

    def contains_prefix(self, name: str) -> bool:
        return bool(self.entries) if not name else fold(name) in self.prefixes


class _Binder:
    """Web API's binders in their priority order: TypeConverter, TypeMatch, KeyValuePair,
    collections, then the object binder ([WH] Services/DefaultServices.cs).

    Each ``bind`` returns whether anything bound and the value. ``own`` is the value
    a simple collection hands each item (ElementalValueProvider): it stands for the
    exact name only, so an item's members still come from the form.
    """

    def __init__(self, spec: Spec, form: _Form, source: str) -> None:
        self.spec = spec
        self.form = form
        self.source = source
        self.losses: list[Loss] = []
        self.stops: list[tuple[str, int]] = []  # (folded collection name, first missing index)

    def loss(self, path: MemberPath, message: str, col: int = 0) -> None:
        self.losses.append(Loss(path, message, Origin(self.source, 1, col) if col else None))

    def bind(self, ref: TypeRef, name: str, path: MemberPath, own: _Raw | None) -> tuple[bool, Any]:
        ref = _as_collection(self.spec, ref)
        kind = _kind(self.spec, ref)
        if kind == "simple":
            return self.simple(ref, name, path, own)
        if kind == "boxed":
            return self.boxed(name, path, own)
        if kind == "class":
            core = unwrap(ref)
            assert isinstance(core, Named)
            return self.object(self.spec.class_(core.name), name, path, own)
        if isinstance(ref, DictOf):
            return self.dictionary(ref, name, path, own)
        if kind == "bytes":
            return self.base64(name, path, own)
        assert isinstance(ref, ListOf)
        element = collection_item(self.spec, ref).name
        return self.collection(name, path, element, own, partial(self.bind, ref.item), partial(self.cast, ref.item))

    def base64(self, name: str, path: MemberPath, own: _Raw | None) -> tuple[bool, Any]:
        """A ``byte[]`` binds from one base64 value (Convert.FromBase64String); anything else binds
        null without a model error: text that is not base64, several values, or ``name[0]``-style
        items (observed on Mono's Web API; the issue's 6 MB attachment sent as decimals is lost)."""
        if own is None:
            entry = self.form.get(name)
            if entry is None:
                return False, None
            raws = self.read(entry)
            if len(raws) > 1:
                self.loss(path, f"{len(raws)} values for one byte[]: it binds null (a byte[] is one base64 value)",
                          raws[0][1])
                return True, None
            own = raws[0]
        text, col = own
        if _blank(text):
            return True, None
        try:
            return True, from_base64(text)
        except ValueError:
            self.loss(path, f"{messages.quote(text)} is not base64: the byte[] binds null", col)
            return True, None

    def simple(self, ref: TypeRef, name: str, path: MemberPath, own: _Raw | None) -> tuple[bool, Any]:
        """TypeConverterModelBinder: the first value; blank binds null ([WH] ValueProviderResult.cs
        ConvertSimpleType, ModelBindingHelper.cs ReplaceEmptyStringWithNull)."""
        if own is None:
            entry = self.form.get(name)
            if entry is None:
                return False, None
            raws = self.read(entry)
            if len(raws) > 1:
                self.loss(path, f"{len(raws)} values for one {ref}: the first binds, the rest are ignored", raws[1][1])
            own = raws[0]
        text, col = own
        if _blank(text):
            return True, None
        try:
            value = _parser(self.spec, ref)(text)
        except ValueError as exc:
            raise PayloadError(str(exc), Origin(self.source, 1, col), path) from None
        if (note := _note(ref, value)) is not None:
            self.loss(path, note, col)
        return True, value

    def boxed(self, name: str, path: MemberPath, own: _Raw | None) -> tuple[bool, Any]:
        """An ``object`` member: any key under its name binds ``new object()``; what was posted is lost."""
        entry = self.form.get(name) if own is None else None
        raws = [own] if own is not None else self.read(entry) if entry is not None else []
        if not raws and not self.form.contains_prefix(name):
            return False, None
        self.loss(path, messages.FORM_OBJECT, raws[0][1] if raws else 0)
        return True, Boxed("object", None)

    def object(self, cls: ClassType, name: str, path: MemberPath, own: _Raw | None) -> tuple[bool, Any]:
        """MutableObjectModelBinder: any key under the prefix makes an object, then each
        member binds from ``prefix.Member`` ([WH] ModelBinding/Binders/MutableObjectModelBinder.cs)."""
        if own is None and not self.form.contains_prefix(name):
            return False, None
        marker = self.form.get(name) if own is None else None
        if marker is not None and not all(_blank(text) for text, _ in self.read(marker)):
            self.loss(path, f"{cls.name} takes no value of its own: the value is ignored")
        out: dict[str, Any] = {}
        for _, member in xml_members(self.spec, cls):
            member_path = field_step(self.spec, path, member)
            if member.is_field:
                self.public_field(_member(name, member.name), member_path)
                continue
            bound, value = self.bind(member.type, _member(name, member.name), member_path, None)
            if not bound:
                continue
            if value is None and not is_nillable(self.spec, member.type):
                self.loss(member_path, f"an empty value cannot set a non-nullable {member.type}: the member is left "
                          "unset and ModelState gets 'A value is required.'")
                continue
            out[member.name] = value
        return True, out

    def public_field(self, name: str, path: MemberPath) -> None:
        """MutableObjectModelBinder sets properties only: keys for a public field are read by no binder."""
        folded = fold(name)
        for key, entry in self.form.entries.items():
            if key == folded or key.startswith((folded + ".", folded + "[")):
                entry.read = True
                self.loss(path, _FIELD, entry.raws[0][1])
                return

    def collection(
        self,
        name: str,
        path: MemberPath,
        element: str,
        own: _Raw | None,
        item: Callable[[str, MemberPath, _Raw | None], tuple[bool, Any]],
        cast: Callable[[Any, MemberPath], Any],
    ) -> tuple[bool, list[Any]]:
        """CollectionModelBinder: the exact key's values one by one; else ``name[0]``,
        ``name[1]``... up to the first index that binds nothing, or the indexes listed in
        ``name.index`` ([WH] ModelBinding/Binders/CollectionModelBinder.cs)."""
        entry = self.form.get(name) if own is None else None
        raws = [own] if own is not None else self.read(entry) if entry is not None else []
        if raws:
            paths = [path.item(i, element, len(raws)) for i in range(len(raws))]
            return True, [cast(item(name, p, raw)[1], p) for p, raw in zip(paths, raws)]
        if not self.form.contains_prefix(name):
            return False, []
        listed = self.form.get(_member(name, "index"))
        indexes: Iterable[str] = [t for t, _ in self.read(listed)] if listed else map(str, itertools.count())
        out: list[Any] = []
        for index in indexes:
            item_path = path.item(len(out), element)
            bound, value = item(f"{name}[{index}]", item_path, None)
            if not bound and listed is None:
                self.stops.append((fold(name), int(index)))
                break
            out.append(cast(value, item_path))
        return True, out

    def dictionary(self, ref: DictOf, name: str, path: MemberPath, own: _Raw | None) -> tuple[bool, Any]:
        """DictionaryModelBinder: a collection of Key/Value pairs; an entry whose key is
        null is skipped and a repeated key overwrites ([WH] CollectionModelBinderUtil.cs)."""
        element = collection_item(self.spec, ref).name
        bound, pairs = self.collection(name, path, element, own, partial(self.pair, ref),
                                       partial(self.default_pair, ref))
        out: dict[Any, Any] = {}
        for i, (key, value) in enumerate(pairs):
            if key is None:
                self.loss(path.item(i, element, len(pairs)), "an entry whose Key binds null is dropped")
                continue
            if key in out:
                self.loss(path.item(i, element, len(pairs)), f"key {messages.got(key)} again: the last entry wins")
            out[key] = value
        return bound, out

    def pair(self, ref: DictOf, name: str, path: MemberPath, own: _Raw | None) -> tuple[bool, Any]:
        """KeyValuePairModelBinder: binds if Key or Value does, but is a pair only with both."""
        key_path, value_path = path.member("Key"), path.member("Value")
        key_bound, key = self.bind(ref.key, _member(name, "Key"), key_path, None)
        value_bound, value = self.bind(ref.value, _member(name, "Value"), value_path, None)
        if key_bound and value_bound:
            return True, (self.cast(ref.key, key, key_path), self.cast(ref.value, value, value_path))
        if key_bound or value_bound:
            missing = "Value" if key_bound else "Key"
            self.loss(path, f"an entry without {missing} binds as the default pair")
        return key_bound or value_bound, None

    def default_pair(self, ref: DictOf, pair: Any, path: MemberPath) -> Any:
        """CastOrDefault of a pair that did not bind: default(TKey), default(TValue)."""
        if pair is not None:
            return pair
        return tuple(None if is_nillable(self.spec, r) else default_of(self.spec, r) for r in (ref.key, ref.value))

    def cast(self, ref: TypeRef, value: Any, path: MemberPath) -> Any:
        """CastOrDefault: a collection item that binds null becomes default(T) for a value type."""
        if value is not None or is_nillable(self.spec, ref):
            return value
        self.loss(path, f"an empty value binds the default {ref} in a collection")
        return default_of(self.spec, ref)

    def read(self, entry: _Entry) -> list[_Raw]:
        entry.read = True
        return entry.raws

    def report_unread(self) -> None:
        """A loss for each key no binder read: past an index gap, or unknown."""
        for folded, entry in self.form.entries.items():
            if not entry.read:
                self.loss(key_path(self.form.key(entry)), self._why_unread(folded), entry.raws[0][1])

    def _why_unread(self, folded: str) -> str:
        for name, stop in self.stops:
            if folded.startswith(name + "["):
                index = folded[len(name) + 1 : folded.find("]", len(name) + 1)]
                canonical = index.isascii() and index.isdigit() and (index == "0" or index[0] != "0")
                if canonical and (len(index), index) > (len(str(stop)), str(stop)):  # compared unconverted
                    return (f"index {messages.got(messages.Verbatim(index))} is past index {stop}, which is missing: "
                            "binding stops at the first gap")
        return "ignored by the model binder: no member binds this key"


# --- decoding: the plan, for a body the exact binder would read without a second look -------


class _Unsure(Exception):
    """The plan cannot be sure it gives what the exact binder gives: that binder reads the body."""


#: What a plan function returns when no key binds its name (the exact binder's "not bound").
_ABSENT: Any = object()
#: Where a plan function binds, built only if a loss needs it as a MemberPath: None (the root),
#: ``(where, Field)``, ``(where, "Key")``, or ``(where, index, element)``.
_Where = tuple[Any, ...] | None


class _Reading:
    """One body read by a plan: its pairs (those not yet bound), the losses noted, and every prefix
    of its keys, found the first time a class that holds itself asks (anything else stops where the
    spec's types end)."""

    __slots__ = ("notes", "pairs", "prefixes")

    def __init__(self, pairs: dict[str, str]) -> None:
        self.pairs = pairs
        self.notes: list[tuple[_Where, str, str]] = []
        self.prefixes: set[str] | None = None

    def under(self, name: str) -> bool:
        """PrefixContainer's question, to the letter: is any key ``name`` or under it? A name's keys
        are bound only once it is asked for, so the prefixes of the keys left at the first question
        answer every later one."""
        if self.prefixes is None:
            self.prefixes = set()
            for key in self.pairs:
                for separator in ".[":
                    i = key.find(separator)
                    while i >= 0:
                        self.prefixes.add(key[:i])
                        i = key.find(separator, i + 1)
                self.prefixes.add(key)
        return name in self.prefixes


#: A plan function's argument: the pairs left, the reading, the name it binds, where it is.
_Read = tuple[dict[str, str], _Reading, str, _Where]


@cache
def _plan(spec: Spec) -> _Plan:
    return _Plan(spec)


class _Plan(Compiled[TypeRef]):
    """The exact binder, compiled once per type, for a body it would read without a second look.

    The body must be ASCII (its text is its bytes) and post each key once, spelt exactly as the
    binder asks for it (MVC style, the members' own case, indexes from 0 with no gap): then each
    function pops the keys it binds from a plain dict, and every key popped is one the binder reads.
    A key left over, a repeat, a value the binder would refuse or lose (other than the zone of a
    DateTime and a normalised Uri, which are noted as it notes them) raises ``_Unsure``."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        super().__init__()

    def read(self, type_name: str, cls: ClassType, data: bytes, source: str) -> Decoded:
        pairs = _plain_pairs(data)
        reading = _Reading(pairs)
        value = self.function(Named(cls.name))((pairs, reading, "", None))
        if pairs or value is _ABSENT:
            raise _Unsure
        root = type_root(self.spec, type_name)
        return Decoded(value, tuple(Loss(self.path(root, where), note, Origin(source, 1, _column(data, name)))
                                    for where, note, name in reading.notes))

    def path(self, root: MemberPath, where: _Where) -> MemberPath:
        """The MemberPath the exact binder gives the place ``where``."""
        if where is None:
            return root
        parent = self.path(root, where[0])
        if len(where) == 3:
            return parent.item(where[1], where[2])
        step = where[1]
        return parent.member(step) if isinstance(step, str) else field_step(self.spec, parent, step)

    def build(self, ref: TypeRef) -> Function:
        """``_Binder.bind`` of ``ref``: the same kinds, in the same order."""
        spec = self.spec
        nillable = is_nillable(spec, ref)  # what the object binder and CastOrDefault ask of a null
        target = _as_collection(spec, ref)
        kind = _kind(spec, target)
        if kind == "simple":
            return self.simple(target, nillable)
        if kind == "boxed":
            return lambda read: _ABSENT  # a key under it is left over: binding it is always a loss
        if kind == "class":
            core = unwrap(target)
            assert isinstance(core, Named)
            return self.object(spec.class_(core.name))
        if isinstance(target, DictOf):
            return self.dictionary(target)
        if kind == "bytes":
            return self.base64(nillable)
        assert isinstance(target, ListOf)
        return self.collection(target)

    def simple(self, ref: TypeRef, nillable: bool) -> Function:
        return self.one_value(nillable, _parser(self.spec, ref), ref if unwrap(ref) in (_DATETIME, _URI) else None)

    def base64(self, nillable: bool) -> Function:
        return self.one_value(nillable, from_base64, None)

    def one_value(self, nillable: bool, parse: Callable[[str], Any], noted: TypeRef | None) -> Function:
        """A key's one value, blank as null where the type takes it, through ``parse``; ``noted``: the
        type whose value may carry a note (a DateTime's zone, a normalised Uri)."""

        def one(read: _Read) -> Any:
            pairs, reading, name, where = read
            text = pairs.pop(name, None)
            if text is None:
                return _ABSENT
            if _blank(text):
                if nillable:
                    return None
                raise _Unsure
            try:
                value = parse(text)
            except ValueError:
                raise _Unsure from None
            if noted is not None and (note := _note(noted, value)) is not None:
                reading.notes.append((where, note, name))
            return value
        return one

    def object(self, cls: ClassType) -> Function:
        members = [member for _, member in xml_members(self.spec, cls)]
        # One key binds one member: the loader refuses members whose names differ only in case.
        assert len({fold(member.name) for member in members}) == len(members), cls.name
        plan = [(member.name, member, self.function(member.type)) for member in members if not member.is_field]
        recursive = _holds_itself(self.spec, cls)

        def read_object(read: _Read) -> Any:
            pairs, reading, name, where = read
            if recursive and name and not reading.under(name):
                return _ABSENT  # the exact binder's prefix test: else the plan would never end
            prefix = name + "." if name else ""
            out: dict[str, Any] = {}
            for member_name, member, function in plan:
                value = function((pairs, reading, prefix + member_name, (where, member)))
                if value is not _ABSENT:
                    out[member_name] = value
            return out if out else _ABSENT
        return read_object

    def collection(self, ref: ListOf) -> Function:
        item = self.function(ref.item)
        element = collection_item(self.spec, ref).name

        def items(read: _Read) -> Any:
            pairs, reading, name, where = read
            out: list[Any] = []
            while (value := item((pairs, reading, f"{name}[{len(out)}]", (where, len(out), element)))) is not _ABSENT:
                out.append(value)
            return out if out else _ABSENT
        return items

    def dictionary(self, ref: DictOf) -> Function:
        key, value = self.function(ref.key), self.function(ref.value)
        element = collection_item(self.spec, ref).name

        def entries(read: _Read) -> Any:
            pairs, reading, name, where = read
            out: dict[Any, Any] = {}
            for i in itertools.count():
                at = (where, i, element)
                got = key((pairs, reading, f"{name}[{i}].Key", (at, "Key")))
                bound = value((pairs, reading, f"{name}[{i}].Value", (at, "Value")))
                if got is _ABSENT and bound is _ABSENT:
                    return out if out else _ABSENT
                if got is _ABSENT or bound is _ABSENT or got is None or got in out:
                    raise _Unsure  # a default pair, a null key, a repeated key: each a loss
                out[got] = bound
            raise AssertionError  # itertools.count() does not end
        return entries


_DATETIME = Primitive("DateTime")


def _holds_itself(spec: Spec, cls: ClassType) -> bool:
    """Whether a member of ``cls`` (through lists, dictionaries, members) is a ``cls`` again."""
    seen: set[str] = set()
    refs: list[TypeRef] = [member.type for _, member in xml_members(spec, cls)]
    while refs:
        ref = _as_collection(spec, refs.pop())
        match ref:
            case Nullable(inner):
                refs.append(inner)
            case ListOf(item):
                refs.append(item)
            case DictOf(key, value):
                refs += [key, value]
            case Named(name) if isinstance(spec.types[name], ClassType) and name not in seen:
                if name == cls.name:
                    return True
                seen.add(name)
                refs += [member.type for _, member in xml_members(spec, spec.class_(name))]
    return False


def _plain_pairs(data: bytes) -> dict[str, str]:
    """The pairs of an ASCII body (no NUL: its text is its bytes) by MVC key, each key once; what
    the exact reader reports (a repeated key, a bad key, too many or too deep ones) raises ``_Unsure``.
    Read a 64 K chunk of whole pairs at a time: the body's text is never held whole."""
    if not data or not data.isascii() or 0 in data:
        raise _Unsure
    limits = current()
    pairs: dict[str, str] = {}
    start = 0
    while start < len(data):
        end = data.find(b"&", start + _SLICE)
        end = len(data) if end < 0 else end
        for piece in data[start:end].decode("ascii").split("&"):
            if not piece:
                continue
            name, _, value = piece.partition("=")
            if "%" in name or "+" in name:
                name = _unquote_plus(name)
            if "[" in name:
                try:
                    name = mvc_key(name)
                except ValueError:
                    raise _Unsure from None
            if name in pairs or name.count(".") + name.count("[") > limits.max_depth:
                raise _Unsure
            pairs[name] = _unquote_plus(value) if "%" in value or "+" in value else value
        if len(pairs) > limits.max_form_keys:
            raise _Unsure
        start = end + 1
    return pairs


def _column(data: bytes, name: str) -> int:
    """The column of the one pair of a plan's body whose key is ``name``: found by ``find`` where the
    body spells the key as it is, else pair by pair (no repeats: ``_plain_pairs`` refused them)."""
    raw = name.encode("ascii")
    if "%" not in name and "+" not in name and "=" not in name and "&" not in name:
        if data.startswith(raw + b"="):
            return 1
        if (at := data.find(b"&" + raw + b"=")) >= 0:
            return at + 2
    for key, _, col in _split(data, b"&", b"=", _ascii):
        if mvc_key(key) == name:
            return col
    raise AssertionError(name)  # the plan popped the key from this body's pairs


# --- decoding: values, as the InvariantCulture TypeConverters read them ([CM]) ----------


def _parser(spec: Spec, ref: TypeRef) -> Callable[[str], Any]:
    """The TypeConverter of a simple type: text to value, or ValueError."""
    core = unwrap(ref)
    if isinstance(core, Named):
        # EnumConverter: Enum.Parse(ignoreCase: true) of each comma-separated part, OR-ed; EnumMember
        # values are not names to it ([CM] EnumConverter.cs ConvertFrom).
        enum = spec.enum(core.name)
        return lambda text: enum_parse(enum, _trim(text))
    assert isinstance(core, Primitive)
    return _PARSERS[core.name]


def _note(ref: TypeRef, value: Any) -> str | None:
    """The loss a converted value carries though it binds: the zone DateTime.Parse drops, the
    normalising of a Uri."""
    if isinstance(value, DateTimeValue) and value.zone:
        return _ZONED
    if unwrap(ref) == _URI and (uri := normalize_uri(value)) != value:
        return messages.uri_normalised(value, uri)
    return None


def _trim(text: str) -> str:
    return text.strip(_WHITESPACE)


def _parse_int(name: str, text: str) -> int:
    """BaseNumberConverter: trimmed; ``#``, ``0x`` or ``&h`` means hex (two's complement
    for signed types, as Convert.ToInt32(s, 16)); else Int32.Parse's NumberStyles.Integer."""
    low, high = INTEGER_RANGES[name]
    trimmed = _trim(text)
    digits = trimmed[1:] if trimmed.startswith("#") else trimmed[2:] if trimmed[:2].lower() in ("0x", "&h") else None
    if digits is not None:
        bits = (high - low).bit_length()
        if not digits or not all(c in string.hexdigits for c in digits) or int(digits, 16) >> bits:
            raise ValueError(messages.not_a(name, "hexadecimal digits after #, 0x or &h", text))
        value = int(digits, 16)
        value -= (1 << bits) if low < 0 and value > high else 0
    else:
        unsigned = trimmed[1:] if trimmed[:1] in ("+", "-") else trimmed
        if not (unsigned.isascii() and unsigned.isdigit()):
            raise ValueError(messages.not_a(name, "an integer", text))
        value = whole(trimmed)
    return check_integer(name, value, messages.Verbatim(trimmed))


_REAL_FORM = "digits, a point, an exponent, NaN, Infinity or -Infinity"


def _parse_float(name: str, text: str) -> float:
    """Double.Parse / Single.Parse with NumberStyles.Float: no thousands, no hex; the
    invariant symbols NaN, Infinity, -Infinity exactly; overflow is an error on .NET Framework."""
    trimmed = _trim(text)
    specials = non_finite("form")
    if trimmed in specials:
        return specials[trimmed]
    if set(trimmed) - set("0123456789+-.eE") or not any(c.isdigit() for c in trimmed):
        raise ValueError(messages.not_a(name, _REAL_FORM, text))
    try:
        value = parse_double(trimmed)
    except ValueError:
        raise ValueError(messages.not_a(name, _REAL_FORM, text)) from None
    if name == "float" and not math.isinf(value):
        try:
            value = to_single(value)  # Single.Parse: (float)double
        except OverflowError:
            value = math.inf
    if math.isinf(value):
        raise ValueError(messages.outside(name, text))
    return value


def _parse_decimal(text: str) -> Decimal:
    """DecimalConverter: Decimal.Parse with NumberStyles.Float, so an exponent is allowed;
    the scale is kept, never negative."""
    mantissa, e, exponent = _trim(text).replace("E", "e").partition("e")
    if not e:
        return parse_decimal(mantissa)
    decimal_digits(mantissa)  # the syntax of the digits before the exponent
    digits = exponent[1:] if exponent[:1] in ("+", "-") else exponent
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 10:
        raise ValueError(messages.not_a("decimal", "digits, a point and an exponent", text))
    try:
        value = Decimal(f"{mantissa}e{exponent}")  # exact
    except InvalidOperation:
        raise ValueError(messages.not_a("decimal", "digits, a point and an exponent", text)) from None
    if value.copy_abs() > DECIMAL_MAX + 1:  # beyond any rounding: copy_abs is exact, abs() would round
        raise ValueError(messages.outside("System.Decimal", text))
    scale = value.as_tuple().exponent
    fitted = fit_decimal(Decimal(int(value)) if isinstance(scale, int) and scale > 0 else value)
    if fitted is None:
        raise ValueError(messages.outside("System.Decimal", text))
    return fitted


def _parse_bool(text: str) -> bool:
    """BooleanConverter: Boolean.Parse after Trim; only true or false, in any case."""
    trimmed = _trim(text)
    if fold(trimmed) in ("TRUE", "FALSE"):  # Boolean.Parse: OrdinalIgnoreCase against "True" and "False"
        return fold(trimmed) == "TRUE"
    raise ValueError(messages.not_a("bool", "true or false, in any case; not on or 1", text))


def _parse_char(text: str) -> str:
    """CharConverter: trimmed when longer than one character, then exactly one UTF-16 unit."""
    value = text if _utf16_len(text) <= 1 else _trim(text)
    if _utf16_len(value) != 1:
        raise ValueError(messages.not_a("char", "one UTF-16 code unit", text))
    return value


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _parse_guid(text: str) -> uuid.UUID:
    """GuidConverter: new Guid(s.Trim()) in the N, D, B ``{D}`` or P ``(D)`` forms."""
    trimmed = _trim(text)
    braced = len(trimmed) == 38 and trimmed[0] + trimmed[-1] in ("{}", "()")
    body = trimmed[1:-1] if braced else trimmed
    dashed = len(body) == 36 and all(body[i] == "-" for i in (8, 13, 18, 23))
    digits = body.replace("-", "") if dashed else body
    if braced and not dashed or len(digits) != 32 or not all(c in string.hexdigits for c in digits):
        raise ValueError(messages.not_a("Guid", "such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301", text))
    return uuid.UUID(hex=digits)


def _iso(text: str) -> str:
    """The ISO 8601 forms DateTime.Parse reads and HTML inputs send (``2026-05-29``,
    ``2026-05-29T16:57``, a space for ``T``), spelled out to the second."""
    trimmed = _trim(text)
    if len(trimmed) == 10:
        trimmed += "T00:00:00"
    if len(trimmed) > 10 and trimmed[10] == " ":
        trimmed = f"{trimmed[:10]}T{trimmed[11:]}"
    if len(trimmed) >= 16 and trimmed[16:17] != ":":
        trimmed = f"{trimmed[:16]}:00{trimmed[16:]}"
    return trimmed


def _parse_datetime(text: str) -> DateTimeValue:
    try:
        return DateTimeValue.parse(_iso(text))
    except ValueError:
        raise ValueError(messages.not_a("DateTime", "ISO 8601, such as 2026-05-29T16:57:00", text)) from None


def _parse_offset(text: str) -> DateTimeOffsetValue:
    iso = _iso(text)
    try:
        zone = DateTimeValue.parse(iso).zone
    except ValueError:
        raise ValueError(messages.not_a("DateTimeOffset", "ISO 8601, such as 2026-05-29T16:57:00+02:00", text)) from None
    if zone is None:
        raise ValueError(f"{messages.quote(text)} has no offset: DateTimeOffset.Parse would take the server's own")
    return DateTimeOffsetValue.parse(iso)


def _parse_timespan(text: str) -> TimeSpanValue:
    """TimeSpanConverter: TimeSpan.Parse, which also reads ``hh:mm`` (an HTML time input)
    and a bare number of days."""
    trimmed = _trim(text)
    if trimmed.lstrip("-").isascii() and trimmed.lstrip("-").isdigit():
        trimmed += ".00:00:00"
    elif trimmed.count(":") == 1:
        trimmed += ":00"
    try:
        return TimeSpanValue.parse_constant(trimmed)
    except ValueError:
        raise ValueError(messages.not_a("TimeSpan", "such as 1.02:03:04.5, 02:03:04 or 02:03", text)) from None


_PARSERS: dict[str, Callable[[str], Any]] = {
    **{name: partial(_parse_int, name) for name in INTEGER_RANGES},
    "string": str, "Uri": str, "bool": _parse_bool, "char": _parse_char,
    "float": partial(_parse_float, "float"), "double": partial(_parse_float, "double"),
    "decimal": _parse_decimal, "Guid": _parse_guid, "DateTime": _parse_datetime,
    "DateTimeOffset": _parse_offset, "TimeSpan": _parse_timespan,
}


# --- encoding ---------------------------------------------------------------------------

#: What each key style's escaping leaves as it is: alphanumerics and ``*-._``; encodeURIComponent
#: (jQuery) also ``~!'()``.
_SAFE: dict[FormStyle, bytes] = {"mvc": (string.ascii_letters + string.digits + "*-._").encode(),
                                 "jquery": (string.ascii_letters + string.digits + "*-._~!'()").encode()}
#: Each byte's escape in both styles: ``%2B`` (upper-case hex, as urllib's quote), a space as ``+``.
_ESCAPES = [b"+" if byte == 32 else b"%%%02X" % byte for byte in range(256)]
_TABLES = {style: [chr(byte) if byte in safe else _ESCAPES[byte].decode() for byte in range(256)]
           for style, safe in _SAFE.items()}
#: Up to this many distinct bytes to escape in a long text, one ``bytes.replace`` each; more (or a
#: short text), one table translate.
_FEW = 24
_SHORT = 256
#: Characters escaped at a time (a byte[]: three times as many bytes).
_CHUNK = 1 << 16


def _percent(text: str, style: FormStyle) -> bytes:
    """``text`` escaped in ``style``: UTF-8 (strict, as urllib's quote), then each byte outside the
    style's safe set as its escape. urllib's quote builds a list with a string a byte (tens of bytes of
    objects per byte of a 5 MB text); here each distinct byte to escape is one C replace over the
    bytes (base64 has three: ``+/=``), ``%`` first since the escapes add more, the space last since
    ``+`` is escaped before spaces become ``+``. tests/unit/test_fast_paths.py: equal to quote."""
    data = text.encode("utf-8")
    rest = data.translate(None, _SAFE[style])
    if not rest:
        return data
    found: list[int] = []
    while rest and len(found) <= _FEW and len(data) > _SHORT:
        found.append(rest[0])
        rest = rest.translate(None, rest[:1])
    if rest:  # a short text, or many kinds of byte (text in many scripts): one pass with a table
        return data.decode("latin-1").translate(_TABLES[style]).encode("ascii")
    for byte in sorted(found, key=lambda b: (b != 0x25, b == 0x20)):
        data = data.replace(bytes((byte,)), _ESCAPES[byte])
    return data


#: ``[`` and ``]`` as both key styles escape them: a key is written escaped piece by piece (escaping is
#: a byte at a time, so the pieces' escapes join up to the whole key's).
_OPEN, _CLOSE = _ESCAPES[ord("[")], _ESCAPES[ord("]")]


@dataclass(frozen=True, slots=True)
class _Slot:
    """What writing a member, list item or dictionary value of a type needs, worked out once per
    type (``_slot``) instead of once per value."""

    ref: TypeRef  # a collection type as the List or Dictionary it derives from
    kind: _Kind
    nillable: bool
    cls: ClassType | None  # a class: its members come from ``_members``
    enum: EnumType | None  # a simple value: its enum, else its primitive's name
    primitive: str
    plain: bool  # a string or Uri: a str value is its own text
    string: bool  # a string: a str value that is ASCII (no lone surrogate) and not blank is sent as it is
    element: str  # a collection's item element name, for paths


@cache
def _slot(spec: Spec, ref: TypeRef) -> _Slot:
    """The ``_Slot`` of ``ref``, made once per spec and type."""
    ref = _as_collection(spec, ref)
    kind = _kind(spec, ref)
    core = unwrap(ref)
    named = core.name if isinstance(core, Named) else None
    primitive = core.name if isinstance(core, Primitive) else ""
    return _Slot(ref=ref, kind=kind, nillable=is_nillable(spec, ref),
                 cls=spec.class_(named) if kind == "class" and named else None,
                 enum=spec.enum(named) if kind == "simple" and named else None,
                 primitive=primitive, plain=primitive in ("string", "Uri"), string=primitive == "string",
                 element=collection_item(spec, ref).name if kind in ("list", "dict") else "")


class _Member(NamedTuple):
    """One member of a class as the writer sends it: its key escaped at the root and after a prefix."""

    name: str
    step: Template
    slot: _Slot
    root_key: bytes
    suffix: bytes
    is_field: bool


@cache
def _members(spec: Spec, cls: ClassType, style: FormStyle) -> tuple[frozenset[str], tuple[_Member, ...]]:
    """The member names of ``cls``, and each member in DataContract order. A member's name is a C#
    identifier (the loader checks), so escaping it here gives the bytes escaping each key would."""
    members = xml_members(spec, cls)
    plan = []
    for _, f in members:
        name = _percent(f.name, style)
        plan.append(_Member(f.name, field_template(spec, f), _slot(spec, f.type), name, _suffix(style, name), f.is_field))
    return frozenset(f.name for _, f in members), tuple(plan)


def _index(key: bytes, index: int) -> bytes:
    """``key[index]``, escaped."""
    return key + _OPEN + b"%d" % index + _CLOSE


def _suffix(style: FormStyle, name: bytes) -> bytes:
    """What follows a prefix for member ``name`` (escaped): ``.name``, or jQuery's ``[name]``."""
    return _OPEN + name + _CLOSE if style == "jquery" else b"." + name


class _Writer:
    """Walks a value and returns its pairs, keys escaped. Each container (member, list item,
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
        """``key=value`` pairs joined by ``&``, values escaped into one buffer; each pair is let go
        once written."""
        out = io.BytesIO()
        pairs.reverse()
        while pairs:
            key, value = pairs.pop()
            out.write(key)
            out.write(b"=")
            self.write(out, value)
            if pairs:
                out.write(b"&")
        return out.getvalue()  # the buffer itself, not a copy

    def value(self, slot: _Slot, key: bytes, path: MemberPath, value: Any) -> list[_Pair]:
        kind = slot.kind
        if kind == "simple":
            return [(key, self.text(slot, value, path))]
        if kind == "class":
            assert slot.cls is not None
            return self.object(slot.cls, key, path, value)
        if kind == "list":
            return self.sequence(slot, key, path, value)
        if kind == "bytes":
            if not isinstance(value, bytes):
                raise _bad(value, slot.ref, path)
            if not value:
                self.loss(path, "an empty byte[] is sent as an empty value, which binds null")
            return [(key, value)]
        if kind == "boxed":
            self.loss(path, messages.FORM_OBJECT)
            return []
        return self.dictionary(slot, key, path, value)

    def slot(self, slot: _Slot, key: bytes, path: MemberPath, value: Any, *, item: bool) -> list[_Pair] | None:
        """The pairs of one member, list item or dictionary value; None when it sends no keys.

        Null sends ``key=``, which binds null, for a simple type. An object is marked by its
        bare key, which binds an empty object: the object binder needs only the prefix. So a
        null object in a collection (``item``) becomes an empty one rather than a gap.
        """
        if value is None:
            if slot.kind == "simple":
                if not slot.nillable:
                    raise PayloadError(f"null is not a {slot.ref}", None, path)
                return [(key, "")]
            if slot.kind == "class" and item:
                self.loss(path, "a null object is sent as its bare key, which binds an empty object")
                return [(key, "")]
            return None
        pairs = self.value(slot, key, path, value)
        if not pairs and slot.kind == "class":
            return [(key, "")]
        return pairs or None

    def object(self, cls: ClassType, key: bytes, path: MemberPath, value: Any) -> list[_Pair]:
        if not isinstance(value, dict):
            raise _bad(value, Named(cls.name), path)
        runtime = runtime_class(self.spec, cls, value, path)
        names, members = _members(self.spec, cls, self.style)
        if runtime is not cls:  # the binder creates the declared type; a form has no type marker
            self.loss(path, messages.derived_type_unbound(runtime.name, cls.name))
            value = {k: v for k, v in value.items() if k != RUNTIME_TYPE and k in names}
        if not names.issuperset(value):
            unknown = sorted(set(value) - names)
            raise PayloadError(f"{cls.name} has no member {unknown[0]!r}", None, path.member(unknown[0]))
        pairs: list[_Pair] = []
        for name, step, slot, root_key, suffix, is_field in members:
            if name not in value:
                continue
            member = value[name]
            if slot.string and type(member) is str and member.isascii() and not _blank(member) and not is_field:
                pairs.append((key + suffix if key else root_key, member))  # text() has nothing to say: no path made
                continue
            member_path = path.child(step)
            if is_field:
                self.loss(member_path, f"{_FIELD}; it is not sent")
                continue
            if slot.kind == "simple" and member is not None:  # what slot() does for it, inline
                pairs.append((key + suffix if key else root_key, self.text(slot, member, member_path)))
                continue
            got = self.slot(slot, key + suffix if key else root_key, member_path, member, item=False)
            if got is None:
                if slot.kind != "boxed" or member is None:
                    self.loss(member_path, f"{self.what(slot, member)} sends no keys: "
                              "the member is left unset (null unless the model sets it)")
                continue
            pairs += got
        return pairs

    def sequence(self, slot: _Slot, key: bytes, path: MemberPath, value: Any) -> list[_Pair]:
        """``key[i]``; jQuery writes ``key[]`` for simple items, which binds as repeated ``key``."""
        assert isinstance(slot.ref, ListOf)
        if not isinstance(value, list):
            raise _bad(value, slot.ref, path)
        item = _slot(self.spec, slot.ref.item)
        repeated = self.style == "jquery" and item.kind == "simple"
        pairs: list[_Pair] = []
        count = len(value)
        for i, element in enumerate(value):
            item_key, item_path = key + _OPEN + _CLOSE if repeated else _index(key, i), path.item(i, slot.element, count)
            got = self.slot(item, item_key, item_path, element, item=True)
            if got is None:
                what = "a null item" if element is None else self.what(item, element)
                self.loss(item_path, f"{what} sends no keys: binding stops at the first "
                          f"missing index, so items {i} to {count - 1} are lost")
                break
            pairs += got
        return pairs

    def dictionary(self, slot: _Slot, key: bytes, path: MemberPath, value: Any) -> list[_Pair]:
        """``key[i].Key`` and ``key[i].Value``. An entry that cannot be sent is left out and
        the rest renumbered, since a gap would end the dictionary there."""
        ref = slot.ref
        assert isinstance(ref, DictOf)
        if not isinstance(value, dict):
            raise _bad(value, ref, path)
        keys, values = _slot(self.spec, ref.key), _slot(self.spec, ref.value)
        key_suffix, value_suffix = _suffix(self.style, b"Key"), _suffix(self.style, b"Value")
        pairs: list[_Pair] = []
        sent = 0
        for i, (entry_key, entry_value) in enumerate(value.items()):
            entry, where = _index(key, sent), path.entry(entry_key, xml=slot.element, index=i, of=len(value))
            if isinstance(entry_key, str) and _blank(entry_key):
                self.loss(where, "the entry is not sent: a blank key binds null, and the binder drops such entries")
                continue
            got = self.slot(values, entry + value_suffix, where, entry_value, item=True)
            if got is None:
                self.loss(where, f"the entry is not sent: its value, {self.what(values, entry_value)}, has no keys")
                continue
            pairs += [(entry + key_suffix, self.text(keys, entry_key, where)), *got]
            sent += 1
        return pairs

    def what(self, slot: _Slot, value: Any) -> str:
        nouns = {"list": "list", "dict": "dictionary", "bytes": "byte array", "boxed": "object"}
        return "null" if value is None else f"an empty {nouns[slot.kind]}"

    def text(self, slot: _Slot, value: Any, path: MemberPath) -> str:
        """A simple value's text, with the losses the binder's reading of it causes."""
        if slot.enum is not None:
            if not isinstance(value, int) or isinstance(value, bool):
                raise _bad(value, slot.ref, path)
            return enum_to_string(slot.enum, value)
        text = value if slot.plain and type(value) is str else _format(slot.primitive, value, path)
        if _surrogates(text):
            self.loss(path, "a lone surrogate has no UTF-8 form: it is sent as U+FFFD")
            text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
        if _blank(text):
            unset = "" if slot.nillable else ", so the member is left unset"
            self.loss(path, f"{'an empty' if not text else 'a whitespace-only'} value binds null "
                      f"(ConvertEmptyStringToNull){unset}")
        if isinstance(value, DateTimeValue) and value.zone:
            self.loss(path, _ZONED)
        if slot.primitive == "Uri" and (uri := normalize_uri(value)) != value:
            self.loss(path, messages.uri_normalised(value, uri))
        if isinstance(value, float) and value == 0 and math.copysign(1, value) < 0:
            self.loss(path, "negative zero is sent as 0 (.NET Framework drops the sign)")
        return text


def _bad(value: Any, ref: TypeRef, path: MemberPath) -> PayloadError:
    return PayloadError(f"{type(value).__name__} {value!r} does not fit {ref}", None, path)


def _format(name: str, value: Any, path: MemberPath) -> str:
    """The text each TypeConverter reads back exactly (see the parsers above)."""
    if not _fits(value, name):
        raise _bad(value, Primitive(name), path)
    if name in INTEGER_RANGES:
        try:
            check_integer(name, value)
        except ValueError as exc:
            raise PayloadError(str(exc), None, path) from None
    if name == "char" and _utf16_len(value) != 1:
        raise PayloadError(messages.not_a("char", "one UTF-16 code unit", value), None, path)
    if name == "decimal" and not value.is_finite():
        raise _bad(value, Primitive(name), path)
    return _FORMATS.get(name, str)(value)


def _fits(value: Any, name: str) -> bool:
    """Whether ``value`` has the Python type of primitive ``name`` (values.py); a bool is no number."""
    return isinstance(value, _PY_TYPES[name]) and (name == "bool" or not isinstance(value, bool))


def _format_real(single: bool, value: float) -> str:
    """The "R" text; NaN and the infinities as Double.Parse's invariant symbols."""
    if not math.isfinite(value):
        return non_finite_text(value, "form")
    return format_float(float(value)) if single else format_double(float(value))


_PY_TYPES: dict[str, type | tuple[type, ...]] = {
    **dict.fromkeys(INTEGER_RANGES, int), "float": (int, float), "double": (int, float),
    "string": str, "Uri": str, "char": str, "bool": bool, "decimal": Decimal, "Guid": uuid.UUID,
    "DateTime": DateTimeValue, "DateTimeOffset": DateTimeOffsetValue, "TimeSpan": TimeSpanValue,
}
_FORMATS: dict[str, Callable[[Any], str]] = {
    "bool": lambda v: "true" if v else "false",
    "float": partial(_format_real, True),
    "double": partial(_format_real, False),
    "decimal": format_decimal,
    "TimeSpan": lambda v: v.constant(),
}
