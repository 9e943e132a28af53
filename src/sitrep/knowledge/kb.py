"""The knowledge base the linker resolves names against.

Entries come from the curated JSON files in ``sitrep/data/kb/`` (facilities, places,
organisations and armed groups, people, weapons, platforms) and from the country index
(countries and nationalities). :func:`load_knowledge_base` builds it once per process.
Look-ups go through :func:`alias_key`, so case, accents, apostrophes, hyphens and a leading
"the" do not matter.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from sitrep.knowledge.countries import CountryIndex, country_index, country_translations
from sitrep.vocabulary import alias_key, normalize

KB_FILES = ("facilities", "places", "organisations", "people", "weapons", "platforms")
TYPES = (
    "person", "organisation", "armed_group", "country", "place",
    "facility", "nationality", "weapon", "platform",
)
_TRANSLIT = (("ou", "u"), ("kh", "h"), ("dh", "d"), ("ee", "i"), ("ph", "f"))


@dataclass(frozen=True)
class KBEntry:
    """One thing the knowledge base knows, with every name it goes by."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: Optional[str] = None  # ISO 3166-1 alpha-3
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    precision: Optional[str] = None  # facility | city | region | country
    description: str = ""
    parent: Optional[str] = None
    # names in other languages ({language: names}); found by search, not matched in text
    translations: tuple[tuple[str, tuple[str, ...]], ...] = ()


@lru_cache(maxsize=65536)
def loose_key(text: str) -> str:
    """A coarser key that folds common transliteration variants (Khmeimim ~ Hmeimim)."""
    key = alias_key(text).replace(" ", "")
    for old, new in _TRANSLIT:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


class KnowledgeBase:
    """Entries by id, and the indexes to find them by name."""

    def __init__(self, entries: Iterable[KBEntry]) -> None:
        self._entries: dict[str, KBEntry] = {}
        self._by_key: dict[str, list[str]] = {}
        self._by_loose: dict[str, list[str]] = {}
        self._by_translation: dict[str, list[str]] = {}
        for entry in entries:
            self._add(entry)
        self._keys = list(self._by_key)

    def _add(self, entry: KBEntry) -> None:
        self._entries[entry.id] = entry
        for alias in (entry.name, *entry.aliases):
            for index, key in ((self._by_key, alias_key(alias)), (self._by_loose, loose_key(alias))):
                ids = index.setdefault(key, [])
                if key and entry.id not in ids:
                    ids.append(entry.id)
        for _language, names in entry.translations:
            for name in names:
                ids = self._by_translation.setdefault(alias_key(name), [])
                if entry.id not in ids:
                    ids.append(entry.id)

    def get(self, entry_id: str) -> Optional[KBEntry]:
        return self._entries.get(entry_id)

    def entries(self) -> list[KBEntry]:
        return list(self._entries.values())

    def candidates(self, surface: str) -> list[KBEntry]:
        """Entries with an alias equal to ``surface`` (case, accents and spelling folded)."""
        ids = self._by_key.get(alias_key(surface)) or self._by_loose.get(loose_key(surface), [])
        return [self._entries[i] for i in ids]

    def fuzzy(self, surface: str, type: Optional[str] = None, cutoff: float = 90.0) -> list[tuple[KBEntry, float]]:
        """Entries whose alias is a close spelling of ``surface``, best first (rapidfuzz ratio)."""
        from rapidfuzz import fuzz, process

        key = alias_key(surface)
        if len(key) < 4:
            return []
        hits = process.extract(key, self._keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=10)
        best: dict[str, float] = {}
        for alias, score, _index in hits:
            for entry_id in self._by_key[alias]:
                if type is None or self._entries[entry_id].type == type:
                    best[entry_id] = max(best.get(entry_id, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda item: -item[1])
        return [(self._entries[i], s) for i, s in ranked]

    def search(self, query: str, limit: int = 10) -> list[KBEntry]:
        """Entries for a free-text query: exact alias hits first, then partial matches."""
        from rapidfuzz import fuzz, process

        found = {e.id: e for e in self.candidates(query)}
        for entry_id in self._by_translation.get(alias_key(query), ()):
            found.setdefault(entry_id, self._entries[entry_id])
        hits = process.extract(alias_key(query), self._keys, scorer=fuzz.WRatio, score_cutoff=80, limit=limit * 3)
        for alias, _score, _index in hits:
            for entry_id in self._by_key[alias]:
                found.setdefault(entry_id, self._entries[entry_id])
        return list(found.values())[:limit]


@lru_cache(maxsize=1)
def load_knowledge_base() -> KnowledgeBase:
    """The process-wide knowledge base (curated files plus countries), built on first use."""
    entries = list(_country_entries(country_index()))
    for name in KB_FILES:
        entries.extend(_file_entries(name))
    return KnowledgeBase(entries)


def kb_versions() -> dict[str, str]:
    """The ``version`` of every curated KB file and of the mined head-noun lexicon
    (``mined_heads.json``, which recognition reads), for stage provenance."""
    return {name: str(_read_file(name).get("version", "")) for name in (*KB_FILES, "mined_heads")}


def _read_file(name: str) -> dict:
    path = resources.files("sitrep.data").joinpath("kb", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _file_entries(name: str) -> Iterable[KBEntry]:
    data = _read_file(name)
    default_type = data.get("type")
    default_precision = "facility" if default_type == "facility" else None
    for row in data["entries"]:
        yield KBEntry(
            id=row["id"], name=row["name"], type=row.get("type", default_type),
            aliases=tuple(row.get("aliases", ())), country=row.get("country"),
            latitude=row.get("latitude"), longitude=row.get("longitude"),
            precision=row.get("precision", default_precision),
            description=row.get("description", ""), parent=row.get("parent"),
        )


def _everyday_country_names() -> dict[str, str]:
    """The first curated alias of a country ("Russia", not "Russian Federation")."""
    path = resources.files("sitrep.data").joinpath("countries.json")
    aliases = json.loads(path.read_text(encoding="utf-8"))["aliases"]
    return {iso3: names[0] for iso3, names in aliases.items() if names}


def _country_entries(index: CountryIndex) -> Iterable[KBEntry]:
    by_country: dict[str, dict[str, list[str]]] = {}
    for form, match in index.forms().items():
        kind = "nationality" if match.via == "demonym" else "country"
        by_country.setdefault(match.iso3, {}).setdefault(kind, []).append(form)
    everyday = _everyday_country_names()
    translations = country_translations()
    for country in index.countries():
        forms = by_country.get(country.iso3, {})
        yield KBEntry(
            id=f"country:{country.iso3}", name=everyday.get(country.iso3, country.name), type="country",
            aliases=tuple(forms.get("country", ())), country=country.iso3,
            latitude=country.latitude, longitude=country.longitude, precision="country",
            description=f"The country {country.name}, its state and government",
            translations=tuple(sorted(translations.get(country.iso3, {}).items())),
        )
        if forms.get("nationality"):
            yield KBEntry(
                id=f"nationality:{country.iso3}", name=f"{country.name} (nationality)",
                type="nationality", aliases=tuple(forms["nationality"]), country=country.iso3,
                description=f"People or things of {country.name}",
            )
