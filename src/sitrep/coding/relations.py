"""Standing relations an article states as background ("X has close ties to Y")."""

from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from ..model import Article, Entity, Participant, Relation

ACTOR_TYPES = {"person", "organisation", "armed_group", "country"}
_TIE = re.compile(r"\b(ties|links|relations|connections)\s+(to|with)\b", re.IGNORECASE)


def relations_in(article: Article, sent: Any, index: int) -> Iterable[Relation]:
    """One relation per "ties to/with" phrase between the nearest actor before and the first after."""
    for match in _TIE.finditer(sent.text):
        at = sent.start_char + match.start()
        subject = _nearest(article.entities, sent.start_char, at, last=True)
        obj = _nearest(article.entities, sent.start_char + match.end(), sent.end_char, last=False)
        if subject is not None and obj is not None:
            yield Relation("ties", subject, obj, sent.start_char, sent.start_char + len(sent.text.rstrip()), index)


def _nearest(entities: Iterable[Entity], start: int, end: int, last: bool) -> Optional[Participant]:
    found = [(m.start, e, m) for e in entities if e.type in ACTOR_TYPES for m in e.mentions
             if start <= m.start and m.end <= end]
    if not found:
        return None
    _pos, entity, mention = max(found, key=lambda f: f[0]) if last else min(found, key=lambda f: f[0])
    return Participant(mention.text, entity.id, entity.country, None, mention.start, mention.end)
