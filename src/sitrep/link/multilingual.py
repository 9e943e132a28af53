"""Entities in text the English pipeline does not read: a multilingual phrase matcher.

Every name of :mod:`sitrep.link.names` is indexed by its word keys
(:mod:`sitrep.vocabulary`); the text's words are looked up longest phrase first, so
"Khalifa Haftar", "Хафтара" and "حفتر" all become the entity ``person:khalifa-haftar`` with
its mentions at their offsets in the original text. Ids are the ones the English pipeline
gives: knowledge-base ids, and ``local:place:<English name>`` for gazetteer cities. A proper
name matches only a capitalised word (in scripts with capitals).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Iterable, Optional

from ..clean.language import LANGUAGES
from ..model import Article, Entity, Mention
from .names import Name, Target, city_names, kb_names, names_version
from ..vocabulary import WORD, fold, name_key, text_variants, word_key

VERSION = "names@1.0"
MAX_WORDS = 6
_SOURCE_RANK = {"curated": 0, "kb": 1, "translation": 2, "geonames": 3}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    name: Name


class NameIndex:
    """Phrase keys and stems -> the best name for them (curated before KB before gazetteer)."""

    def __init__(self, names: Iterable[Name]) -> None:
        self.phrases: dict[tuple[str, ...], Name] = {}
        self.stems: dict[str, list[Name]] = defaultdict(list)
        for name in names:
            self._add(name)

    def _add(self, name: Name) -> None:
        if name.prefix:
            stem = fold(name.text)
            if len(stem) >= 3:
                self.stems[stem[:3]].append(name)
            return
        key = name_key(name.text)
        if not key or len(key) > MAX_WORDS:
            return
        held = self.phrases.get(key)
        if held is None or _rank(name) < _rank(held):
            self.phrases[key] = name

    def find(self, text: str, language: str) -> list[Found]:
        words = [(m.start(), m.end(), m.group(), word_key(m.group())) for m in WORD.finditer(text)]
        found, i = [], 0
        while i < len(words):
            hit = self._longest(words, i, language)
            if hit is None:
                i += 1
                continue
            length, name = hit
            found.append(Found(words[i][0], words[i + length - 1][1], name))
            i += length
        return found

    def _longest(self, words: list[tuple[int, int, str, str]], i: int, language: str) -> Optional[tuple[int, Name]]:
        first = words[i][2]
        for length in range(min(MAX_WORDS, len(words) - i), 0, -1):
            tail = tuple(w[3] for w in words[i + 1:i + length])
            for variant in text_variants(first, language):
                name = self.phrases.get((variant, *tail))
                if name is not None and _case_fits(name, first):
                    return length, name
        return self._stem(first, language)

    def _stem(self, word: str, language: str) -> Optional[tuple[int, Name]]:
        for variant in {fold(word), *text_variants(word, language)}:
            for name in self.stems.get(variant[:3], ()):
                if variant.startswith(fold(name.text)) and _case_fits(name, word):
                    return 1, name
        return None


def _rank(name: Name) -> tuple[int, int]:
    return _SOURCE_RANK[name.source], -name.target.population


def _case_fits(name: Name, word: str) -> bool:
    """Proper names need a capitalised word (in scripts with capitals); an upper-case
    abbreviation an upper-case word. Curated lower-case names (adjectives) match any case."""
    if not word[:1].isupper() and word[:1].lower() != word[:1].upper():
        return name.source == "curated" and not name.text[:1].isupper()
    return not (name.text.isupper() and len(name.text) <= 4 and not word.isupper())


@lru_cache(maxsize=1)
def name_index() -> NameIndex:
    """The process-wide index (knowledge base, curated names, gazetteer cities), built on first use."""
    return NameIndex([*kb_names(), *city_names()])


class MultilingualNames:
    """The entity step for articles not in English (the link and place stages' stand-in)."""

    name = "names"
    requires = ("text", "sentences", "language")
    provides = ("entities",)
    languages = frozenset(LANGUAGES) - {"en"}
    replaces = "link"

    def __init__(self, index: Optional[NameIndex] = None) -> None:
        self._index = index

    @property
    def version(self) -> str:
        return f"{VERSION}+names={names_version()}"

    def __call__(self, article: Article, scratch: Any) -> Article:
        index = self._index or name_index()
        found = index.find(article.text, article.language or "")
        return replace(article, entities=tuple(entities_from(article, found)))


def entities_from(article: Article, found: list[Found]) -> list[Entity]:
    """One entity per target, its mentions in text order, each with its sentence index."""
    starts = [s.start for s in article.sentences]
    by_target: dict[str, list[Mention]] = {}
    targets: dict[str, Target] = {}
    for hit in found:
        target = hit.name.target
        sentence = max(bisect.bisect_right(starts, hit.start) - 1, 0) if starts else None
        mention = Mention(hit.start, hit.end, article.text[hit.start:hit.end], target.type, sentence)
        by_target.setdefault(target.id, []).append(mention)
        targets[target.id] = target
    return [_entity(targets[i], tuple(mentions)) for i, mentions in by_target.items()]


def _entity(target: Target, mentions: tuple[Mention, ...]) -> Entity:
    reason = "multilingual name" + (" (gazetteer city)" if target.kb_id is None else "")
    return Entity(id=target.id, name=target.name, type=target.type, mentions=mentions, kb_id=target.kb_id,
                  country=target.country, latitude=target.latitude, longitude=target.longitude,
                  precision=target.precision, reason=reason)
