"""XML -> JSON for 2,000 generated seed-model payloads: contractkit against xmlschema and the floor.

- contractkit: ``converter.convert.convert(spec, xml, to="json")`` (typed, exact Json.NET output);
- xmlschema: decode with the generated XSD (index.xsd), then ``json.dumps``;
- floor: parse with lxml and ``json.dumps`` an untyped dict of the tree.

All three run in this process, on the same payloads, in the same run. Prints payloads per
second of each and the ratios. Run: ``python benchmarks/convert_xml_to_json.py [COUNT]``.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _payloads import SEED_TYPE, seed_values  # noqa: E402

from converter.codecs import xml  # noqa: E402
from converter.convert import convert  # noqa: E402
from converter.generate.xsd import to_xsd  # noqa: E402


def _tree(element: Any) -> Any:
    children = [c for c in element if isinstance(c.tag, str)]
    if not children:
        return element.text
    return {etree.QName(c).localname: _tree(c) for c in children}


def timed(tools: dict[str, Callable[[bytes], object]], payloads: list[bytes], runs: int = 5) -> dict[str, float]:
    """Payloads per second of each tool: the best of ``runs`` passes over all the payloads, the
    tools taken in turns, so a slow spell of this virtual machine (they last seconds) hits them
    all alike rather than all the passes of one: the figures are ratios."""
    best = dict.fromkeys(tools, float("inf"))
    for work in tools.values():
        work(payloads[0])
    for _ in range(runs):
        for label, work in tools.items():
            start = time.perf_counter()
            for payload in payloads:
                work(payload)
            best[label] = min(best[label], time.perf_counter() - start)
    for label, spent in best.items():
        print(f"{label:<12} {len(payloads) / spent:>10,.0f} payloads/s  ({spent * 1000 / len(payloads):.3f} ms each)")
    return {label: len(payloads) / spent for label, spent in best.items()}


def main() -> None:
    import xmlschema

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    spec, values = seed_values(count, like_sample=True)
    payloads = [xml.encode(spec, SEED_TYPE, v)[0] for v in values]
    print(f"{len(payloads)} XML payloads, {sum(map(len, payloads)) / len(payloads):,.0f} bytes on average")
    with tempfile.TemporaryDirectory() as folder:
        for name, data in to_xsd(spec, "wire").items():
            Path(folder, name).write_bytes(data)
        schema = xmlschema.XMLSchema(str(Path(folder, "index.xsd")))

    rates = timed({"contractkit": lambda p: convert(spec, p, to="json", from_="xml", type_name=SEED_TYPE),
                   "xmlschema": lambda p: json.dumps(schema.decode(p.decode("utf-8")), default=str),
                   "floor": lambda p: json.dumps(_tree(etree.fromstring(p)))}, payloads)
    ours, theirs, floor = rates["contractkit"], rates["xmlschema"], rates["floor"]
    print(f"contractkit / xmlschema speed: {ours / theirs:.1f}x (aim: >= 5x)")
    print(f"floor / contractkit time:      {floor / ours:.1f}x (aim: <= 2x)")


if __name__ == "__main__":
    main()
