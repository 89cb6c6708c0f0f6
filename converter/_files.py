"""Writing outputs so that a failure never leaves a lost or half-written file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["atomic_write", "compare_tree", "write_tree"]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_tree(root: Path, files: Mapping[str, bytes]) -> list[str]:
    """Write every file under ``root``; returns the paths that changed."""
    changed = [rel for rel, data in files.items() if _read(root / rel) != data]
    for rel in changed:
        atomic_write(root / rel, files[rel])
    return changed


def compare_tree(root: Path, files: Mapping[str, bytes]) -> list[str]:
    """What differs between ``root`` and ``files``: ``stale``, ``missing`` or ``extra`` paths."""
    out = []
    for rel, data in files.items():
        current = _read(root / rel)
        if current != data:
            out.append(f"{'missing' if current is None else 'stale'}: {rel}")
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in files and (rel.endswith(".schema.json") or rel.startswith("xsd/")):
                out.append(f"extra: {rel}")
    return out


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
