"""Validate many files: read each once, check it, in one process or several."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..errors import PayloadError
from ..limits import read_input
from ..spec.model import Spec
from .engine import Format, Validator
from .findings import Finding, sort_findings
from .jsoncheck import Role

__all__ = ["validate_files"]

Progress = Callable[[int], Any]
_WORKER: dict[str, Any] = {}


def validate_files(spec: Spec, files: Sequence[tuple[str, str | None]], *, type_name: str | None = None,
                   fmt: Format = "auto", role: Role = None, jobs: int = 1,
                   progress: Progress | None = None) -> list[Finding]:
    """Findings for every file (``(name, path)``; a None path is standard input), sorted by file.

    ``jobs`` > 1 (or 0 for every core) checks chunks of files in forked worker processes,
    each with its own compiled validator; ``progress(total)`` gives a context manager with
    ``update(n)``, such as ``click.progressbar``.
    """
    import os

    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    if workers > 1 and len(files) >= 4 * workers and all(path is not None for _, path in files):
        found = _parallel(spec, files, type_name, fmt, role, workers, progress)
    else:
        validator = Validator(spec, role=role)
        found = []
        bar = progress(len(files)) if progress else None
        with bar if bar is not None else _Null():
            for name, path in files:
                found += _check(validator, name, path, fmt, type_name)
                if bar is not None:
                    bar.update(1)
    return sort_findings(found, [name for name, _ in files])


def _parallel(spec: Spec, files: Sequence[tuple[str, str | None]], type_name: str | None, fmt: Format,
              role: Role, workers: int, progress: Progress | None) -> list[Finding]:
    import multiprocessing

    size = max(1, min(200, len(files) // (workers * 4)))
    chunks = [[(name, str(path)) for name, path in files[i : i + size]] for i in range(0, len(files), size)]
    context = multiprocessing.get_context("fork")
    _WORKER.update(spec=spec, type_name=type_name, fmt=fmt, role=role)
    found: list[Finding] = []
    bar = progress(len(files)) if progress else None
    with context.Pool(workers) as pool, bar if bar is not None else _Null():
        for chunk_findings, count in pool.imap_unordered(_check_chunk, chunks):
            found += chunk_findings
            if bar is not None:
                bar.update(count)
    return found


def _check_chunk(chunk: list[tuple[str, str]]) -> tuple[list[Finding], int]:
    if "validator" not in _WORKER:
        _WORKER["validator"] = Validator(_WORKER["spec"], role=_WORKER["role"])
    validator: Validator = _WORKER["validator"]
    found: list[Finding] = []
    for name, path in chunk:
        found += _check(validator, name, path, _WORKER["fmt"], _WORKER["type_name"])
    return found, len(chunk)


def _check(validator: Validator, name: str, path: str | None, fmt: Format, type_name: str | None) -> list[Finding]:
    """One file's findings; a file that cannot be read (or is over ``--max-bytes``) is one finding."""
    try:
        data = read_input(path, name)
    except PayloadError as exc:
        return [Finding(name, "read", exc.message, line=1, col=1)]
    return validator.check(data, name, fmt=fmt, type_name=type_name)


class _Null:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None
