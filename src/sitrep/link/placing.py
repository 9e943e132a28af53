"""Which reading of the geoparser each place entity takes, and the entities a reading splits
off: the part of the place stage (:mod:`sitrep.link.places`) that works on one entity.

- an entity that the knowledge base already placed (bases, ports) keeps its coordinates; a
  linked country keeps the country rule (:func:`_country_place`);
- any other place entity takes the reading most of its mentions got (the first mention's on a
  tie); a mention whose own reading lies far from it becomes an entity of its own, with the
  same name and its own point ("Paris, Texas" beside "Paris" the capital);
- a directional mention of a country ("eastern Libya") becomes an entity of its own: a region
  of that country, with the direction word inside its mention;
- a country's mention that names a city or region of it ("Moscow" for Russia), or a place in
  another country that the text qualifies ("Lebanon, Pennsylvania"), becomes a place entity.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Callable, Iterable, Optional

from ..knowledge.gazetteer import haversine_km
from ..model import Entity, Mention, Placement
from ..vocabulary import PLACE_TYPES, local_id

APART_KM = 161.0  # a mention placed this far from its entity's reading is another place
_DIRECTION = re.compile(r"\b((?:north|south|east|west|central)(?:-?(?:east|west))?(?:ern)?)\s+$", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"\b(?:in|near|at|outside|around|from|to|into|across|between|via|through|towards?|"
                           r"inside|within)\s+(?:[A-Z][\w.\-]*\s+(?:and|or)\s+)?$", re.IGNORECASE)
_BASED = re.compile(r"^-based\b")
_HEAD_BEFORE = re.compile(r"(?:^|\s)of\s+(?:the\s+)?$", re.IGNORECASE)  # "the town of |Kobani"
_HEAD_AFTER = re.compile(r"^(?:['’]s?)?[\s.,;:]*$")  # nothing after the toponym but a possessive
_QUALIFIED_BY = re.compile(r"^,\s*(?:the\s+)?$")  # "Paris|, |Texas"
_QUALIFIES = re.compile(r",\s*$")  # "Atlanta|, |Georgia"

Span = tuple[int, int]

CountryPoint = Callable[[str], Optional[tuple[float, float]]]


def mention_placements(mentions: Iterable[Mention], found: Iterable[Placement],
                       facilities: Iterable[Span] = (),
                       own_name: Optional[Callable[[str], bool]] = None) -> dict[Span, Placement]:
    """Each mention's placement: the one of its own span or of a toponym that is the whole
    mention less "the" or a possessive; else, except for facilities, the one of its head
    place, a toponym inside it after "of" or at its end ("Tel Tamer" for the mention "the town
    of Tel Tamer", "Kobani" for "the Syrian border town of Kobani"). A demonym or adjective
    inside a longer mention ("Russian" in "Russian-occupied areas", "U.S." in "the U.S.
    Embassy") and a place that only starts it ("Paris" in "the Paris Hilton") place nothing."""
    found = list(found)
    exact = {(p.start, p.end): p for p in found}
    facilities = set(facilities)
    out: dict[Span, Placement] = {}
    for mention in mentions:
        key = (mention.start, mention.end)
        inside = [p for p in found if mention.start <= p.start and p.end <= mention.end]
        whole = [p for p in found if p.start <= mention.start and mention.end <= p.end] + \
            [p for p in inside if _whole(mention, p)]
        heads = [] if key in facilities else [p for p in inside if _head(mention, p)
                                              and (own_name is None or own_name(p.text))]
        best = exact.get(key) or next(iter(whole), None) or max(heads, key=lambda p: p.end - p.start, default=None)
        if best is not None:
            out[key] = best
    return out


def _whole(mention: Mention, placement: Placement) -> bool:
    """The toponym is the whole mention, but for "the" before it and a possessive after it."""
    before = mention.text[:placement.start - mention.start]
    after = mention.text[placement.end - mention.start:]
    return re.fullmatch(r"(?:the\s+)?", before, re.IGNORECASE) is not None and _HEAD_AFTER.match(after) is not None


def _head(mention: Mention, placement: Placement) -> bool:
    """The toponym is the place a longer mention is about: after its "of", or at its end."""
    before = mention.text[:placement.start - mention.start]
    after = mention.text[placement.end - mention.start:]
    return bool(_HEAD_AFTER.match(after) or _HEAD_BEFORE.search(before))


def place_entity(text: str, entity: Entity, placed: dict[Span, Placement],
                 country_point: Optional[CountryPoint] = None,
                 found: Optional[Iterable[Placement]] = None) -> Iterable[Entity]:
    """The entity with its coordinates, plus one region entity per directional mention and
    one entity per reading far from the entity's own. ``found`` (all the article's readings,
    else those in ``placed``) tells whether a linked country's mention is qualified as a place
    in another country ("Paris, Texas")."""
    if entity.type not in PLACE_TYPES:
        yield entity
        return
    found = list(placed.values()) if found is None else list(found)
    country = entity.type == "country" and entity.latitude is None
    elsewhere = {_point_key(p) for m in entity.mentions if country
                 and (p := placed.get((m.start, m.end))) is not None
                 and _qualified_elsewhere(text, m, p, entity.country, found)}
    plain, regions, parts = [], {}, {}
    for mention in entity.mentions:
        placement = placed.get((mention.start, mention.end))
        direction = _DIRECTION.search(text[max(0, mention.start - 20):mention.start])
        if country and placement is not None and (_point_key(placement) in elsewhere and _other_country(
                placement, entity.country) or _literal_part(text, mention, placement, entity.country)):
            parts.setdefault((mention.text, _point_key(placement)), (placement, []))[1].append(mention)
        elif placement is not None and placement.precision == "region" and entity.type == "country" and direction:
            start = mention.start - len(direction.group(0))
            wide = Mention(start, mention.end, text[start:mention.end], "LOC", mention.sentence)
            key = direction.group(1).lower()
            regions.setdefault(key, (placement, []))[1].append(wide)
        else:
            plain.append(mention)
    if plain:
        yield from _with_place(replace(entity, mentions=tuple(plain)), placed, country_point)
    for key, (placement, mentions) in regions.items():
        yield _region(entity, key, placement, mentions)
    for (name, _point), (placement, mentions) in parts.items():
        yield _part(entity, name, placement, mentions, not any(_locative(text, m) for m in mentions))


def _with_place(entity: Entity, placed: dict[Span, Placement],
                country_point: Optional[CountryPoint] = None) -> Iterable[Entity]:
    if entity.latitude is not None:
        yield entity
        return
    found = [placed[(m.start, m.end)] for m in entity.mentions if (m.start, m.end) in placed]
    if entity.type == "country":
        yield _country_place(entity, found, country_point)
        return
    placement = _most_frequent(found)
    if placement is None:
        yield replace(entity, reason=(entity.reason or "") + "; no place found in the gazetteer")
        return
    apart = [] if entity.kb_id else _apart(entity.mentions, placed, placement)
    kept = tuple(m for m in entity.mentions if all(m not in ms for _p, ms in apart))
    readings = Counter(_point_key(p) for p in found)
    note = "" if len(readings) < 2 else f"; the reading of {readings[_point_key(placement)]} of {len(found)} mentions"
    yield _placed(replace(entity, mentions=kept), placement, note)
    for other, mentions in apart:
        yield replace(_placed(entity, other, "; a reading far from the entity's other mentions"),
                      id=f"{entity.id}@{_point_key(other)}", mentions=tuple(mentions))


def _placed(entity: Entity, placement: Placement, note: str = "") -> Entity:
    reason = placement.reason + note
    return replace(entity, latitude=placement.latitude, longitude=placement.longitude,
                   precision=placement.precision, country=entity.country or placement.country,
                   reason=reason)


def _most_frequent(found: list[Placement]) -> Optional[Placement]:
    """The reading most mentions got; the first mention's among equals."""
    if not found:
        return None
    votes = Counter(_point_key(p) for p in found)
    top = max(votes.values())
    return next(p for p in found if votes[_point_key(p)] == top)


def _apart(mentions: Iterable[Mention], placed: dict[Span, Placement],
           chosen: Placement) -> list[tuple[Placement, list[Mention]]]:
    """Mentions whose own reading lies more than ``APART_KM`` from the chosen one, by reading."""
    groups: dict[str, tuple[Placement, list[Mention]]] = {}
    for mention in mentions:
        own = placed.get((mention.start, mention.end))
        if own is None or haversine_km(own.latitude, own.longitude, chosen.latitude, chosen.longitude) <= APART_KM:
            continue
        groups.setdefault(_point_key(own), (own, []))[1].append(mention)
    return list(groups.values())


def _point_key(placement: Placement) -> str:
    if placement.geonameid is not None:
        return str(placement.geonameid)
    return f"{placement.latitude:.2f},{placement.longitude:.2f}"


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


def _literal_part(text: str, mention: Mention, placement: Placement, iso3: Optional[str]) -> bool:
    """A country's mention that names a city or region of that country ("London" for the UK,
    "Moscow" for Russia, "England"): the place itself, whether it stands where places stand
    ("in Moscow") or for the country ("Moscow said", a metonymy)."""
    return placement.precision in ("city", "facility", "region") and placement.country == iso3


def _locative(text: str, mention: Mention) -> bool:
    """The mention stands where places stand: after a locative preposition, before "-based",
    or in capitals as a dateline ("LONDON (AP)")."""
    before, after = text[max(0, mention.start - 40):mention.start], text[mention.end:mention.end + 8]
    dateline = mention.text.isupper() and len(mention.text) > 3
    return bool(_PLACE_BEFORE.search(before) or _BASED.match(after) or dateline)


def _other_country(placement: Placement, iso3: Optional[str]) -> bool:
    return placement.precision in ("city", "facility", "region") and placement.country is not None \
        and iso3 is not None and placement.country != iso3


def _qualified_elsewhere(text: str, mention: Mention, placement: Placement, iso3: Optional[str],
                         found: list[Placement]) -> bool:
    """A country's mention that the geocoder reads as a place in another country, with the
    text's qualifier for it: a state or country right after it ("Paris, Texas", "Lebanon,
    Pennsylvania"), or a city of that country right before it ("Atlanta, Georgia")."""
    if not _other_country(placement, iso3):
        return False
    if "qualified by" in placement.reason:
        return True
    for other in found:
        if other.start >= mention.end and other.country == placement.country \
                and other.precision in ("region", "country") and _QUALIFIED_BY.match(text[mention.end:other.start]):
            return True
        if other.end <= mention.start and other.country == placement.country and placement.precision == "region" \
                and other.precision == "city" and _QUALIFIES.fullmatch(text[other.end:mention.start]):
            return True
    return False


def _part(country: Entity, name: str, placement: Placement, mentions: list[Mention], metonymy: bool) -> Entity:
    elsewhere = placement.country != country.country
    role = f"a place in {placement.country}, not the country {country.id}" if elsewhere \
        else f"metonymy: the place, standing for {country.id}" if metonymy \
        else f"a place (as an actor it is {country.id})"
    return Entity(
        id=local_id("place", name), name=name, type="place", mentions=tuple(mentions),
        country=placement.country, latitude=placement.latitude, longitude=placement.longitude,
        precision=placement.precision, reason=f"{placement.reason}; named as {role}",
    )


def _region(country: Entity, direction: str, placement: Placement, mentions: list[Mention]) -> Entity:
    iso3 = country.country or placement.country or "?"
    return Entity(
        id=f"region:{iso3}:{direction}", name=f"{direction} {country.name}", type="place",
        mentions=tuple(mentions), kb_id=None, unresolved=None, country=iso3,
        latitude=placement.latitude, longitude=placement.longitude, precision="region",
        reason=placement.reason,
    )
