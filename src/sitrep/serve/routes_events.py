"""/events, /events/{id}, /facets and /timeline: events under one set of filters."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, Literal, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import Connection

from . import formats, queries, records
from .api_errors import ApiError
from .deps import connection
from .filters import EventFilter, check_dates, decode_cursor, encode_cursor, parse_bbox
from .schemas import ErrorBody, EventDetail, EventPage, Facets, Timeline

PAGE_DEFAULT, PAGE_CAP, FACET_CAP = 50, 500, 100
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}

_LON = r"-?(?:180(?:\.0+)?|1[0-7][0-9](?:\.[0-9]+)?|[0-9]{1,2}(?:\.[0-9]+)?)"
_LAT = r"-?(?:90(?:\.0+)?|[0-8]?[0-9](?:\.[0-9]+)?)"
BBOX_PATTERN = f"^{_LON},{_LAT},{_LON},{_LAT}$"

DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"  # ISO days only: a bare number is no date here
DAY_FORMAT = {"format": "date"}

router = APIRouter(tags=["events"])


def parse_day(name: str, value: Optional[str]) -> Optional[date]:
    """A YYYY-MM-DD query value as a date; a 400 naming ``name`` when it is no calendar day."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError.bad_parameter(name, f"{name} is not a calendar day (YYYY-MM-DD)") from None


def event_filter(
    type: Optional[str] = Query(None, min_length=1, max_length=64, description="Event type, exact."),
    actor: Optional[str] = Query(None, min_length=1, max_length=200, description="Actor text (exact) or country code."),
    recipient: Optional[str] = Query(None, min_length=1, max_length=200, description="Recipient text or country."),
    country: Optional[str] = Query(None, min_length=2, max_length=3, description="Actor or recipient country, ISO alpha-3."),
    date_from: Optional[str] = Query(None, pattern=DAY_PATTERN, json_schema_extra=DAY_FORMAT,
                                     description="First day, inclusive (YYYY-MM-DD)."),
    date_to: Optional[str] = Query(None, pattern=DAY_PATTERN, json_schema_extra=DAY_FORMAT,
                                   description="Last day, inclusive (YYYY-MM-DD)."),
    bbox: Optional[str] = Query(None, pattern=BBOX_PATTERN, description="min_lon,min_lat,max_lon,max_lat (event points)."),
    q: Optional[str] = Query(None, min_length=1, max_length=500, description="Words in the article, all required."),
    source: Optional[str] = Query(None, min_length=1, max_length=200, description="The article's outlet, exact."),
    min_confidence: Optional[float] = Query(None, ge=0, le=1, allow_inf_nan=False),
    story: Optional[str] = Query(None, min_length=1, max_length=64, description="Story id: its events only."),
) -> EventFilter:
    """The filters of /events, /facets and /timeline, checked."""
    first, last = parse_day("date_from", date_from), parse_day("date_to", date_to)
    check_dates(first, last)
    return EventFilter(type=type, actor=actor, recipient=recipient, country=country, date_from=first,
                       date_to=last, bbox=parse_bbox(bbox), q=q, source=source, min_confidence=min_confidence,
                       story=story)


EVENT_FORMATS = {200: {"content": {media: {} for media in formats.MEDIA_TYPES.values() if media != "application/json"}}}


@router.get("/events", response_model=EventPage, responses={**ERRORS, **EVENT_FORMATS})
def list_events(request: Request, f: EventFilter = Depends(event_filter),
                limit: int = Query(PAGE_DEFAULT, ge=1, le=PAGE_CAP, description=f"Page size, at most {PAGE_CAP}."),
                cursor: Optional[str] = Query(None, max_length=1000, description="next_cursor of the previous page."),
                format: Literal["json", "jsonl", "csv", "geojson"] = "json",
                conn: Connection = Depends(connection)) -> Any:
    """Matching events, newest first, one page at a time (keyset pagination)."""
    rows = queries.events_page(conn, f, decode_cursor(cursor, 2), limit)
    items = records.event_items(conn, rows[:limit])
    last = rows[limit - 1] if len(rows) > limit else None
    next_cursor = encode_cursor(last.event_date, last.id) if last is not None else None
    if format == "json":
        return {"items": items, "next_cursor": next_cursor, "limit": limit}
    return _formatted(request, format, items, next_cursor)


def _formatted(request: Request, fmt: str, items: list[dict[str, Any]], next_cursor: Optional[str]) -> Response:
    body = {"jsonl": formats.to_jsonl, "csv": formats.to_csv}[fmt](items) if fmt != "geojson" \
        else formats.to_geojson(items, next_cursor)
    headers = {}
    if next_cursor is not None:
        params = {**dict(request.query_params), "cursor": next_cursor}
        headers = {"Link": f'<{request.url.path}?{urlencode(params)}>; rel="next"', "X-Next-Cursor": next_cursor}
    return Response(body, media_type=formats.MEDIA_TYPES[fmt], headers=headers)


@router.get("/events/{event_id}", response_model=EventDetail, responses=ERRORS)
def get_event(event_id: str, conn: Connection = Depends(connection)) -> Any:
    """One event with its record, its evidence text and every mention of the entities it involves."""
    row = queries.event_by_id(conn, event_id)
    if row is None:
        raise ApiError.not_found(f"no event with id {event_id}")
    (item,) = records.event_items(conn, [row])
    record = json.loads(row.record)
    roles = records.event_roles(record)
    mentions = [records.mention_json(m, roles) for m in queries.mentions_of(conn, row.article_id, roles)]
    article = queries.article_by_id(conn, row.article_id)
    text = json.loads(article.record).get("text", "") if article is not None else ""
    valid = row.start is not None and row.end is not None and 0 <= row.start <= row.end <= len(text)
    return {"event": item, "record": record, "evidence_text": text[row.start:row.end] if valid else None,
            "mentions": mentions}


@router.get("/facets", response_model=Facets, responses=ERRORS)
def facets(f: EventFilter = Depends(event_filter),
           size: int = Query(20, ge=1, le=FACET_CAP, description="Values per facet, commonest first."),
           conn: Connection = Depends(connection)) -> Any:
    """Counts of matching events by type, country, actor and source."""
    def counts(pairs: list[tuple[Any, int]]) -> list[dict[str, Any]]:
        return [{"value": str(value), "count": n} for value, n in pairs]

    return {"total": queries.count_events(conn, f),
            "type": counts(queries.facet_counts(conn, f, queries.E.c.type, size)),
            "country": counts(queries.country_counts(conn, f, size)),
            "actor": counts(queries.facet_counts(conn, f, queries.E.c.actor_text, size)),
            "source": counts(queries.facet_counts(conn, f, queries.A.c.outlet, size))}


@router.get("/timeline", response_model=Timeline, responses=ERRORS)
def timeline(f: EventFilter = Depends(event_filter), conn: Connection = Depends(connection)) -> Any:
    """Matching events per day."""
    days, undated = queries.day_counts(conn, f)
    return {"days": [{"date": d, "count": n} for d, n in days], "undated": undated}
