"""The REST API and the web page as one ASGI app: :func:`create_app` builds it from settings."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, Optional

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__ as sitrep_version
from ..config import Settings
from ..store.database import Store
from . import routes_articles, routes_events, routes_stories
from .api_errors import install_error_handlers
from .limits import WriteGuard
from .web import CSP, mount_web

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

DESCRIPTION = ("Read the sitrep database: articles with entity and evidence spans, events with filters, "
               "facets and a timeline. Read-only, except POST /articles with an API key.")


class SecurityHeaders:
    """Adds a strict Content-Security-Policy (default-src 'self') and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """HEAD wherever GET is: the request is answered as a GET, with its headers and no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


def without_422(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The app's OpenAPI schema less FastAPI's 422 answers: every invalid request is a 400 here."""
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            for item in schema.get("paths", {}).values():
                for operation in item.values():
                    operation.get("responses", {}).pop("422", None)
            for name in ("HTTPValidationError", "ValidationError"):
                schema.get("components", {}).get("schemas", {}).pop(name, None)
            app.openapi_schema = schema
        return app.openapi_schema

    return openapi


def create_app(settings: Optional[Settings] = None) -> FastAPI:
    """The app over ``settings.db`` (opened and migrated now, closed at shutdown)."""
    settings = settings or Settings.from_env()
    store = Store(settings.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="sitrep", version=sitrep_version, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings, app.state.store, app.state.pipeline = settings, store, None
    install_error_handlers(app)
    app.include_router(routes_events.router)
    app.include_router(routes_articles.router)
    app.include_router(routes_stories.router)
    mount_web(app)
    app.add_middleware(WriteGuard)  # inside the security headers: refusals get them too
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HeadAsGet)
    app.openapi = without_422(app)  # type: ignore[method-assign]
    return app
