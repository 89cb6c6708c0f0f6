"""Load a field spec file into the model; the only module that reads YAML.

Loading runs in three steps, each of which stops at the first problem with a
``SpecError`` naming ``file:line:column`` and the offending key:

1. YAML (or JSON) to plain data, remembering where every key and value stood;
2. the data against the spec format's own JSON Schema (``format.schema.json``,
   shipped as ``schemas/contractkit-spec.schema.json`` for editors);
3. meaning: unknown types, base cycles, two members with one wire name,
   duplicate enum values, options that do not fit a member's type.

Between 2 and 3 every type reference is bound to its key (a short name ``Order`` to
``Common.Dto.Post.Order`` where that is unique), and each use of a generic declaration
(``ApiResponse<Order>``) is closed into a class of its own, keyed by that display name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ..codecs import messages
from ..errors import Origin, SpecError
from ..limits import MAX_DIGITS
from ..limits import current as current_limits
from . import datacontract
from .model import (
    INTEGER_RANGES,
    VALUE_PRIMITIVES,
    ClassType,
    DataContract,
    DataMember,
    DictOf,
    EnumType,
    EnumValue,
    Field,
    JsonSettings,
    ListOf,
    Named,
    Nullable,
    Operation,
    Primitive,
    Spec,
    TypeDef,
    TypeRef,
    map_children,
    simple_name,
    unwrap,
)
from .typeexpr import TypeExprError, parse_type

__all__ = ["format_schema", "load_spec", "parse_spec"]

Path_ = tuple[str | int, ...]
_NUMERIC = set(INTEGER_RANGES) | {"float", "double", "decimal"}


def load_spec(path: str | Path) -> Spec:
    """Read and load the spec at ``path`` (``-`` reads standard input).

    Raises ``SpecError`` naming the file and position of the first problem.
    """
    from ..limits import read_input

    name = "<stdin>" if str(path) == "-" else str(path)
    data = read_input(None if str(path) == "-" else str(path), name, SpecError, "spec")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(f"cannot read spec: invalid UTF-8 byte 0x{data[exc.start]:02x}", Origin(name)) from None
    return parse_spec(text, name)


def parse_spec(text: str, source: str = "<spec>") -> Spec:
    """Load a spec from its text; ``source`` names it in errors.

    >>> spec = parse_spec("spec: 1\\ntypes: {A: {fields: {N: int}}}")
    >>> spec.types["A"].fields[0].type
    Primitive(name='int')
    """
    remembered = _remembered_model(text, source)
    if remembered is not None:
        return remembered
    data, where = _read_yaml(text, source)
    if not _known_good(text):
        _check_format(data, where)
        _remember_good(text)
    spec = _Builder(data, where).build()
    _remember_model(text, source, spec)
    return spec


def _cache_base() -> Path | None:
    import os

    if os.environ.get("CONTRACTKIT_NO_CACHE"):
        return None
    from ..cache import cache_dir

    return cache_dir()


def _cache_file(text: str) -> Path | None:
    """Where a spec text that passed the format check is remembered, so later runs skip
    importing jsonschema (most of a command's start-up); ``CONTRACTKIT_NO_CACHE`` turns it off."""
    import hashlib

    base = _cache_base()
    if base is None:
        return None
    # The format schema is part of the key, so remembered checks expire when it changes.
    key = hashlib.sha256(text.encode("utf-8") + json.dumps(format_schema()).encode("utf-8")).hexdigest()
    return base / "valid-specs" / key


def _model_file(text: str, source: str) -> Path | None:
    """Where the model built from a spec text is remembered (pickled, in the user's own cache
    folder), so a later run skips PyYAML and the build: about a fifth of ``validate``'s start-up.
    The key holds the text, its source name (errors and origins carry it), the limits in force
    and every source file of the package, so any change of code or of the spec rebuilds."""
    import hashlib

    base = _cache_base()
    if base is None:
        return None
    key = hashlib.sha256("\0".join([text, source, repr(current_limits()), _fingerprint()]).encode("utf-8"))
    return base / "models" / key.hexdigest()


@cache
def _fingerprint() -> str:
    """The package's version and each of its files' size and modification time."""
    from .. import __version__

    package = Path(__file__).resolve().parent.parent
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json"))
    return __version__ + "".join(f"|{p.relative_to(package)}:{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in files)


def _remembered_model(text: str, source: str) -> Spec | None:
    import pickle

    path = _model_file(text, source)
    try:
        if path is None or not path.exists():
            return None
        with path.open("rb") as remembered:
            spec = pickle.load(remembered)  # noqa: S301 - our own file, in the user's own cache folder
    except Exception:  # unreadable, cut short, or from another layout: build it again
        return None
    return spec if isinstance(spec, Spec) else None


def _remember_model(text: str, source: str, spec: Spec) -> None:
    import os
    import pickle

    path = _model_file(text, source)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(spec))
        os.replace(partial, path)  # whole or not at all, whichever run writes it
        _prune(path.parent)
    except OSError:
        pass  # a read-only home only costs speed


def _known_good(text: str) -> bool:
    path = _cache_file(text)
    return path is not None and path.exists()


def _remember_good(text: str) -> None:
    path = _cache_file(text)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        _prune(path.parent)
    except OSError:
        pass  # a read-only home only costs speed


#: How many remembered spec checks to keep; the oldest go first.
CACHE_ENTRIES = 256


def _prune(folder: Path) -> None:
    """Keep the cache bounded: a CI machine that sees a new spec per commit must not fill its disk."""
    entries = list(folder.iterdir())
    if len(entries) <= CACHE_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) - CACHE_ENTRIES]:
        old.unlink(missing_ok=True)


