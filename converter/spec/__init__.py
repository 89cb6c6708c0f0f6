"""The field spec: its model, its loader and the wire names .NET derives from it."""

from .load import format_schema, load_spec, parse_spec
from .model import ClassType, DictOf, EnumType, EnumValue, Field, ListOf, Named, Nullable, Primitive, Spec, TypeRef

__all__ = [
    "ClassType",
    "DictOf",
    "EnumType",
    "EnumValue",
    "Field",
    "ListOf",
    "Named",
    "Nullable",
    "Primitive",
    "Spec",
    "TypeRef",
    "format_schema",
    "load_spec",
    "parse_spec",
]
