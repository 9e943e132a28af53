"""/events, /events/{id}, /facets and /timeline: events under one set of filters.

Each handler parses its query into the one :class:`~sitrep.query.filters.EventFilter` (the
CLI builds the same one) and makes one call into :mod:`sitrep.service`.
"""

from __future__ import annotations

from typing import Any, Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from .. import service
from ..query.filters import CERTAINTIES, EventFilter, cursor_pattern, parse_filter
from ..query.formats import MEDIA_TYPES
from ..store.database import Store
from ..vocabulary import EVENT_TYPES
from .deps import reject_unknown_parameters, store
from .schemas import ErrorBody, EventDetail, EventPage, Facets, Timeline

PAGE_DEFAULT, PAGE_CAP, FACET_CAP = 50, 500, 100
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}
CURSOR = Query(None, max_length=1000, pattern=cursor_pattern(2), description="next_cursor of the previous page.")

_LON = r"-?(?:180(?:\.0+)?|1[0-7][0-9](?:\.[0-9]+)?|[0-9]{1,2}(?:\.[0-9]+)?)"
_LAT = r"-?(?:90(?:\.0+)?|[0-8]?[0-9](?:\.[0-9]+)?)"
BBOX_PATTERN = f"^{_LON},{_LAT},{_LON},{_LAT}$"

_YEAR = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_LEAP = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_MONTH_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
DAY_PATTERN = f"^(?:{_YEAR}-{_MONTH_DAY}|{_LEAP}-02-29)$"  # calendar days only, as the server reads them
DAY_FORMAT = {"format": "date"}
TYPE_VALUES = {"enum": [*EVENT_TYPES, *(t.lower() for t in EVENT_TYPES)]}

router = APIRouter(tags=["events"], dependencies=[Depends(reject_unknown_parameters)])


def event_filter(
    type: Optional[str] = Query(None, max_length=64, json_schema_extra=TYPE_VALUES,
                                description="PLOVER event type, in any case."),
    actor: Optional[str] = Query(None, min_length=1, max_length=200, pattern=r"\S",
                                 description="Actor country (ISO alpha-3) or words of the actor's text."),
    recipient: Optional[str] = Query(None, min_length=1, max_length=200, pattern=r"\S",
                                     description="Recipient country or words of the recipient's text."),
    country: Optional[str] = Query(None, min_length=2, max_length=3, pattern=r"^[A-Za-z]{2,3}$",
                                   description="Country (ISO alpha-3) of the actor, the recipient, or a place "
                                               "of the event: origin, destination or location."),
    date_from: Optional[str] = Query(None, pattern=DAY_PATTERN, json_schema_extra=DAY_FORMAT,
                                     description="First day, inclusive (YYYY-MM-DD). An event dated to a year or "
                                                 "a month matches when all of it lies between the two days."),
    date_to: Optional[str] = Query(None, pattern=DAY_PATTERN, json_schema_extra=DAY_FORMAT,
                                   description="Last day, inclusive (YYYY-MM-DD); two days in either order "
                                               "mean the days between them."),
    dated: Optional[bool] = Query(None, description="true: dated events only; false: undated events only."),
    bbox: Optional[str] = Query(None, pattern=BBOX_PATTERN,
                                description="min_lon,min_lat,max_lon,max_lat of the event points, in degrees. "
                                            "min_lon > max_lon is a box across the antimeridian; the two "
                                            "latitudes may come in either order."),
    q: Optional[str] = Query(None, min_length=1, max_length=500, pattern=r"\S",
                             description="Words in the article, all required."),
    source: Optional[str] = Query(None, min_length=1, max_length=200, pattern=r"\S",
                                  description="Part of the article's outlet name."),
    min_confidence: Optional[float] = Query(None, ge=0, le=1, allow_inf_nan=False),
    story: Optional[str] = Query(None, min_length=1, max_length=64, pattern=r"\S", description="Story id: its events only."),
    language: Optional[str] = Query(None, pattern=r"^[A-Za-z]{2}$", description="The article's language, ISO 639-1."),
    certainty: Optional[str] = Query(None, json_schema_extra={"enum": list(CERTAINTIES)},
                                     description="The event's certainty."),
) -> EventFilter:
    """The filters of /events, /facets and /timeline, checked as the CLI checks them."""
    return parse_filter(type=type, actor=actor, recipient=recipient, country=country, date_from=date_from,
                        date_to=date_to, bbox=bbox, q=q, source=source, min_confidence=min_confidence, story=story,
                        language=language, certainty=certainty, dated=dated)


EVENT_FORMATS = {200: {"content": {media: {} for media in MEDIA_TYPES.values() if media != "application/json"}}}


@router.get("/events", response_model=EventPage, responses={**ERRORS, **EVENT_FORMATS})
def list_events(request: Request, f: EventFilter = Depends(event_filter),
                limit: int = Query(PAGE_DEFAULT, ge=1, le=PAGE_CAP, description=f"Page size, at most {PAGE_CAP}."),
                cursor: Optional[str] = CURSOR,
                format: Literal["json", "jsonl", "csv", "geojson"] = "json",
                db: Store = Depends(store)) -> Any:
    """Matching events, newest first, one page at a time (keyset pagination)."""
    page = service.events_page(db, f, cursor, limit)
    if format == "json":
        return page
    body = "".join(service.render_events(page["items"], format, page["next_cursor"]))
    headers = {}
    if page["next_cursor"] is not None:
        params = {**dict(request.query_params), "cursor": page["next_cursor"]}
        headers = {"Link": f'<{request.url.path}?{urlencode(params)}>; rel="next"', "X-Next-Cursor": page["next_cursor"]}
    return Response(body, media_type=MEDIA_TYPES[format], headers=headers)


@router.get("/events/{event_id}", response_model=EventDetail, responses=ERRORS)
def get_event(event_id: str, db: Store = Depends(store)) -> Any:
    """One event (a unique id prefix is enough) with its record, its evidence text, every mention
    of the entities it involves and the spans that say it."""
    return service.event_detail(db, event_id)


@router.get("/facets", response_model=Facets, responses=ERRORS)
def facets(f: EventFilter = Depends(event_filter),
           size: int = Query(20, ge=1, le=FACET_CAP, description="Values per facet, commonest first."),
           db: Store = Depends(store)) -> Any:
    """Counts of matching events by type, country, actor, source and language."""
    return service.facets(db, f, size)


@router.get("/timeline", response_model=Timeline, responses=ERRORS)
def timeline(f: EventFilter = Depends(event_filter), db: Store = Depends(store)) -> Any:
    """Matching events per date as stored (a day, a month "2024-12" or a year "2024"), and how many
    have no date."""
    return service.timeline(db, f)
