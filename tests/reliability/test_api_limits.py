"""The API refuses unauthenticated, oversized and too frequent writes before reading their body."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator, Optional

import pytest
from fastapi.testclient import TestClient

from sitrep.config import Settings
from sitrep.serve.app import create_app
from sitrep.serve.cli import is_loopback
from sitrep.serve.limits import RateLimit, Refusal

from .conftest import article_text, run_cli

KEY = "reliability-key"
MB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[int, int]]:
    """``sitrep serve`` in its own process on loopback: (port, pid)."""
    port = free_port()
    env = {**os.environ, "SITREP_API_KEY": KEY, "SITREP_MAX_BODY_BYTES": str(2 * MB)}
    proc = subprocess.Popen([sys.executable, "-m", "sitrep", "serve", "--db", str(tmp_path / "s.db"),
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None, "the server did not start"
            time.sleep(0.1)
    yield port, proc.pid
    proc.kill()
    proc.wait(timeout=30)


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def body_chunks(total: int, size: int = MB) -> Iterator[bytes]:
    """``total`` bytes of a JSON record, one chunk at a time (never all in memory)."""
    yield b'{"text": "'
    sent = 10
    while sent < total - 2:
        chunk = b"a" * min(size, total - 2 - sent)
        sent += len(chunk)
        yield chunk
    yield b'"}'


def stream_post(port: int, total: int, key: Optional[str], chunked: bool) -> tuple[int, int]:
    """POST ``total`` bytes to /articles as they are generated; (HTTP status, bytes the server took)."""
    headers = [f"POST /articles HTTP/1.1", f"Host: 127.0.0.1:{port}", "Content-Type: application/json"]
    headers.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}")
    if key:
        headers.append(f"X-API-Key: {key}")
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(("\r\n".join(headers) + "\r\n\r\n").encode())
    sent = 0
    try:
        for chunk in body_chunks(total):
            if select.select([sock], [], [], 0)[0]:
                break  # the server answered: stop sending
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
            sent += len(chunk)
        else:
            if chunked:
                sock.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    answer = sock.recv(65536).decode("latin-1")
    sock.close()
    return int(answer.split(" ", 2)[1]), sent


@pytest.mark.parametrize(("key", "chunked", "status"), [
    (None, False, 401), (None, True, 401), ("wrong", True, 401), (KEY, False, 413), (KEY, True, 413),
])
def test_300_mb_post_is_refused_before_its_body_is_read(server, key, chunked, status):
    port, pid = server
    before = rss(pid)
    code, sent = stream_post(port, 300 * MB, key, chunked)
    grown = rss(pid) - before
    assert code == status
    assert sent < 60 * MB, f"the client could push {sent:,} bytes"
    assert grown < 20 * MB, f"the server grew by {grown:,} bytes"


def test_writes_are_rate_limited_per_client(tmp_path, monkeypatch, pipeline):
    monkeypatch.setenv("SITREP_API_KEY", KEY)
    monkeypatch.setenv("SITREP_WRITES_PER_MINUTE", "3")
    app = create_app(Settings(db=str(tmp_path / "r.db")))
    app.state.pipeline = pipeline
    with TestClient(app) as client:
        codes = [client.post("/articles", json={"text": article_text(n)}, headers={"X-API-Key": KEY}).status_code
                 for n in range(4)]
        refused = client.post("/articles", json={"text": article_text(9)}, headers={"X-API-Key": KEY})
        assert codes == [201, 201, 201, 429] and refused.status_code == 429
        assert refused.json()["error"]["code"] == "E607" and int(refused.headers["retry-after"]) >= 1
        assert client.get("/articles").status_code == 200, "reads are not limited"


def test_rate_limit_refills_with_time():
    limit = RateLimit(per_minute=2)
    limit.take("a", now=0.0)
    limit.take("a", now=0.0)
    with pytest.raises(Refusal):
        limit.take("a", now=1.0)
    limit.take("b", now=1.0)
    limit.take("a", now=31.0)


def test_serve_refuses_a_public_interface_without_a_key():
    result = run_cli("serve", "--host", "0.0.0.0", "--port", str(free_port()), env={"SITREP_API_KEY": ""})
    assert result.returncode == 1 and b"E301" in result.stderr
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
