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
_WORKER: dict[str, Any] = {}


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

    ``jobs`` > 1 (or 0 for every core) checks chunks of files in forked worker processes,
    each with its own compiled validators; ``progress(total)`` gives a context manager with
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
        validator = self.validators.get(target.role)
        if validator is None:
            validator = self.validators[target.role] = Validator(self.spec, role=target.role)
        if target.path is not None:
            found = validator.check_file(target.path, target.name, fmt=target.fmt, type_name=target.type_name)
        else:
            try:
                data = read_input(None, target.name)
            except PayloadError as exc:
                found = [Finding(target.name, "read", exc.message, line=1, col=1)]
            else:
                found = validator.check(data, target.name, fmt=target.fmt, type_name=target.type_name)
        seconds[target.name] = seconds.get(target.name, 0.0) + time.perf_counter() - start
        return found


def _parallel(spec: Spec, targets: Sequence[Target], workers: int,
              progress: Progress | None) -> tuple[list[Finding], dict[str, float]]:
    import multiprocessing

    size = max(1, min(200, len(targets) // (workers * 4)))
    chunks = [list(targets[i : i + size]) for i in range(0, len(targets), size)]
    context = multiprocessing.get_context("fork")
    _WORKER.update(spec=spec)
    found: list[Finding] = []
    seconds: dict[str, float] = {}
    bar = progress(len(targets)) if progress else None
    with context.Pool(workers) as pool, bar if bar is not None else _Null():
        for chunk_findings, chunk_seconds in pool.imap_unordered(_check_chunk, chunks):
            found += chunk_findings
            seconds.update(chunk_seconds)
            if bar is not None:
                bar.update(len(chunk_seconds))
    return found, seconds


def _check_chunk(chunk: list[Target]) -> tuple[list[Finding], dict[str, float]]:
    if "checker" not in _WORKER:
        _WORKER["checker"] = _Checker(_WORKER["spec"])
    checker: _Checker = _WORKER["checker"]
    found: list[Finding] = []
    seconds: dict[str, float] = {}
    for target in chunk:
        found += checker.check(target, seconds)
    return found, seconds


class _Null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None
