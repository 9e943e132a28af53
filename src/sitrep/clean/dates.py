"""Publication dates as they appear on pages, to ISO 8601."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Optional

_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y",
    "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
    "%A, %d %B %Y", "%A, %B %d, %Y", "%a, %d %b %Y",
)
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$")
_TIME_TAIL = re.compile(r"(?:,?\s*(?:at\s*)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|utc|gmt|[+-]\d{2}:?\d{2})?)+$", re.I)
_ORDINAL = re.compile(r"(\d{1,2})(st|nd|rd|th)\b", re.I)
_TIME_HEAD = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*,?\s*")


def parse_date(value: Optional[str]) -> Optional[str]:
    """``value`` as an ISO date (or datetime when it carries one), None when it is no date."""
    if not value:
        return None
    text = value.strip()
    iso = _ISO.match(text)
    if iso:
        return _iso_value(iso)
    text = _ORDINAL.sub(r"\1", _TIME_TAIL.sub("", _TIME_HEAD.sub("", text))).strip(" ,")
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _iso_value(match: re.Match[str]) -> Optional[str]:
    day, clock, zone = match.groups()
    try:
        datetime.strptime(day, "%Y-%m-%d")
    except ValueError:
        return None
    if not clock:
        return day
    return f"{day}T{clock}{zone or ''}"
