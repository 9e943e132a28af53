"""Places named inside other names, and demonyms: every toponym the geoparser places is in the record.

After the place stage (:mod:`sitrep.link.places`) has placed the place entities, two kinds of toponym would still be missing:

- a demonym or adjective that the link stage made a ``nationality`` entity ("Russian" in
  "Russian diplomats", "Syrian"): the entity keeps its type and takes the reading of its
  mentions, the country (or region) it names, with precision ``country`` (or ``region``);
- a toponym inside the mention of another entity ("Russian" in "the Russian government",
  "Portland" in "the Portland Trail Blazers", "U.S." in "U.S. President Donald Trump") or
  inside a place mention the stage could not place ("Sacramento" in "the Sacramento area"):
  it becomes a mention of the entity it names (the nationality or country entity of its
  country, the place entity of its name) or of a new one, with the reason naming its host.

A toponym whose span is exactly another entity's mention is not added: an organisation named
by a place ("EU", "European Commission") stays an organisation.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Optional

from ..knowledge.countries import country_index
from ..knowledge.kb import load_knowledge_base
from ..model import Article, Entity, Mention, Placement, Sentence
from ..vocabulary import PLACE_TYPES, local_id

Span = tuple[int, int]
Toponym = tuple[int, int, str]
LOCATED = PLACE_TYPES | {"nationality"}


def placed_nationalities(entities: list[Entity], placed: dict[Span, Placement]) -> list[Entity]:
    """Each unplaced nationality entity at the reading most of its mentions got."""
    out = []
    for entity in entities:
        readings = [placed[(m.start, m.end)] for m in entity.mentions if (m.start, m.end) in placed]
        if entity.type != "nationality" or entity.latitude is not None or not readings:
            out.append(entity)
            continue
        best = max(readings, key=lambda p: sum(_same(p, q) for q in readings))
        out.append(_at(entity, best, f"{best.reason}; a demonym or adjective of the place it names"))
    return out


def embedded_places(article: Article, entities: list[Entity], recognised: Iterable[Toponym],
                    placed: dict[Span, Placement], own_name: Callable[[str], bool]) -> list[Entity]:
    """The entities with every placed toponym that no located mention holds added as a mention
    (see the module's docstring)."""
    out = list(entities)
    mentions = [(m, e) for e in out for m in e.mentions]
    for start, end, surface in recognised:
        placement = placed.get((start, end))
        if placement is None or _held(start, end, mentions):
            continue
        host = next((m for m, _e in mentions if m.start <= start and end <= m.end), None)
        kind = _kind(surface, placement, own_name)
        label = "NORP" if kind == "nationality" else "GPE"
        mention = Mention(start, end, surface, label, _sentence(article.sentences, start))
        index = _target(out, kind, surface, placement)
        if index is None:
            out.append(_new_entity(kind, mention, placement, host))
        else:
            out[index] = _with_mention(out[index], mention, placement)
        mentions.append((mention, out[-1] if index is None else out[index]))
    return out


def _held(start: int, end: int, mentions: list[tuple[Mention, Entity]]) -> bool:
    """Whether a mention already stands for this toponym: one of the same span, or a located
    mention around it ("eastern Libya" holds "Libya", a placed base holds its town)."""
    for mention, entity in mentions:
        if (mention.start, mention.end) == (start, end):
            return True
        if mention.start <= start and end <= mention.end and entity.type in LOCATED and entity.latitude is not None:
            return True
    return False


def _kind(surface: str, placement: Placement, own_name: Callable[[str], bool]) -> str:
    """``country`` for a country's name, ``nationality`` for a demonym or the adjective of a
    region ("European"), ``place`` for any other place's own name."""
    match = country_index().lookup(surface)
    if match is not None and match.via in ("demonym", "name"):
        return "nationality" if match.via == "demonym" else "country"
    adjective = placement.precision in ("country", "region") and not own_name(surface)
    return "nationality" if adjective else "place"


def _target(entities: list[Entity], kind: str, surface: str, placement: Placement) -> Optional[int]:
    """The entity this toponym names: the same kind in the same country for countries and
    nationalities, a located entity of the same name and reading for other places."""
    for i, entity in enumerate(entities):
        if entity.type == kind and kind in ("country", "nationality") and placement.country \
                and entity.country == placement.country:
            return i
    key = surface.lower()
    for i, entity in enumerate(entities):
        if entity.type in LOCATED and entity.latitude is not None and _near(entity, placement) \
                and any(m.text.lower() == key for m in entity.mentions):
            return i
    return None


def _near(entity: Entity, placement: Placement) -> bool:
    return abs(entity.latitude - placement.latitude) < 1.0 and abs(entity.longitude - placement.longitude) < 1.0


def _new_entity(kind: str, mention: Mention, placement: Placement, host: Optional[Mention]) -> Entity:
    where = f"named inside '{host.text}'" if host is not None else "a toponym no other mention holds"
    entry = load_knowledge_base().get(f"{kind}:{placement.country}") \
        if kind in ("country", "nationality") and placement.precision == "country" else None
    if entry is not None:
        entity = Entity(id=entry.id, name=entry.name, type=kind, mentions=(mention,), kb_id=entry.id)
    else:
        entity = Entity(id=local_id(kind, mention.text), name=mention.text, type=kind, mentions=(mention,),
                        unresolved="no knowledge-base entry matches this name; found by the geoparser")
    return _at(entity, placement, f"{placement.reason}; {where}")


def _with_mention(entity: Entity, mention: Mention, placement: Placement) -> Entity:
    joined = tuple(sorted({*entity.mentions, mention}, key=lambda m: (m.start, m.end)))
    if entity.latitude is None:
        return replace(_at(entity, placement, placement.reason), mentions=joined)
    return replace(entity, mentions=joined)


def _at(entity: Entity, placement: Placement, reason: str) -> Entity:
    return replace(entity, latitude=placement.latitude, longitude=placement.longitude,
                   precision=placement.precision, country=entity.country or placement.country, reason=reason)


def _same(a: Placement, b: Placement) -> bool:
    return (a.geonameid, round(a.latitude, 2), round(a.longitude, 2)) == \
        (b.geonameid, round(b.latitude, 2), round(b.longitude, 2))


def _sentence(sentences: tuple[Sentence, ...], start: int) -> Optional[int]:
    return next((i for i, s in enumerate(sentences) if s.start <= start < max(s.end, s.start + 1)), None)
