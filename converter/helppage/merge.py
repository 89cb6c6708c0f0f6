"""Merge imported drafts into an existing spec (``import-helppage --merge``)."""

from __future__ import annotations

from ..spec.model import ClassType, EnumType, Spec
from .draft import DraftField, DraftOperation, DraftSpec, DraftType
from .page import HelpPageError

__all__ = ["drafts_of", "merge_into"]


def drafts_of(spec: Spec) -> DraftSpec:
    """A loaded spec as drafts, so the writer can write it back with the new types.

    The YAML's comments are not in the model, so a merged file loses them (the command says so).
    """
    out = DraftSpec(spec.title)
    out.json = {"naming": spec.json.naming, "enums": spec.json.enums, "nulls": spec.json.nulls}
    for tdef in spec.types.values():
        where = str(tdef.origin)
        if isinstance(tdef, EnumType):
            d = DraftType(tdef.name, where, tdef.namespace or None, description=tdef.description,
                          members=[(m.name, m.value) for m in tdef.members])
        else:
            assert isinstance(tdef, ClassType)
            d = DraftType(tdef.name, where, tdef.namespace or None, tdef.base, tdef.description, fields=[
                DraftField(f.name, str(f.type), str(f.origin), f.description, f.required, f.read_only,
                           list(f.enum) if f.enum is not None else None,
                           {k: v for k, v in (("minLength", f.min_length), ("maxLength", f.max_length),
                                              ("pattern", f.pattern), ("minimum", f.minimum),
                                              ("maximum", f.maximum), ("minItems", f.min_items),
                                              ("maxItems", f.max_items)) if v is not None},
                           f.json_name) for f in tdef.fields])
        if tdef.data_contract is not None:
            d.data_contract = {k: v for k, v in (("name", tdef.data_contract.name),
                                                 ("namespace", tdef.data_contract.namespace)) if v is not None}
        out.types[tdef.name] = d
    out.operations = [DraftOperation(op.method, op.path, str(op.origin), op.summary, op.request, op.response,
                                     list(op.formats)) for op in spec.operations]
    return out


def merge_into(spec: Spec, source: str, draft: DraftSpec) -> DraftSpec:
    """``spec`` with the draft's types and operations added; a type both have must agree."""
    from .infer import difference, origin

    base = drafts_of(spec)
    for name, tdef in draft.types.items():
        have = base.types.get(name)
        if have is None:
            base.types[name] = tdef
        elif have.shape() != tdef.shape():
            what, new, old = difference(have, tdef)
            raise HelpPageError(f"type {name} differs from {source}'s at {old}: {what}", origin(new))
    known = {(op.method, op.path) for op in base.operations}
    base.operations += [op for op in draft.operations if (op.method, op.path) not in known]
    base.guesses, base.warnings = draft.guesses, draft.warnings
    return base
