"""contractkit: one field spec for a .NET Web API's JSON, DataContract XML and form payloads.

This module only re-exports. The spec loader is imported on first use, so that
``contractkit --version`` and ``--help`` start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ContractkitError, LossError, Origin, PayloadError, SpecError, StaleOutputError

if TYPE_CHECKING:
    from .spec import load_spec, parse_spec

__version__ = "0.1.0"

__all__ = [
    "ContractkitError",
    "LossError",
    "Origin",
    "PayloadError",
    "SpecError",
    "StaleOutputError",
    "__version__",
    "load_spec",
    "parse_spec",
]


def __getattr__(name: str) -> Any:
    if name in ("load_spec", "parse_spec"):
        from . import spec

        return getattr(spec, name)
    raise AttributeError(f"module 'converter' has no attribute {name!r}")
