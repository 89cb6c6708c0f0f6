"""The reference service: Mono's ASP.NET Web API self-hosted on 127.0.0.1 (webapi/Host.cs).

``build`` writes an echo controller and a route for every operation of the given specs, compiles
them with the models, and ``Service.start`` runs the host on a free port for a bounded time. The
fixture in conftest.py starts it once a session and stops it at the end.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from converter.spec import Spec

HERE = Path(__file__).resolve().parent
WEBAPI = HERE / "webapi"
LIB = "/usr/lib/mono/4.5"
#: The three Debian packages of Mono's Web API build (.ci/run installs them).
ASSEMBLIES = ("System.Net.Http.dll", "System.Web.Http.dll", "System.Web.Http.SelfHost.dll",
              "System.Net.Http.Formatting.dll")
#: Routes of the planted faults (webapi/Models.cs), for the probe tests.
FAULTS = {"faults/drops-member": "DropsMember", "faults/fails-on-edge": "FailsOnEdge"}


def installed() -> bool:
    return all((Path(LIB) / name).exists() for name in ASSEMBLIES)


def echo_path(spec: Spec, type_name: str) -> str:
    """The route of the echo controller of one class: ``echo/<spec file stem>/<type>``."""
    return f"echo/{Path(spec.source).stem}/{type_name}"


def controllers(specs: Sequence[Spec]) -> str:
    """C# for the echo controllers (``Op<n>Controller``) and the route table: one per POST operation,
    and one per class of each spec at ``echo_path``, so a spec without operations is served too."""
    classes: list[str] = []
    routes = [f'            config.Routes.MapHttpRoute("fault{i}", "{path}", new {{ controller = "{name}" }});'
              for i, (path, name) in enumerate(FAULTS.items())]
    from converter.generate.csharp import csharp_type
    from converter.spec.model import Named, TypeRef

    for spec in specs:
        # Any body type an operation declares (a class, List<T>, int...), spelled as the generated models are.
        targets: list[tuple[str, TypeRef]] = [(op.path, spec.resolve(op.request)) for op in spec.operations
                                              if op.request and op.method == "POST"]
        # A closed generic (ApiResponse<Order>) has no route of its own: it is served where it is used.
        targets += [(echo_path(spec, key), Named(key)) for key, cls in spec.types.items()
                    if cls in set(spec.classes()) and cls.generic is None]
        for path, ref in targets:
            n = len(classes)
            clr = csharp_type(spec, ref)
            classes.append(f"    public class Op{n}Controller : ApiController\n    {{\n"
                           f"        public {clr} Post({clr} value) {{ return value; }}\n    }}\n")
            routes.append(f'            config.Routes.MapHttpRoute("op{n}", "{path}", new {{ controller = "Op{n}" }});')
    return ("// Written by tests/interop/webapi.py: an echo controller per operation and per class.\n"
            "using System.Web.Http;\nusing System.Web.Http.SelfHost;\n\nnamespace ContractKit.Reference\n{\n"
            + "\n".join(classes)
            + "    public static class Routes\n    {\n        public static void Map(HttpSelfHostConfiguration config)\n"
              "        {\n" + "\n".join(routes) + "\n        }\n    }\n}\n")


def models(specs: Sequence[Spec], out: Path) -> list[Path]:
    """The bundled specs' C# models, as ``generate --csharp`` writes them (webapi.yaml's ``Probe`` is
    hand-written in webapi/Models.cs, beside the planted faults that use it)."""
    from converter.generate.csharp import csharp_sources

    written = []
    for i, spec in enumerate(specs):
        for name, text in csharp_sources(spec).items():
            path = out / str(i) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def build(specs: Sequence[Spec], out: Path, models: Sequence[Path]) -> Path:
    """Compile Host.exe into ``out`` with the models and the generated controllers."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "Controllers.cs").write_text(controllers(specs), encoding="utf-8")
    exe = out / "Host.exe"
    refs = [f"-r:{LIB}/{name}" for name in ASSEMBLIES] + ["-r:System.Runtime.Serialization.dll"]
    subprocess.run(["mcs", "-nologo", "-warnaserror+", "-sdk:4.5", "-target:exe", f"-out:{exe}", *refs,
                    str(WEBAPI / "Host.cs"), str(WEBAPI / "Models.cs"), *map(str, models), str(out / "Controllers.cs")],
                   check=True, capture_output=True)
    return exe


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes


