"""Cost at every size: convert (six directions) and validate (three encodings) from 1 KB to 50 MB.

For each command and size, in a child process of its own (so peak memory is that work's alone):
- contractkit (``convert`` or ``Validator.check``, in process, typed, exact .NET bytes);
- the floor: parse with the standard library's json, lxml or urllib.parse, walk the tree, serialise
  untyped (for validate: parse and walk);
- xmlschema where it can do the same work (JSON <-> XML with the generated XSD; validate of XML).

A payload under 2 MB is timed in five blocks of as many calls as make 400 KB (a 1 KB one 400 times), the
best block kept; the tools of one point are taken in turns, best of five runs (two over 200 KB).

Prints seconds and peak memory per MB of input, the ratios to the floor and the peer, and writes
the curve as ``benchmarks/scale.png`` (matplotlib, the ``bench`` extra) and ``scale.json``.
Run: ``python benchmarks/scale.py [SIZES] [COMMAND...]`` (default ``1e3,1e5,1e7,5e7`` bytes of input, every
command); e.g. ``scale.py 1e5,1e7 'json>form' 'validate form'`` for a quicker look at some of them.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from collections.abc import Callable
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _payloads import SEED_SPEC, SEED_TYPE, sized_value  # noqa: E402

HERE = Path(__file__).resolve().parent
COMMANDS = ["json>xml", "json>form", "xml>json", "xml>form", "form>json", "form>xml",
            "validate json", "validate xml", "validate form"]
#: Peers that do the same work (xmlschema has no form encoding, nor checks JSON).
PEERS = {"json>xml", "xml>json", "validate xml"}
UNLIMITED = {"max_bytes": 1 << 31, "max_form_keys": 1 << 31}


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _walk_lxml(element: Any) -> Any:
    """Text, a dict of children by local name, or a list when names repeat (a collection)."""
    children = [c for c in element if isinstance(c.tag, str)]
    if not children:
        return element.text
    names = [c.tag.rpartition("}")[2] for c in children]
    if len(set(names)) < len(names):
        return [_walk_lxml(c) for c in children]
    return {name: _walk_lxml(c) for name, c in zip(names, children)}


def _to_lxml(name: str, value: Any, maker: Any) -> Any:
    element = maker(name if name.isidentifier() else "item")
    if isinstance(value, dict):
        for key, item in value.items():
            element.append(_to_lxml(key, item, maker))
    elif isinstance(value, list):
        for item in value:
            element.append(_to_lxml("item", item, maker))
    elif value is not None:
        element.text = str(value)
    return element


def _pairs(value: Any, prefix: str, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _pairs(item, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _pairs(item, f"{prefix}[{i}]", out)
    else:
        out.append((prefix, "" if value is None else str(value)))


def _nest(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key, value in pairs:
        node = tree
        parts = key.replace("]", "").replace("[", ".").split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                break
        else:
            node[parts[-1]] = value
    return tree


def floor(command: str, small: bytes) -> Callable[[bytes], object]:
    """The least any tool does: parse, walk, serialise, untyped."""
    from urllib.parse import parse_qsl, urlencode

    from lxml import etree

    source, _, target = command.partition(">")
    if command.startswith("validate"):
        source = command.split()[1]
    parser = etree.XMLParser(huge_tree=True)

    def work(data: bytes) -> object:
        if source == "json":
            tree: Any = json.loads(data)
        elif source == "xml":
            tree = _walk_lxml(etree.fromstring(data, parser))
        else:
            tree = _nest(parse_qsl(data.decode(), keep_blank_values=True, max_num_fields=None))
        if target == "json":
            return json.dumps(tree, default=str)
        if target == "xml":
            return etree.tostring(_to_lxml("Root", tree, etree.Element))
        if target == "form":
            out: list[tuple[str, str]] = []
            _pairs(tree, "", out)
            return urlencode(out)
        return tree

    return work


def peer(command: str, small: bytes, xsd: str, data_path: str) -> Callable[[bytes], object]:
    """xmlschema with the generated XSD, built before timing. For JSON to XML it encodes the value
    its own decoding of the same payload's XML gives (its names are the XSD's, not Json.NET's)."""
    import xmlschema

    schema = xmlschema.XMLSchema(xsd)
    if command == "xml>json":
        return lambda data: json.dumps(schema.decode(data.decode("utf-8")), default=str)
    if command == "json>xml":
        from xml.etree import ElementTree

        as_xml = Path(data_path).with_suffix(".xml").read_bytes()
        decoded = schema.decode(as_xml.decode("utf-8"))
        element = next(e for name, e in schema.maps.elements.items() if name.endswith("}" + SEED_TYPE))
        return lambda data: (json.loads(data), ElementTree.tostring(element.encode(decoded)))
    return lambda data: schema.validate(data.decode("utf-8"))


