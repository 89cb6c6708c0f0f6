"""Validate 2,000 generated seed-model payloads: contractkit against check-jsonschema and xmlschema-validate.

In one run, on the same files:
- JSON: ``contractkit validate`` and ``check-jsonschema`` against the generated schema, each one process;
- XML: ``contractkit validate`` and ``xmlschema-validate`` against the generated XSD, each one process;
- XML in-process: contractkit's validator and lxml's own ``XMLSchema.validate`` (parse included);
- start-up: ``contractkit --version``, ``--help`` and ``check-jsonschema --version``;
- an invalid file's time over a valid one's (in process), on 1 KB and 5-10 KB payloads;
- ``validate -j 2`` against ``-j 1`` on 20,000 files: the 1 KB payloads, and the 5-10 KB ones.

Prints the time of each, then each figure with its aim and whether this run met it. The peers are the ``bench`` extra (pip install -e '.[bench]').
Run: ``python benchmarks/validate.py [COUNT]``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _payloads import SEED_SPEC, SEED_TYPE, seed_values  # noqa: E402

from converter.codecs import json as json_codec  # noqa: E402
from converter.codecs import xml as xml_codec  # noqa: E402
from converter.generate import render  # noqa: E402
from converter.spec import Spec  # noqa: E402
from converter.validate import Validator  # noqa: E402

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        sys.exit(f"{name} is not installed: pip install -e '.[bench]'")
    return found


def whole_process(label: str, argv: list[str], runs: int = 3) -> float:
    """Best of ``runs`` wall-clock runs of one command (exit status ignored: findings exit 1)."""
    best = float("inf")
    if runs > 1:
        together([argv])  # warm the caches (bytecode, the spec check) as a second run would
    for _ in range(runs):
        start = time.perf_counter()
        together([argv])
        best = min(best, time.perf_counter() - start)
    print(f"{label:<34} {best:8.3f} s")
    return best


def in_turns(labels: tuple[str, ...], commands: tuple[list[list[str]], ...], runs: int = 5) -> list[float]:
    """Best of ``runs`` wall-clock runs of each command (a list of processes started together),
    taken in turns after one warm-up run each, so a slow spell of this virtual machine (they last
    seconds) hits all of them alike rather than all the runs of one: the figures are ratios."""
    best = [float("inf")] * len(commands)
    for argvs in commands:
        together(argvs)
    for _ in range(runs):
        for i, argvs in enumerate(commands):
            start = time.perf_counter()
            together(argvs)
            best[i] = min(best[i], time.perf_counter() - start)
    for label, spent in zip(labels, best):
        print(f"{label:<34} {spent:8.3f} s")
    return best


def together(argvs: list[list[str]]) -> None:
    """Processes started at once, waited for; as users run them (bytecode cached)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for child in [subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
                  for argv in argvs]:
        child.wait()


