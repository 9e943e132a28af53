"""What a reader asks for: event filters and keyset cursors, parsed and checked once.

The CLI and the REST API both build an :class:`EventFilter` with :func:`parse_filter`, so a
value means the same everywhere and a bad one is the same coded error (E300 naming it).
"""

from __future__ import annotations

import base64
import math
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Optional

from ..errors import UsageError
from ..vocabulary import EVENT_TYPES

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class EventFilter:
    """Every filter is optional ("any"); all given ones must hold.

    ``type`` is a PLOVER type (any case); ``actor``/``recipient`` match the ISO alpha-3 country
    or words of the participant's text (case-insensitive); ``country`` is the country of the
    actor, the recipient or a place of the event (origin, destination, location); dates are
    inclusive days and an event dated to a year or a month matches when its whole period lies
    inside them; ``dated`` keeps dated (True) or undated (False) events; ``bbox`` is
    min_lon,min_lat,max_lon,max_lat (min_lon > max_lon crosses the antimeridian); ``q`` is words
    of the article, all required; ``source`` is part of the outlet's name; ``story`` a story id;
    ``language`` the article's language (ISO 639-1); ``certainty`` the event's certainty.
    """

    type: Optional[str] = None
    actor: Optional[str] = None
    recipient: Optional[str] = None
    country: Optional[str] = None
    date_from: Optional[date] = None
    date_to: Optional[date] = None
    bbox: Optional[BBox] = None
    q: Optional[str] = None
    source: Optional[str] = None
    min_confidence: Optional[float] = None
    story: Optional[str] = None  # story id: events of its articles
    language: Optional[str] = None  # the article's language, ISO 639-1
    certainty: Optional[str] = None  # asserted | reported | hedged | negated | speculative | historical
    dated: Optional[bool] = None  # True: dated events only; False: undated only

    def without_dates(self) -> "EventFilter":
        return replace(self, date_from=None, date_to=None, dated=None)


FILTER_NAMES = ("type", "actor", "recipient", "country", "date_from", "date_to", "bbox", "q", "source",
                "min_confidence", "story", "language", "certainty", "dated")
CERTAINTIES = ("asserted", "reported", "hedged", "negated", "speculative", "historical")


def parse_filter(type: Optional[str] = None, actor: Optional[str] = None, recipient: Optional[str] = None,
                 country: Optional[str] = None, date_from: Optional[str] = None, date_to: Optional[str] = None,
                 bbox: Optional[str] = None, q: Optional[str] = None, source: Optional[str] = None,
                 min_confidence: Any = None, story: Optional[str] = None,
                 language: Optional[str] = None, certainty: Optional[str] = None,
                 dated: Optional[bool] = None) -> EventFilter:
    """An :class:`EventFilter` from the values a user typed; E300 naming the first bad one.
    Two days in either order mean the days between them."""
    first, last = parse_day("date_from", date_from), parse_day("date_to", date_to)
    if first and last and first > last:
        first, last = last, first
    return EventFilter(type=parse_type(type), actor=_text("actor", actor), recipient=_text("recipient", recipient),
                       country=parse_country(country), date_from=first, date_to=last, bbox=parse_bbox(bbox),
                       q=_text("q", q), source=_text("source", source),
                       min_confidence=parse_confidence(min_confidence), story=_text("story", story),
                       language=parse_language(language), certainty=parse_certainty(certainty), dated=dated)


def parse_certainty(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if value.lower() not in CERTAINTIES:
        raise UsageError("E300", input="certainty", detail=f"{value!r} is not one of {', '.join(CERTAINTIES)}")
    return value.lower()


def parse_type(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if value.upper() not in EVENT_TYPES:
        raise UsageError("E300", input="type", detail=f"{value!r} is not a PLOVER event type; "
                                                      f"choose from {', '.join(EVENT_TYPES)}")
    return value.upper()


def parse_language(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if not (len(value) == 2 and value.isalpha() and value.isascii()):
        raise UsageError("E300", input="language", detail=f"{value!r} is not an ISO 639-1 code (two letters)")
    return value.lower()


def parse_country(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    if not (2 <= len(value) <= 3 and value.isalpha()):
        raise UsageError("E300", input="country", detail=f"{value!r} is not an ISO 3166-1 alpha-3 code")
    return value.upper()


def _text(name: str, value: Optional[str]) -> Optional[str]:
    if value is not None and not value.strip():
        raise UsageError("E300", input=name, detail=f"{name} is empty")
    return value


def parse_day(name: str, value: Optional[str]) -> Optional[date]:
    """A YYYY-MM-DD value as a date; E300 naming ``name`` when it is no calendar day."""
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("E300", input=name, detail=f"{name} is not a calendar day (YYYY-MM-DD)") from None


def parse_confidence(value: Any) -> Optional[float]:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not 0.0 <= number <= 1.0:
        raise UsageError("E300", input="min_confidence", detail="give a number from 0 to 1")
    return number


def parse_bbox(value: Optional[str]) -> Optional[BBox]:
    """``min_lon,min_lat,max_lon,max_lat``; min_lon > max_lon crosses the antimeridian, while two
    latitudes in either order mean the band between them."""
    if value is None:
        return None
    try:
        numbers = tuple(float(p) for p in value.split(","))
    except ValueError:
        raise UsageError("E300", input="bbox", detail="give four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise UsageError("E300", input="bbox", detail="give four finite numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = numbers
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise UsageError("E300", input="bbox", detail="longitudes must lie in [-180, 180]")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise UsageError("E300", input="bbox", detail="latitudes must lie in [-90, 90]")
    return (min_lon, min(min_lat, max_lat), max_lon, max(min_lat, max_lat))


def day_after(day: date) -> str:
    """The ISO day after ``day``: ``date_to`` is inclusive, so rows compare below it."""
    return (day + timedelta(days=1)).isoformat()


def encode_cursor(*values: Optional[str]) -> str:
    """A token for the position after the last row of a page: the values, each as base64url of
    its UTF-8 text (``~`` for none), joined by dots. Any token of that shape is a position."""
    return ".".join("~" if v is None else base64.urlsafe_b64encode(v.encode()).decode().rstrip("=") for v in values)


_BASE64 = r"(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?"


def cursor_pattern(size: int) -> str:
    """The regular expression of a cursor of ``size`` values (published in the API schema)."""
    return "^" + "".join([f"(?:~|{_BASE64})\\."] * (size - 1)) + _BASE64 + "$"


def decode_cursor(token: Optional[str], size: int) -> Optional[list[Optional[str]]]:
    """The values inside a cursor made by :func:`encode_cursor`, or E300 naming ``cursor``."""
    if token is None:
        return None
    parts = token.split(".")
    if len(parts) != size or not re.fullmatch(cursor_pattern(size), token):
        raise UsageError("E300", input="cursor", detail="not a cursor from a previous page; start without it")
    return [None if p == "~" else _unbase64(p) for p in parts]


def _unbase64(part: str) -> str:
    raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    return raw.decode("utf-8", errors="replace").replace("\x00", "\ufffd")  # PostgreSQL text holds no NUL
