"""The REST API's error answers: every error is a :class:`~sitrep.errors.SitrepError` answered
with its catalogue status in the one shape ``{"error": {"code", "message", "parameter"?}}``."""

from __future__ import annotations

import logging
from typing import Any, Iterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ApiError, SitrepError, UsageError

log = logging.getLogger(__name__)


def _respond(error: SitrepError, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error.to_body(), status_code=error.status, headers=headers)


async def _sitrep_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SitrepError)
    return _respond(exc)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    if first.get("type") == "json_invalid":
        where = first.get("loc", ())[-1]
        reason = first.get("ctx", {}).get("error", "malformed")
        return _respond(UsageError("E300", input="body", detail=f"the body is not valid JSON: {reason} at character {where}"))
    if first.get("loc") == ("body",) and first.get("type") in ("missing", "model_attributes_type", "dict_type"):
        return _respond(UsageError("E300", input="body", detail="send one JSON object (Content-Type: application/json)"))
    location = [str(part) for part in first.get("loc", ())]
    parameter = location[1] if len(location) > 1 else (location[0] if location else None)
    message = str(first.get("msg", "invalid value"))
    detail = message[:1].lower() + message[1:]
    return _respond(UsageError("E300", input=parameter or "the request", detail=detail))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 405:
        return _respond(ApiError("E604", input=request.method), headers={"Allow": _allowed(request)})
    if exc.status_code == 404:
        return _respond(ApiError("E601", input=request.url.path))
    body = {"error": {"code": f"H{exc.status_code}", "message": str(exc.detail)}}
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


def _allowed(request: Request) -> str:
    """Every method some route takes at this path (GET and POST /articles are two routes), HEAD with GET."""
    methods: set[str] = set()
    for route in _routes(request.app.router.routes):
        regex = getattr(route, "path_regex", None)
        if regex is not None and regex.match(request.url.path):
            methods |= set(getattr(route, "methods", None) or ())
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


def _routes(routes: list[Any]) -> Iterator[Any]:
    """Routes, those of included routers too (FastAPI keeps an included router as one entry)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        yield from _routes(included.routes) if included is not None else (route,)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error in the REST API", exc_info=exc)
    return _respond(ApiError("E699"))


def install_error_handlers(app: FastAPI) -> None:
    """Every error the app can answer, in the one shape."""
    app.add_exception_handler(SitrepError, _sitrep_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
