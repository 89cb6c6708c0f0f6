"""Parse C# type expressions (``List<int?>``, ``Dictionary<string,Foo>``) into TypeRefs.

Specs spell types the way the .NET models do, because the people who write
specs read those models. The grammar is small enough for a tokenizer and a
recursive descent parser::

    type   := atom ('?' | '[]')*
    atom   := NAME ('.' NAME)* ['<' type (',' type)* '>']
"""

from __future__ import annotations

import difflib
import re

from ..codecs import messages
from ..limits import current
from .model import PRIMITIVES, VALUE_PRIMITIVES, DictOf, ListOf, Named, Nullable, Primitive, TypeRef

__all__ = ["TypeExprError", "parse_type"]

_TOKEN = re.compile(r"\s*(?:(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(?P<punct>\[\]|[<>,?]))")
_LISTS = {"List", "IList", "ICollection", "IEnumerable", "IReadOnlyList", "IReadOnlyCollection"}
_DICTS = {"Dictionary", "IDictionary", "IReadOnlyDictionary"}
_ALIASES = {"System.Guid": "Guid", "System.DateTime": "DateTime", "System.DateTimeOffset": "DateTimeOffset",
            "System.TimeSpan": "TimeSpan", "System.Uri": "Uri", "System.String": "string"}


class TypeExprError(ValueError):
    """A type expression that does not parse; ``column`` is 0-based."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


def parse_type(text: str) -> TypeRef:
    """Parse one C# type expression.

    Names that are not primitives come back as ``Named`` for the loader to resolve.

    >>> parse_type("List<int?>")
    ListOf(item=Nullable(of=Primitive(name='int')))
    >>> parse_type("byte[]")
    Primitive(name='byte[]')
    >>> str(parse_type("Dictionary<string, Patient>"))
    'Dictionary<string,Patient>'
    """
    tokens: list[tuple[str, int]] = []
    pos = 0
    while pos < len(text.rstrip()):
        m = _TOKEN.match(text, pos)
        if not m:
            raise TypeExprError(f"unexpected character {text[pos:].strip()[:1]!r} in type {text!r}", pos)
        tokens.append((m.group("name") or m.group("punct"), m.start(m.lastindex or 0)))
        pos = m.end()
    limit = current().max_depth
    nested = [col for tok, col in tokens if tok in ("<", "?", "[]")]
    if len(nested) > limit:  # each level is a recursion in every reader, writer and generator
        raise TypeExprError(messages.too_deep("type expressions", limit), nested[limit])
    parser = _Parser(text, tokens)
    ref = parser.type()
    if parser.i != len(tokens):
        tok, col = tokens[parser.i]
        raise TypeExprError(f"unexpected {tok!r} in type {text!r}", col)
    return ref


class _Parser:
    def __init__(self, text: str, tokens: list[tuple[str, int]]) -> None:
        self.text = text
        self.tokens = tokens
        self.i = 0

    def _peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def _col(self) -> int:
        return self.tokens[self.i][1] if self.i < len(self.tokens) else len(self.text)

    def _expect(self, tok: str) -> None:
        if self._peek() != tok:
            found = repr(self._peek()) if self._peek() else "the end"
            raise TypeExprError(f"expected {tok!r} but found {found} in type {self.text!r}", self._col())
        self.i += 1

    def type(self) -> TypeRef:
        ref = self._atom()
        while self._peek() in ("?", "[]"):
            col = self._col()
            if self._peek() == "?":
                if not _is_value_type(ref):
                    raise TypeExprError(f"'?' applies to value types only, not {ref} in {self.text!r}", col)
                ref = Nullable(ref)
            elif ref == Primitive("byte"):
                ref = Primitive("byte[]")
            else:
                ref = ListOf(ref, array=True)
            self.i += 1
        return ref

    def _atom(self) -> TypeRef:
        col = self._col()
        name = self._peek()
        if name is None or not (name[0].isalpha() or name[0] == "_"):
            found = repr(name) if name else "the end"
            raise TypeExprError(f"expected a type name but found {found} in {self.text!r}", col)
        self.i += 1
        raw = name
        name = _ALIASES.get(name, name.removeprefix("System.Collections.Generic."))
        args: list[TypeRef] = []
        if self._peek() == "<":
            self.i += 1
            args.append(self.type())
            while self._peek() == ",":
                self.i += 1
                args.append(self.type())
            self._expect(">")
        if name in _LISTS and len(args) == 1:
            return ListOf(args[0])
        if name in _DICTS and len(args) == 2:
            return DictOf(args[0], args[1])
        if name == "Nullable" and len(args) == 1:
            if not _is_value_type(args[0]):
                raise TypeExprError(f"Nullable<T> takes a value type, not {args[0]}", col)
            return Nullable(args[0])
        if args:
            known = sorted(_LISTS if len(args) == 1 else _DICTS if len(args) == 2 else ())
            close = difflib.get_close_matches(name, known + ["Nullable"] * (len(args) == 1), n=1, cutoff=0.6)
            hint = f"; did you mean {self.text[:col] + close[0] + self.text[col + len(raw):]!r}?" if close else ""
            raise TypeExprError(f"unknown generic type {name}<...> with {len(args)} argument(s) in {self.text!r}{hint}", col)
        if name in _LISTS | _DICTS | {"Nullable"}:
            raise TypeExprError(f"{name} needs type arguments in {self.text!r}", col)
        if name in PRIMITIVES:
            return Primitive(name)
        return Named(name)


def _is_value_type(ref: TypeRef) -> bool:
    # Named types may be enums (value types) or classes; the loader checks which.
    return (isinstance(ref, Primitive) and ref.name in VALUE_PRIMITIVES) or isinstance(ref, Named)
