"""The place gazetteer: every name a toponym can resolve to, with its point and kind.

:func:`gazetteer` gives the shared instance. It is built from the packaged data sets (see
:mod:`sitrep.knowledge.gazetteer_sources`) once per machine and kept as a compact file in a cache folder
(:mod:`sitrep.knowledge.gazetteer_cache`); later processes load that file in about a second. Internally places
are plain rows and the name index maps a normalised name (see :func:`place_key`) to row
numbers; :class:`Place` objects are made only for the names that are looked up.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from sitrep.vocabulary import normalize

FORMAT = "sitrep-gazetteer/3"  # bump when the tables or what goes into them change
KINDS = ("city", "admin1", "admin2", "region", "country", "continent", "facility", "feature")
PRECISION = {"facility": "facility", "city": "city", "admin1": "region", "admin2": "region",
             "region": "region", "directional": "region", "continent": "region", "feature": "region",
             "country": "country"}
_SUFFIXES = re.compile(
    r"\s+(province|governorate|region|state|oblast|county|district|city|prefecture|territory)$")
_PREFIXES = re.compile(r"^(city|province|state|region|county) of\s+")
_SAINT = re.compile(r"^(st\.?|ste\.?)\s+")


PROMINENT_POPULATION = 100_000  # a city this large is a toponym wherever its name stands
SHORT_WORDS = frozenset("in on me or ok hi oh so no do go be by at it is as an am act co".split())

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
    admin2: Optional[str] = None  # GeoNames admin2 code, "US.NJ.027"

    @property
    def precision(self) -> str:
        return PRECISION[self.kind]


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to; ``primary`` is False when matched by an alternate name."""

    place: Place
    primary: bool


_STRINGS = ("name", "kind", "country", "admin1", "admin2")
_NUMBERS = (("latitude", "d"), ("longitude", "d"), ("population", "q"), ("geonameid", "q"),
            ("capital", "b"))


class Tables:
    """The gazetteer's data in a few flat columns (what the cache file holds), so that loading
    it makes a handful of Python objects per place instead of dozens.

    Places are rows: string columns are lists (``None`` kept as ""), number columns are
    arrays (a missing GeoNames id is 0). The name index maps a name key to a slot; slot ``i``
    holds the codes ``codes[offsets[i]:offsets[i + 1]]``, each ``row * 2 + primary``.
    ``countries`` and ``regions`` map an ISO-3 or GeoNames admin code to a row; ``bboxes``
    are per-country (south, west, north, east) of populated places."""

    def __init__(self, strings: dict[str, list[str]], numbers: dict[str, array],
                 keys: list[str], offsets: array, codes: array, countries: dict[str, int],
                 regions: dict[str, int], bboxes: dict[str, tuple[float, float, float, float]]) -> None:
        self.strings, self.numbers = strings, numbers
        self.slots = dict(zip(keys, range(len(keys))))
        self.keys, self.offsets, self.codes = keys, offsets, codes
        self.countries, self.regions, self.bboxes = countries, regions, bboxes

    def __len__(self) -> int:
        return len(self.strings["name"])

    def place(self, row: int) -> Place:
        text = {name: self.strings[name][row] or None for name in _STRINGS}
        num = self.numbers
        return Place(text["name"] or "", num["latitude"][row], num["longitude"][row],
                     text["kind"] or "city", country=text["country"],
                     population=num["population"][row], geonameid=num["geonameid"][row] or None,
                     admin1=text["admin1"], capital=bool(num["capital"][row]), admin2=text["admin2"])

    def codes_for(self, key: str) -> array:
        slot = self.slots.get(key)
        if slot is None:
            return self.codes[:0]
        return self.codes[self.offsets[slot]:self.offsets[slot + 1]]

    def dump(self) -> tuple:
        """Plain values for :mod:`marshal`."""
        return ({k: "\0".join(v) for k, v in self.strings.items()},
                {k: (v.typecode, v.tobytes()) for k, v in self.numbers.items()},
                "\n".join(self.keys), self.offsets.tobytes(), self.codes.tobytes(),
                self.countries, self.regions, self.bboxes)

    @classmethod
    def undump(cls, data: tuple) -> "Tables":
        strings, numbers, keys, offsets, codes, countries, regions, bboxes = data
        return cls({k: v.split("\0") for k, v in strings.items()},
                   {k: _array(code, raw) for k, (code, raw) in numbers.items()},
                   keys.split("\n"), _array("q", offsets), _array("q", codes),
                   countries, regions, bboxes)


def _array(typecode: str, raw: bytes) -> array:
    values = array(typecode)
    values.frombytes(raw)
    return values


