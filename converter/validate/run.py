"""Validate many files: read each once, check it, in one process or several."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from ..errors import PayloadError
from ..limits import read_input
from .findings import Finding, sort_findings

if TYPE_CHECKING:
    from ..spec.model import Spec
    from .engine import Format, Validator
    from .jsoncheck import Role

__all__ = ["Run", "Target", "Workers", "start_workers", "validate_files", "validate_lines"]

Progress = Callable[[int], Any]


class Target(NamedTuple):
    """One payload to check: its name in reports, where to read it (None: standard input), and
    what it is, when known (from ``--type``/``--from``/``--role`` or the repository's configuration).
    A named tuple: a run of 20,000 files builds 20,000 of them before any is checked, at half a
    frozen dataclass's cost."""

    name: str
    path: str | None
    type_name: str | None = None
    fmt: Format = "auto"
    role: Role = None


@dataclass(frozen=True, slots=True)
class Run:
    """What one run found, sorted by file then position, and how long each file took (for JUnit)."""

    findings: list[Finding]
    seconds: dict[str, float] = field(default_factory=dict)


def validate_files(spec: Spec, targets: Sequence[Target], *, jobs: int = 1, progress: Progress | None = None,
                   workers: Workers | None = None) -> Run:
    """Check every target.

    ``jobs`` > 1 (or 0 for every core) checks chunks of files in this process and ``jobs - 1``
    forked ones, with the same findings in the same order as one process: ``workers`` forked
    earlier (``Workers``), else forked now. ``progress(total)`` gives a context manager with
    ``update(n)``, such as ``click.progressbar``.
    """
    count = _processes(jobs)
    if count > 1 and len(targets) >= 4 * count and all(t.path is not None for t in targets):
        with Workers(spec, count) if workers is None else workers as pool:
            found, times = pool.check(targets, progress)
    else:
        if workers is not None:
            workers.close()  # not worth it: they end without a word
        bar = progress(len(targets)) if progress else None
        with bar if bar is not None else _Null():
            found, times = _check_range(_Checker(spec), targets, range(len(targets)), bar)
    names = [t.name for t in targets]
    return Run(sort_findings(found, names) if found else [], _seconds(names, times))


def start_workers(spec: Spec, jobs: int) -> Workers | None:
    """The workers ``validate_files`` will want for ``jobs``, forked now (None for one process):
    before the payloads are listed, so they load the engine meanwhile."""
    count = _processes(jobs)
    return Workers(spec, count) if count > 1 else None


def _processes(jobs: int) -> int:
    return (os.cpu_count() or 1) if jobs == 0 else jobs


def _seconds(names: list[str], times: list[float]) -> dict[str, float]:
    """Each file's seconds by name, in the order first named; a file named twice took both times."""
    seconds = dict(zip(names, times, strict=True))
    if len(seconds) < len(names):
        seconds = dict.fromkeys(names, 0.0)
        for name, spent in zip(names, times, strict=True):
            seconds[name] += spent
    return seconds


def validate_lines(validator: Validator, path: str | None, name: str, *,
                   type_name: str | None = None) -> Iterator[Finding]:
    """Each line of a JSON Lines capture (``path``, None for standard input) checked as one JSON
    payload, its findings placed at the capture's line; blank lines are skipped.

    Streams: one line is in memory at a time (a line over ``--max-bytes`` is one ``read``
    finding, skipped unread), so a capture of any length runs in bounded memory.
    """
    import sys

    from ..codecs.messages import too_large
    from ..limits import current

    cap = current().max_bytes
    try:
        stream = sys.stdin.buffer if path is None else open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        yield Finding(name, "read", f"cannot read: {exc.strerror or exc}", line=1, col=1)
        return
    try:
        number = 0
        while True:
            line = stream.readline(cap + 2)
            if not line:
                return
            number += 1
            if len(line) > cap and not line.endswith(b"\n"):
                yield Finding(name, "read", too_large(cap), line=number, col=1)
                while line and not line.endswith(b"\n"):  # the rest of the line, a megabyte at a time
                    line = stream.readline(1 << 20)
                continue
            payload = line.removesuffix(b"\n").removesuffix(b"\r")
            if not payload.strip(b" \t"):
                continue
            for found in validator.check(payload, name, fmt="json", type_name=type_name):
                yield replace(found, line=number + max(found.line, 1) - 1)
    except OSError as exc:
        yield Finding(name, "read", f"cannot read: {exc.strerror or exc}", line=number + 1, col=1)
    finally:
        if path is not None:
            stream.close()


class _Checker:
    """One validator per role, built on first use."""

    def __init__(self, spec: Spec) -> None:
        from .engine import Validator  # here, not at import: a worker forked early loads it while the folder is walked

        self.spec = spec
        self.validator = Validator
        self.validators: dict[Role, Validator] = {}

    def findings(self, target: Target) -> list[Finding]:
        validator = self.validators.get(target.role)
        if validator is None:
            validator = self.validators[target.role] = self.validator(self.spec, role=target.role)
        if target.path is not None:
            return validator.check_file(target.path, target.name, fmt=target.fmt, type_name=target.type_name)
        try:
            data = read_input(None, target.name)
        except PayloadError as exc:
            return [Finding(target.name, "read", exc.message, line=1, col=1)]
        return validator.check(data, target.name, fmt=target.fmt, type_name=target.type_name)


class Workers:
    """``count - 1`` worker processes, forked before the payloads are listed: each loads the
    checking engine while this process walks the folders, then takes its share of the files.

    ``check`` hands them the targets: chunks of consecutive files, taken one at a time from a
    shared queue by this process and the workers (so no core waits on a slow chunk, and this one
    does not sit idle); nothing but the findings and the times travel back, once per worker. The
    findings come out in the order one process gives them; a chunk a worker did not return (it
    died) is checked here. Plain ``os.fork`` and pipes: ``multiprocessing``'s import, shared
    counter (ctypes) and process start cost ~17 ms, a tenth of what a second process saves on
    20,000 small files. ``close`` (or leaving the ``with``) ends workers that got nothing."""

    def __init__(self, spec: Spec, count: int) -> None:
        self.spec = spec
        self.count = count
        self.queue, self.fill = os.pipe()
        self.listing = _shared_file()
        self.children: dict[int, tuple[int, int]] = {}  # pid: (its go, its results), until reaped
        for _ in range(count - 1):
            take, hand = os.pipe()
            receive, send = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker ends here, skipping the interpreter's tidy-up: the parent's
                try:         # buffered output and exit handlers are not its own
                    for fd in (self.fill, hand, receive, *(fd for pair in self.children.values() for fd in pair)):
                        os.close(fd)
                    _serve(spec, count, self.queue, self.listing, take, send)
                finally:
                    os._exit(0)
            os.close(take)
            os.close(send)
            self.children[pid] = (hand, receive)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()

    def check(self, targets: Sequence[Target], progress: Progress | None) -> tuple[list[Finding], list[float]]:
        """The findings of every target, in order, and the seconds each took."""
        chunks = _chunks(len(targets), self.count)
        listing = _columns(targets)
        if listing is not None:
            os.pwrite(self.listing, listing, 0)  # a file, not a pipe: this process never waits for a worker to read it
        for pid, (hand, receive) in self.children.items():
            if listing is not None:
                with contextlib.suppress(BrokenPipeError):  # a worker that died: its share is checked here
                    os.write(hand, len(listing).to_bytes(8, "little"))  # go: the list's length
            os.close(hand)  # without a go the worker ends, and this process checks every chunk
            self.children[pid] = (-1, receive)
        os.write(self.fill, b"".join(index.to_bytes(4, "little") for index in range(len(chunks))))
        os.close(self.fill)  # once the queue is empty, a read says so (end of file)
        self.fill = -1
        checker = _Checker(self.spec)
        done: dict[int, tuple[list[Finding], list[float]]] = {}
        bar = progress(len(targets)) if progress else None
        with bar if bar is not None else _Null():
            shown = 0
            size = len(chunks[0])
            for index in _claims(self.queue):
                done[index] = _check_range(checker, targets, chunks[index])
                if bar is not None:
                    reached = min(len(targets), (len(chunks) - _waiting(self.queue)) * size) - size * (self.count - 1)
                    if reached > shown:
                        bar.update(reached - shown)
                        shown = reached
            for pid in list(self.children):
                done.update(_results(self.children.pop(pid)[1]))
                os.waitpid(pid, 0)
            for index, chunk in enumerate(chunks):
                if index not in done:
                    done[index] = _check_range(checker, targets, chunk)
            if bar is not None and shown < len(targets):
                bar.update(len(targets) - shown)
        found: list[Finding] = []
        times: list[float] = []
        for index in range(len(chunks)):
            chunk_found, chunk_times = done[index]
            found += chunk_found
            times += chunk_times
        return found, times

    def close(self) -> None:
        """End the workers still running (none after ``check``) and release the pipes and the file."""
        for pid, (hand, receive) in self.children.items():
            if hand >= 0:
                os.close(hand)  # a worker given no targets ends at once
            os.close(receive)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        self.children = {}
        for fd in (self.fill, self.queue, self.listing):
            if fd >= 0:
                os.close(fd)
        self.fill = self.queue = self.listing = -1


def _chunks(total: int, count: int) -> list[range]:
    """The files of a run in chunks of consecutive ones, the same in every process: ~8 a process
    (so the last ones leave a short tail), at most 128 files, and at most _MAX_CHUNKS chunks."""
    size = max(1, min(128, total // (count * 8)), -(-total // _MAX_CHUNKS))
    return [range(i, min(i + size, total)) for i in range(0, total, size)]


def _columns(targets: Sequence[Target]) -> bytes | None:
    """The targets' fields, NUL-separated (no type or role is empty, no path holds a NUL): a fifth
    of pickling 20,000 named tuples, which this process would wait for. None when a name holds a NUL."""
    text = "\0".join(value or "" for target in targets for value in target)
    if text.count("\0") != 5 * len(targets) - 1:
        return None
    return text.encode("utf-8", "surrogatepass")


def _targets(columns: bytes) -> list[Target]:
    """The targets ``_columns`` wrote."""
    values = iter(columns.decode("utf-8", "surrogatepass").split("\0"))
    return [Target(name, path, type_name or None, cast("Format", fmt), cast("Role", role or None))
            for name, path, type_name, fmt, role in zip(values, values, values, values, values)]


def _shared_file() -> int:
    """A file for the targets' list, which the forked workers share: in memory where the system
    has it (Linux), else an unnamed temporary file."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("contractkit-targets")
    import tempfile

    fd, path = tempfile.mkstemp(prefix="contractkit-targets.")
    os.unlink(path)
    return fd


def _serve(spec: Spec, count: int, queue: int, listing: int, take: int, send: int) -> None:
    """A worker: load the checkers, wait for the targets' list (none: nothing to do), then check chunks."""
    checker = _Checker(spec)
    told = os.read(take, 8)
    if len(told) < 8:
        return
    size = int.from_bytes(told, "little")
    columns = b""
    while len(columns) < size:
        more = os.pread(listing, size - len(columns), len(columns))
        if not more:
            return
        columns += more
    targets = _targets(columns)
    _work(checker, targets, _chunks(len(targets), count), queue, send)


#: Chunks of one run at most: 4 bytes each in the queue, within a pipe's smallest buffer (4,096 bytes).
_MAX_CHUNKS = 1000


def _claims(queue: int) -> Iterator[int]:
    """The indexes of the chunks this process takes from the queue, until none is left. Every
    index was written before any process read, and a pipe hands each 4-byte read whole to one
    reader: no lock needed."""
    while True:
        taken = os.read(queue, 4)
        if len(taken) < 4:
            return
        yield int.from_bytes(taken, "little")


def _waiting(queue: int) -> int:
    """How many chunks are still in the queue (for the progress bar)."""
    import fcntl
    import termios

    unread = bytearray(4)
    fcntl.ioctl(queue, termios.FIONREAD, unread)
    return int.from_bytes(unread, sys.byteorder) // 4


def _results(receive: int) -> dict[int, tuple[list[Finding], list[float]]]:
    """What a worker sent, read to its end and reaped; nothing when it died before sending all of it."""
    import pickle

    with os.fdopen(receive, "rb") as stream:
        data = stream.read()
    try:
        return dict(pickle.loads(data)) if data else {}
    except Exception:  # noqa: BLE001 (cut short: the worker died while sending; the parent checks its chunks)
        return {}


def _check_range(checker: _Checker, targets: Sequence[Target], chunk: range,
                 bar: Any = None) -> tuple[list[Finding], list[float]]:
    """The findings of the targets in ``chunk``, in order, and the seconds each took (``bar``
    moved on a file at a time, if any)."""
    found: list[Finding] = []
    times: list[float] = []
    clock = time.perf_counter
    for at in chunk:
        start = clock()
        found += checker.findings(targets[at])
        times.append(clock() - start)
        if bar is not None:
            bar.update(1)
    return found, times


def _work(checker: _Checker, targets: Sequence[Target], chunks: list[range], queue: int, send: int) -> None:
    """A forked worker: takes and checks chunks, then sends what it found in one message. A
    chunk that fails is left to the parent, which checks it again and reports as one process would."""
    import pickle

    done: dict[int, tuple[list[Finding], list[float]]] = {}
    try:
        for index in _claims(queue):
            done[index] = _check_range(checker, targets, chunks[index])
    except Exception:  # noqa: BLE001 (the parent checks this chunk again and reports the error itself)
        pass
    with os.fdopen(send, "wb") as stream:
        stream.write(pickle.dumps(done, pickle.HIGHEST_PROTOCOL))


class _Null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None
