"""Pronouns as mentions of what they refer to: "he" of the person named before it, "we" and
"them" of the organisation named before it, within a few sentences.

A pronoun joins an entity only when an earlier mention of a fitting type is near (the same
sentence or the ``WINDOW`` sentences before it); otherwise it is no mention at all. Its label
is ``PRON``, so readers of the record can tell it from a name. "it", "they", "us" and the
possessives are left out: they name things and unnamed groups as often as anyone in the article.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from ..model import Entity, Mention

PERSON = frozenset({"he", "him", "she", "i"})
GROUP = frozenset({"we", "them"})
PERSON_TYPES = frozenset({"person"})
GROUP_TYPES = frozenset({"organisation", "armed_group"})
WINDOW = 2  # sentences before the pronoun's own where its antecedent may be


def with_pronouns(entities: list[Entity], doc: Any) -> list[Entity]:
    """The entities with each resolvable pronoun of ``doc`` added as a ``PRON`` mention."""
    if doc is None or not len(doc):
        return entities
    out = list(entities)
    starts = [s.start_char for s in doc.sents]
    taken = [(m.start, m.end) for e in entities for m in e.mentions]
    for token in doc:
        lower = token.lower_
        if token.pos_ != "PRON" or lower not in PERSON | GROUP:
            continue
        start, end = token.idx, token.idx + len(token.text)
        if any(a < end and start < b for a, b in taken):
            continue
        sentence = _sentence_index(starts, start)
        earliest = starts[max(0, sentence - WINDOW)]
        index = _antecedent(out, start, earliest, PERSON_TYPES if lower in PERSON else GROUP_TYPES)
        if index is not None:
            mention = Mention(start, end, token.text, "PRON", sentence)
            out[index] = replace(out[index], mentions=tuple(sorted((*out[index].mentions, mention),
                                                                   key=lambda m: (m.start, m.end))))
    return out


def _antecedent(entities: list[Entity], before: int, earliest: int, types: frozenset[str]) -> Optional[int]:
    """The entity of one of ``types`` with the nearest named mention in ``[earliest, before)``."""
    best: Optional[tuple[int, int]] = None  # (mention start, entity index)
    for i, entity in enumerate(entities):
        if entity.type not in types:
            continue
        for m in entity.mentions:
            if m.label != "PRON" and earliest <= m.start and m.end <= before and (best is None or m.start > best[0]):
                best = (m.start, i)
    return None if best is None else best[1]


def _sentence_index(starts: list[int], offset: int) -> int:
    index = 0
    while index + 1 < len(starts) and starts[index + 1] <= offset:
        index += 1
    return index
