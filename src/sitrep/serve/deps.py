"""What a request handler needs from the running app: the store, the settings."""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from ..config import Settings
from ..errors import UsageError
from ..store.database import Store


def store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def reject_unknown_parameters(request: Request) -> None:
    """E300 (400) naming the first query parameter the route does not take: a misspelt filter
    (``typ=AID``) must not quietly return everything."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = query_names(route.dependant)
    unknown = [name for name in request.query_params if name not in known]
    if unknown:
        raise UsageError("E300", input=unknown[0],
                         detail=f"no such parameter here; this one takes {', '.join(sorted(known)) or 'none'}")


def query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route takes, its dependencies' included."""
    names = {field.alias for field in dependant.query_params}
    for sub in dependant.dependencies:
        names |= query_names(sub)
    return names
