"""The hot-path engines give the reference engines' verdicts.

JSON: the checker compiled from the spec (converter/validate/jsoncheck.py) against the ``jsonschema``
library on the generated schema. XML: lxml on the generated XSD, plus the DataContractSerializer
reader's strictness, against the ``xmlschema`` library. The corpus: Mono's fixtures, fixed-seed
Hypothesis values, and mutants of them broken in one place each.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from converter.codecs import json as json_codec
from converter.codecs import xml as xml_codec
from converter.errors import PayloadError
from converter.fuzz import values_for
from converter.generate.jsonschema import to_json_schema
from converter.spec import Spec
from converter.spec.datacontract import json_name
from converter.spec.model import ClassType, DictOf, Field, ListOf, Named, TypeRef, unwrap
from converter.validate import Validator
from converter.validate.jsoncheck import checker
from converter.spec.datacontract import collection_of, root_name
from tests.conftest import FIXTURES, write_xsd
from tests.interop.conftest import examples

CASES = [("seed", "OutgoingSecureMessageModel"), ("everything", "Everything"), ("everything", "Thing"),
         ("real", "Holder"), ("real", "List<ProductModel>"), ("real", "PriceBook"), ("real", "PlainModel")]
WRONG = [None, True, 0, -1, 1.5, 2**70, "", "x", "NaN", [], {}, "2026-05-29T16:57:00", "QEA=", 300]


def leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, path + (i,))


def mutants(value: Any, rng: random.Random, count: int = 6) -> Iterator[Any]:
    """Copies of ``value`` changed in one place: a member set to a wrong value, dropped or added."""
    paths = [p for p in leaves(value) if p]
    for _ in range(count if paths else 0):
        path = rng.choice(paths)
        mutant = copy.deepcopy(value)
        parent = mutant
        for step in path[:-1]:
            parent = parent[step]
        action = rng.random()
        if action < 0.15 and isinstance(parent, dict):
            del parent[path[-1]]
        elif action < 0.25 and isinstance(parent, dict):
            parent["unknownMember"] = 1
        else:
            parent[path[-1]] = rng.choice(WRONG)
        yield mutant


@pytest.mark.parametrize("spec_name, type_name", CASES)
def test_json_checker_gives_jsonschema_verdicts(request, spec_name: str, type_name: str) -> None:
    spec: Spec = request.getfixturevalue(f"{spec_name}_spec")
    reference = Draft202012Validator(to_json_schema(spec, type_name))
    fast = checker(spec, type_name)
    rng = random.Random(5)
    corpus = []
    for value in examples(values_for(spec, type_name), 150, seed=3):
        document = json.loads(json_codec.encode(spec, type_name, value)[0])
        corpus += [document, *mutants(document, rng)]
    disagreements = []
    for document in corpus:
        text = json.dumps(document)
        # both read numbers exactly: read as a double, a decimal past 2^96 (which the dumped doubles make
        # of decimal.MaxValue) would be 2^96 to the reference and out of range to the checker
        theirs = reference.is_valid(json.loads(text, parse_float=Decimal))
        ours = not any(i.severity == "error" for i in fast(json.loads(text, parse_float=Decimal)))
        if ours != theirs:
            disagreements.append((text[:300], theirs))
    assert not disagreements, disagreements[:3]
    assert sum(1 for d in corpus if not reference.is_valid(d)) > len(corpus) // 3  # the mutants do break things


def reference_rule(spec: Spec, type_name: str, steps: tuple[Any, ...], keyword: str, instance: Any) -> str:
    """The rule a JSON Schema keyword's error stands for: a type's own lexical pattern or integer
    range is ``contract.type`` (as in XSD); the spec's own facets keep their names."""
    ref: TypeRef = spec.resolve(type_name)
    field: Field | None = None
    for step in steps:
        core = collection_of(spec, unwrap(ref)) or unwrap(ref)
        field = None
        if isinstance(core, Named) and isinstance(spec.types[core.name], ClassType):
            field = next((f for owner in spec.class_chain(spec.class_(core.name)) for f in owner.fields
                          if json_name(spec, f) == step), None)
            if field is None:
                break
            ref = field.type
        elif isinstance(core, (ListOf, DictOf)):
            ref = core.item if isinstance(core, ListOf) else core.value
        else:
            break
    if keyword in ("enum", "required", "minItems", "maxItems"):
        return f"contract.{keyword}"
    if keyword == "type" and instance is None and field is not None and field.required:
        return "contract.required"
    facets = {"pattern": "pattern", "minLength": "min_length", "maxLength": "max_length", "minimum": "minimum",
              "maximum": "maximum"}
    if keyword in facets and field is not None and getattr(field, facets[keyword]) is not None:
        return f"contract.{keyword}"
    return "contract.type"


