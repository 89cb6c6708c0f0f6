"""Fuzzing speed for the seed model, in one run:

- contractkit: ``converter.fuzz.from_spec`` samples of OutgoingSecureMessageModel (the contract's
  values, leaning to the edges), each encoded in all three formats (JSON, XML, form);
- the peer: ``hypothesis_jsonschema.from_schema`` on the generated JSON Schema
  (schemas/generated/outgoing-secure-messages/OutgoingSecureMessageModel.schema.json), each
  example ``json.dumps``-ed (the only encoding it knows);
- the differential run: the same samples batched through DataContractSerializer and Json.NET on
  Mono (four requests a payload: XML and JSON read and written back, XML to JSON, JSON to XML),
  with contractkit's own conversions to compare against; skipped without Mono.

Both generators run through Hypothesis ``@given`` with the same settings. hypothesis-jsonschema
0.23.1 breaks on current Hypothesis releases, so this runs in its own environment with the
``bench`` extra's pins::

    python3 -m venv .venv-bench && .venv-bench/bin/pip install -e '.[bench]'
    .venv-bench/bin/python benchmarks/fuzz.py [COUNT]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as fixed_seed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from converter.codecs import ENCODINGS  # noqa: E402
from converter.errors import PayloadError  # noqa: E402
from converter.fuzz import from_spec  # noqa: E402
from converter.spec import load_spec  # noqa: E402

SPEC = ROOT / "schemas" / "outgoing-secure-messages.yaml"
TYPE = "OutgoingSecureMessageModel"


def generate(strategy: Any, count: int, work: Any) -> tuple[float, list[Any]]:
    """Seconds for ``count`` examples of ``strategy`` through ``@given``, ``work`` done on each."""
    kept: list[Any] = []

    @fixed_seed(1)
    @settings(max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck),
              phases=(Phase.generate,))
    @given(strategy)
    def run(example: Any) -> None:
        work(example)
        kept.append(example)

    started = time.perf_counter()
    run()
    return time.perf_counter() - started, kept


def encode_all(sample: Any) -> None:
    for encoding in ENCODINGS:
        try:
            sample.encode(encoding)
        except PayloadError:
            pass  # a value an encoding cannot write (the work is done all the same)


def main() -> None:
    import hypothesis
    from hypothesis_jsonschema import from_schema

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    spec = load_spec(SPEC)
    schema = json.loads((ROOT / "schemas" / "generated" / "outgoing-secure-messages" / f"{TYPE}.schema.json").read_text())
    print(f"{count} examples of {TYPE}; Hypothesis {hypothesis.__version__}")

    generate(from_spec(spec, TYPE), 50, encode_all)  # warm-up: imports and strategy building
    ours, samples = generate(from_spec(spec, TYPE), count, encode_all)
    print(f"contractkit from_spec, each in JSON, XML and form: {len(samples) / ours:,.0f} examples/s "
          f"({ours:.2f} s for {len(samples)})")
    generate(from_schema(schema), 50, json.dumps)
    theirs, found = generate(from_schema(schema), count, json.dumps)
    print(f"hypothesis-jsonschema from_schema, json.dumps: {len(found) / theirs:,.0f} examples/s "
          f"({theirs:.2f} s for {len(found)})")
    print(f"contractkit is {theirs / len(found) / (ours / len(samples)):.1f}x the peer's rate")

    from converter.fuzz.dotnet import DotnetDriver, mono_available
    from converter.fuzz.run import _judge, _requests

    if not mono_available():
        print("differential run: skipped (no mono/mcs/Json.NET)")
        return
    _, values = generate(from_spec(spec, TYPE, contract=False, complete=True, server_offset="+00:00"), count,
                                lambda s: None)
    with DotnetDriver(spec) as driver:
        clr = "GlobalPortal.Api.Models.OutgoingSecureMessages." + TYPE
        started = time.perf_counter()
        jobs = [r for s in values for r in _requests(spec, TYPE, s)]
        prepared = time.perf_counter()
        answers = driver.batch([(op, clr, payload) for op, payload, _ in jobs])
        sent = time.perf_counter()
        problems = [p for (op, payload, ours_out), a in zip(jobs, answers)
                    if (p := _judge(op, payload, ours_out, a.ok, a.data)) is not None]
        judged = time.perf_counter()
    print(f"differential run: {len(values) / (judged - started):,.0f} payloads/s end to end "
          f"({len(jobs)} requests: contractkit's side {prepared - started:.2f} s, .NET batch "
          f"{sent - prepared:.2f} s = {len(jobs) / (sent - prepared):,.0f} requests/s, compare "
          f"{judged - sent:.2f} s); {len(problems)} differences")


if __name__ == "__main__":
    main()
