"""What contractkit refuses to read, in one place: the limits and the one bounded reader.

Payloads and specs come from pull requests, tickets and customers, so every command reads
through ``read_input`` (no further than ``max_bytes``) and every decoder asks ``current()``
for the limits the command line set. Each limit is a refusal with one line saying which
limit and how to raise it, never a slow or unbounded read.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import ContractkitError, Origin, PayloadError

__all__ = ["DEFAULT", "MAX_DIGITS", "Limits", "current", "read_input", "set_limits", "using"]


@dataclass(frozen=True, slots=True)
class Limits:
    """``max_bytes``: the most a payload or spec may hold (``--max-bytes``); ``max_form_keys``: the
    most pairs a form body may hold (``--max-form-keys``, as the first Web API releases had);
    ``max_depth``: the deepest nesting of JSON, form keys, YAML, base chains and type expressions
    (XML's is libxml2's own, the same 256);
    ``yaml_alias_nodes``: how many nodes YAML aliases may repeat in all."""

    max_bytes: int = 64 * 2**20
    max_form_keys: int = 1000
    max_depth: int = 256
    yaml_alias_nodes: int = 10_000


#: The longest run of digits read as a number: more than any .NET type holds, far less than the
#: 4,300 at which Python refuses to convert. Fixed, not an option: no contract needs more, and
#: the check sits on every number's path.
MAX_DIGITS = 1000


DEFAULT = Limits()
_CURRENT: ContextVar[Limits] = ContextVar("limits", default=DEFAULT)


def current() -> Limits:
    """The limits in force (the defaults unless ``using`` set others)."""
    return _CURRENT.get()


@contextmanager
def using(limits: Limits) -> Iterator[None]:
    """Run a block under ``limits``."""
    token = _CURRENT.set(limits)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def read_input(path: str | None, name: str, error: type[ContractkitError] = PayloadError, what: str = "",
               unreadable: type[ContractkitError] | None = None) -> bytes:
    """The bytes of ``path`` (None: standard input), reading no more than ``max_bytes`` + 1.

    Raises ``error`` (a ``PayloadError``, or ``SpecError`` for a spec) naming the file when it
    holds more than the limit, and ``unreadable`` (default ``error``) when it cannot be read
    (``what``, such as "spec", names it); a folder is refused too.
    """
    from .codecs import messages

    cap = current().max_bytes
    try:
        data = _bounded(sys.stdin.buffer.fileno(), cap) if path is None else _read_file(path, cap)
    except OSError as exc:
        raise (unreadable or error)(f"cannot read{' ' + what if what else ''}: {exc.strerror or exc}", Origin(name)) from None
    if data is None:
        raise error(messages.too_large(cap), Origin(name))
    return data


def _read_file(path: str, cap: int) -> bytes | None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if stat.S_ISREG(info.st_mode) and info.st_size < cap:
            # One read for a whole small file (a CI run reads thousands): a short read of a regular
            # file is its end. A file that grew, or says 0 as /proc's do, is read on as any other.
            first = os.read(fd, info.st_size + 1)
            if len(first) <= info.st_size:
                return first
            rest = _bounded(fd, cap - len(first))
            return None if rest is None else first + rest
        return _bounded(fd, cap)
    finally:
        os.close(fd)


def _bounded(fd: int, cap: int) -> bytes | None:
    """Up to ``cap`` bytes from ``fd``; None when there are more (what follows is never read)."""
    chunks: list[bytes] = []
    size = 0
    while size <= cap:
        chunk = os.read(fd, min(1 << 20, cap + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    return None


def set_limits(limits: Limits) -> None:
    """Put ``limits`` in force for the rest of this context (the command line's run)."""
    _CURRENT.set(limits)
