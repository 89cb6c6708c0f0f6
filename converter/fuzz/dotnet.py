"""The .NET side of the differential run: the spec's generated C# models and ``Driver.cs``,
compiled once with Mono's ``mcs`` (cached by content under the contractkit cache folder), run as
one long-lived ``mono`` process that answers framed requests (see ``Driver.cs``)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, NamedTuple

from ..cache import cache_dir
from ..errors import UsageError
from ..spec.model import Spec

__all__ = ["Answer", "DotnetDriver", "Op", "mono_available", "newtonsoft_dll"]

Op = Literal["xml-rt", "json-rt", "xml-json", "json-xml"]
_NJ = ("/usr/lib/cli/Newtonsoft.Json-5.0/Newtonsoft.Json.dll",
       "/usr/lib/mono/gac/Newtonsoft.Json/6.0.0.0__b9a188c8922137c6/Newtonsoft.Json.dll")


class Answer(NamedTuple):
    """What .NET made of one request: its bytes, or (``ok`` false) the exception's one line."""

    ok: bool
    data: bytes


def newtonsoft_dll() -> str | None:
    """Json.NET's assembly (Debian's libnewtonsoft-json5.0-cil), or None."""
    return next((p for p in (os.environ.get("NEWTONSOFT_JSON_DLL"), *_NJ) if p and os.path.isfile(p)), None)


def mono_available() -> bool:
    """Whether ``mono``, ``mcs`` and Json.NET are here (``--dotnet auto`` then runs the differential)."""
    return bool(shutil.which("mono") and shutil.which("mcs") and newtonsoft_dll())


def _build(spec: Spec) -> Path:
    """The compiled driver for ``spec``'s models, built on first use and kept by content hash."""
    from ..generate.csharp import csharp_sources

    nj = newtonsoft_dll()
    if not mono_available() or nj is None:
        raise UsageError("--dotnet mono needs mono, mcs and Json.NET (apt-get install mono-devel "
                         "libnewtonsoft-json5.0-cil)")
    sources = dict(sorted(csharp_sources(spec).items()))
    sources["Driver.cs"] = (Path(__file__).with_name("Driver.cs")).read_text(encoding="utf-8")
    digest = hashlib.sha256("\0".join(f"{k}\0{v}" for k, v in sources.items()).encode("utf-8") + nj.encode()).hexdigest()
    folder = cache_dir() / "dotnet" / digest[:32]
    exe = folder / "Driver.exe"
    if exe.is_file():
        return exe
    work = folder.with_name(folder.name + f".{os.getpid()}.tmp")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name, text in sources.items():
        (work / name).write_text(text, encoding="utf-8")
    shutil.copy(nj, work / "Newtonsoft.Json.dll")
    done = subprocess.run(["mcs", "-nologo", "-sdk:4.5", "-target:exe", f"-out:{work / 'Driver.exe'}",
                           "-r:System.Runtime.Serialization.dll", "-r:System.Xml.dll", f"-r:{nj}",
                           *sorted(str(work / n) for n in sources)], capture_output=True, text=True, check=False)
    if done.returncode:
        shutil.rmtree(work, ignore_errors=True)
        first = (done.stdout + done.stderr).strip().splitlines()[:1]
        raise UsageError(f"mcs could not compile the generated models: {first[0] if first else done.returncode}")
    try:
        work.rename(folder)  # another run may have won the race: its build is as good
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
    return exe


class DotnetDriver:
    """One ``mono`` process for one spec: ``batch`` sends many requests and reads the answers."""

    def __init__(self, spec: Spec) -> None:
        exe = _build(spec)
        settings = spec.json
        self.process = subprocess.Popen(
            ["mono", str(exe), settings.naming, settings.enums, settings.nulls], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, env={**os.environ, "TZ": "UTC"})  # Local DateTimes at +00:00, as the fuzz writes them

    def batch(self, requests: Sequence[tuple[Op, str, bytes]]) -> list[Answer]:
        """Each (operation, CLR type name, payload) answered; written by a thread, so that neither
        side blocks on a full pipe."""
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None

        def write() -> None:
            for op, type_name, data in requests:
                stdin.write(f"{op}\t{type_name}\t{len(data)}\n".encode("utf-8") + data)
            stdin.flush()

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        answers = []
        for _ in requests:
            header = stdout.readline()
            if not header:
                raise RuntimeError("the .NET fuzz driver stopped")
            status, length = header.decode("ascii").rstrip("\n").split("\t")
            answers.append(Answer(status == "ok", stdout.read(int(length))))
        writer.join()
        return answers

    def close(self) -> None:
        """End the process (closing its input ends its loop)."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)
        if self.process.stdout is not None:
            self.process.stdout.close()

    def __enter__(self) -> DotnetDriver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
