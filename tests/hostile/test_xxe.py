"""XXE and every other way an XML payload could make contractkit read a file or open a
connection: a canary file that must never show up, and a listener on 127.0.0.1 that must never
be reached, through convert and validate both."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.harness import contractkit
from tests.hostile.test_corpus import NS, SPEC

SECRET = "canary-5f1e2d"
DTD = "a DTD (<!DOCTYPE>) is not allowed: DataContractSerializer's reader prohibits DTDs"


class Listener:
    """Counts every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.stop.set()
    found.thread.join()
    found.sock.close()


def payloads(canary: Path, url: str) -> list[tuple[str, str, str]]:
    """(id, document, what it must say): the DTD ones are refused, the rest read as plain XML."""
    body = f'<Node xmlns="{NS}"><Name>&x;</Name></Node>'
    return [
        ("file-entity", f'<!DOCTYPE Node [<!ENTITY x SYSTEM "file://{canary}">]>{body}', DTD),
        ("http-entity", f'<!DOCTYPE Node [<!ENTITY x SYSTEM "{url}/e">]>{body}', DTD),
        ("parameter-entity", f'<!DOCTYPE Node [<!ENTITY % p SYSTEM "{url}/p"> %p;]>{body}', DTD),
        ("external-dtd", f'<!DOCTYPE Node SYSTEM "{url}/d.dtd">{body}', DTD),
        ("public-dtd", f'<!DOCTYPE Node PUBLIC "-//X//DTD X//EN" "file://{canary}">{body}', DTD),
        ("xinclude", f'<Node xmlns="{NS}" xmlns:xi="http://www.w3.org/2001/XInclude"><Name>'
                     f'<xi:include href="file://{canary}" parse="text"/></Name></Node>', ""),
        ("stylesheet", f'<?xml-stylesheet type="text/xsl" href="{url}/s.xsl"?><Node xmlns="{NS}"/>', ""),
        ("schema-location", f'<Node xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                            f'xsi:schemaLocation="{NS} {url}/s.xsd" xsi:noNamespaceSchemaLocation="file://{canary}"/>',
         ""),
    ]


@pytest.mark.parametrize("command", ["convert", "validate"])
def test_no_file_is_read_and_no_connection_made(tmp_path: Path, listener: Listener, command: str) -> None:
    canary = tmp_path / "canary.txt"
    canary.write_text(SECRET)
    for name, document, said in payloads(canary, f"http://127.0.0.1:{listener.port}"):
        path = tmp_path / f"{name}.xml"
        path.write_text(document)
        args = ["convert", SPEC, str(path), "--to", "json"] if command == "convert" else ["validate", SPEC, str(path)]
        done = contractkit(*args, cache=tmp_path)
        output = done.stdout + done.stderr
        assert SECRET not in output, name
        assert "internal error" not in output and "Traceback" not in output, (name, output)
        if said:
            assert done.returncode == 1 and said in output and len(done.stderr.splitlines()) <= 2, (name, output)
        else:
            assert done.returncode in (0, 1), (name, output)
    assert listener.hits == 0
