"""What a request handler needs from the running app: the store, the settings."""

from __future__ import annotations

from fastapi import Request

from ..config import Settings
from ..store.database import Store


def store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]
