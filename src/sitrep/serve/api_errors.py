"""The one JSON error shape of the REST API: ``{"error": {"code", "message", "parameter"?}}``.

Codes reuse the catalogue of :mod:`sitrep.errors` where it has one (E200 no such article,
E300 bad value); the codes below are the API's own.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NotFoundError, SitrepError

log = logging.getLogger(__name__)

API_CODES: dict[str, str] = {
    "E300": "invalid value for {parameter}: {detail}",
    "E601": "{detail}",  # no such event, entity or page
    "E602": "writes need an API key: send it as the X-API-Key header",
    "E603": "writes are disabled: set SITREP_API_KEY on the server to allow them",
    "E604": "method {detail} is not allowed here; the API is read-only except POST /articles",
    "E605": "the request body is not a JSON record: {detail}",
    "E606": "the request body is over the cap of {detail} (SITREP_MAX_BODY_BYTES on the server)",
    "E607": "too many writes from this client: at most {detail}; retry after the Retry-After seconds",
    "E699": "internal error; the server log has the details",
}


class ApiError(Exception):
    """An error answered to the client as JSON with an HTTP status."""

    def __init__(self, status: int, code: str, message: str, parameter: Optional[str] = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.parameter = status, code, message, parameter

    @classmethod
    def bad_parameter(cls, parameter: str, detail: str) -> "ApiError":
        message = API_CODES["E300"].format(parameter=parameter, detail=detail)
        return cls(400, "E300", message, parameter)

    @classmethod
    def not_found(cls, what: str) -> "ApiError":
        return cls(404, "E601", what)

    @classmethod
    def coded(cls, status: int, code: str, detail: str = "") -> "ApiError":
        return cls(status, code, API_CODES[code].format(detail=detail))


def error_body(code: str, message: str, parameter: Optional[str] = None) -> dict[str, Any]:
    inner: dict[str, Any] = {"code": code, "message": message}
    if parameter is not None:
        inner["parameter"] = parameter
    return {"error": inner}


def _respond(status: int, code: str, message: str, parameter: Optional[str] = None,
             headers: Optional[dict[str, str]] = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, parameter), status_code=status, headers=headers)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return _respond(exc.status, exc.code, exc.message, exc.parameter)


async def _sitrep_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SitrepError)
    status = 404 if isinstance(exc, NotFoundError) else 400
    return _respond(status, exc.code, exc.message)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    location = [str(part) for part in first.get("loc", ())]
    parameter = location[1] if len(location) > 1 else (location[0] if location else None)
    detail = str(first.get("msg", "invalid value")).lower()
    message = API_CODES["E300"].format(parameter=parameter or "the request", detail=detail)
    return _respond(400, "E300", message, parameter)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 405:
        err = ApiError.coded(405, "E604", _request.method)
        return _respond(405, err.code, err.message, headers=exc.headers)
    if exc.status_code == 404:
        return _respond(404, "E601", f"nothing at {_request.url.path}")
    return _respond(exc.status_code, f"H{exc.status_code}", str(exc.detail), headers=exc.headers)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error in the REST API", exc_info=exc)
    return _respond(500, "E699", API_CODES["E699"])


def install_error_handlers(app: FastAPI) -> None:
    """Every error the app can answer, in the one shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(SitrepError, _sitrep_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
