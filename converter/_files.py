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


def write_tree(root: Path, files: Mapping[str, bytes]) -> tuple[list[str], list[str]]:
    """Write every file under ``root``, and remove the files an earlier run generated that ``files``
    no longer has (``root`` is the generator's own folder); returns the changed and removed paths."""
    changed = [rel for rel, data in files.items() if _read(root / rel) != data]
    for rel in changed:
        atomic_write(root / rel, files[rel])
    removed = _extra(root, files)
    for rel in removed:
        (root / rel).unlink()
    return changed, removed


def compare_tree(root: Path, files: Mapping[str, bytes]) -> list[str]:
    """What differs between ``root`` and ``files``: ``stale``, ``missing`` or ``extra`` paths."""
    out = []
    for rel, data in files.items():
        current = _read(root / rel)
        if current != data:
            out.append(f"{'missing' if current is None else 'stale'}: {rel}")
    out += [f"extra: {rel}" for rel in _extra(root, files)]
    return out


def _extra(root: Path, files: Mapping[str, bytes]) -> list[str]:
    """Files under ``root`` that look generated (``*.schema.json``, ``xsd/*.xsd``) but are not in ``files``."""
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        generated = rel.endswith(".schema.json") and "/" not in rel or rel.startswith("xsd/") and rel.endswith(".xsd")
        if generated and path.is_file() and rel not in files:
            found.append(rel)
    return found


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