def jobs_figures(ours: list[str], many: Path, label: str) -> tuple[float, float, float]:
    """``-j1`` and ``-j2`` over the whole folder, and the machine's own ceiling for ``-j2``: two
    ``-j1`` processes at once, one on each half of the files (no coordination at all, each its
    own start-up, both cores busy the whole time)."""
    one, two, halves = in_turns(
        (f"validate -j1 ({label})", f"validate -j2 ({label})", f"2 x -j1 on halves at once ({label})"),
        ([ours + ["-j", "1", str(many)]], [ours + ["-j", "2", str(many)]],
         [ours + ["-j", "1", str(many / half)] for half in ("a", "b")]))
    return one, two, halves


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    spec, values = seed_values(count, contract=True, like_sample=True)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for rel, data in render(spec, "contract").items():
            (root / "schemas" / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / "schemas" / rel).write_bytes(data)
        (root / "json").mkdir()
        (root / "xml").mkdir()
        written = 0
        for value in values:
            as_xml = xml_codec.encode(spec, SEED_TYPE, value)[0]
            if b"&#x" in as_xml:  # control characters: XML 1.0 parsers (the peers') refuse them
                continue
            (root / "xml" / f"{written:05d}.xml").write_bytes(as_xml)
            (root / "json" / f"{written:05d}.json").write_bytes(json_codec.encode(spec, SEED_TYPE, value)[0])
            written += 1
            if written == count:
                break
        json_files = sorted(str(p) for p in (root / "json").iterdir())
        xml_files = sorted(str(p) for p in (root / "xml").iterdir())
        print(f"{len(json_files)} payloads each as JSON and XML ({sum(len(Path(f).read_bytes()) for f in xml_files) // len(xml_files)} "
              f"bytes of XML on average); this machine: {os.cpu_count()} cores")

        ours = [tool("contractkit"), "validate", str(SEED_SPEC), "--quiet", "--type", SEED_TYPE]
        ck_json, ck_json_jobs, peer_json = in_turns(
            ("contractkit validate (JSON)", "contractkit validate -j0 (JSON)", "check-jsonschema"),
            ([ours + [str(root / "json")]], [ours + ["-j", "0", str(root / "json")]],
             [[tool("check-jsonschema"), "--schemafile", str(root / "schemas" / f"{SEED_TYPE}.schema.json"),
               *json_files]]))
        ck_xml = whole_process("contractkit validate (XML)", ours + [str(root / "xml")])
        peer_xml = whole_process("xmlschema-validate", [tool("xmlschema-validate"), "--schema",
                                                         str(root / "schemas" / "xsd" / "index.xsd"), *xml_files], runs=1)

        from lxml import etree

        validator = Validator(spec)
        payloads = [Path(f).read_bytes() for f in xml_files]
        schema = etree.XMLSchema(etree.parse(str(root / "schemas" / "xsd" / "index.xsd")))
        validator.check(payloads[0], xml_files[0], fmt="xml", type_name=SEED_TYPE)  # builds its schema
        in_ours = in_lxml = float("inf")
        for _ in range(5):  # best of five, taken in turns, so a moment of another process's load hits neither alone
            start = time.perf_counter()
            for i, data in enumerate(payloads):
                validator.check(data, xml_files[i], fmt="xml", type_name=SEED_TYPE)
            in_ours = min(in_ours, time.perf_counter() - start)
            start = time.perf_counter()
            for data in payloads:
                schema.validate(etree.fromstring(data))
            in_lxml = min(in_lxml, time.perf_counter() - start)
        print(f"{'in-process XML: contractkit':<34} {in_ours:8.3f} s")
        print(f"{'in-process XML: lxml validate':<34} {in_lxml:8.3f} s")

        start_ours = whole_process("contractkit --version", [tool("contractkit"), "--version"])
        start_help = whole_process("contractkit --help", [tool("contractkit"), "--help"])
        start_peer = whole_process("check-jsonschema --version", [tool("check-jsonschema"), "--version"])
        invalid_small = _invalid_over_valid(spec, _broken_copies(root / "small-broken", json_files))

        many = _many_files(root / "many", json_files, 20_000)
        one_worker, two_workers, ceiling = jobs_figures(ours, many, "20,000 x 1 KB")

        large = _large_json_set(root / "large", count)
        many_large = _many_files(root / "many-large", large, 20_000)
        one_worker_large, two_workers_large, ceiling_large = jobs_figures(ours, many_large, "20,000 x 5-10 KB")
        shutil.rmtree(many_large)
        ck_large, peer_large = in_turns(
            ("contractkit validate (5-10 KB JSON)", "check-jsonschema (5-10 KB JSON)"),
            ([ours + [str(root / "large")]],
             [[tool("check-jsonschema"), "--schemafile", str(root / "schemas" / f"{SEED_TYPE}.schema.json"), *large]]),
            runs=3)
        invalid_cost = _invalid_over_valid(spec, large)

    figures = [
        ("json 5-10 KB, 1 in 10 invalid: check-jsonschema / contractkit", peer_large / ck_large, ">=", 5),
        ("json 5-10 KB: an invalid file's time / a valid one's", invalid_cost, "<=", 2),
        ("json 1 KB: check-jsonschema / contractkit (-j1)", peer_json / ck_json, ">=", 5),
        ("json 1 KB: check-jsonschema / contractkit -j0", peer_json / ck_json_jobs, ">=", 5),
        ("json 1 KB: an invalid file's time / a valid one's", invalid_small, "<=", 2),
        ("xml: xmlschema-validate / contractkit", peer_xml / ck_xml, ">=", 20),
        ("xml in-process: contractkit / lxml parse+validate", in_ours / in_lxml, "<=", 2),
        # The issue does not say how large the 20,000 files are: both sets are judged. On 1 KB files a file
        # takes ~35 us, so start-up, the folder walk and the report (one process's work) weigh a sixth.
        ("validate 20,000 1 KB files: -j1 time / -j2 time", one_worker / two_workers, ">=", 1.7),
        ("validate 20,000 5-10 KB files: -j1 time / -j2 time", one_worker_large / two_workers_large, ">=", 1.7),
        # What this machine allows any -j2: two -j1 processes at once on the halves. -j2 can only come near it.
        ("  the machine's own ceiling, 1 KB: -j1 time / 2 x -j1 on halves", one_worker / ceiling, "info", 0),
        ("  the machine's own ceiling, 5-10 KB", one_worker_large / ceiling_large, "info", 0),
        ("start-up: contractkit --version, ms", start_ours * 1000, "<=", 150),
        ("start-up: contractkit --help, ms", start_help * 1000, "<=", 150),
        ("start-up: contractkit / check-jsonschema --version", start_ours / start_peer, "<=", 1),
    ]
    print("\nfigure (this run)                                            value   aim    verdict")
    for label, value, sense, aim in figures:
        if sense == "info":  # a yardstick, no aim
            print(f"{label:<60} {value:7.2f}")
            continue
        met = value >= aim if sense == ">=" else value <= aim
        print(f"{label:<60} {value:7.2f}  {sense} {aim:<5} {'met' if met else 'MISSED'}")


