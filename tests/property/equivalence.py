"""What "the same value" means across encodings: exact, with .NET's own equivalences only.

- NaN equals NaN and -0.0 differs from 0.0; decimals compare with their scale ("1.10" != "1.1").
- A ``[DataMember(EmitDefaultValue=false)]`` member holding its default is written by neither
  serializer, and a reader keeps the default: absent and default are the same value there.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from converter.codecs.values import Boxed, is_default
from converter.spec.datacontract import collection_of
from converter.spec.model import ClassType, DictOf, ListOf, Named, Nullable, Spec, TypeRef


def canonical(spec: Spec, ref: TypeRef, value: Any) -> Any:
    """``value`` with default-valued EmitDefaultValue=false members removed, recursively."""
    core = ref.of if isinstance(ref, Nullable) else ref
    if value is None:
        return None
    core = collection_of(spec, core) or core
    if isinstance(core, Named) and isinstance(spec.types[core.name], ClassType):
        cls = spec.types[core.name]
        assert isinstance(cls, ClassType)
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
    if isinstance(core, DictOf):
        return {k: canonical(spec, core.value, v) for k, v in value.items()}
    return value


def same(a: Any, b: Any) -> bool:
    """Exact equality, NaN and decimal scale included."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, Decimal):
        return isinstance(b, Decimal) and a.as_tuple() == b.as_tuple()
    if isinstance(a, dict):
        return (isinstance(b, dict) and len(a) == len(b)
                and all(k in b and same(v, b[k]) for k, v in a.items()))
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, Boxed):
        return isinstance(b, Boxed) and a.type == b.type and same(a.value, b.value)
    return type(a) is type(b) and a == b
