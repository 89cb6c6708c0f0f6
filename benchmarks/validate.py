"""Validate 2,000 generated seed-model payloads: contractkit against check-jsonschema and xmlschema-validate.

In one run, on the same files:
- JSON: ``contractkit validate`` and ``check-jsonschema`` against the generated schema, each one process;
- XML: ``contractkit validate`` and ``xmlschema-validate`` against the generated XSD, each one process;
- XML in-process: contractkit's validator and lxml's own ``XMLSchema.validate`` (parse included);
- start-up: ``contractkit --version`` and ``check-jsonschema --version``.

Prints the time of each and the ratios. The peers are the ``bench`` extra (pip install -e '.[bench]').
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
        whole_process_once(argv)  # warm the caches (bytecode, the spec check) as a second run would
    for _ in range(runs):
        start = time.perf_counter()
        # As users run them: bytecode cached (pip compiled the peers'; ours is an editable install).
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        best = min(best, time.perf_counter() - start)
    print(f"{label:<34} {best:8.3f} s")
    return best


def whole_process_once(argv: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)


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
        ck_json = whole_process("contractkit validate (JSON)", ours + [str(root / "json")])
        ck_json_jobs = whole_process("contractkit validate -j0 (JSON)", ours + ["-j", "0", str(root / "json")])
        peer_json = whole_process("check-jsonschema", [tool("check-jsonschema"), "--schemafile",
                                                        str(root / "schemas" / f"{SEED_TYPE}.schema.json"), *json_files])
        ck_xml = whole_process("contractkit validate (XML)", ours + [str(root / "xml")])
        peer_xml = whole_process("xmlschema-validate", [tool("xmlschema-validate"), "--schema",
                                                         str(root / "schemas" / "xsd" / "index.xsd"), *xml_files], runs=1)

        from lxml import etree

        validator = Validator(spec)
        payloads = [Path(f).read_bytes() for f in xml_files]
        start = time.perf_counter()
        for i, data in enumerate(payloads):
            validator.check(data, xml_files[i], fmt="xml", type_name=SEED_TYPE)
        in_ours = time.perf_counter() - start
        schema = etree.XMLSchema(etree.parse(str(root / "schemas" / "xsd" / "index.xsd")))
        start = time.perf_counter()
        for data in payloads:
            schema.validate(etree.fromstring(data))
        in_lxml = time.perf_counter() - start
        print(f"{'in-process XML: contractkit':<34} {in_ours:8.3f} s")
        print(f"{'in-process XML: lxml validate':<34} {in_lxml:8.3f} s")

        start_ours = whole_process("contractkit --version", [tool("contractkit"), "--version"])
        start_peer = whole_process("check-jsonschema --version", [tool("check-jsonschema"), "--version"])

        large = _large_json_set(root / "large", count)
        ck_large = whole_process("contractkit validate (5-10 KB JSON)", ours + [str(root / "large")])
        peer_large = whole_process("check-jsonschema (5-10 KB JSON)", [tool("check-jsonschema"), "--schemafile",
                                   str(root / "schemas" / f"{SEED_TYPE}.schema.json"), *large])
        invalid_cost = _invalid_over_valid(spec, large)

    best_json = min(ck_json, ck_json_jobs)
    print(json.dumps({
        "json 5-10 KB, 1 in 10 invalid: check-jsonschema / contractkit": round(peer_large / ck_large, 1),
        "json 5-10 KB: an invalid file's time / a valid one's": round(invalid_cost, 2),
        "json: check-jsonschema / contractkit": round(peer_json / best_json, 1),
        "xml: xmlschema-validate / contractkit": round(peer_xml / ck_xml, 1),
        "xml in-process: contractkit / lxml": round(in_ours / in_lxml, 2),
        "start-up: contractkit / check-jsonschema": round(start_ours / start_peer, 2),
    }, indent=1))
    print("aims: >= 5, <= 2, >= 5, >= 20, <= 2, <= 1")


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


def _invalid_over_valid(spec: Spec, files: list[str]) -> float:
    """In-process time per invalid file over time per valid file (the same validator, warm)."""
    validator = Validator(spec)
    payloads = [Path(f).read_bytes() for f in files]
    validator.check(payloads[0], "warm.json", type_name=SEED_TYPE)
    times: dict[bool, list[float]] = {True: [], False: []}
    for data in payloads:
        start = time.perf_counter()
        found = validator.check(data, "p.json", type_name=SEED_TYPE)
        times[any(f.severity == "error" for f in found)].append(time.perf_counter() - start)
    return (sum(times[True]) / max(1, len(times[True]))) / (sum(times[False]) / max(1, len(times[False])))


if __name__ == "__main__":
    main()
