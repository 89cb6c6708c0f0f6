"""Validate many files: read each once, check it, in one process or several."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from ..errors import PayloadError
from ..limits import read_input
from ..spec.model import Spec
from .engine import Format, Validator
from .findings import Finding, sort_findings
from .jsoncheck import Role

__all__ = ["Run", "Target", "validate_files", "validate_lines"]

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


def validate_files(spec: Spec, targets: Sequence[Target], *, jobs: int = 1, progress: Progress | None = None) -> Run:
    """Check every target.

    ``jobs`` > 1 (or 0 for every core) checks chunks of files in this process and ``jobs - 1``
    forked ones, with the same findings in the same order as one process; ``progress(total)`` gives a context manager with
    ``update(n)``, such as ``click.progressbar``.
    """
    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    if workers > 1 and len(targets) >= 4 * workers and all(t.path is not None for t in targets):
        found, times = _parallel(spec, targets, workers, progress)
    else:
        bar = progress(len(targets)) if progress else None
        with bar if bar is not None else _Null():
            found, times = _check_range(_Checker(spec), targets, range(len(targets)), bar)
    names = [t.name for t in targets]
    return Run(sort_findings(found, names) if found else [], _seconds(names, times))


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
        self.spec = spec
        self.validators: dict[Role, Validator] = {}

    def findings(self, target: Target) -> list[Finding]:
        validator = self.validators.get(target.role)
        if validator is None:
            validator = self.validators[target.role] = Validator(self.spec, role=target.role)
        if target.path is not None:
            return validator.check_file(target.path, target.name, fmt=target.fmt, type_name=target.type_name)
        try:
            data = read_input(None, target.name)
        except PayloadError as exc:
            return [Finding(target.name, "read", exc.message, line=1, col=1)]
        return validator.check(data, target.name, fmt=target.fmt, type_name=target.type_name)


def _parallel(spec: Spec, targets: Sequence[Target], workers: int,
              progress: Progress | None) -> tuple[list[Finding], list[float]]:
    """Chunks of consecutive files, taken one at a time from a shared queue by this process and
    ``workers - 1`` forked ones (so no core waits on a slow chunk, and this one does not sit
    idle). Forked workers inherit the targets and this process's compiled checkers (the first
    chunk is checked before forking), so nothing but the findings and the times travel back, once
    per worker. The findings come out in the order one process gives them; a chunk a worker did
    not return (it died) is checked here.

    Plain ``os.fork`` and pipes: ``multiprocessing``'s import, shared counter (ctypes) and process
    start cost ~17 ms, a tenth of what a second process saves on 20,000 small files."""
    import gc

    chunks = _chunks(len(targets), workers)
    size = len(chunks[1])
    done: dict[int, tuple[list[Finding], list[float]]] = {}
    checker = _Checker(spec)
    done[0] = _check_range(checker, targets, chunks[0])  # compiles the checkers the workers inherit
    queue, fill = os.pipe()
    os.write(fill, b"".join(index.to_bytes(4, "little") for index in range(1, len(chunks))))
    os.close(fill)  # once the queue is empty, a read says so (end of file)
    children: dict[int, int] = {}  # pid: the pipe its results come through, until it is reaped
    gc.freeze()  # what exists now is never collected, so the workers' collections do not copy its pages
    try:
        for _ in range(workers - 1):
            receive, send = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker ends here, skipping the interpreter's tidy-up: the parent's
                try:         # buffered output and exit handlers are not its own
                    os.close(receive)
                    _work(checker, targets, chunks, queue, send)
                finally:
                    os._exit(0)
            os.close(send)
            children[pid] = receive
        bar = progress(len(targets)) if progress else None
        with bar if bar is not None else _Null():
            shown = 0
            for index in _claims(queue):
                done[index] = _check_range(checker, targets, chunks[index])
                if bar is not None:
                    waiting = _waiting(queue)  # the last chunks, as the queue hands them out in order
                    reached = (chunks[-waiting].start if waiting else len(targets)) - size * (workers - 1)
                    if reached > shown:
                        bar.update(reached - shown)
                        shown = reached
            for pid in list(children):
                done.update(_results(children.pop(pid)))
                os.waitpid(pid, 0)
            for index, chunk in enumerate(chunks):
                if index not in done:
                    done[index] = _check_range(checker, targets, chunk)
            if bar is not None and shown < len(targets):
                bar.update(len(targets) - shown)
    finally:
        gc.unfreeze()
        os.close(queue)
        for pid, receive in children.items():  # left by an error here (such as ^C): stopped, then reaped
            os.close(receive)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    found: list[Finding] = []
    times: list[float] = []
    for index in range(len(chunks)):
        chunk_found, chunk_times = done[index]
        found += chunk_found
        times += chunk_times
    return found, times


#: Chunks of one run at most: 4 bytes each in the queue, within a pipe's smallest buffer (4,096 bytes).
_MAX_CHUNKS = 1000


def _chunks(count: int, workers: int) -> list[range]:
    """The first file alone (checked before forking), then runs of up to 128 consecutive files,
    and the last ``workers`` runs' worth in eighths, so the processes finish within a few files
    of each other rather than one waiting on another's last 128. At most half of _MAX_CHUNKS of
    each size."""
    half = _MAX_CHUNKS // 2
    size = max(1, min(128, count // (workers * 8)), -(-(count - 1) // half))
    tail = max(1, count - workers * size)
    small = max(1, size // 8, -(-(count - tail) // half))
    return ([range(0, 1)] + [range(i, min(i + size, tail)) for i in range(1, tail, size)]
            + [range(i, min(i + small, count)) for i in range(tail, count, small)])


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
