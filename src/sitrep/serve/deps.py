"""What a request handler needs from the running app: a database connection, the settings."""

from __future__ import annotations

from typing import Iterator

from fastapi import Request
from sqlalchemy import Connection

from ..config import Settings
from ..store.database import Store


def store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def connection(request: Request) -> Iterator[Connection]:
    """One read connection per request, closed when the response is sent."""
    with store(request).engine.connect() as conn:
        yield conn
