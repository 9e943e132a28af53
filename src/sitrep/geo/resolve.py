"""Toponym resolution: each recognised place name to a point, a precision and a reason.

:class:`Geocoder` resolves an article's toponyms together. A first pass ranks each name's
candidates with the article's country context; the confident results then serve as nearby
places for a second pass, so that an ambiguous "Tartus" or "Paris" lands near the rest of the
story. Directional phrases ("eastern Libya") become a region of the named country.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Optional

from sitrep.geo.directions import directional_place, preceding_direction, split_direction
from sitrep.geo.gazetteer import Candidate, Gazetteer, Place, gazetteer
from sitrep.geo.scoring import GeoContext, Qualifier, Scored, rank

VERSION = "geo-resolve/0.3"
CONFIDENT_MARGIN = 1.0  # score lead over the runner-up that makes a place an anchor
CONTEXT_CITY_POPULATION = 100_000  # an ambiguous city this large may set the article's country
# an institution named after a large area: "Florida Atlantic University", "Mall of Asia"
_INSTITUTION = r"(?:University|College|Polytechnic|Institute|Academy|School|Hospital|Mall|Airport|Stadium|Arena)"
_INSTITUTION_AFTER = re.compile(r"^(?:\s+[A-Z][\w&.'\-]*){0,3}?\s+" + _INSTITUTION + r"\b")
_INSTITUTION_BEFORE = re.compile(r"(?:Mall|Airport|Stadium|Arena)\s+(?:of|in|at)\s+(?:the\s+)?$")
LARGE_KINDS = ("admin1", "country", "continent", "region")
_QUALIFIER = re.compile(r"^,\s*((?:[A-Z][\w.'\-]*\.?)(?:\s+[A-Z][\w.'\-]*)*)")

Toponym = tuple[int, int, str]


@dataclass(frozen=True)
class Placement:
    """Where a toponym is: its span, point, precision (facility | city | region | country),
    GeoNames id when the place has one, ISO-3 country, and why this place was chosen."""

    start: int
    end: int
    text: str
    latitude: float
    longitude: float
    precision: str
    geonameid: Optional[int]
    country: Optional[str]
    reason: str


class Geocoder:
    """Resolves toponyms with a gazetteer; build one and reuse it (the gazetteer is shared)."""

    name = VERSION

    def __init__(self, places: Optional[Gazetteer] = None, preceding_directions: bool = True) -> None:
        self._gazetteer = places
        self.preceding_directions = preceding_directions

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = gazetteer()
        return self._gazetteer

    def context_for(self, toponyms: list[Toponym]) -> GeoContext:
        """Country counts from the toponyms whose reading needs no context."""
        counts: Counter[str] = Counter()
        for _start, _end, text in toponyms:
            ranked = rank(self._candidates(self._split(text)[1]), GeoContext(), None)
            if ranked and _confident(ranked) and _telling(ranked):
                counts[ranked[0].candidate.place.country] += 1
        return GeoContext(countries=dict(counts))

    def resolve(self, text: str, toponyms: list[Toponym], context: GeoContext) -> list[Placement]:
        """A placement for every toponym that names a known place (others are left out)."""
        first = [self._resolve_one(text, t, context) for t in toponyms]
        anchors = tuple((s.candidate.place.latitude, s.candidate.place.longitude)
                        for s, ranked in first if s and _confident(ranked)
                        and s.candidate.place.kind in ("city", "admin1", "admin2"))
        if not anchors:
            return [p for p in (self._place(text, t, r) for t, r in zip(toponyms, first)) if p]
        richer = replace(context, places=context.places + anchors)
        second = [self._resolve_one(text, t, richer, exclude=_own(first[i])) for i, t in enumerate(toponyms)]
        return [p for p in (self._place(text, t, r) for t, r in zip(toponyms, second)) if p]

    def _resolve_one(self, text: str, toponym: Toponym, context: GeoContext,
                     exclude: Optional[tuple[float, float]] = None) -> tuple[Optional[Scored], list[Scored]]:
        start, end, surface = toponym
        _direction, name = self._split(surface)
        if exclude is not None:
            context = replace(context, places=tuple(p for p in context.places if p != exclude))
        ranked = rank(self._candidates(name), context, self._qualifier(text, end))
        return (ranked[0] if ranked else None), ranked

    def _split(self, surface: str) -> tuple[Optional[str], str]:
        """The direction word and the place name, unless the whole is a name ("South Korea")."""
        direction, name = split_direction(surface)
        if direction and self.gazetteer.has(surface):
            return None, surface
        return direction, name

    def _candidates(self, name: str) -> list[Candidate]:
        return self.gazetteer.lookup(name)

    def _qualifier(self, text: str, end: int) -> Optional[Qualifier]:
        match = _QUALIFIER.match(text[end:end + 40])
        if not match:
            return None
        name = match.group(1)
        found = [c.place for c in self.gazetteer.lookup(name)]
        for place in found:
            if place.kind == "admin1":
                return Qualifier(name, place.country, place.admin1)
            if place.kind == "country":
                return Qualifier(name, place.country, None)
        counties = [p for p in found if p.kind == "admin2"]
        if len(counties) == 1:
            return Qualifier(name, counties[0].country, counties[0].admin1, counties[0].admin2)
        return None

    def _place(self, text: str, toponym: Toponym, result: tuple[Optional[Scored], list[Scored]]) -> Optional[Placement]:
        best, ranked = result
        if best is None:
            return None
        start, end, surface = toponym
        place = best.candidate.place
        if place.kind in LARGE_KINDS and _institution(text, start, end):
            return None  # the institution is somewhere in the area, not at its centre
        direction = self._split(surface)[0] or self._preceding(text, start)
        notes = list(best.notes)
        if direction and place.kind in ("country", "admin1"):
            place = directional_place(place, direction, self.gazetteer.bbox(place.country or ""))
            notes.insert(0, f"{direction} part of {best.candidate.place.name}")
        if len(ranked) > 1:
            notes.append(f"chosen over {len(ranked) - 1} other candidate(s)")
        return Placement(start, end, surface, round(place.latitude, 5), round(place.longitude, 5),
                         place.precision, place.geonameid, place.country, "; ".join(notes))

    def _preceding(self, text: str, start: int) -> Optional[str]:
        if not self.preceding_directions:
            return None
        return preceding_direction(text[max(0, start - 20):start])


def _institution(text: str, start: int, end: int) -> bool:
    """Whether the name is part of an institution's name ("California State University",
    "SM Mall of Asia"). "University of California" and "Culinary Institute of America" are
    not: GeoWebNews-style gold places such names at the area's point."""
    return bool(_INSTITUTION_AFTER.match(text[end:end + 60])
                or _INSTITUTION_BEFORE.search(text[max(0, start - 30):start]))


def _confident(ranked: list[Scored]) -> bool:
    if not ranked:
        return False
    if len(ranked) == 1:
        return True
    return ranked[0].score - ranked[1].score >= CONFIDENT_MARGIN


def _telling(ranked: list[Scored]) -> bool:
    """Whether the best reading may speak for the article's country: a small town that merely
    outscores its namesakes elsewhere ("Nelson") may not."""
    place = ranked[0].candidate.place
    if place.country is None:
        return False
    return len(ranked) == 1 or place.kind != "city" or place.population >= CONTEXT_CITY_POPULATION


def _own(result: tuple[Optional[Scored], list[Scored]]) -> Optional[tuple[float, float]]:
    best = result[0]
    if best is None:
        return None
    place: Place = best.candidate.place
    return place.latitude, place.longitude
