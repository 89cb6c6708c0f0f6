"""The Mono interop harness: compile the C# driver at test time, run it in batches.

On a machine without Mono every test here is skipped with one clear reason; CI installs
Mono (.ci/run), so there the suite always runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.interop.webapi import Service

HERE = Path(__file__).resolve().parent
MISSING_WEBAPI = ("Mono's ASP.NET Web API not installed (apt-get install libmono-system-web-http4.0-cil "
                  "libmono-system-web-http-selfhost4.0-cil libmono-system-net-http-formatting4.0-cil)")
MISSING = "Mono not installed (apt-get install mono-devel libnewtonsoft-json5.0-cil): interop suite skipped"


class Dotnet:
    """The compiled driver: ``batch(op, type, {name: bytes})`` -> ``{name: bytes | error line}``."""

    def __init__(self, exe: Path, work: Path) -> None:
        self.exe = exe
        self.work = work
        self.runs = 0

    def run(self, *args: str, stdin: bytes = b"", json_settings: str = "") -> bytes:
        """``json_settings`` is the driver's CONTRACTKIT_JSON: a spec's ``json`` settings for Json.NET."""
        done = subprocess.run(["mono", str(self.exe), *args], input=stdin, capture_output=True,
                              env={**os.environ, "TZ": "UTC", "CONTRACTKIT_JSON": json_settings}, check=False)
        if done.returncode:
            raise RuntimeError(done.stderr.decode("utf-8", "replace").strip())
        return done.stdout

    def batch(self, op: str, type_name: str, payloads: dict[str, bytes], json_settings: str = "") -> dict[str, bytes | str]:
        self.runs += 1
        inbox, outbox = self.work / f"in{self.runs}", self.work / f"out{self.runs}"
        inbox.mkdir()
        for name, data in payloads.items():
            (inbox / name).write_bytes(data)
        self.run("batch", op, type_name, str(inbox), str(outbox), json_settings=json_settings)
        results: dict[str, bytes | str] = {}
        for name in payloads:
            out, err = outbox / f"{name}.out", outbox / f"{name}.err"
            results[name] = out.read_bytes() if out.exists() else err.read_text(encoding="utf-8")
        return results


@pytest.fixture(scope="session")
def dotnet(tmp_path_factory: pytest.TempPathFactory) -> Dotnet:
    if not (shutil.which("mono") and shutil.which("mcs")):
        pytest.skip(MISSING)
    out = tmp_path_factory.mktemp("dotnet")
    # The models are generated from the bundled specs by `contractkit generate --csharp` (build.sh).
    subprocess.run(["sh", str(HERE / "dotnet" / "build.sh"), str(out)], check=True, capture_output=True,
                   env={**os.environ, "PYTHON": sys.executable})
    return Dotnet(out / "Interop.exe", tmp_path_factory.mktemp("batches"))


@pytest.fixture(scope="session")
def webapi(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The reference service, started once a session for every bundled spec and webapi.yaml."""
    from converter.spec import load_spec
    from tests.interop import webapi as host

    if not (shutil.which("mono") and shutil.which("mcs")):
        pytest.skip(MISSING)
    if not host.installed():
        pytest.skip(MISSING_WEBAPI)
    specs = [load_spec(p) for p in (*sorted((HERE.parent.parent / "schemas").glob("*.yaml")), host.WEBAPI / "webapi.yaml")]
    exe = host.build(specs, tmp_path_factory.mktemp("webapi"), host.models(specs[:-1], tmp_path_factory.mktemp("models")))
    service = host.Service(exe)
    yield service
    service.stop()
    assert host.wait_closed(service.port), "the reference service did not stop"


def examples(strategy: Any, count: int, seed: int = 4) -> list[Any]:
    """``count`` values of a strategy, the same on every run."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as fixed_seed

    found: list[Any] = []

    @fixed_seed(seed)
    @settings(max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(value: Any) -> None:
        found.append(value)

    collect()
    return found[:count]


def first_difference(ours: bytes, theirs: bytes | str) -> str:
    """Where two outputs part, with some context, for assertion messages."""
    if isinstance(theirs, str):
        return f".NET refused it: {theirs}"
    i = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    return f"at byte {i}: ours {ours[max(0, i - 80):i + 40]!r} / .NET {theirs[max(0, i - 80):i + 40]!r}"
