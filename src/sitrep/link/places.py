"""The place stage: every place entity of an article gets its coordinates, precision and a
reason from what the geoparser read (:class:`~sitrep.model.PlaceReadings`, left in scratch by
:class:`sitrep.geo.stage.GeoStage`). This stage, not the geoparser, decides what the places
are as entities, so entity identity stays with the link package:

- unlinked person, organisation or nationality mentions that the geoparser reads whole as a
  place move to a place entity (:func:`retyped_places`);
- each place entity takes its reading, and a reading far from the entity's own, a directional
  mention of a country or a city named for its country becomes an entity of its own
  (:mod:`sitrep.link.placing`);
- a toponym outside every entity mention (a place the entity recogniser missed) joins the
  place entity of the same name, or becomes a new ``place`` entity;
- a demonym is placed at the place it names, and a toponym inside another entity's mention
  ("Russian" in "the Russian government") becomes a mention of the entity it names
  (:mod:`sitrep.link.embedded`): every toponym the geoparser places is in the record.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Optional

from ..model import Article, Entity, Mention, Placement, PlaceReadings, Sentence
from ..vocabulary import PLACE_TYPES, local_id, name_slug
from .embedded import embedded_places, placed_nationalities
from .placing import Span, mention_placements, place_entity

VERSION = "places@0.5"
RETYPED_FROM = frozenset({"person", "organisation", "nationality", "other"})

Toponym = tuple[int, int, str]


class PlaceEntities:
    name = "places"
    version = VERSION
    requires = ("entities:linked", "place-readings")
    provides = ("entities:placed",)
    languages = frozenset({"en"})  # places what the English geoparser read

    def __call__(self, article: Article, scratch: Any) -> Article:
        readings: Optional[PlaceReadings] = getattr(scratch, "place_readings", None)
        if readings is None or not readings.toponyms:
            return article
        found = list(readings.found)
        exact = {(p.start, p.end): p for p in found}
        own_names = {k: p for k, p in exact.items() if p.text in readings.own_names}
        entities = retyped_places(list(article.entities), exact, own_names)
        placed = mention_placements([m for e in entities if e.type in PLACE_TYPES for m in e.mentions], found,
                                    facilities={(m.start, m.end) for e in entities if e.type == "facility"
                                                for m in e.mentions},
                                    own_name=readings.own_places.__contains__)
        points = {iso3: (latitude, longitude) for iso3, latitude, longitude in readings.country_points}
        out: list[Entity] = []
        for entity in entities:
            out.extend(place_entity(article.text, entity, placed, points.get, found))
        missed = missed_places(article, list(readings.recognised), exact)
        out = placed_nationalities(merged(join_missed(out, missed)), exact)
        out = embedded_places(article, out, readings.recognised, exact, readings.own_names.__contains__)
        return replace(article, entities=tuple(out))


def retyped_places(entities: list[Entity], placed: dict[Span, Placement],
                   own_names: Optional[dict[Span, Placement]] = None) -> list[Entity]:
    """Unlinked person, organisation or nationality mentions that the geoparser reads whole as
    a placed toponym ("Tamil Nadu said", a dateline "WINNIPEG") move to a place entity of
    that name; a linked entity keeps its mentions, and a nationality moves only when the words
    are a place's own name ("Cavan"), not a demonym ("other African countries")."""
    out: list[Entity] = []
    moved: dict[str, list[Mention]] = {}
    for entity in entities:
        if entity.type not in RETYPED_FROM or entity.kb_id is not None:
            out.append(entity)
            continue
        allowed = placed if entity.type != "nationality" or own_names is None else own_names
        places = [m for m in entity.mentions if (m.start, m.end) in allowed]
        for mention in places:
            moved.setdefault(name_slug(mention.text), []).append(mention)
        rest = tuple(m for m in entity.mentions if (m.start, m.end) not in allowed)
        if rest:
            out.append(replace(entity, mentions=rest))
    for key, mentions in moved.items():
        index = _named_place(out, key)
        if index is None:
            out.append(Entity(id=local_id("place", mentions[0].text), name=mentions[0].text, type="place", mentions=tuple(mentions),
                              unresolved="no knowledge-base entry matches this name",
                              reason="a name the entity recogniser took for a person or organisation; "
                                     "the geoparser reads it as a place"))
        else:
            out[index] = _with_mentions(out[index], mentions)
    return out


def _named_place(entities: list[Entity], key: str) -> Optional[int]:
    return next((i for i, e in enumerate(entities) if e.type in PLACE_TYPES
                 and any(name_slug(m.text) == key for m in e.mentions)), None)


def _with_mentions(entity: Entity, mentions: Iterable[Mention]) -> Entity:
    joined = sorted({*entity.mentions, *mentions}, key=lambda m: (m.start, m.end))
    return replace(entity, mentions=tuple(joined))


def merged(entities: list[Entity]) -> list[Entity]:
    """One entity per id: a later entity with an id already seen gives its mentions to the first."""
    out: dict[str, Entity] = {}
    for entity in entities:
        out[entity.id] = _with_mentions(out[entity.id], entity.mentions) if entity.id in out else entity
    return list(out.values())


def missed_places(article: Article, recognised: list[Toponym],
                  placed: dict[Span, Placement]) -> list[Entity]:
    """New place entities for the placed toponyms that lie outside every entity mention:
    places the entity recogniser missed, one entity per name."""
    taken = [(m.start, m.end) for e in article.entities for m in e.mentions]
    groups: dict[str, list[Mention]] = {}
    first: dict[str, Placement] = {}
    for start, end, surface in recognised:
        placement = placed.get((start, end))
        if placement is None or _overlapping((start, end), taken):
            continue
        key = name_slug(surface)
        groups.setdefault(key, []).append(Mention(start, end, surface, "GPE", _sentence(article.sentences, start)))
        first.setdefault(key, placement)
    return [_missed_entity(key, mentions, first[key]) for key, mentions in groups.items()]


def _missed_entity(key: str, mentions: list[Mention], placement: Placement) -> Entity:
    return Entity(
        id=local_id("place", mentions[0].text), name=mentions[0].text, type="place", mentions=tuple(mentions),
        unresolved="a place name the entity recogniser missed; found by the geoparser",
        country=placement.country, latitude=placement.latitude, longitude=placement.longitude,
        precision=placement.precision, reason=placement.reason,
    )


def join_missed(entities: list[Entity], missed: list[Entity]) -> list[Entity]:
    """Missed mentions join the place entity whose mentions read the same; others are appended."""
    out = list(entities)
    for new in missed:
        index = _named_place(out, name_slug(new.mentions[0].text))
        if index is None:
            out.append(new)
        else:
            out[index] = _with_mentions(out[index], new.mentions)
    return out


def _sentence(sentences: tuple[Sentence, ...], start: int) -> Optional[int]:
    return next((i for i, s in enumerate(sentences) if s.start <= start < max(s.end, s.start + 1)), None)


def _overlapping(span: Span, others: Iterable[Any]) -> bool:
    return any(span[0] < o[1] and o[0] < span[1] for o in others)
