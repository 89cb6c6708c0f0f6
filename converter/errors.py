"""The exceptions contractkit raises, each carrying the exit code the CLI uses.

::

    ContractkitError            exit 1: bad input the user can fix
    ├── SpecError (ValueError)  exit 2: the field spec itself is wrong
    ├── PayloadError            exit 1: a payload cannot be read as its type
    │   └── LossError           exit 1: --strict, and the target encoding would lose data
    ├── StaleOutputError        exit 1: `generate --check` found stale files
    └── UsageError              exit 2: an input that cannot be read, an output that would destroy one

Only ``converter.cli`` turns these into a message and an exit status; library
code raises them with the location already attached, never in the text alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from .codecs.path import MemberPath

__all__ = ["ContractkitError", "LossError", "Origin", "PayloadError", "SpecError", "StaleOutputError", "UsageError"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where something came from: a file and a 1-based line and column.

    >>> str(Origin("spec.yaml", 3, 5))
    'spec.yaml:3:5'
    """

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


class ContractkitError(Exception):
    """Root of contractkit's errors; ``show()`` is the one line a user sees."""

    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, origin: Origin | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.origin = origin

    def show(self) -> str:
        """Render as ``file:line:col: error: message``."""
        where = f"{self.origin}: " if self.origin else ""
        return f"{where}error: {self.message}"

    def __str__(self) -> str:
        return self.show()


class SpecError(ContractkitError, ValueError):
    """The field spec cannot be loaded: bad YAML, bad shape or bad meaning."""

    exit_code: ClassVar[int] = 2


class StaleOutputError(ContractkitError):
    """Generated files differ from what the spec generates now."""


class UsageError(ContractkitError):
    """A command line that cannot be carried out: an input that cannot be read, or an output
    whose writing would destroy something (the input, the spec, a device)."""

    exit_code: ClassVar[int] = 2


class PayloadError(ContractkitError):
    """A payload that cannot be decoded as its type; ``path`` names the member (None: the whole payload)."""

    def __init__(self, message: str, origin: Origin | None = None, path: MemberPath | None = None) -> None:
        super().__init__(message, origin)
        self.path = path

    def show(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        member = f"{self.path.clr()}: " if self.path is not None and self.path.clr() else ""
        return f"{where}error: {member}{self.message}"


class LossError(PayloadError):
    """Converting would lose data and the caller asked for strictness."""