def ours(command: str, small: bytes) -> Callable[[bytes], object]:
    from converter.convert import convert
    from converter.spec import load_spec
    from converter.validate import Validator

    spec = load_spec(SEED_SPEC)
    if command.startswith("validate"):
        kind = command.split()[1]
        validator = Validator(spec)
        return lambda data: validator.check(data, f"p.{kind}", fmt=kind, type_name=SEED_TYPE)  # type: ignore[arg-type]
    source, _, target = command.partition(">")
    return lambda data: convert(spec, data, to=target, from_=source, type_name=SEED_TYPE)  # type: ignore[arg-type]


def child(tool: str, command: str, path: str, xsd: str) -> None:
    """One measurement in this process: time and peak memory over what was in use before."""
    from dataclasses import replace

    from converter.limits import current, set_limits

    set_limits(replace(current(), **UNLIMITED))
    data = Path(path).read_bytes()
    small = Path(path + ".warm").read_bytes()
    work = ours(command, small) if tool == "ours" else floor(command, small) if tool == "floor" else peer(
        command, small, xsd, path)
    work(small)  # imports, compiled checkers and schemas: not the payload's cost
    before = _rss()
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # Linux: the peak resident size starts again from now
    # A small payload is timed over many calls (one call is timer noise), in five blocks, the best
    # one kept: a burst of another tenant's load on this virtual machine slows some blocks, never speeds one.
    calls = max(1, 400_000 // len(data))
    seconds = float("inf")
    for _ in range(5 if len(data) < 2_000_000 else 1):
        start = time.perf_counter()
        for _ in range(calls):
            work(data)
        seconds = min(seconds, (time.perf_counter() - start) / calls)
    peak = _peak()
    print(json.dumps({"seconds": seconds, "memory": max(0, peak - before)}))


def measure(tools: tuple[str, ...], command: str, path: Path, xsd: Path) -> dict[str, dict[str, float]]:
    """Each tool's best run (a child process each), the tools taken in turns, so a slow spell of
    the machine falls on all of them rather than on one tool's runs: the figures are ratios."""
    best: dict[str, dict[str, float]] = {}
    # Best of: other work on the machine only slows a run, and this VM has slow spells of seconds.
    runs = 5 if path.stat().st_size < 200_000 else 2
    for _ in range(runs):
        for tool in tools:
            if best.get(tool, {}).get("error"):
                continue
            out = subprocess.run([sys.executable, __file__, "--child", tool, command, str(path), str(xsd)],
                                 capture_output=True, text=True, check=False)
            if out.returncode != 0:
                best[tool] = {"seconds": float("nan"), "memory": float("nan"), "error": 1}
                continue
            got = json.loads(out.stdout.splitlines()[-1])
            if tool not in best or got["seconds"] < best[tool]["seconds"]:
                best[tool] = got
    return best


def _source(command: str) -> str:
    """The encoding a command reads."""
    return command.split()[1] if command.startswith("validate") else command.partition(">")[0]


def inputs(folder: Path, sizes: list[int], kinds: set[str]) -> dict[tuple[str, int], Path]:
    """For each encoding and size, a payload of about that many bytes (escapes make a form body
    larger than the JSON of the same value, so it holds a smaller value)."""
    from dataclasses import replace

    from converter.codecs import codec
    from converter.limits import current, using
    from converter.spec import load_spec

    spec = load_spec(SEED_SPEC)
    found: dict[tuple[str, int], Path] = {}
    with using(replace(current(), **UNLIMITED)):
        probe = sized_value(100_000)
        ratio = {kind: len(codec(kind).encode(spec, SEED_TYPE, probe).data) / len(
            codec("json").encode(spec, SEED_TYPE, probe).data) for kind in ("json", "xml", "form")}
        warm = sized_value(1000)
        for size in sizes:
            for kind in sorted(kinds):
                value = sized_value(max(600, int(size / ratio[kind])))
                path = folder / f"{size}.{kind}"
                path.write_bytes(codec(kind).encode(spec, SEED_TYPE, value).data)
                Path(str(path) + ".warm").write_bytes(codec(kind).encode(spec, SEED_TYPE, warm).data)
                found[kind, size] = path
    return found


def main() -> None:
    args = sys.argv[1:]
    chosen = [a for a in args if a in COMMANDS]
    unknown = [a for a in args if a not in COMMANDS and not a[:1].isdigit()]
    if unknown:
        sys.exit(f"unknown command {unknown[0]!r}: expected sizes and any of {', '.join(COMMANDS)}")
    given = [a for a in args if a[:1].isdigit()]
    sizes = [int(float(s)) for s in (given[0] if given else "1e3,1e5,1e7,5e7").split(",")]
    commands = chosen or COMMANDS
    from converter.generate.xsd import to_xsd
    from converter.spec import load_spec

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in to_xsd(load_spec(SEED_SPEC), "contract").items():
            (root / name).write_bytes(data)
        xsd = root / "index.xsd"
        files = inputs(root, sizes, {_source(command) for command in commands})
        print(f"{'command':<14} {'input':>9} {'ours s/MB':>10} {'floor s/MB':>10} {'peer s/MB':>10} "
              f"{'ours/floor':>10} {'peer/ours':>9} {'peak MB':>8} {'floor peak':>10}")
        for command in commands:
            for size in sizes:
                path = files[_source(command), size]
                mb = path.stat().st_size / 1e6
                row: dict[str, Any] = {"command": command, "size": size, "mb": mb}
                row.update(measure(("ours", "floor") + (("peer",) if command in PEERS else ()), command, path, xsd))
                rows.append(row)
                peer_s = row["peer"]["seconds"] / mb if "peer" in row else float("nan")
                print(f"{command:<14} {mb:8.3f}M {row['ours']['seconds'] / mb:10.3f} "
                      f"{row['floor']['seconds'] / mb:10.3f} {peer_s:10.3f} "
                      f"{row['ours']['seconds'] / row['floor']['seconds']:10.1f} "
                      f"{(row['peer']['seconds'] / row['ours']['seconds']) if 'peer' in row else float('nan'):9.1f} "
                      f"{row['ours']['memory'] / 1e6:8.1f} {row['floor']['memory'] / 1e6:10.1f}",
                      flush=True)
    summary(rows)
    if commands == COMMANDS:  # a partial run leaves the full run's curve and figures alone
        (HERE / "scale.json").write_text(json.dumps(rows, indent=1) + "\n")
        plot(rows)


def summary(rows: list[dict[str, Any]]) -> None:
    """Each aim of issue 14 that this run measures, met or not."""
    print("\naims (per command, over the sizes measured):")
    for command in COMMANDS:
        mine = [r for r in rows if r["command"] == command]
        if not mine:
            continue
        floor_ratio = max(r["ours"]["seconds"] / r["floor"]["seconds"] for r in mine)
        checking = command.startswith("validate")  # the floor parses and walks: no aim, a yardstick
        verdict = "" if checking else f" (aim <= 2: {'met' if floor_ratio <= 2 else 'MISSED'})"
        line = [f"{command:<14} worst ours/floor {floor_ratio:5.1f}x{verdict}"]
        if command in PEERS:
            peer_ratio = min(r["peer"]["seconds"] / r["ours"]["seconds"] for r in mine)
            verdict = (" (in process, schema built once; the aim of 20x is against the xmlschema-validate command, "
                       "in validate.py)" if checking else f" (aim >= 5: {'met' if peer_ratio >= 5 else 'MISSED'})")
            line.append(f"least xmlschema/ours {peer_ratio:6.1f}x{verdict}")
        linear = [r for r in mine if r["size"] >= 100_000]
        if len(linear) > 1:
            per_mb = [r["ours"]["seconds"] / r["mb"] for r in linear]
            spread = max(per_mb) / min(per_mb)
            # the floor's own spread: what the memory hierarchy alone adds per MB as the data outgrows the caches
            floor_per_mb = [r["floor"]["seconds"] / r["mb"] for r in linear]
            floor_spread = max(floor_per_mb) / min(floor_per_mb)
            slope, constant = _fit([r["mb"] for r in linear], [r["ours"]["memory"] / 1e6 for r in linear])
            line.append(f"time/MB {min(per_mb):.3f}-{max(per_mb):.3f} s (spread {spread:4.2f}x, the floor's "
                        f"{floor_spread:4.2f}x); peak memory "
                        f"{slope:4.1f} x input + {constant:5.1f} MB (aim <= 5 x: {'met' if slope <= 5 else 'MISSED'})")
        print("  " + "; ".join(line))


def _fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least squares: y = slope * x + constant."""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread if spread else 0.0
    return slope, mean_y - slope * mean_x


def plot(rows: list[dict[str, Any]]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[bench]'): no plot")
        return
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    for command in COMMANDS:
        mine = [r for r in rows if r["command"] == command and r["size"] >= 100_000]
        if not mine:
            continue
        mbs = [r["mb"] for r in mine]
        left.plot(mbs, [r["ours"]["seconds"] / r["mb"] for r in mine], marker="o", label=command)
        right.plot(mbs, [r["ours"]["memory"] / 1e6 for r in mine], marker="o", label=command)
    for axis, title in ((left, "seconds per MB of input"), (right, "peak memory over the input held (MB)")):
        axis.set_xscale("log")
        axis.set_xlabel("input size (MB)")
        axis.set_title(title)
        axis.grid(True, alpha=0.3)
    right.set_yscale("log")
    largest = max(r["mb"] for r in rows)
    right.plot([0.1, largest], [0.5, 5 * largest], color="grey", linestyle="--", linewidth=1, label="5 x input")
    left.legend(fontsize=7)
    figure.suptitle("contractkit: cost per MB from 100 KB to 50 MB (seed model, one process per point)")
    figure.tight_layout()
    figure.savefig(HERE / "scale.png", dpi=90)
    print(f"plot: {HERE / 'scale.png'}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:6])
    else:
        main()
