"""Validate many files: read each once, check it, in one process or several."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import PayloadError
from ..limits import read_input
from ..spec.model import Spec
from .engine import Format, Validator
from .findings import Finding, sort_findings
from .jsoncheck import Role

__all__ = ["Run", "Target", "validate_files", "validate_lines"]

Progress = Callable[[int], Any]


@dataclass(frozen=True, slots=True)
class Target:
    """One payload to check: its name in reports, where to read it (None: standard input), and
    what it is, when known (from ``--type``/``--from``/``--role`` or the repository's configuration)."""

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
    import os

    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    if workers > 1 and len(targets) >= 4 * workers and all(t.path is not None for t in targets):
        found, seconds = _parallel(spec, targets, workers, progress)
    else:
        checker = _Checker(spec)
        found, seconds = [], {}
        bar = progress(len(targets)) if progress else None
        with bar if bar is not None else _Null():
            for target in targets:
                found += checker.check(target, seconds)
                if bar is not None:
                    bar.update(1)
    return Run(sort_findings(found, [t.name for t in targets]), seconds)


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

    def check(self, target: Target, seconds: dict[str, float]) -> list[Finding]:
        start = time.perf_counter()
        found = self.findings(target)
        seconds[target.name] = seconds.get(target.name, 0.0) + time.perf_counter() - start
        return found

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
              progress: Progress | None) -> tuple[list[Finding], dict[str, float]]:
    """Chunks of consecutive files, claimed one at a time from a shared counter by this process
    and ``workers - 1`` forked ones (so no core waits on a slow chunk, and this one does not sit
    idle). Forked workers inherit the targets and this process's compiled checkers (the first
    chunk is checked before forking), so nothing but the findings and the times travel back, once
    per worker. The findings come out in the order one process gives them; a chunk a worker did
    not return (it died) is checked here."""
    import gc
    import multiprocessing

    size = max(1, min(128, len(targets) // (workers * 8)))
    chunks = [range(0, 1)] + [range(i, min(i + size, len(targets))) for i in range(1, len(targets), size)]
    done: dict[int, tuple[list[Finding], list[float]]] = {}
    checker = _Checker(spec)
    done[0] = _check_range(checker, targets, chunks[0])  # compiles the checkers the workers inherit
    gc.freeze()  # what exists now is never collected, so the workers' collections do not copy its pages
    try:
        context = multiprocessing.get_context("fork")
        claimed = context.Value("q", 1)
        pipes = []
        for _ in range(workers - 1):
            receive, send = context.Pipe(duplex=False)
            worker = context.Process(target=_work, args=(checker, targets, chunks, claimed, send), daemon=True)
            worker.start()
            send.close()
            pipes.append((worker, receive))
        bar = progress(len(targets)) if progress else None
        with bar if bar is not None else _Null():
            shown = 0
            for index in _claims(claimed, len(chunks)):
                done[index] = _check_range(checker, targets, chunks[index])
                if bar is not None:
                    reached = min(len(targets), claimed.value * size) - size * (workers - 1)
                    if reached > shown:
                        bar.update(reached - shown)
                        shown = reached
            for worker, receive in pipes:
                try:
                    done.update(receive.recv())
                except (EOFError, OSError):  # the worker died: its chunks are checked below
                    pass
                receive.close()
                worker.join()
            for index, chunk in enumerate(chunks):
                if index not in done:
                    done[index] = _check_range(checker, targets, chunk)
            if bar is not None and shown < len(targets):
                bar.update(len(targets) - shown)
    finally:
        gc.unfreeze()
    found: list[Finding] = []
    seconds: dict[str, float] = {}
    for index, chunk in enumerate(chunks):
        chunk_found, times = done[index]
        found += chunk_found
        for at, spent in zip(chunk, times, strict=True):
            name = targets[at].name
            seconds[name] = seconds.get(name, 0.0) + spent
    return found, seconds


def _claims(claimed: Any, count: int) -> Iterator[int]:
    """The indexes of the chunks this process claims, until none is left."""
    while True:
        with claimed.get_lock():
            index = claimed.value
            claimed.value = index + 1
        if index >= count:
            return
        yield index


def _check_range(checker: _Checker, targets: Sequence[Target], chunk: range) -> tuple[list[Finding], list[float]]:
    """The findings of the targets in ``chunk``, in order, and the seconds each took."""
    found: list[Finding] = []
    times: list[float] = []
    clock = time.perf_counter
    for at in chunk:
        start = clock()
        found += checker.findings(targets[at])
        times.append(clock() - start)
    return found, times


def _work(checker: _Checker, targets: Sequence[Target], chunks: list[range], claimed: Any, send: Any) -> None:
    """A forked worker: claims and checks chunks, then sends what it found in one message. A
    chunk that fails is left to the parent, which checks it again and reports as one process would."""
    done: dict[int, tuple[list[Finding], list[float]]] = {}
    try:
        for index in _claims(claimed, len(chunks)):
            done[index] = _check_range(checker, targets, chunks[index])
    except Exception:  # noqa: BLE001 (the parent checks this chunk again and reports the error itself)
        pass
    send.send(done)
    send.close()


class _Null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None