@pytest.mark.parametrize("spec_name, type_name", CASES)
def test_json_checker_reports_jsonschemas_errors_rule_for_rule(request, spec_name: str, type_name: str) -> None:
    """Not only the verdict: each error the checker reports is one ``jsonschema`` reports, at the
    same JSON Pointer and for the same rule, and every place ``jsonschema`` faults is one the checker
    faults, so the reference need not run in ``validate``. (Where a value breaks both ``type`` and
    ``enum``, the checker says it once, as ``contract.enum``.)"""
    from jsonschema.exceptions import best_match

    spec: Spec = request.getfixturevalue(f"{spec_name}_spec")
    reference = Draft202012Validator(to_json_schema(spec, type_name))
    fast = checker(spec, type_name)
    rng = random.Random(7)
    compared = 0
    for value in examples(values_for(spec, type_name), 100, seed=4):
        document = json.loads(json_codec.encode(spec, type_name, value)[0])
        for mutant in mutants(document, rng):
            text = json.dumps(mutant)
            theirs = set((reference_rule(spec, type_name, tuple(e.absolute_path), str(e.validator), e.instance),
                             "".join(f"/{str(s).replace('~', '~0').replace('/', '~1')}" for s in e.absolute_path))
                         for top in reference.iter_errors(json.loads(text)) for e in [_best(top)])
            ours = {(i.rule, i.path.pointer()) for i in fast(json.loads(text, parse_float=Decimal)) if i.severity == "error"}
            assert ours <= theirs and {p for _, p in ours} == {p for _, p in theirs}, (text[:300], ours, theirs)
            compared += bool(theirs)
    assert compared > 100  # the mutants do break things


def _best(error: Any) -> Any:
    """jsonschema's best_match, looking past ``anyOf: [{$ref}, {type: null}]`` for an object: its
    heuristic stops there when the referenced class has two faults in one member (an enum given a
    string), where the class's own faults are the ones that count."""
    from jsonschema.exceptions import best_match

    found = best_match([error]) or error
    while (found.validator == "anyOf" and isinstance(found.instance, dict) and len(found.validator_value) == 2
           and found.validator_value[1] == {"type": "null"}):
        inner = best_match(e for e in found.context or () if e.relative_schema_path[0] == 0)
        if inner is None:
            break
        found = inner
    return found


def _dcs_refuses(spec: Spec, type_name: str, data: bytes) -> bool:
    """DataContractSerializer reads some values more strictly than their XSD type says (a char of
    -1, which Mono's DataContractSerializer refuses with a SerializationException; ``@@@@`` as base64;
    8 fraction digits): there validate follows .NET, not the schema."""
    try:
        xml_codec.decode(spec, type_name, data)
    except PayloadError:
        return True
    return False


def _parseable(data: bytes) -> bool:
    return b"&#x" not in data  # xmlschema's XML 1.0 parser refuses control characters


@pytest.mark.parametrize("spec_name, type_name", CASES)
def test_xml_engine_gives_xmlschema_verdicts(request, tmp_path: Path, spec_name: str, type_name: str) -> None:
    import xmlschema

    spec: Spec = request.getfixturevalue(f"{spec_name}_spec")
    reference = xmlschema.XMLSchema(str(write_xsd(spec, "contract", tmp_path)))
    ours = Validator(spec)
    rng = random.Random(6)
    folder = {"everything": "everything", "real": "real-contracts"}.get(spec_name, "outgoing-secure-messages")
    corpus = [p.read_bytes() for p in (FIXTURES / folder).glob("*.xml")]
    root = root_name(spec, spec.resolve(type_name)).name
    corpus = [c for c in corpus if c.startswith(f"<{root} ".encode())]
    for value in examples(values_for(spec, type_name), 100, seed=9):
        data = xml_codec.encode(spec, type_name, value)[0]
        corpus.append(data)
        text = data.decode()
        for _ in range(4):  # change the text of one element
            starts = [i for i in range(len(text)) if text.startswith("</", i)]
            if not starts:
                break
            at = rng.choice(starts)
            begin = text.rfind(">", 0, at) + 1
            corpus.append((text[:begin] + rng.choice(["x", "-1", "1.5", "true", "", "99999999999"]) + text[at:]).encode())
    disagreements = []
    for data in filter(_parseable, corpus):
        theirs = reference.is_valid(data.decode())
        mine = not any(f.severity == "error" for f in ours.check(data, "t.xml", type_name=type_name))
        if mine != theirs and not (theirs and _dcs_refuses(spec, type_name, data)):
            disagreements.append((data[:300], theirs))
    assert not disagreements, disagreements[:3]


def test_the_linear_base64_check_gives_the_patterns_verdict() -> None:
    """``BASE64`` stands in for ``BASE64_PATTERN`` (which ``re`` runs in 40 bytes of memory per
    byte of an attachment): the same verdict on every short text over an alphabet that holds
    each case (padding, a newline ``$`` lets through, foreign characters), and on long ones."""
    import itertools
    import re

    from converter.generate.jsonschema import BASE64_PATTERN
    from converter.validate.jsoncheck import BASE64

    pattern = re.compile(BASE64_PATTERN)
    whole = re.compile(BASE64_PATTERN.strip("^$"))
    texts = ["".join(t) for k in range(7) for t in itertools.product("A=/\n+é", repeat=k)]
    texts += ["QUJD" * 5000, "QUJD" * 5000 + "QQ==", "QUJD" * 5000 + "QQ=", "QUJD" * 5000 + "\n", "QUJD" * 5000 + "!"]
    for text in texts:
        assert BASE64.search(text) == bool(pattern.search(text)), repr(text)
        assert BASE64.fullmatch(text) == bool(whole.fullmatch(text)), repr(text)
