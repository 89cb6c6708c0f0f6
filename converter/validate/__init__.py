"""Check payloads against the contract; every problem becomes a located ``Finding``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .findings import Finding

if TYPE_CHECKING:
    from .engine import Validator

__all__ = ["Finding", "Validator"]


def __getattr__(name: str) -> Any:
    """``Validator`` loads the checking engine on first use: ``validate --jobs`` forks its workers
    before that, so each loads it while the parent walks the folders."""
    if name == "Validator":
        from .engine import Validator

        return Validator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
