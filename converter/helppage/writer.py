"""Write a draft spec as readable YAML in the spec format, comments where the import guessed."""

from __future__ import annotations

import json
import re

from .draft import DraftField, DraftOperation, DraftSpec, DraftType

__all__ = ["write_yaml"]

#: What reads back as the same string unquoted (in a block, in a flow mapping); ``T?`` is quoted
#: as the bundled specs do.
_PLAIN = re.compile(r"[A-Za-z_][^\n#:\"?]*")
_PLAIN_FLOW = re.compile(r"[A-Za-z_][^\n#:\"?{}\[\],]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
_WIDTH = 116
_FIELD_KEYS = ("minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems")


def _scalar(value: object, flow: bool) -> str:
    """A YAML scalar: plain where that reads back as the same string, else JSON's double quotes
    (a valid YAML double-quoted scalar)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    pattern = _PLAIN_FLOW if flow else _PLAIN
    if pattern.fullmatch(text) and text.lower() not in _RESERVED and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow(items: list[tuple[str, object]]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v, True)}" if not isinstance(v, list) else
                           f"{k}: [{', '.join(_scalar(x, True) for x in v)}]" for k, v in items) + "}"


def write_yaml(spec: DraftSpec, header: list[str]) -> str:
    """The spec file's text: a header comment, then ``spec``, ``title``, ``json``, ``types``, ``operations``."""
    out = [f"# {line}" if line else "#" for line in header]
    out += ["spec: 1", f"title: {_scalar(spec.title, False)}"]
    if spec.json:
        out.append("json: " + _flow(list(spec.json.items())))
    out.append("types:")
    for tdef in spec.types.values():
        out += _type(tdef)
    if spec.operations:
        out.append("operations:")
        for op in spec.operations:
            out += _operation(op)
    return "\n".join(out) + "\n"


def _comments(notes: list[str], indent: str) -> list[str]:
    return [f"{indent}# {note}" for note in notes]


def _type(tdef: DraftType) -> list[str]:
    out = _comments(tdef.notes, "  ") + [f"  {tdef.name}:"]
    if tdef.namespace is not None:
        out.append(f"    namespace: {tdef.namespace}")
    if tdef.base is not None:
        out.append(f"    base: {tdef.base}")
    if tdef.description:
        out.append(f"    description: {_scalar(tdef.description, False)}")
    if tdef.data_contract:
        order = ("name", "namespace", "itemName", "keyName", "valueName")
        out.append("    dataContract: " + _flow(sorted(tdef.data_contract.items(), key=lambda kv: order.index(kv[0]))))
    if tdef.members is not None:
        plain = all(value == i for i, (_, value) in enumerate(tdef.members))
        if plain:
            out.append("    enum: [" + ", ".join(name for name, _ in tdef.members) + "]")
        else:
            out.append("    enum:")
            out += [f"      - {{name: {name}, value: {value}}}" for name, value in tdef.members]
        return out
    out.append("    fields:" + (" {}" if not tdef.fields else ""))
    for f in tdef.fields or ():
        out += _field(f)
    return out


def _field(f: DraftField) -> list[str]:
    items: list[tuple[str, object]] = [("type", f.type)]
    if f.required:
        items.append(("required", True))
    if f.read_only:
        items.append(("readOnly", True))
    if f.enum is not None:
        items.append(("enum", list(f.enum)))
    items += [(k, f.constraints[k]) for k in _FIELD_KEYS if k in f.constraints]
    if f.json_name is not None:
        items.append(("jsonName", f.json_name))
    out = _comments(f.notes, "      ")
    if len(items) == 1 and not f.description:
        return out + [f"      {f.name}: {_scalar(f.type, True)}"]
    if f.description:
        items.append(("description", f.description))
    line = f"      {f.name}: {_flow(items)}"
    if len(line) <= _WIDTH:
        return out + [line]
    out.append(f"      {f.name}:")
    for key, value in items:
        text = f"[{', '.join(_scalar(x, True) for x in value)}]" if isinstance(value, list) else _scalar(value, False)
        out.append(f"        {key}: {text}")
    return out


def _operation(op: DraftOperation) -> list[str]:
    out = _comments(op.notes, "  ") + [f"  - method: {op.method}", f"    path: {_scalar(op.path, False)}"]
    if op.summary:
        out.append(f"    summary: {_scalar(op.summary, False)}")
    if op.request:
        out.append(f"    request: {_scalar(op.request, True)}")
    if op.response:
        out.append(f"    response: {_scalar(op.response, True)}")
    if op.formats:
        out.append("    formats: [" + ", ".join(op.formats) + "]")
    return out
