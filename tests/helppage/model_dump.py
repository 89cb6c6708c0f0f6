"""A loaded spec as plain data, so two specs compare by what they say, not where they say it."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from converter.errors import Origin
from converter.spec.model import Spec


def dump(node: Any) -> Any:
    """Every dataclass field but origins, recursively; mappings and tuples kept in order."""
    if isinstance(node, Origin):
        return None
    if is_dataclass(node) and not isinstance(node, type):
        return {f.name: dump(getattr(node, f.name)) for f in fields(node) if f.name != "origin"}
    if isinstance(node, dict) or hasattr(node, "items"):
        return {k: dump(v) for k, v in node.items()}
    if isinstance(node, (tuple, list)):
        return [dump(v) for v in node]
    return node


def contract(spec: Spec) -> dict[str, Any]:
    """What two specs must share to be the same contract: types (in any order), JSON settings,
    operations. The title and the file name are not the contract."""
    return {"types": {name: dump(t) for name, t in sorted(spec.types.items())}, "json": dump(spec.json),
            "operations": dump(spec.operations), "generics": dump(dict(spec.generics))}
