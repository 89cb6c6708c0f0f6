"""Schema generators: pure functions from a loaded spec to JSON Schema and XSD."""

from __future__ import annotations

import json

from typing import TYPE_CHECKING

from ..spec.model import Spec

if TYPE_CHECKING:
    from .xsd import Profile

__all__ = ["render", "schema_file"]


def schema_file(key: str) -> str:
    """A type key as a file name: a generic's ``<>`` become ``[]`` (``ApiResponse[int]``), which every
    file system takes."""
    return key.replace("<", "[").replace(">", "]")


def render(spec: Spec, profile: Profile = "contract") -> dict[str, bytes]:
    """Every generated file, by path relative to the output folder.

    ``<Type>.schema.json`` per type (``ApiResponse[Order].schema.json`` for a generic's use) and ``xsd/<namespace>.xsd`` per namespace,
    plus ``xsd/index.xsd``. Deterministic, so ``generate --check`` can compare bytes.
    """
    from .jsonschema import to_json_schemas
    from .xsd import to_xsd

    files = {
        f"{schema_file(name)}.schema.json": (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        for name, schema in to_json_schemas(spec).items()
    }
    files.update({f"xsd/{name}": data for name, data in to_xsd(spec, profile).items()})
    return files
