"""Validate many files: read each once, check it, in one process or several."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import PayloadError
from ..limits import read_input
from ..spec.model import Spec
from .engine import Format, Validator
from .findings import Finding, sort_findings
from .jsoncheck import Role

__all__ = ["Run", "Target", "validate_files"]

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
        try:
            data = read_input(target.path, target.name)
        except PayloadError as exc:  # unreadable, a dangling link, over --max-bytes: one finding, go on
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
