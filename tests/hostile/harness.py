"""Run the command as a hostile user's input reaches it: a child process under a CPU and memory cap."""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

#: Per case: what the issue grants (20 s, 1 GiB); a case over either is a failure, not a slow pass.
CPU_SECONDS = 20
MEMORY_BYTES = 1 << 30


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def contractkit(*args: str, stdin: Path | bytes | None = None, cwd: Path | None = None,
                cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``contractkit ARGS`` in a capped child; ``stdin`` is a file to redirect or bytes to pipe.
    Output is decoded with replacement, so a case can check it line by line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    env.pop("CONTRACTKIT_DEBUG", None)
    command = [sys.executable, "-m", "converter", *args]
    with contextlib.ExitStack() as stack:
        source = stack.enter_context(stdin.open("rb")) if isinstance(stdin, Path) else subprocess.PIPE
        child = subprocess.Popen(command, stdin=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                 cwd=cwd or ROOT, preexec_fn=_cap)
        try:
            out, err = child.communicate(stdin if isinstance(stdin, bytes) else None, timeout=4 * CPU_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise
    return subprocess.CompletedProcess(command, child.returncode, out.decode("utf-8", "replace"),
                                       err.decode("utf-8", "replace"))
