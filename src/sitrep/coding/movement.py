"""What moved, from where, to where, and by what means, read off one sentence.

Origin and destination are the first place named inside a "from"/"out of" or "to"/"into"
prepositional phrase; items are equipment the sentence names (linked weapons and platforms,
and generic military nouns); means are platforms that carry the items ("cargo planes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from ..model import Entity, Participant
from ..vocabulary import PLACE_TYPES

ORIGIN_PREPS = {"from", "out"}
DESTINATION_PREPS = {"to", "into", "toward", "towards"}
ITEM_NOUNS = re.compile(
    r"\b((air[- ]defen[cs]e )?(systems?|equipment)|air[- ]defen[cs]es|radars?|troops|soldiers|forces|"
    r"weapons?( systems?)?|arms|military aircraft|aircraft|fighter jets?|jets|helicopters?|drones?|"
    r"missiles?|rockets?|tanks?|armou?red vehicles|artillery|ammunition|munitions|warships?|"
    r"personnel|mercenaries|fighters)\b",
    re.IGNORECASE,
)
MEANS = re.compile(r"\b(cargo|transport) (planes?|aircraft|flights?|ships?)\b|\b(by|via) (air|sea|rail|road|ship|plane)\b",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Movement:
    items: tuple[Participant, ...] = ()
    origin: Optional[Participant] = None
    destination: Optional[Participant] = None
    means: tuple[Participant, ...] = ()


def read_movement(sent: Any, entities: Iterable[Entity], actor: Any = None) -> Movement:
    """Items, origin, destination and means in ``sent`` (a spaCy Span); the actor is no item."""
    entities = list(entities)
    places = list(_mentions(entities, sent, PLACE_TYPES))
    origin = _place_after(sent, places, ORIGIN_PREPS)
    destination = _place_after(sent, places, DESTINATION_PREPS)
    taken = [(p.start, p.end) for p in (origin, destination) if p and p.start is not None]
    if actor is not None:
        taken.append((actor.start, actor.end))
    items = tuple(_items(sent, entities, taken))
    means = tuple(_means(sent))
    return Movement(items, origin, destination, means)


def _mentions(entities: Iterable[Entity], sent: Any, types: set[str]) -> Iterable[tuple[Entity, Any]]:
    for entity in entities:
        if entity.type not in types:
            continue
        for m in entity.mentions:
            if sent.start_char <= m.start and m.end <= sent.end_char:
                yield entity, m


def _place_after(sent: Any, places: list[tuple[Entity, Any]], preps: set[str]) -> Optional[Participant]:
    for token in sent:
        if token.lower_ not in preps or token.pos_ not in ("ADP", "ADV"):
            continue
        start = token.idx
        end = max(t.idx + len(t.text) for t in token.subtree)
        if token.lower_ == "out":
            end = max(end, _next_of(token))
        for entity, m in sorted(places, key=lambda p: p[1].start):
            if start < m.start and m.end <= end:
                return _participant(entity, m, sent.doc.text)
    return None


def _next_of(token: Any) -> int:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else token
    return max(t.idx + len(t.text) for t in nxt.subtree) if nxt.lower_ == "of" else token.idx


def _participant(entity: Entity, mention: Any, text: str) -> Participant:
    """The place as its entity names it (the place stage gives "eastern Libya" its own region)."""
    return Participant(text[mention.start:mention.end], entity.id, entity.country, None, mention.start, mention.end)


def _items(sent: Any, entities: Iterable[Entity], taken: list[tuple[int, int]]) -> Iterable[Participant]:
    seen: list[tuple[int, int]] = list(taken)
    for entity, m in sorted(_mentions(entities, sent, {"weapon", "platform"}), key=lambda p: p[1].start):
        if _overlaps(m.start, m.end, seen):
            continue
        seen.append((m.start, m.end))
        yield Participant(m.text, entity.id, entity.country, None, m.start, m.end)
    for match in ITEM_NOUNS.finditer(sent.text):
        start, end = sent.start_char + match.start(), sent.start_char + match.end()
        if _overlaps(start, end, seen) or MEANS.search(sent.text[max(0, match.start() - 10):match.end()]):
            continue
        seen.append((start, end))
        yield Participant(match.group(0), None, None, None, start, end)


def _means(sent: Any) -> Iterable[Participant]:
    for match in MEANS.finditer(sent.text):
        start = sent.start_char + match.start()
        yield Participant(match.group(0), None, None, None, start, start + len(match.group(0)))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)
