"""What a request asks for: event filters and keyset cursors, parsed and checked once.

Every check failure is an :class:`ApiError` that names the parameter, so a client knows
which value to fix. The SQL that applies a filter lives in :mod:`.queries`.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any, Optional

from .api_errors import ApiError

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class EventFilter:
    """The filters shared by /events, /facets and /timeline; ``None`` means "any"."""

    type: Optional[str] = None
    actor: Optional[str] = None  # actor text (exact) or actor country (ISO alpha-3)
    recipient: Optional[str] = None  # recipient text (exact) or recipient country
    country: Optional[str] = None  # actor or recipient country (ISO alpha-3)
    date_from: Optional[date] = None  # inclusive
    date_to: Optional[date] = None  # inclusive
    bbox: Optional[BBox] = None  # min_lon, min_lat, max_lon, max_lat (GeoJSON order)
    q: Optional[str] = None  # full text of the article (title and body)
    source: Optional[str] = None  # the article's outlet
    min_confidence: Optional[float] = None
    story: Optional[str] = None  # story id: events of its articles

    def without_dates(self) -> "EventFilter":
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(date_from=None, date_to=None)
        return EventFilter(**values)


def day_after(day: date) -> str:
    """The ISO day after ``day``: ``date_to`` is inclusive, so rows compare below it."""
    return (day + timedelta(days=1)).isoformat()


def parse_bbox(value: Optional[str]) -> Optional[BBox]:
    """``min_lon,min_lat,max_lon,max_lat``; min_lon > max_lon crosses the antimeridian."""
    if value is None:
        return None
    parts = value.split(",")
    try:
        numbers = tuple(float(p) for p in parts)
    except ValueError:
        raise ApiError.bad_parameter("bbox", "give four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise ApiError.bad_parameter("bbox", "give four finite numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ApiError.bad_parameter("bbox", "longitudes must lie in [-180, 180]")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise ApiError.bad_parameter("bbox", "latitudes must lie in [-90, 90] with min_lat <= max_lat")
    return (min_lon, min_lat, max_lon, max_lat)


def check_dates(date_from: Optional[date], date_to: Optional[date]) -> None:
    if date_from and date_to and date_from > date_to:
        raise ApiError.bad_parameter("date_to", "date_to is before date_from")


def encode_cursor(*values: Any) -> str:
    """An opaque token for the position after the last row of a page."""
    raw = json.dumps(list(values), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: Optional[str], size: int) -> Optional[list[Any]]:
    """The values inside a cursor made by :func:`encode_cursor`, or a 400 naming ``cursor``."""
    if token is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ApiError.bad_parameter("cursor", "not a cursor from a previous page; start without it") from None
    ok = isinstance(values, list) and len(values) == size and all(v is None or isinstance(v, str) for v in values)
    if not ok or values[-1] is None:
        raise ApiError.bad_parameter("cursor", "not a cursor from a previous page; start without it")
    return values
