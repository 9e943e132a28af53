"""When an event happened: a date expression in its sentence, resolved against publication."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Iterable, Optional

from ..clean.dates import parse_date

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def resolve_time(expressions: Iterable[str], published: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(ISO date, precision) for the first resolvable expression; else the publication day."""
    anchor = _anchor(published)
    for text in expressions:
        resolved = _resolve_one(text.strip(), anchor)
        if resolved[0]:
            return resolved
    if anchor:
        return anchor.isoformat(), "publication"
    return None, None


def _anchor(published: Optional[str]) -> Optional[date]:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _resolve_one(text: str, anchor: Optional[date]) -> tuple[Optional[str], Optional[str]]:
    absolute = parse_date(text)
    if absolute:
        return absolute[:10], "day"
    low = text.lower()
    if anchor is not None:
        relative = _relative(low, anchor)
        if relative:
            return relative
    year = _YEAR.search(low)
    month = next((i for i, m in enumerate(MONTHS, 1) if re.search(rf"\b{m}\b", low)), None)
    if year and month:
        return f"{year.group(1)}-{month:02d}", "month"
    if year:
        return year.group(1), "year"
    return None, None


def _relative(low: str, anchor: date) -> Optional[tuple[str, str]]:
    if "yesterday" in low:
        return (anchor - timedelta(days=1)).isoformat(), "day"
    if re.search(r"\btoday\b|\bthis (morning|afternoon|evening)\b|\btonight\b", low):
        return anchor.isoformat(), "day"
    for index, name in enumerate(WEEKDAYS):
        if re.search(rf"\b{name}\b", low):
            back = (anchor.weekday() - index) % 7
            return (anchor - timedelta(days=back)).isoformat(), "day"
    if "last week" in low:
        return (anchor - timedelta(days=7)).isoformat(), "week"
    for index, name in enumerate(MONTHS, 1):
        if re.search(rf"\b(in|since|during|early|late|mid-?)\s*{name}\b", low) and not _YEAR.search(low):
            year = anchor.year if index <= anchor.month else anchor.year - 1
            return f"{year}-{index:02d}", "month"
    return None