@cache
def format_schema() -> dict[str, Any]:
    """The JSON Schema of the spec format itself."""
    from importlib import resources  # only when a spec is checked, not on a remembered model

    text = resources.files(__package__).joinpath("format.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


class _Where:
    """Positions of the keys and values of the loaded data, by path."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.keys: dict[Path_, Origin] = {}
        self.values: dict[Path_, Origin] = {}
        #: Scalars written in quotes: their text starts one column after ``values``.
        self.quoted: set[Path_] = set()

    def key(self, path: Path_) -> Origin:
        """Where the key of ``path`` stands (its value for list items)."""
        return self.keys.get(path) or self.value(path)

    def value(self, path: Path_) -> Origin:
        """Where the value at ``path`` starts; the nearest parent's when unknown."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Origin(self.source, 1, 1))


def _read_yaml(text: str, source: str) -> tuple[Any, _Where]:
    """Parse with libyaml when PyYAML has it (fast); on a syntax error, parse again with the
    pure-Python parser, whose messages name the offending character."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return _walk_yaml(text, source, fast)
        except SpecError as exc:
            if not exc.message.startswith("invalid YAML"):
                raise
    return _walk_yaml(text, source, yaml.SafeLoader)


def _walk_yaml(text: str, source: str, loader_class: Any) -> tuple[Any, _Where]:
    import yaml

    where = _Where(source)

    def mark(m: Any) -> Origin:
        return Origin(source, m.line + 1, m.column + 1)

    limits = current_limits()
    loader = loader_class(text)
    try:
        _check_depth(text, loader_class, limits.max_depth, mark)
        node = loader.get_single_node()
        if node is None:
            raise SpecError("the spec is empty", Origin(source, 1, 1))
        seen: set[int] = set()
        repeated = 0

        def walk(node: Any, path: Path_) -> Any:
            nonlocal repeated
            if id(node) in seen:  # reached again through an alias: each repeat costs a copy
                repeated += 1
                if repeated > limits.yaml_alias_nodes:
                    raise SpecError(f"YAML aliases repeat more than {limits.yaml_alias_nodes} nodes: refused "
                                    "(a spec needs no alias expansion that large)", mark(node.start_mark))
            seen.add(id(node))
            where.values[path] = mark(node.start_mark)
            if isinstance(node, yaml.MappingNode):
                if _merged_size(node, {}) > limits.yaml_alias_nodes:  # ``<<`` merges copy pairs in place
                    raise SpecError(f"YAML merge keys repeat more than {limits.yaml_alias_nodes} pairs: refused",
                                    mark(node.start_mark))
                loader.flatten_mapping(node)
                out: dict[str, Any] = {}
                for key_node, value_node in node.value:
                    key = loader.construct_object(key_node)
                    if not isinstance(key, str):
                        raise SpecError(f"keys must be names, not {key!r}", mark(key_node.start_mark))
                    if key in out:
                        raise SpecError(f"duplicate key {key!r}", mark(key_node.start_mark))
                    where.keys[path + (key,)] = mark(key_node.start_mark)
                    out[key] = walk(value_node, path + (key,))
                return out
            if isinstance(node, yaml.SequenceNode):
                return [walk(item, path + (i,)) for i, item in enumerate(node.value)]
            if node.style in ("'", '"'):
                where.quoted.add(path)
            if node.tag.endswith(":int") and len(node.value) > MAX_DIGITS:
                raise SpecError(messages.too_many_digits(MAX_DIGITS), mark(node.start_mark))
            return loader.construct_object(node)

        return walk(node, ()), where
    except yaml.MarkedYAMLError as exc:
        at = exc.problem_mark or exc.context_mark
        origin = mark(at) if at else Origin(source)
        raise SpecError(f"invalid YAML: {exc.problem or exc.context}", origin) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {exc}", Origin(source)) from None
    finally:
        loader.dispose()


def _merged_size(node: Any, memo: dict[int, int]) -> int:
    """How many pairs ``flatten_mapping`` would give ``node``, each merged mapping counted once
    per merge (computed once per node, so a billion-laughs of merges costs its size, not 10^9)."""
    import yaml

    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = 0  # a merge cycle counts nothing more
    total = 0
    for key, value in node.value:
        if key.tag != "tag:yaml.org,2002:merge":
            total += 1
            continue
        for merged in value.value if isinstance(value, yaml.SequenceNode) else [value]:
            total += _merged_size(merged, memo) if isinstance(merged, yaml.MappingNode) else 1
    memo[id(node)] = total
    return total


def _check_depth(text: str, loader_class: Any, limit: int, mark: Any) -> None:
    """Refuse YAML nested deeper than ``limit`` from its event stream, before anything recurses
    into it (the composer, the walk, the format check)."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=loader_class):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                raise SpecError(messages.too_deep("YAML", limit), mark(event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_format(data: Any, where: _Where) -> None:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    validator = Draft202012Validator(format_schema())
    error = best_match(validator.iter_errors(data))
    if error is None:
        return
    raw = error.instance
    if (error.validator == "anyOf" and len(error.absolute_path) == 2 and error.absolute_path[0] == "types"
            and isinstance(raw, dict) and "collection" in raw and "fields" in raw):
        # [CollectionDataContract] serializes the items only
        raise SpecError(f"{_label(tuple(error.absolute_path))} is a collection type: it has no 'fields' (.NET writes "
                        "only its items)", where.key(tuple(error.absolute_path) + ("fields",)))
    if (error.validator == "pattern" and isinstance(raw, str)
            and tuple(error.absolute_path) + (raw,) in where.keys):  # a key (propertyNames), not a value
        what = "type key" if tuple(error.absolute_path) == ("types",) else "name"
        raise SpecError(f"the {what} {messages.quote(raw)} is no C# identifier"
                        + (" (a type key may be qualified, Common.Dto.Order, or generic, ApiResponse<T>)"
                           if what == "type key" else ""), where.key(tuple(error.absolute_path) + (raw,)))
    # A type with exactly one of 'fields'/'enum' has chosen its branch of the anyOf:
    # report that branch's own error (an unknown key, a bad value), not "needs either".
    if (error.validator == "anyOf" and len(error.absolute_path) == 2 and error.absolute_path[0] == "types"
            and isinstance(error.instance, dict) and ("fields" in error.instance) != ("enum" in error.instance)):
        branch = 0 if "fields" in error.instance else 1
        chosen = best_match(e for e in error.context or () if e.relative_schema_path[0] == branch)
        error = chosen or error
    path: Path_ = tuple(error.absolute_path)
    label = _label(path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        extra = next(k for k in error.instance if k not in allowed)
        hint = _did_you_mean(extra, allowed)
        raise SpecError(f"unknown key {extra!r} in {label}{hint}", where.key(path + (extra,)))
    if error.validator == "required":
        raise SpecError(f"{label} is missing {error.message.split(' is a required')[0]}", where.key(path))
    if error.validator in ("anyOf", "oneOf") and len(path) == 2 and path[0] == "types":
        keys = list(error.instance) if isinstance(error.instance, dict) else []
        typo = next((k for k in keys if _did_you_mean(k, ["fields", "enum"])), None)
        if typo is not None:
            raise SpecError(f"unknown key {typo!r} in {label}{_did_you_mean(typo, ['fields', 'enum'])}",
                            where.key(path + (typo,)))
        raise SpecError(f"{label} needs either 'fields' (a class) or 'enum' (an enum)", where.key(path))
    raise SpecError(f"{label}: {_short(error.message)}", where.key(path))


def _label(path: Path_) -> str:
    """Human name of a data path: ``types.Patient.fields.Name``."""
    if not path:
        return "the spec"
    return "'" + ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[") + "'"


def _short(message: str) -> str:
    return message if len(message) <= 160 else message[:157] + "..."


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only for a spec with a mistake

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Builder:
    """Turns validated spec data into the model, checking its meaning."""

    def __init__(self, data: Mapping[str, Any], where: _Where) -> None:
        self.data = data
        self.where = where

    def error(self, message: str, path: Path_, *, at_key: bool = True) -> SpecError:
        return SpecError(message, self.where.key(path) if at_key else self.where.value(path))

    def build(self) -> Spec:
        settings = _json_settings(self.data.get("json", {}))
        self.arity = {simple_name(key): key.count(",") + 1 for key in self.data["types"] if "<" in key}
        self.arity |= {f"{_key_namespace(key, raw)}.{base}": n for key, raw in self.data["types"].items()
                       for base, n in self.arity.items() if "<" in key and simple_name(key) == base
                       and _key_namespace(key, raw)}
        types: dict[str, TypeDef] = {}
        generics: dict[str, ClassType] = {}
        for name, raw in self.data["types"].items():
            path: Path_ = ("types", name)
            if "enum" in raw:
                types[name] = self._enum(name, raw, path)
            elif "<" in name:
                generics[name] = self._class(name, raw, path)
            else:
                types[name] = self._class(name, raw, path)
        aliases = self._aliases(types, generics)
        binder = _Binder(self, types, generics, aliases)
        types = binder.bind_all()
        operations = tuple(self._operation(raw, ("operations", i), binder)
                           for i, raw in enumerate(self.data.get("operations", [])))
        spec = Spec(
            title=self.data.get("title", Path(self.where.source).stem),
            source=self.where.source,
            types=types,
            json=settings,
            operations=operations,
            assembly=self.data.get("assembly"),
            generics=binder.generics,
            aliases=aliases,
        )
        self.origin_of = binder.declared_at
        self._check(spec)
        return spec

    def _aliases(self, types: Mapping[str, TypeDef], generics: Mapping[str, ClassType]) -> dict[str, str]:
        """Each other spelling of a key: its simple name and its CLR-qualified name. A spelling two
        keys share maps to "" (ambiguous); a spelling that is itself a key is no alias."""
        out: dict[str, str] = {}
        spellings = [(key, tdef.clr_name, tdef.namespace) for key, tdef in types.items()]
        spellings += [(simple_name(key), simple_name(key), decl.namespace) for key, decl in generics.items()]
        for key, short, namespace in spellings:
            for spelling in {short, f"{namespace}.{short}" if namespace else short} - {key}:
                if spelling in types:
                    continue
                out[spelling] = key if out.get(spelling, key) == key else ""
        return out

    def _class(self, name: str, raw: Mapping[str, Any], path: Path_) -> ClassType:
        fields = tuple(self._field(fname, fraw, path + ("fields", fname)) for fname, fraw in raw.get("fields", {}).items())
        params: tuple[str, ...] = ()
        if "<" in name:
            params = tuple(p.strip() for p in name.partition("<")[2].rstrip(" >").split(","))
            if len(set(params)) != len(params):
                raise self.error(f"{name} declares a type parameter twice", path)
        collection = None
        if "collection" in raw:
            ref = self._parse(raw["collection"], path + ("collection",))
            if not isinstance(ref, ListOf | DictOf):
                raise self.error(f"a collection type is a List<T>, T[] or Dictionary<K,V>, not {ref}",
                                 path + ("collection",), at_key=False)
            collection = ref
        dc = _data_contract(raw.get("dataContract"))
        dc_path = path + ("dataContract",)
        if dc is not None and collection is None and dc.item_name is not None:
            raise self.error("itemName applies to a collection type ([CollectionDataContract]); "
                             f"{simple_name(name)} has fields", dc_path + ("itemName",))
        for key in ("keyName", "valueName"):
            if raw.get("dataContract", {}).get(key) is not None and not isinstance(collection, DictOf):
                raise self.error(f"{key} applies to a dictionary collection type only (.NET refuses it on "
                                 f"{'a list' if collection else 'a class'})", dc_path + (key,))
        if dc is not None and dc.name is not None:
            self._check_generic_name(dc.name, len(params), dc_path + ("name",))
        return ClassType(
            name=name,
            namespace=self._namespace(name, raw, path),
            fields=fields,
            origin=self.where.key(path),
            base=raw.get("base"),
            description=raw.get("description"),
            struct=raw.get("struct", False),
            known_types=tuple(raw.get("knownTypes", ())),
            data_contract=dc,
            collection=collection,
            type_params=params,
        )

    def _namespace(self, key: str, raw: Mapping[str, Any], path: Path_) -> str:
        """The CLR namespace: the ``namespace`` key, or the qualifier of a qualified key (both must agree)."""
        implied = key.partition("<")[0].rpartition(".")[0]
        given = raw.get("namespace")
        if implied and given is not None and given != implied:
            raise self.error(f"the key {key} puts the type in {implied}, but its namespace says {given}",
                             path + ("namespace",), at_key=False)
        return implied or given or ""

    def _check_generic_name(self, name: str, count: int, path: Path_) -> None:
        """[RS] DataContract.ExpandGenericParameters: ``{n}`` for an argument, ``{#}`` for the digest;
        anything else between braces, or an unclosed brace, makes .NET throw."""
        if not count:
            return
        i = 0
        while (start := name.find("{", i)) >= 0:
            end = name.find("}", start)
            if end < 0:
                raise self.error(f"the name {name!r} opens a brace it does not close", path, at_key=False)
            inner = name[start + 1 : end]
            if inner != "#" and not (inner.isdigit() and inner.isascii() and int(inner) < count):
                raise self.error(f"{{{inner}}} in the name {name!r} is no generic parameter: use {{0}}.."
                                 f"{{{count - 1}}} or {{#}}", path, at_key=False)
            i = end + 1

    def _parse(self, text: str, path: Path_) -> TypeRef:
        try:
            return parse_type(text, self.arity)
        except TypeExprError as exc:
            origin = self.where.value(path)
            col = origin.col + exc.column + (path in self.where.quoted)
            raise SpecError(str(exc), Origin(origin.file, origin.line, col)) from None

    def _enum(self, name: str, raw: Mapping[str, Any], path: Path_) -> EnumType:
        members: list[EnumValue] = []
        value = -1
        for i, item in enumerate(raw["enum"]):
            entry = {"name": item} if isinstance(item, str) else item
            value = int(entry.get("value", value + 1))
            members.append(EnumValue(entry["name"], value, self.where.value(path + ("enum", i)), entry.get("enumMember")))
        return EnumType(
            name=name,
            namespace=self._namespace(name, raw, path),
            members=tuple(members),
            origin=self.where.key(path),
            flags=raw.get("flags", False),
            description=raw.get("description"),
            data_contract=_data_contract(raw.get("dataContract")),
        )

    def _field(self, name: str, raw: Any, path: Path_) -> Field:
        entry: Mapping[str, Any] = {"type": raw} if isinstance(raw, str) else raw
        type_path = path if isinstance(raw, str) else path + ("type",)
        ref = self._parse(entry["type"], type_path)
        dm = entry.get("dataMember")
        return Field(
            name=name,
            type=ref,
            origin=self.where.key(path),
            description=entry.get("description"),
            required=entry.get("required", False),
            read_only=entry.get("readOnly", False),
            enum=tuple(entry["enum"]) if "enum" in entry else None,
            min_length=entry.get("minLength"),
            max_length=entry.get("maxLength"),
            pattern=entry.get("pattern"),
            minimum=entry.get("minimum"),
            maximum=entry.get("maximum"),
            min_items=entry.get("minItems"),
            max_items=entry.get("maxItems"),
            json_name=entry.get("jsonName"),
            is_field=entry.get("field", False),
            data_member=None if dm is None else DataMember(
                name=dm.get("name"),
                order=dm.get("order", -1),
                is_required=dm.get("isRequired", False),
                emit_default_value=dm.get("emitDefaultValue", True),
            ),
        )

    def _operation(self, raw: Mapping[str, Any], path: Path_, binder: _Binder) -> Operation:
        bodies: dict[str, str | None] = {}
        for key in ("request", "response"):
            if key in raw:
                ref = binder.bind(self._parse(raw[key], path + (key,)), path + (key,), ())
                bodies[key] = str(ref)
        return Operation(
            method=raw["method"],
            path=raw["path"],
            origin=self.where.value(path),
            summary=raw.get("summary"),
            request=bodies.get("request"),
            response=bodies.get("response"),
            formats=tuple(raw.get("formats", ())),
            echo=raw.get("echo", False),
        )

    # -- meaning ---------------------------------------------------------------------------

    def _check(self, spec: Spec) -> None:
        self._check_namespaces(spec)
        self._check_contracts(spec)
        self._check_echoes(spec)
        if spec.json.type_names != "none" and spec.assembly is None:
            raise self.error(f"json.typeNames: {spec.json.type_names} writes \"$type\": \"Namespace.Type, Assembly\": "
                             "name the service's assembly with a top-level `assembly:`", ("json", "typeNames"))
        for tdef in spec.types.values():
            tpath: Path_ = ("types", self.origin_of.get(tdef.name, tdef.name))
            if isinstance(tdef, EnumType):
                self._check_enum(tdef, tpath)
                continue
            if tdef.struct and tdef.base is not None:
                raise self.error(f"{tdef.name} is a struct and cannot have a base: a C# struct derives from "
                                 "System.ValueType only", tpath + ("struct",))
            if tdef.base is not None:
                self._check_base(spec, tdef, tpath)
        for tdef in spec.classes():
            self._check_known_types(spec, tdef, ("types", self.origin_of.get(tdef.name, tdef.name)))
        for tdef in spec.types.values():
            tpath = ("types", self.origin_of.get(tdef.name, tdef.name))
            if isinstance(tdef, EnumType):
                continue
            if tdef.collection is not None:
                self._check_ref(spec, tdef.collection, tpath + ("collection",))
                self._check_keys(spec, tdef.collection, tpath + ("collection",))
            for f in tdef.fields:
                fpath = tpath + ("fields", f.name)
                type_path = fpath if isinstance(self.data["types"][tpath[1]]["fields"][f.name], str) else fpath + ("type",)
                self._check_ref(spec, f.type, type_path)
                self._check_options(spec, f, fpath)
        for tdef in spec.classes():
            self._check_names(spec, tdef)

    def _check_contracts(self, spec: Spec) -> None:
        """Two types with one contract name in one namespace are one XML type to DataContractSerializer
        and its exporter (which refuses them); the empty namespace and qualified keys make that easy."""
        seen: dict[tuple[str, str], str] = {}
        for tdef in spec.types.values():
            qname = datacontract.stable_name(spec, Named(tdef.name))
            first = seen.setdefault((qname.namespace, qname.name), tdef.name)
            if first != tdef.name:
                where = messages.one_line(qname.namespace) or "no namespace"
                raise self.error(f"{first} and {tdef.name} are both the contract {qname.name} in {where}: "
                                 "give one a dataContract name or namespace",
                                 ("types", self.origin_of.get(tdef.name, tdef.name)))

    def _check_echoes(self, spec: Spec) -> None:
        """An echo operation answers with what it was sent: one type both ways."""
        for i, op in enumerate(spec.operations):
            if op.echo and (op.request is None or op.request != op.response):
                raise self.error("echo: true needs the same request and response type (the answer is what was sent)",
                                 ("operations", i, "echo"))

    def _check_namespaces(self, spec: Spec) -> None:
        """A contract namespace is a URI (no space or control character), and each gets its own
        XSD file: two that map to one file name would overwrite each other."""
        from ..generate.xsd import INDEX, namespace_file
        from ..spec.datacontract import SER_NS

        files: dict[str, str] = {namespace_file(SER_NS): SER_NS, INDEX: ""}
        for tdef in spec.types.values():
            namespace = datacontract.type_namespace(tdef)
            path: Path_ = ("types", tdef.name, "dataContract", "namespace")
            if any(c.isspace() or not c.isprintable() for c in namespace):
                raise self.error(f"the namespace {messages.quote(namespace)} is no URI: it holds a space or a "
                                 "control character", path, at_key=False)
            name = namespace_file(namespace)
            if files.setdefault(name, namespace) != namespace:
                raise self.error(f"the namespaces {messages.quote(namespace)} and {messages.quote(files[name])} "
                                 f"would both be written to {name}", path if tdef.data_contract else ("types", tdef.name))

    def _check_enum(self, tdef: EnumType, path: Path_) -> None:
        seen_names: set[str] = set()
        seen_values: dict[int, str] = {}
        seen_wire: set[str] = set()
        for i, m in enumerate(tdef.members):
            mpath = path + ("enum", i)
            if m.name in seen_names:
                raise self.error(f"enum {tdef.name} declares {m.name!r} twice", mpath)
            if m.value in seen_values:
                raise self.error(f"enum {tdef.name}: {m.name!r} has the value {m.value} of {seen_values[m.value]!r}", mpath)
            if m.enum_member is not None and not _xml_text(m.enum_member):
                raise self.error(f"enum {tdef.name}: the enumMember {messages.quote(m.enum_member)} holds a character "
                                 "XML cannot carry", mpath)
            if m.wire_name in seen_wire:
                raise self.error(f"enum {tdef.name}: two members are written as {m.wire_name!r}", mpath)
            seen_names.add(m.name)
            seen_values[m.value] = m.name
            seen_wire.add(m.wire_name)

    def _check_base(self, spec: Spec, tdef: ClassType, path: Path_) -> None:
        seen = [tdef.name]
        names = {tdef.name}
        current: ClassType = tdef
        limit = current_limits().max_depth
        while current.base is not None:
            if len(seen) > limit:  # every reader and writer walks the chain: thousands deep is no model
                raise self.error(messages.too_deep("base types", limit), path + ("base",), at_key=False)
            base = spec.types.get(current.base)
            bpath = ("types", self.origin_of.get(current.name, current.name), "base")
            if base is None:
                raise self.error(f"unknown base type {current.base!r}{_did_you_mean(current.base, spec.types)}", bpath, at_key=False)
            if not isinstance(base, ClassType):
                raise self.error(f"base type {current.base!r} is an enum, not a class", bpath, at_key=False)
            if base.struct:
                raise self.error(f"base type {current.base!r} is a struct: C# cannot derive from a struct", bpath,
                                 at_key=False)
            if base.name in names:
                cycle = " -> ".join(seen + [base.name])
                raise self.error(f"base types form a cycle: {cycle}", path + ("base",), at_key=False)
            seen.append(base.name)
            names.add(base.name)
            current = base

    def _check_known_types(self, spec: Spec, cls: ClassType, path: Path_) -> None:
        """Each ``[KnownType]`` names a class of the spec derived from ``cls``, as DataContractSerializer
        demands (InvalidDataContractException otherwise); a struct has no derived classes to name."""
        if cls.known_types and cls.struct:
            raise self.error(f"{cls.name} is a struct: no class derives from it, so it has no knownTypes",
                             path + ("knownTypes",))
        for i, name in enumerate(cls.known_types):
            where = path + ("knownTypes", i)
            known = spec.types.get(name) or spec.types.get(spec.aliases.get(name, ""))
            if known is None:
                raise self.error(f"unknown known type {name!r}{_did_you_mean(name, spec.types)}", where, at_key=False)
            if not isinstance(known, ClassType):
                raise self.error(f"known type {name!r} is an enum, not a class derived from {cls.name}", where,
                                 at_key=False)
            if known is cls or not spec.derives(known, cls):
                raise self.error(f"known type {name!r} does not derive from {cls.name}: [KnownType] on a class names "
                                 f"classes derived from it (give {name} `base: {cls.name}`, directly or through "
                                 "another class)", where, at_key=False)

    def _check_ref(self, spec: Spec, ref: TypeRef, path: Path_) -> None:
        match ref:
            case Named(name):
                target = spec.types.get(name)
                if target is None:
                    choices = [*spec.types, "List<T>", "Dictionary<K,V>", *sorted(VALUE_PRIMITIVES | {"string", "Uri"})]
                    raise self.error(f"unknown type {name!r}{_did_you_mean(name, choices)}", path, at_key=False)
            case Nullable(Named(name)) if isinstance(target := spec.types.get(name), ClassType) and not target.struct:
                raise self.error(f"'?' applies to value types only, and {name} is a class", path, at_key=False)
            case Nullable(inner) | ListOf(inner):
                self._check_ref(spec, inner, path)
            case DictOf(key, value):
                self._check_ref(spec, key, path)
                self._check_ref(spec, value, path)
                self._check_keys(spec, ref, path)

    def _check_keys(self, spec: Spec, ref: TypeRef, path: Path_) -> None:
        if isinstance(ref, DictOf) and not _is_simple_key(spec, ref.key):
            raise self.error(f"dictionary keys must be strings, numbers, Guids or enums, not {ref.key}", path)

    def _check_options(self, spec: Spec, f: Field, path: Path_) -> None:
        core = unwrap(f.type)
        is_string = core == Primitive("string")
        is_number = isinstance(core, Primitive) and core.name in _NUMERIC
        rules = {
            "enum": (f.enum is not None, is_string, "a string"),
            "minLength": (f.min_length is not None, is_string, "a string"),
            "maxLength": (f.max_length is not None, is_string, "a string"),
            "pattern": (f.pattern is not None, is_string, "a string"),
            "minimum": (f.minimum is not None, is_number, "a number"),
            "maximum": (f.maximum is not None, is_number, "a number"),
            "minItems": (f.min_items is not None, isinstance(core, ListOf | DictOf), "a list or dictionary"),
            "maxItems": (f.max_items is not None, isinstance(core, ListOf | DictOf), "a list or dictionary"),
        }
        for key, (given, fits, what) in rules.items():
            if given and not fits:
                raise self.error(f"{key!r} applies to {what}, and {f.name} is {f.type}", path + (key,))
        for key, bound in (("minimum", f.minimum), ("maximum", f.maximum)):
            if bound is not None and isinstance(core, Primitive) and core.name in INTEGER_RANGES and not isinstance(bound, int):
                raise self.error(f"{key!r} of {f.name} must be a whole number for {f.type}", path + (key,), at_key=False)
            if bound is not None and isinstance(core, Primitive) and core.name in INTEGER_RANGES:
                smallest, largest = INTEGER_RANGES[core.name]
                if not smallest <= bound <= largest:
                    raise self.error(f"{key} of {f.name}: {messages.out_of_range(core.name, bound, smallest, largest)}",
                                     path + (key,), at_key=False)
        for low_key, low, high_key, high in (("minLength", f.min_length, "maxLength", f.max_length),
                                             ("minimum", f.minimum, "maximum", f.maximum),
                                             ("minItems", f.min_items, "maxItems", f.max_items)):
            if low is not None and high is not None and low > high:
                raise self.error(f"{low_key} {low} of {f.name} is more than its {high_key} {high}: no value fits",
                                 path + (low_key,), at_key=False)
        if f.pattern is not None:
            try:
                re.compile(f.pattern)
            except re.error as exc:
                raise self.error(f"pattern does not compile: {exc}", path + ("pattern",), at_key=False) from None

    def _check_names(self, spec: Spec, cls: ClassType) -> None:
        seen_xml: dict[str, str] = {}
        for f in cls.fields:
            xml = datacontract.member_name(f)
            if xml in seen_xml:
                raise self.error(f"{f.name} and {seen_xml[xml]} are both written as <{xml}> in XML",
                                 ("types", self.origin_of.get(cls.name, cls.name), "fields", f.name))
            seen_xml[xml] = f.name
        seen_json: dict[str, str] = {}
        from ..codecs.lexical import fold  # here, not at the top: codecs build on this package

        seen_clr: dict[str, str] = {}
        for owner in spec.class_chain(cls):
            for f in owner.fields:
                fpath: Path_ = ("types", self.origin_of.get(owner.name, owner.name), "fields", f.name)
                js = datacontract.json_name(spec, f)
                if js in seen_json and owner is cls:
                    raise self.error(f"{f.name} and {seen_json[js]} are both written as {js!r} in JSON", fpath)
                key = fold(f.name)  # the model binder's OrdinalIgnoreCase
                if key in seen_clr and owner is cls:
                    raise self.error(f"{f.name} and {seen_clr[key]} bind the same form key "
                                     "(form keys are case-insensitive)", fpath)
                seen_json[js] = f"{owner.name}.{f.name}"
                seen_clr[key] = f"{owner.name}.{f.name}"


#: The spec's ``json`` keys, by the JsonSettings field each sets.
_JSON_KEYS = {"naming": "naming", "enums": "enums", "nulls": "nulls", "typeNames": "type_names",
              "dateTimeZone": "date_time_zone", "dateFormat": "date_format", "defaults": "defaults",
              "escape": "escape", "processDictionaryKeys": "process_dictionary_keys",
              "namingVersion": "naming_version"}


def _json_settings(raw: Mapping[str, Any]) -> JsonSettings:
    """The ``json`` block as settings; ``enums: string`` is a synonym of ``name`` (both StringEnumConverter)."""
    values = {_JSON_KEYS[key]: value for key, value in raw.items()}
    if values.get("enums") == "string":
        values["enums"] = "name"
    return JsonSettings(**values)


def _xml_text(text: str) -> bool:
    """Whether XML 1.0 can carry ``text`` as written (no control character but tab, LF and CR)."""
    return all(c in "\t\n\r" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000" for c in text)


def _data_contract(raw: Mapping[str, Any] | None) -> DataContract | None:
    if raw is None:
        return None
    return DataContract(name=raw.get("name"), namespace=raw.get("namespace"), item_name=raw.get("itemName"),
                        key_name=raw.get("keyName"), value_name=raw.get("valueName"))


def _key_namespace(key: str, raw: Mapping[str, Any]) -> str:
    return key.partition("<")[0].rpartition(".")[0] or str(raw.get("namespace", ""))


class _Binder:
    """Binds every type reference to a key and closes each use of a generic into a class."""

    def __init__(self, builder: _Builder, types: dict[str, TypeDef], generics: dict[str, ClassType],
                 aliases: Mapping[str, str]) -> None:
        self.builder = builder
        self.types = types
        self.generics = generics
        self.by_base = {simple_name(key): decl for key, decl in generics.items()}
        self.aliases = aliases
        self.closed: dict[str, TypeDef] = {}
        #: The declaration key of each closed generic, for the places of its errors.
        self.declared_at: dict[str, str] = {}
        self.depth = 0

    def bind_all(self) -> dict[str, TypeDef]:
        out: dict[str, TypeDef] = {}
        for key, tdef in self.types.items():
            out[key] = tdef if isinstance(tdef, EnumType) else self.bind_class(tdef, ("types", key), ())
        for key, decl in list(self.generics.items()):
            # The declaration itself, with its parameters left in place (``Named("T")``).
            self.generics[key] = self.bind_class(decl, ("types", key), decl.type_params)
        return out | self.closed

    def bind_class(self, cls: ClassType, path: Path_, params: tuple[str, ...]) -> ClassType:
        from dataclasses import replace

        raw = self.builder.data["types"][path[1]]
        fields = []
        for f in cls.fields:
            fpath = path + ("fields", f.name)
            type_path = fpath if isinstance(raw["fields"][f.name], str) else fpath + ("type",)
            fields.append(replace(f, type=self.bind(f.type, type_path, params)))
        collection = cls.collection
        if collection is not None:
            bound = self.bind(collection, path + ("collection",), params)
            assert isinstance(bound, ListOf | DictOf)
            collection = bound
        base = cls.base
        if base is not None:
            base = self.name(base, path + ("base",), what="base type")
        return replace(cls, fields=tuple(fields), collection=collection, base=base)

    def name(self, name: str, path: Path_, what: str = "type") -> str:
        """The key a plain name stands for; a located error when none or two."""
        if name in self.types or name in self.closed:
            return name
        key = self.aliases.get(name)
        if key:
            return key
        if key == "":
            keys = sorted(k for k, t in self.types.items() if name in (t.clr_name, f"{t.namespace}.{t.clr_name}"))
            raise self.builder.error(f"{name} is ambiguous: it may be {' or '.join(keys)}; write the qualified key",
                                     path, at_key=False)
        if simple_name(name) in self.by_base:
            decl = self.by_base[simple_name(name)]
            raise self.builder.error(f"{decl.name} is generic: its type parameter(s) {', '.join(decl.type_params)} "
                                     f"must be bound, as in {simple_name(name)}<int>", path, at_key=False)
        choices = [*self.types, *self.aliases, "List<T>", "Dictionary<K,V>", "object",
                   *sorted(VALUE_PRIMITIVES | {"string", "Uri"})]
        prefix = "unknown base type" if what == "base type" else "unknown type"
        raise self.builder.error(f"{prefix} {name!r}{_did_you_mean(name, choices)}", path, at_key=False)

    def bind(self, ref: TypeRef, path: Path_, params: tuple[str, ...]) -> TypeRef:
        match ref:
            case Named(name, ()) if name in params:
                return ref
            case Named(name, ()):
                return Named(self.name(name, path))
            case Named(name, args):
                return Named(self.close(name, tuple(self.bind(a, path, params) for a in args), path, params))
        return map_children(ref, lambda inner: self.bind(inner, path, params))

    def close(self, name: str, args: tuple[TypeRef, ...], path: Path_, params: tuple[str, ...]) -> str:
        """The key of ``name<args>``, closing the generic declaration on first use. Inside a generic
        declaration (``params``), a use that still holds a parameter stays open."""
        decl = self.by_base[simple_name(name)]
        key = f"{simple_name(decl.name)}<{','.join(map(str, args))}>"
        if any(_mentions(a, params) for a in args):
            return key
        if key in self.closed or key in self.types:
            return key
        self.depth += 1
        if self.depth > current_limits().max_depth:
            raise self.builder.error(messages.too_deep("generic types", current_limits().max_depth), path, at_key=False)
        from dataclasses import replace

        subst = dict(zip(decl.type_params, args, strict=True))
        self.closed[key] = placeholder = replace(decl, name=key)  # a use inside its own fields finds it
        self.declared_at[key] = decl.name
        fields = tuple(replace(f, type=self.bind(_substitute(f.type, subst), path, ())) for f in decl.fields)
        collection = decl.collection
        if collection is not None:
            bound = self.bind(_substitute(collection, subst), path, ())
            assert isinstance(bound, ListOf | DictOf)
            collection = bound
        self.closed[key] = replace(placeholder, fields=fields, collection=collection, type_params=(),
                                   generic=simple_name(decl.name), type_args=args,
                                   base=None if decl.base is None else self.name(decl.base, ("types", decl.name, "base")))
        self.depth -= 1
        return key


def _mentions(ref: TypeRef, params: tuple[str, ...]) -> bool:
    match ref:
        case Named(name, args):
            return name in params or any(_mentions(a, params) for a in args)
        case Nullable(inner) | ListOf(inner):
            return _mentions(inner, params)
        case DictOf(key, value):
            return _mentions(key, params) or _mentions(value, params)
    return False


def _substitute(ref: TypeRef, subst: Mapping[str, TypeRef]) -> TypeRef:
    match ref:
        case Named(name, ()) if name in subst:
            return subst[name]
        case Named(name, args) if args:
            return Named(name, tuple(_substitute(a, subst) for a in args))
    return map_children(ref, lambda inner: _substitute(inner, subst))


def _is_simple_key(spec: Spec, ref: TypeRef) -> bool:
    if isinstance(ref, Primitive):
        return ref.name not in ("byte[]",)
    return isinstance(ref, Named) and isinstance(spec.types.get(ref.name), EnumType)