def _large_json_set(folder: Path, count: int) -> list[str]:
    """``count`` seed payloads of 5-10 KB (fifty patients and attachments), every tenth broken in one member."""
    distinct = max(1, min(count, 200))  # generating 50 patients a payload is slow: 200 bodies, reused
    spec, values = seed_values(distinct, seed=7, like_sample=True, patients=50)
    folder.mkdir()
    files = []
    for i in range(count):
        data = json_codec.encode(spec, SEED_TYPE, values[i % distinct])[0]
        if i % 10 == 0:
            data = data.replace(b'"isRepresentative":true', b'"isRepresentative":"yes"', 1).replace(
                b'"isRepresentative":false', b'"isRepresentative":"no"', 1)
        path = folder / f"{i:05d}.json"
        path.write_bytes(data)
        files.append(str(path))
    sizes = [len(Path(f).read_bytes()) for f in files]
    print(f"{len(files)} larger JSON payloads, {sum(sizes) // len(sizes):,} bytes on average, 1 in 10 invalid")
    return files


def _broken_copies(folder: Path, files: list[str]) -> list[str]:
    """The 1 KB payloads again, every tenth broken in one member, as in the larger set."""
    folder.mkdir()
    out = []
    for i, name in enumerate(files):
        data = Path(name).read_bytes()
        if i % 10 == 0:
            data = data.replace(b'"isRepresentative":true', b'"isRepresentative":"yes"', 1).replace(
                b'"isRepresentative":false', b'"isRepresentative":"no"', 1)
        path = folder / Path(name).name
        path.write_bytes(data)
        out.append(str(path))
    return out


def _many_files(folder: Path, files: list[str], count: int) -> Path:
    """``count`` files, the payloads of ``files`` over and over, for --jobs."""
    for half in ("a", "b"):  # the files in two halves, for the ceiling of -j2 (jobs_figures)
        (folder / half).mkdir(parents=True)
    bodies = [Path(f).read_bytes() for f in files]
    for i in range(count):
        (folder / ("a" if i < count // 2 else "b") / f"{i:05d}.json").write_bytes(bodies[i % len(bodies)])
    os.sync()  # so the kernel's write-back of the new files (due 30 s after writing) is not during the timed runs
    return folder


def _invalid_over_valid(spec: Spec, files: list[str]) -> float:
    """In-process time per invalid file over time per valid file (the same validator, warm): each
    group checked in one loop, best of five, so a moment of another process's load hits neither alone."""
    validator = Validator(spec)
    payloads = [Path(f).read_bytes() for f in files]
    groups: dict[bool, list[bytes]] = {True: [], False: []}
    for data in payloads:
        found = validator.check(data, "p.json", type_name=SEED_TYPE)  # also warms every path
        groups[any(f.severity == "error" for f in found)].append(data)
    best: dict[bool, float] = {}
    for invalid, group in groups.items():
        for _ in range(5):
            start = time.perf_counter()
            for data in group:
                validator.check(data, "p.json", type_name=SEED_TYPE)
            per_file = (time.perf_counter() - start) / max(1, len(group))
            best[invalid] = min(best.get(invalid, per_file), per_file)
    return best[True] / best[False]


if __name__ == "__main__":
    main()