class Service:
    """A running host. Mono's self-host answers each request after a fixed wait of up to a second
    (its WCF channel's receive loop, not the work), so ``post_many`` keeps 16 connections busy."""

    WORKERS = 16

    def __init__(self, exe: Path, lifetime: int = 900) -> None:
        self.requests = 0
        self._exe, self._lifetime = exe, lifetime
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[http.client.HTTPConnection] = []
        # The same 16 kept-alive connections for the whole session: Mono's self-host stops answering
        # after a hundred or so connections have been opened and closed.
        self._pool = ThreadPoolExecutor(self.WORKERS)
        self._start()

    def _start(self) -> None:
        self._served: set[tuple[str, str, str]] = set()  # what post_many has sent this host
        for attempt in range(8):  # Mono's HttpSelfHostServer.OpenAsync now and then fails (Host.cs Open)
            self.port = free_port()
            self.proc = subprocess.Popen(["mono", str(self._exe), str(self.port), str(self._lifetime)],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         env={**os.environ, "TZ": "UTC"})
            assert self.proc.stdout is not None and self.proc.stderr is not None
            line = self.proc.stdout.readline().decode()
            if line.startswith("listening "):
                self.base_url = line.split()[1]
                return
            self.proc.kill()
            error = self.proc.communicate()[1].decode("utf-8", "replace")
        raise RuntimeError(f"the reference service did not start: {error[-2000:]}")

    def restart(self) -> None:
        """A new host on a new port. ``contractkit probe`` opens connections of its own (one per
        worker, each run), enough over a module of probes for Mono's self-host to stop answering."""
        self.proc.kill()  # it may not answer any more, its signal to close included
        self._stop_host()
        self._start()

    def post(self, path: str, body: bytes, content_type: str, accept: str) -> Reply:
        for attempt in (1, 2):  # a kept-alive connection the server closed is opened again once
            conn = getattr(self._local, "conn", None)
            if conn is None or conn.port != self.port:  # none yet, or one to a host since restarted
                conn = self._local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                with self._lock:
                    self._open.append(conn)
            try:
                conn.request("POST", "/" + path.lstrip("/"), body=body,
                             headers={"Content-Type": content_type, "Accept": accept})
                resp = conn.getresponse()
                data = resp.read()
                self.requests += 1
                return Reply(resp.status, resp.getheader("Content-Type", ""), data)
            except (http.client.HTTPException, ConnectionError):
                conn.close()
                self._local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def post_many(self, requests: Sequence[tuple[str, bytes, str, str]]) -> list[Reply]:
        """``post`` for each ``(path, body, content type, accept)``, in parallel, answers in order.

        The first request of each path and pair of encodings this host has not served yet goes
        alone, before the rest: once, on a host just started, 16 first requests at once drew a
        NullReferenceException from Mono's binder (``value.thing: Object reference not set``)."""
        first: dict[tuple[str, str, str], int] = {}
        for i, (path, _, content_type, accept) in enumerate(requests):
            key = (path, content_type, accept)
            if key not in self._served and key not in first:
                first[key] = i
        # One at a time, but on the pool's own connections: a 17th, kept alive beside them, starves one.
        answers = {i: self._pool.submit(self.post, *requests[i]).result() for i in first.values()}
        self._served.update(first)
        rest = [i for i in range(len(requests)) if i not in answers]
        answers.update(zip(rest, self._pool.map(lambda i: self.post(*requests[i]), rest)))
        return [answers[i] for i in range(len(requests))]

    def close_connections(self) -> None:
        with self._lock:
            for conn in self._open:
                conn.close()
            self._open.clear()

    def stop(self) -> None:
        self._pool.shutdown()
        self._stop_host()

    def _stop_host(self) -> None:
        self.close_connections()
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()  # the host's signal to close the server and exit
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()


def wait_closed(port: int, timeout: float = 10.0) -> bool:
    """Whether nothing listens on ``port`` any more (the fixture's own check that it stopped)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)):
                return True
        time.sleep(0.1)
    return False
