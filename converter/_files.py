"""Writing outputs so that a failure never leaves a lost or half-written file."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from .errors import Origin, UsageError

__all__ = ["FileId", "atomic_write", "compare_tree", "csharp_file", "file_id", "schema_file", "write_tree"]

#: A file by (device, inode): the same file whatever path or descriptor names it.
FileId = tuple[int, int]


def file_id(path: str | None) -> FileId | None:
    """The identity of the file at ``path`` (None: standard input), or None when it is no
    regular file (a pipe, a terminal, nothing)."""
    try:
        st = os.fstat(0) if path is None else os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def atomic_write(path: Path, data: bytes, protect: Collection[FileId] = ()) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    The file keeps an existing file's mode (else the umask's, as ``open`` would give). A
    target that is one of ``protect`` (the input, the spec: by inode, so any spelling of the
    path counts) or that is not a regular file (a device, a folder) is refused: replacing it
    would lose it.
    """
    try:
        st: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None  # a new file (or one under a path that is not a folder: creating it says so)
    except OSError as exc:
        raise UsageError(f"cannot write: {exc.strerror or exc}", Origin(str(path))) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise UsageError("not a regular file: refusing to replace it", Origin(str(path)))
    if st is not None and (st.st_dev, st.st_ino) in protect:
        raise UsageError("is an input of this command: refusing to write over it", Origin(str(path)))
    # Through a symlink, the file it names is replaced (beside itself), not the link.
    target = Path(os.path.realpath(path)) if st is not None else path
    try:
        _replace(target, data, st)
    except (FileExistsError, NotADirectoryError):
        raise UsageError("cannot write: a part of the path is a file, not a folder", Origin(str(path))) from None
    except OSError as exc:
        raise UsageError(f"cannot write: {exc.strerror or exc}", Origin(str(path))) from None


def _replace(target: Path, data: bytes, st: os.stat_result | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
            if st is not None and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(out.fileno(), st.st_uid, st.st_gid)
                except PermissionError:
                    pass  # only root can give a file away; the mode is kept either way
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def schema_file(rel: str) -> bool:
    """Whether a path under a schema folder is one ``generate`` writes (``*.schema.json``, ``xsd/*.xsd``)."""
    return rel.endswith(".schema.json") and "/" not in rel or rel.startswith("xsd/") and rel.endswith(".xsd")


def csharp_file(rel: str) -> bool:
    """Whether a path under a ``--csharp`` folder is one ``generate`` writes (a top-level ``*.cs``)."""
    return rel.endswith(".cs") and "/" not in rel


def write_tree(root: Path, files: Mapping[str, bytes], protect: Collection[FileId] = (),
               owned: Callable[[str], bool] = schema_file) -> tuple[list[str], list[str]]:
    """Write every file under ``root``, and remove the files an earlier run generated (``owned``) that
    ``files`` no longer has (``root`` is the generator's own folder); returns the changed and removed paths."""
    changed = [rel for rel, data in files.items() if _read(root / rel, len(data)) != data]
    for rel in changed:
        atomic_write(root / rel, files[rel], protect)
    removed = _extra(root, files, owned)
    for rel in removed:
        (root / rel).unlink()
    return changed, removed


def compare_tree(root: Path, files: Mapping[str, bytes], owned: Callable[[str], bool] = schema_file) -> list[str]:
    """What differs between ``root`` and ``files``: ``stale``, ``missing`` or ``extra`` paths."""
    out = []
    for rel, data in files.items():
        current = _read(root / rel, len(data))
        if current != data:
            out.append(f"{'missing' if current is None else 'stale'}: {rel}")
    out += [f"extra: {rel}" for rel in _extra(root, files, owned)]
    return out


def _extra(root: Path, files: Mapping[str, bytes], owned: Callable[[str], bool]) -> list[str]:
    """Files under ``root`` that look generated (``owned``) but are not in ``files``."""
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if owned(rel) and path.is_file() and rel not in files:
            found.append(rel)
    return found


def _read(path: Path, size: int) -> bytes | None:
    """The file's bytes, no more than ``size`` + 1 (enough to tell it differs); None when absent.
    A generated file that is a device or a FIFO (planted as a symlink to /dev/zero) is refused."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO would block an ordinary open
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError("not a regular file: refusing to read or replace it", Origin(str(path)))
        return file.read(size + 1)
