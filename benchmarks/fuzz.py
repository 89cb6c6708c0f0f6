"""Fuzzing speed for the seed model, in one run:

- contractkit: ``converter.fuzz.from_spec`` samples of OutgoingSecureMessageModel (the contract's
  values, leaning to the edges), each encoded in all three formats (JSON, XML, form), under the
  Hypothesis this environment has (the project's own dependency: what a user gets);
- the peer: ``hypothesis_jsonschema.from_schema`` on the generated JSON Schema
  (schemas/generated/outgoing-secure-messages/OutgoingSecureMessageModel.schema.json), each
  example ``json.dumps``-ed (the only encoding it knows). hypothesis-jsonschema 0.23.1 breaks on
  current Hypothesis releases, so it runs in a child process in the bench venv, on the
  ``bench`` extra's pinned Hypothesis, where contractkit is measured again (the same-version
  comparison);
- the differential run: the same samples batched through DataContractSerializer and Json.NET on
  Mono (four requests a payload: XML and JSON read and written back, XML to JSON, JSON to XML),
  with contractkit's own conversions to compare against; skipped without Mono.

Every generator runs through Hypothesis ``@given`` with the same settings (generate phase only,
no database, one seed). Run, after making the bench venv once::

    python3 -m venv .venv-bench && .venv-bench/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/fuzz.py [COUNT] [--bench-python PATH]

Without the bench venv the peer's lines say how to make it, and the rest still runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
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
SCHEMA = ROOT / "schemas" / "generated" / "outgoing-secure-messages" / f"{TYPE}.schema.json"
AIM = 500  # examples a second, each in all three encodings (issue 10)


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


def ours(count: int) -> dict[str, float]:
    """contractkit's rate: ``count`` samples, each encoded in JSON, XML and form."""
    spec = load_spec(SPEC)
    generate(from_spec(spec, TYPE), 50, encode_all)  # warm-up: imports and strategy building
    cpu = time.process_time()
    seconds, samples = generate(from_spec(spec, TYPE), count, encode_all)
    return {"rate": len(samples) / seconds, "seconds": seconds, "count": len(samples),
            "cpu": len(samples) / (time.process_time() - cpu)}


def peer(count: int) -> dict[str, float]:
    """hypothesis-jsonschema's rate on the generated JSON Schema, each example ``json.dumps``-ed."""
    from hypothesis_jsonschema import from_schema

    schema = json.loads(SCHEMA.read_text())
    generate(from_schema(schema), 50, json.dumps)
    cpu = time.process_time()
    seconds, found = generate(from_schema(schema), count, json.dumps)
    return {"rate": len(found) / seconds, "seconds": seconds, "count": len(found),
            "cpu": len(found) / (time.process_time() - cpu)}


def pinned(count: int) -> None:
    """The child's part, in the bench venv: contractkit again, then the peer, as one JSON line."""
    import hypothesis

    print(json.dumps({"hypothesis": hypothesis.__version__, "ours": ours(count), "peer": peer(count)}))


def line(label: str, result: dict[str, float]) -> str:
    """The rate by the clock, and per second of this process's CPU time (what a busy machine's
    other work takes from the first and hardly from the second)."""
    return (f"{label}: {result['rate']:,.0f} examples/s ({result['seconds']:.2f} s for {result['count']:.0f}; "
            f"{result['cpu']:,.0f} per CPU second)")


def differential(count: int) -> None:
    from converter.fuzz.dotnet import DotnetDriver, mono_available
    from converter.fuzz.run import _judge, _requests

    if not mono_available():
        print("differential run: skipped (no mono/mcs/Json.NET)")
        return
    spec = load_spec(SPEC)
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


def main() -> None:
    import hypothesis

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=2000)
    parser.add_argument("--bench-python", default=str(ROOT / ".venv-bench" / "bin" / "python"),
                        help="the bench venv's python (hypothesis-jsonschema and its pinned Hypothesis)")
    parser.add_argument("--pinned", action="store_true", help=argparse.SUPPRESS)  # the child's part
    args = parser.parse_args()
    if args.pinned:
        pinned(args.count)
        return

    print(f"{args.count} examples of {TYPE}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} "
          f"at start", flush=True)
    current = ours(args.count)
    print(line(f"contractkit from_spec, each in JSON, XML and form, Hypothesis {hypothesis.__version__}", current),
          flush=True)
    child: dict[str, Any] | None = None
    if Path(args.bench_python).exists():
        done = subprocess.run([args.bench_python, __file__, str(args.count), "--pinned"], capture_output=True,
                              text=True, cwd=ROOT)
        if done.returncode == 0:
            child = json.loads(done.stdout.splitlines()[-1])
        else:
            print(f"bench venv run failed ({args.bench_python}, exit {done.returncode}):\n{done.stderr[-2000:]}")
    else:
        print(f"peer: skipped (no {args.bench_python}: python3 -m venv .venv-bench && "
              f".venv-bench/bin/pip install -e '.[bench]')")
    if child is not None:
        version = child["hypothesis"]
        print(line(f"contractkit from_spec, each in JSON, XML and form, Hypothesis {version} (bench venv)",
                   child["ours"]))
        print(line(f"hypothesis-jsonschema from_schema, json.dumps, Hypothesis {version} (bench venv)", child["peer"]))
    differential(args.count)

    def verdict(rate: float) -> str:
        return f"{rate:,.0f} ({'met' if rate >= AIM else 'MISSED'})"

    print(f"aim: >= {AIM} examples/s, each in all three encodings, on the installed Hypothesis: "
          f"{verdict(current['rate'])} by the clock, {verdict(current['cpu'])} per CPU second")
    if child is not None:
        mine, theirs = child["ours"]["rate"], child["peer"]["rate"]
        print(f"faster than the peer: {current['rate'] / theirs:.1f}x its rate (contractkit on Hypothesis "
              f"{hypothesis.__version__}), {mine / theirs:.1f}x on the same Hypothesis {child['hypothesis']} "
              f"({'met' if min(mine, current['rate']) > theirs else 'MISSED'})")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
