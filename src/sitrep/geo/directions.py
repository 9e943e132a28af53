"""Directional parts of a place: "eastern Libya", "northern Syria", "south Lebanon".

A direction turns a country into one of its regions: the point moves from the country's
point half-way towards the matching edge of its populated extent, and the precision becomes
``region``. Regions of a first-level division keep the division's point.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from sitrep.knowledge.gazetteer import Place

SHIFT = 0.5  # share of the way from the country point to the edge
_WORDS = {
    "north": (1, 0), "northern": (1, 0), "south": (-1, 0), "southern": (-1, 0),
    "east": (0, 1), "eastern": (0, 1), "west": (0, -1), "western": (0, -1),
    "northeast": (1, 1), "northeastern": (1, 1), "northwest": (1, -1), "northwestern": (1, -1),
    "southeast": (-1, 1), "southeastern": (-1, 1), "southwest": (-1, -1), "southwestern": (-1, -1),
    "central": (0, 0),
}
_PATTERN = "|".join(sorted((w.replace("north", "north-?").replace("south", "south-?")
                            for w in _WORDS), key=len, reverse=True))
_LEADING = re.compile(rf"^(?:the\s+)?({_PATTERN})\s+(?=\S)", re.IGNORECASE)
_TRAILING = re.compile(rf"\b({_PATTERN})\s+$")


def _canonical(word: str) -> str:
    return word.lower().replace("-", "")


def split_direction(surface: str) -> tuple[Optional[str], str]:
    """("eastern", "Libya") for "eastern Libya"; (None, text) when there is no direction."""
    match = _LEADING.match(surface)
    if not match:
        return None, surface
    return _canonical(match.group(1)), surface[match.end():]


def preceding_direction(before: str) -> Optional[str]:
    """The lower-case direction word that ends ``before`` ("... in eastern "), if any."""
    match = _TRAILING.search(before)
    return _canonical(match.group(1)) if match else None


def directional_place(place: Place, direction: str,
                      bbox: Optional[tuple[float, float, float, float]]) -> Place:
    """The region of ``place`` that ``direction`` names."""
    north, east = _WORDS.get(direction, (0, 0))
    lat, lon = place.latitude, place.longitude
    if place.kind == "country" and bbox is not None:
        south_edge, west_edge, north_edge, east_edge = bbox
        if north:
            lat += SHIFT * ((north_edge if north > 0 else south_edge) - lat)
        if east:
            lon += SHIFT * ((east_edge if east > 0 else west_edge) - lon)
    name = f"{direction} {place.name}"
    return replace(place, name=name, latitude=lat, longitude=lon, kind="directional",
                   geonameid=None, population=0)
