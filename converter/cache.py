"""Where contractkit keeps what it can reuse between runs: remembered specs, the compiled .NET driver."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_dir"]


def cache_dir() -> Path:
    """``$CONTRACTKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/contractkit``, else ``~/.cache/contractkit``."""
    explicit = os.environ.get("CONTRACTKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "contractkit"