def place_key(text: str) -> str:
    """The look-up form of a name: lower case, no accents, articles or possessives."""
    key = normalize(text).replace("’", "'")
    return _SAINT.sub("saint ", key)


class Gazetteer:
    """Places indexed by name, plus per-country points, regions and extents."""

    def __init__(self, entries: Iterable[tuple[Place, Iterable[str], int]] = (),
                 tables: Optional[Tables] = None) -> None:
        self._tables = tables if tables is not None else build_tables(entries)
        self._places: dict[int, Place] = {}

    @property
    def tables(self) -> Tables:
        return self._tables

    def _place(self, row: int) -> Place:
        place = self._places.get(row)
        if place is None:
            place = self._places[row] = self._tables.place(row)
        return place

    def _candidates(self, key: str) -> list[Candidate]:
        return [Candidate(self._place(code >> 1), bool(code & 1))
                for code in self._tables.codes_for(key)]

    def lookup(self, text: str) -> list[Candidate]:
        """Every place the name may refer to (exact normalised match, then without
        generic words such as "province" or "city of")."""
        key = place_key(text)
        if key in self._tables.slots:
            return self._candidates(key)
        bare = _PREFIXES.sub("", _SUFFIXES.sub("", key))
        if bare != key:
            return [c for c in self._candidates(bare) if c.place.kind != "city"
                    or not _SUFFIXES.search(key) or key.endswith(" city")]
        return []

    def has(self, text: str) -> bool:
        return place_key(text) in self._tables.slots

    def country(self, iso3: str) -> Optional[Place]:
        row = self._tables.countries.get(iso3)
        return None if row is None else self._place(row)

    def admin1(self, code: str) -> Optional[Place]:
        """The first- or second-level region with this GeoNames code ("US.TX", "US.NJ.027")."""
        row = self._tables.regions.get(code)
        return None if row is None else self._place(row)

    def bbox(self, iso3: str) -> Optional[tuple[float, float, float, float]]:
        """(south, west, north, east) of the country's populated places, outliers trimmed."""
        return self._tables.bboxes.get(iso3)


def build_tables(entries: Iterable[tuple[Place, Iterable[str], int]]) -> Tables:
    """The tables of a gazetteer from ``(place, names, how many names are preferred)``."""
    strings: dict[str, list[str]] = {name: [] for name in _STRINGS}
    numbers = {name: array(code) for name, code in _NUMBERS}
    index: dict[str, list[int]] = defaultdict(list)
    countries: dict[str, int] = {}
    regions: dict[str, int] = {}
    extent: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for row, (place, names, preferred) in enumerate(entries):
        for name in _STRINGS:
            strings[name].append(getattr(place, name) or "")
        for name, code in _NUMBERS:
            value = getattr(place, name)
            numbers[name].append(value if code == "d" else int(value or 0))
        _index_names(index, row, names, preferred)
        if place.kind == "country" and place.country:
            countries[place.country] = row
        elif place.kind in ("admin1", "admin2") and (place.admin2 or place.admin1):
            regions[(place.admin2 if place.kind == "admin2" else place.admin1) or ""] = row
        elif place.kind == "city" and place.country:
            extent[place.country].append((place.latitude, place.longitude))
    keys = list(index)
    offsets, codes = array("q", [0]), array("q")
    for key in keys:
        codes.extend(index[key])
        offsets.append(len(codes))
    bboxes = {iso: _trimmed_bbox(points) for iso, points in extent.items()}
    return Tables(strings, numbers, keys, offsets, codes, countries, regions, bboxes)


def _index_names(index: dict[str, list[int]], row: int, names: Iterable[str], preferred: int) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        key = place_key(name)
        if key and key not in seen:
            seen.add(key)
            index[key].append(row * 2 + (i < preferred))


def _trimmed_bbox(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(points) // 50
    hi = len(points) - 1 - cut
    return lats[cut], lons[cut], lats[hi], lons[hi]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: loaded from the cache folder, or built (and cached)."""
    from sitrep.knowledge import gazetteer_cache as cache

    return Gazetteer(tables=cache.load_or_build())


def prominent(places: Gazetteer, text: str) -> bool:
    """True when a name surely means a place: a country, region, continent or large city."""
    letters = text.replace(".", "")
    if len(letters) <= 3 and (not letters.isupper() or letters.lower() in SHORT_WORDS):
        return False
    for candidate in places.lookup(text):
        place = candidate.place
        if place.kind in ("country", "continent", "region"):
            return True
        if candidate.primary and place.kind in ("city", "admin1") and \
                place.population >= PROMINENT_POPULATION:
            return True
    return False


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
