"""Actor and recipient for a sentence the cross-lingual coder typed, from the names in it.

The candidates are the sentence's countries, nationalities, groups and people with a country
(found by :mod:`sitrep.link.multilingual`). A name after a word of source or mediation
("selon", "laut", "بوساطة") is never the actor; a name after a preposition of direction or
place ("auf Israel", "в Ливане", "في لبنان") is a target. The actor is, in this order: a
nationality word or a genitive agent right beside the trigger ("l'attaque iranienne",
"Attacken der israelischen Armee", "القصف الإسرائيلي"); the first name before the trigger
(in Arabic, which puts the verb first, the name nearest the trigger); the first after it. The
recipient is the first target, else the next name of another country. Word lists are in
``data/coding/roles_multilingual.json``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..vocabulary import WORD, fold
from ..model import Article, Entity, Mention, Participant, Sentence

ACTOR_TYPES = frozenset({"country", "nationality", "organisation", "armed_group", "person"})
VERB_FIRST = frozenset({"ar"})
NEGATION_WINDOW = 4  # words before a trigger
NOT_ACTOR_WINDOW = 3  # words on either side of a name
Pair = tuple[Mention, Entity]


@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, frozenset[str]]]:
    path = resources.files("sitrep.data").joinpath("coding", "roles_multilingual.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {kind: {lang: frozenset(fold(w) for w in words) for lang, words in table.items()}
            for kind, table in data.items() if not kind.startswith("_") and isinstance(table, dict)}


def _list(kind: str, language: Optional[str]) -> frozenset[str]:
    return _words()[kind].get(language or "", frozenset())


def _before(text: str, offset: int, count: int) -> list[str]:
    return [fold(w) for w in WORD.findall(text[max(0, offset - 100):offset])][-count:]


def _after(text: str, offset: int, count: int) -> list[str]:
    return [fold(w) for w in WORD.findall(text[offset:offset + 100])][:count]


def _has(words: list[str], listed: frozenset[str]) -> bool:
    joined = " ".join(words)
    return any(w in listed for w in words) or any(" " in item and item in joined for item in listed)


def denied(text: str, trigger: int, language: Optional[str]) -> bool:
    """A negation word among the few words before the trigger ("keine Angriffe", "no hay bombardeos")."""
    return _has(_before(text, trigger, NEGATION_WINDOW), _list("negations", language))


def roles(article: Article, sent: Sentence, trigger: tuple[int, int]) -> tuple[Optional[Participant], Optional[Participant]]:
    text, language = article.text, article.language
    named = [pair for pair in mentions_in(article, sent, ACTOR_TYPES)
             if (pair[1].type != "person" or pair[1].country) and not _aside(text, pair[0], language)]
    before = [pair for pair in named if pair[0].end <= trigger[0]]
    after = [pair for pair in named if pair[0].start >= trigger[1]]
    if language in VERB_FIRST:
        order = sorted(named, key=lambda pair: _distance(pair[0], trigger))
    else:
        order = before[:1] + after + before[1:] if before else after
    beside = next((pair for pair in named if _beside(text, pair, trigger, language)), None)
    if beside is not None:
        order = [beside] + [pair for pair in order if pair is not beside]
    targets = [pair for pair in order if _has(_before(text, pair[0].start, 1), _list("towards", language))]
    actor = next((pair for pair in order if pair not in targets), None)
    rest = targets + [pair for pair in order if pair not in targets and pair is not actor]
    other = next((pair for pair in rest if actor is None or _country(pair[1]) != _country(actor[1])), None)
    return (participant(*actor) if actor else None), (participant(*other) if other else None)


def _aside(text: str, mention: Mention, language: Optional[str]) -> bool:
    """A source or a mediator: "selon Moscou", "von der UNO vermittelte", "بوساطة الولايات المتحدة"."""
    near = _before(text, mention.start, NOT_ACTOR_WINDOW) + _after(text, mention.end, 2)
    return _has(near, _list("not_actor", language))


def _beside(text: str, pair: Pair, trigger: tuple[int, int], language: Optional[str]) -> bool:
    """A nationality word next to the trigger, or a name right after it as its genitive agent."""
    mention, entity = pair
    if mention.end <= trigger[0]:
        gap = text[mention.end:trigger[0]]
        return entity.type == "nationality" and _clean(gap) and len(gap.split()) == 0
    if mention.start < trigger[1]:
        return False
    gap = text[trigger[1]:mention.start]
    words = [fold(w) for w in WORD.findall(gap)]
    if not _clean(gap) or len(words) > 2:
        return False
    if entity.type == "nationality":
        return True
    return len(words) == 1 and words[0] in _list("genitive", language) or (not words and language == "ar")


def _clean(gap: str) -> bool:
    return not any(c in gap for c in ",;:.()«»\"“”")


def _distance(mention: Mention, trigger: tuple[int, int]) -> int:
    return trigger[0] - mention.end if mention.end <= trigger[0] else mention.start - trigger[1]


def mentions_in(article: Article, sent: Sentence, types: frozenset[str]) -> list[Pair]:
    found = [(m, e) for e in article.entities if e.type in types for m in e.mentions
             if sent.start <= m.start and m.end <= sent.end]
    return sorted(found, key=lambda pair: pair[0].start)


def _country(entity: Entity) -> Optional[str]:
    return entity.country or entity.id


def participant(mention: Mention, entity: Entity) -> Participant:
    sector = {"armed_group": "rebel", "country": "government"}.get(entity.type)
    return Participant(mention.text, entity.id, entity.country, sector, mention.start, mention.end)
