"""What "the same value" means across encodings, and where two values differ.

Exact, with .NET's own equivalences only:

- NaN equals NaN and -0.0 differs from 0.0; decimals compare with their scale ("1.10" != "1.1"),
  but not the sign of a zero, which no .NET ToString shows (-0.0m is written ``0.0``).
- A ``[DataMember(EmitDefaultValue=false)]`` member holding its default is written by neither
  serializer, and a reader keeps the default: absent and default are the same value there.

The round-trip property of ``contractkit fuzz`` and the property tests both judge with these.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..codecs.path import MemberPath
from ..codecs.values import Loss, is_default
from ..spec.model import ClassType, DictOf, ListOf, Named, Spec, TypeRef, unwrap

__all__ = ["canonical", "covered", "differences", "same", "unexplained"]


def canonical(spec: Spec, ref: TypeRef, value: Any) -> Any:
    """``value`` with default-valued EmitDefaultValue=false members removed, recursively."""
    core = unwrap(ref)
    if value is None:
        return None
    if isinstance(core, Named) and isinstance(spec.types[core.name], ClassType):
        cls = spec.class_(core.name)
        out = {}
        for owner in spec.class_chain(cls):
            for f in owner.fields:
                if f.name not in value:
                    continue
                if f.data_member and not f.data_member.emit_default_value and is_default(spec, f.type, value[f.name]):
                    continue
                out[f.name] = canonical(spec, f.type, value[f.name])
        return out
    if isinstance(core, ListOf):
        return [canonical(spec, core.item, v) for v in value]
    return value


def same(a: Any, b: Any) -> bool:
    """Exact equality, NaN and decimal scale included."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, Decimal):
        if not isinstance(b, Decimal):
            return False
        return a.as_tuple() == b.as_tuple() or a.is_zero() and b.is_zero() and a.as_tuple()[2] == b.as_tuple()[2]
    if isinstance(a, dict):
        return (isinstance(b, dict) and len(a) == len(b)
                and all(k in b and same(v, b[k]) for k, v in a.items()))
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def differences(spec: Spec, ref: TypeRef, a: Any, b: Any, path: MemberPath = MemberPath.root()) -> list[str]:
    """Paths (CLR paths, as ``MemberPath.clr`` renders them) where two values of ``ref`` differ."""
    core = unwrap(ref)
    if a is None or b is None:
        return [] if a is None and b is None else [path.clr()]
    if isinstance(core, Named) and isinstance(spec.types[core.name], ClassType):
        out = []
        for owner in spec.class_chain(spec.class_(core.name)):
            for f in owner.fields:
                here = path.member(f.name)
                if (f.name in a) != (f.name in b):
                    out.append(here.clr())
                elif f.name in a:
                    out += differences(spec, f.type, a[f.name], b[f.name], here)
        return out
    if isinstance(core, ListOf):
        if len(a) != len(b):
            return [path.clr()]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(spec, core.item, x, y, path.item(i))]
    if isinstance(core, DictOf):
        if list(a) != list(b):
            return [path.clr()]
        return [d for k in a for d in differences(spec, core.value, a[k], b[k], path.entry(k))]
    return [] if same(a, b) else [path.clr()]


def covered(difference: str, losses: Sequence[Loss]) -> bool:
    """A loss reported at the difference, above it, or inside it (an item lost from a list)."""
    def within(inner: str, outer: str) -> bool:
        return outer == "" or inner == outer or inner.startswith((outer + ".", outer + "["))

    return any(within(difference, loss.path.clr()) or within(loss.path.clr(), difference) for loss in losses)


def unexplained(spec: Spec, type_name: str, before: Any, after: Any, losses: Sequence[Loss]) -> list[str]:
    """The paths where ``after`` differs from ``before`` with no loss reported there."""
    ref = Named(type_name)
    return [d for d in differences(spec, ref, canonical(spec, ref, before), canonical(spec, ref, after))
            if not covered(d, losses)]
