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
# a day in a URL's path: /2023/07/26/, 2024-07-29, a whole segment 20221008 or 29-07-2024
_URL_YMD = re.compile(r"(?<![\d])((?:19|20)\d{2})([/-])(\d{2})\2(\d{2})(?![\d])")
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=/|$)")
_URL_DMY = re.compile(r"/(\d{2})-(\d{2})-((?:19|20)\d{2})(?=/|$)")


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


def date_in_url(url: Optional[str]) -> Optional[str]:
    """The day a news URL's path carries (``/2023/07/26/``, ``/20221008/``, ``/29-07-2024/``), if any."""
    if not url or "://" not in url:
        return None
    path = "/" + url.split("://", 1)[1].partition("/")[2].split("?", 1)[0]
    for pattern, order in ((_URL_YMD, (1, 3, 4)), (_URL_COMPACT, (1, 2, 3)), (_URL_DMY, (3, 2, 1))):
        for match in pattern.finditer(path):
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return datetime(year, month, day).date().isoformat()
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
