"""Every figure of the Speed section in one run: lint, convert at every size, the curve and its plot.

Runs, one after the other on this machine, ``validate.py`` (lint against check-jsonschema,
xmlschema-validate and lxml; start-up; --jobs), ``convert_xml_to_json.py`` (2,000 small payloads
against xmlschema and the floor) and ``scale.py`` (every command from 1 KB to 50 MB against the
floor and xmlschema, time and peak memory per MB, ``scale.png``). Each prints its figures with the
aim and whether this run met it. Output is also kept in ``benchmarks/latest.txt``, which the
README's Speed section quotes. Run: ``python benchmarks/run_all.py`` (about 17 minutes, idle).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    log = []
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    header = f"benchmarks/run_all.py, {started}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start"
    print(header, flush=True)
    log.append(header)
    for script in ("validate.py", "convert_xml_to_json.py", "scale.py"):
        print(f"\n== {script}", flush=True)
        log.append(f"\n== {script}")
        with subprocess.Popen([sys.executable, str(HERE / script)], stdout=subprocess.PIPE, text=True) as child:
            assert child.stdout is not None
            for line in child.stdout:
                print(line, end="", flush=True)
                log.append(line.rstrip("\n"))
        if child.returncode != 0:
            log.append(f"{script} exited {child.returncode}")
    footer = f"\nload average {os.getloadavg()[0]:.1f} at the end"
    print(footer)
    log.append(footer)
    (HERE / "latest.txt").write_text("\n".join(log) + "\n")


if __name__ == "__main__":
    main()
