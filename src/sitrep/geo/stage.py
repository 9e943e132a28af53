"""The place stage: coordinates, precision and a reason for every place an article names.

Entities that the knowledge base already placed (bases, ports) keep their coordinates. A
directional mention of a country ("eastern Libya") becomes an entity of its own: a region of
that country, with the direction word inside its mention.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable, Iterable, Optional

from ..model import Article, Entity, Mention
from .resolve import VERSION, Geocoder, Placement

PLACE_TYPES = {"country", "place", "facility", "region", "city"}
_DIRECTION = re.compile(r"\b((?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?)\s+$", re.IGNORECASE)


class GeoStage:
    name = "geo"
    version = VERSION
    requires = ("entities",)
    provides = ("entities",)

    def __init__(self, geocoder: Optional[Geocoder] = None) -> None:
        self.geocoder = geocoder or Geocoder()

    def __call__(self, article: Article, scratch: Any) -> Article:
        toponyms = [(m.start, m.end, m.text) for e in article.entities if e.type in PLACE_TYPES
                    for m in e.mentions]
        if not toponyms:
            return article
        context = self.geocoder.context_for(toponyms)
        placed = {(p.start, p.end): p for p in self.geocoder.resolve(article.text, toponyms, context)}
        entities: list[Entity] = []
        for entity in article.entities:
            entities.extend(place_entity(article.text, entity, placed, self._country_point))
        return replace(article, entities=tuple(entities))

    def _country_point(self, iso3: str) -> Optional[tuple[float, float]]:
        place = self.geocoder.gazetteer.country(iso3)
        return None if place is None else (place.latitude, place.longitude)


CountryPoint = Callable[[str], Optional[tuple[float, float]]]


def place_entity(text: str, entity: Entity, placed: dict[tuple[int, int], Placement],
                 country_point: Optional[CountryPoint] = None) -> Iterable[Entity]:
    """The entity with its coordinates, plus one region entity per directional mention."""
    if entity.type not in PLACE_TYPES:
        yield entity
        return
    plain, regions = [], {}
    for mention in entity.mentions:
        placement = placed.get((mention.start, mention.end))
        direction = _DIRECTION.search(text[max(0, mention.start - 20):mention.start])
        if placement is not None and placement.precision == "region" and entity.type == "country" and direction:
            start = mention.start - len(direction.group(0))
            wide = Mention(start, mention.end, text[start:mention.end], "LOC", mention.sentence)
            key = direction.group(1).lower()
            regions.setdefault(key, (placement, []))[1].append(wide)
        else:
            plain.append(mention)
    if plain:
        yield _with_place(replace(entity, mentions=tuple(plain)), placed, country_point)
    for key, (placement, mentions) in regions.items():
        yield _region(entity, key, placement, mentions)


def _with_place(entity: Entity, placed: dict[tuple[int, int], Placement],
                country_point: Optional[CountryPoint] = None) -> Entity:
    if entity.latitude is not None:
        return entity
    found = [placed[(m.start, m.end)] for m in entity.mentions if (m.start, m.end) in placed]
    if entity.type == "country":
        return _country_place(entity, found, country_point)
    placement = found[0] if found else None
    if placement is None:
        return replace(entity, reason=(entity.reason or "") + "; no place found in the gazetteer")
    return replace(entity, latitude=placement.latitude, longitude=placement.longitude,
                   precision=placement.precision, country=entity.country or placement.country,
                   reason=placement.reason)


def _country_place(entity: Entity, found: list[Placement],
                   country_point: Optional[CountryPoint]) -> Entity:
    """A linked country is placed at a country point, never at a town that shares its name
    (Lebanon, Pennsylvania): the geocoder's country reading, else the country's own point."""
    same = [p for p in found if p.precision == "country"
            and (entity.country is None or p.country == entity.country)]
    if same:
        return replace(entity, latitude=same[0].latitude, longitude=same[0].longitude,
                       precision="country", country=entity.country or same[0].country,
                       reason=same[0].reason)
    point = country_point(entity.country) if country_point and entity.country else None
    if point is None:
        return replace(entity, reason=(entity.reason or "") + "; no country point found")
    return replace(entity, latitude=point[0], longitude=point[1], precision="country",
                   reason=f"the linked country {entity.country}, at its own point")


def _region(country: Entity, direction: str, placement: Placement, mentions: list[Mention]) -> Entity:
    iso3 = country.country or placement.country or "?"
    return Entity(
        id=f"region:{iso3}:{direction}", name=f"{direction} {country.name}", type="place",
        mentions=tuple(mentions), kb_id=None, unresolved=None, country=iso3,
        latitude=placement.latitude, longitude=placement.longitude, precision="region",
        reason=placement.reason,
    )
