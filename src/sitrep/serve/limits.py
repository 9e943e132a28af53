"""The guard in front of every write: rate, API key and body size, before the body is read.

A write (``POST /articles``) is checked in this order, each refusal answered at once with the
API's one JSON error shape and the body left unread: too many writes from this client lately
(429, E607), no or a wrong ``X-API-Key`` (401, E602) or writes disabled (403, E603), a declared
``Content-Length`` over the cap (413, E606). The body is then read as it streams in and refused
(413) the moment it passes the cap, so no request ever holds more than the cap in memory.
"""

from __future__ import annotations

import hmac
import json
import os
import time
from dataclasses import dataclass, field
from typing import Optional

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ApiError

API_KEY_ENV = "SITREP_API_KEY"
MAX_BODY_ENV = "SITREP_MAX_BODY_BYTES"
WRITE_RATE_ENV = "SITREP_WRITES_PER_MINUTE"
DEFAULT_MAX_BODY = 8 * 1024 * 1024
DEFAULT_WRITES_PER_MINUTE = 120
WRITES = {("POST", "/articles")}


class Refusal(ApiError):
    """A write refused before its body is read; its status comes from the error catalogue."""

    def __init__(self, code: str, detail: str = "", headers: Optional[dict[str, str]] = None) -> None:
        super().__init__(code, detail=detail)
        self.headers = headers or {}


def check_api_key(given: Optional[str]) -> None:
    """Writes need the key the server was started with, compared in constant time."""
    expected = os.environ.get(API_KEY_ENV)
    if not expected:
        raise Refusal("E603")
    if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Refusal("E602")


@dataclass
class RateLimit:
    """A token bucket per client: ``per_minute`` writes a minute, as a burst or spread out."""

    per_minute: float
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # client -> (tokens, time)

    def take(self, client: str, now: Optional[float] = None) -> None:
        now = time.monotonic() if now is None else now
        tokens, then = self.buckets.get(client, (self.per_minute, now))
        tokens = min(self.per_minute, tokens + (now - then) * self.per_minute / 60.0)
        if tokens < 1.0:
            wait = max(1, round((1.0 - tokens) * 60.0 / self.per_minute))
            self.buckets[client] = (tokens, now)
            raise Refusal("E607", f"{self.per_minute:g} a minute", {"retry-after": str(wait)})
        self.buckets[client] = (tokens - 1.0, now)
        if len(self.buckets) > 10_000:  # forget clients idle for a minute or more
            self.buckets = {c: v for c, v in self.buckets.items() if now - v[1] < 60.0}


class WriteGuard:
    """ASGI middleware applying the checks above to writes; reads pass straight through."""

    def __init__(self, app: ASGIApp, max_body: Optional[int] = None, writes_per_minute: Optional[float] = None) -> None:
        self.app = app
        self.max_body = max_body or int(os.environ.get(MAX_BODY_ENV) or DEFAULT_MAX_BODY)
        self.rate = RateLimit(writes_per_minute or float(os.environ.get(WRITE_RATE_ENV) or DEFAULT_WRITES_PER_MINUTE))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"], scope["path"].rstrip("/")) not in WRITES:
            await self.app(scope, receive, send)
            return
        try:
            self._check_headers(scope)
            body = await self._read_body(receive)
        except Refusal as refusal:
            await _answer(send, refusal)
            return
        await self.app(scope, _replay(body, receive), send)

    def _check_headers(self, scope: Scope) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        client = scope.get("client") or ("unknown", 0)
        self.rate.take(str(client[0]))
        check_api_key(headers.get("x-api-key"))
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            raise Refusal("E606", f"{self.max_body:,} bytes")

    async def _read_body(self, receive: Receive) -> bytes:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise Refusal("E605", "the client went away")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise Refusal("E606", f"{self.max_body:,} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, as one message; then the client's own messages (its disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


async def _answer(send: Send, refusal: Refusal) -> None:
    payload = json.dumps(refusal.to_body()).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
               (b"connection", b"close"), *((k.encode(), v.encode()) for k, v in refusal.headers.items())]
    await send({"type": "http.response.start", "status": refusal.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
