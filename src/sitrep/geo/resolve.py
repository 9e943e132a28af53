"""Toponym resolution: each recognised place name to a point, a precision and a reason.

:class:`Geocoder` resolves an article's toponyms together. A first pass ranks each name's
candidates with the article's country context; the confident results then serve as nearby
places for a second pass, so that an ambiguous "Tartus" or "Paris" lands near the rest of the
story. Directional phrases ("eastern Libya") become a region of the named country.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Optional

from sitrep.geo.directions import directional_place, preceding_direction, split_direction
from sitrep.knowledge.gazetteer import Candidate, Gazetteer, Place, gazetteer, haversine_km
from sitrep.model import Placement
from sitrep.vocabulary import normalize
from sitrep.geo.scoring import GeoContext, Qualifier, Scored, rank, satisfies

VERSION = "geo-resolve/0.5"
CONFIDENT_MARGIN = 1.0  # score lead over the runner-up that makes a place an anchor
CONTEXT_CITY_POPULATION = 100_000  # an ambiguous city this large may set the article's country
# an institution named after a large area: "Florida Atlantic University", "Mall of Asia"
_INSTITUTION = r"(?:University|College|Polytechnic|Institute|Academy|School|Hospital|Mall|Airport|Stadium|Arena)"
_INSTITUTION_AFTER = re.compile(r"^(?:\s+[A-Z][\w&.'\-]*){0,3}?\s+" + _INSTITUTION + r"\b")
_INSTITUTION_BEFORE = re.compile(r"(?:Mall|Airport|Stadium|Arena)\s+(?:of|in|at)\s+(?:the\s+)?$")
LARGE_KINDS = ("admin1", "country", "continent", "region")
LIST_FAR_KM = 500.0  # a city this far from every state listed beside it is not meant ("California or Washington")
STATE_FAR_KM = 150.0  # an in-state place this far from the namesake city points at the state
# words that make a name the city where a state of the same name exists
CITY_WORDS = {
    "washington": re.compile(r"\b(?:D\.\s?C\b|White House|Congress|Capitol|Pentagon|[Aa]dministration|"
                             r"State Department|Trump|Obama|Senate|lawmakers|federal)"),
    "new york": re.compile(r"\b(?:Manhattan|Brooklyn|Queens|Bronx|Staten Island|NYPD|New York City|"
                           r"Wall Street|Times Square|[Ss]ubway|Harlem|[Mm]ayor)"),
}
_QUALIFIER = re.compile(r"^,\s*((?:[A-Z][\w.'\-]*\.?)(?:\s+[A-Z][\w.'\-]*)*)")
_LIST_GLUE = re.compile(r"^\s*(?:,|,?\s*(?:and|or|&))\s*$")  # between two items of a list
_LIST_NEXT = re.compile(r"^\s*(?:,|,?\s*(?:and|or|&)\s)\s*(?:the\s+)?[A-Z]")
# a name followed by a word that makes it part of a longer place name ("Washington Township")
_GENERIC_NEXT = re.compile(r"^\s+(Township|County|Parish|Borough|Municipality|District|Province|"
                           r"Governorate|Oblast|Prefecture|Region|Village|Street|Avenue|Road|Boulevard|"
                           r"Lake|River|Mountain|Island|Beach|Valley|Creek|Bay|Harbor|Harbour)\b")
# the state rather than its namesake city ("Washington state", "upstate New York")
_STATE_AFTER = re.compile(r"^(?:\s+state\b|\s+State\b(?!\s+(?:University|College|Univ)))")
_STATE_BEFORE = re.compile(r"(?:\b(?:upstate|[Ss]tate\s+of|[Gg]overnor\s+of|[Gg]ov\.?\s+of|"
                           r"states?\s+(?:such\s+as|like|including))\s+(?:the\s+)?)$")

Toponym = tuple[int, int, str]


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
        """Country counts, and the states named, from the toponyms whose reading needs no context."""
        counts: Counter[str] = Counter()
        states: set[str] = set()
        for _start, _end, text in toponyms:
            ranked = rank(self._candidates(self._split(text)[1]), GeoContext(), None)
            if ranked and _confident(ranked) and _telling(ranked):
                place = ranked[0].candidate.place
                counts[place.country] += 1
                if place.kind == "admin1" and place.admin1:
                    states.add(place.admin1)
        return GeoContext(countries=dict(counts), regions=frozenset(states))

    def resolve(self, text: str, toponyms: list[Toponym], context: GeoContext) -> list[Placement]:
        """A placement for every toponym that names a known place (others are left out)."""
        first = [self._resolve_one(text, t, context) for t in toponyms]
        anchors = tuple((s.candidate.place.latitude, s.candidate.place.longitude)
                        for s, ranked in first if s and _confident(ranked)
                        and s.candidate.place.kind in ("city", "admin1", "admin2"))
        second = first
        if anchors:
            richer = replace(context, places=context.places + anchors)
            second = [self._resolve_one(text, t, richer, exclude=_own(first[i])) for i, t in enumerate(toponyms)]
        settled = [self._state_or_city(text, toponyms, i, r, first) for i, r in enumerate(second)]
        settled = [self._unqualified(text, toponyms, i, r) for i, r in enumerate(settled)]
        return [p for p in (self._place(text, t, r) for t, r in zip(toponyms, settled)) if p]

    def _resolve_one(self, text: str, toponym: Toponym, context: GeoContext,
                     exclude: Optional[tuple[float, float]] = None) -> tuple[Optional[Scored], list[Scored]]:
        start, end, surface = toponym
        _direction, name = self._split(surface)
        generic = _GENERIC_NEXT.match(text[end:end + 16])
        if generic:  # "Washington Township": the longer name, or nothing rather than Washington, D.C.
            name = f"{name} {generic.group(1)}"
            if not self.gazetteer.has(name):
                return None, []
        if exclude is not None:
            context = replace(context, places=tuple(p for p in context.places if p != exclude))
        ranked = rank(self._candidates(name), context, self._qualifier(text, end))
        return (ranked[0] if ranked else None), ranked

    def _state_or_city(self, text: str, toponyms: list[Toponym], i: int,
                       result: tuple[Optional[Scored], list[Scored]],
                       first: list[tuple[Optional[Scored], list[Scored]]]) -> tuple[Optional[Scored], list[Scored]]:
        """A state against the city of the same name ("Washington", "New York"): the state when
        the text says so ("Washington state", "upstate New York", "states such as California or
        Washington") or the article's other places lie in the state far from the city and
        nothing in it speaks of the city; the city when the article speaks of it (White
        House, Congress; Manhattan, NYPD)."""
        best, ranked = result
        if best is None or best.candidate.place.kind not in ("city", "admin1"):
            return result
        country = best.candidate.place.country
        state = next((s for s in ranked if s.candidate.place.kind == "admin1"
                      and s.candidate.place.country == country), None)
        city = next((s for s in ranked if s.candidate.place.kind == "city"
                     and s.candidate.place.country == country), None)
        if state is None or city is None:
            return result
        start, end, surface = toponyms[i]
        words = CITY_WORDS.get(normalize(surface))
        city_talk = bool(words and words.search(text))
        why = self._state_signal(text, toponyms, i, state, city, first, city_talk)
        if why and best is not state:
            return state, [_noted(state, why), *(s for s in ranked if s is not state)]
        if not why and city_talk and best is state and (city.candidate.place.capital
                                                       or city.candidate.place.population >= 1_000_000):
            note = "the article speaks of the city"
            return city, [_noted(city, note), *(s for s in ranked if s is not city)]
        return result

    def _state_signal(self, text: str, toponyms: list[Toponym], i: int, state: Scored, city: Scored,
                      first: list[tuple[Optional[Scored], list[Scored]]], city_talk: bool) -> Optional[str]:
        start, end, _surface = toponyms[i]
        if _STATE_AFTER.match(text[end:end + 20]) or _STATE_BEFORE.search(text[max(0, start - 40):start]):
            return "the text calls it a state"
        region, town = state.candidate.place, city.candidate.place
        listed = []
        for j in (i - 1, i + 1):
            if not 0 <= j < len(toponyms):
                continue
            a, b = (toponyms[j][1], start) if j < i else (end, toponyms[j][0])
            other = first[j][0]
            if other and _LIST_GLUE.match(text[a:b]) and other.candidate.place.kind == "admin1" \
                    and other.candidate.place.country == region.country and other.candidate.place.admin1 != region.admin1:
                listed.append(other.candidate.place)
        if listed and all(haversine_km(town.latitude, town.longitude, p.latitude, p.longitude) > LIST_FAR_KM
                          for p in listed):
            return f"listed with the state {listed[0].name}"
        if city_talk:
            return None
        inside = [s.candidate.place for s, ranked in first if s and _confident(ranked)
                  and s.candidate.place.kind == "city" and s.candidate.place.admin1 == region.admin1
                  and s.candidate.place.geonameid != town.geonameid]
        if inside and all(haversine_km(town.latitude, town.longitude, p.latitude, p.longitude) > STATE_FAR_KM
                          for p in inside):
            return f"the article's places lie in the state ({inside[0].name})"
        return None

    def _unqualified(self, text: str, toponyms: list[Toponym], i: int,
                     result: tuple[Optional[Scored], list[Scored]]) -> tuple[Optional[Scored], list[Scored]]:
        """No place when the text qualifies a town by a region or country that none of its
        readings lies in ("Gainesville, Va." without the Virginia town), unless the comma
        belongs to a list ("Aleppo, Idlib and Homs")."""
        best, ranked = result
        if best is None or best.candidate.place.kind not in ("city", "admin2"):
            return result
        start, end, _surface = toponyms[i]
        qualifier = self._qualifier(text, end)
        if qualifier is None or not qualifier.closes or qualifier.admin2:
            return result
        if i > 0 and _LIST_GLUE.match(text[toponyms[i - 1][1]:start]):
            return result
        if any(satisfies(s.candidate.place, qualifier) for s in ranked):
            return result
        return None, []

    def _split(self, surface: str) -> tuple[Optional[str], str]:
        """The direction word and the place name, unless the whole is a name ("South Korea")."""
        direction, name = split_direction(surface)
        if direction and self.gazetteer.has(surface):
            return None, surface
        return direction, name

    def _candidates(self, name: str) -> list[Candidate]:
        return self.gazetteer.lookup(name)

    def _qualifier(self, text: str, end: int) -> Optional[Qualifier]:
        """The region or country after a comma ("Gainesville, Va. There ..." gives "Va."):
        the longest run of capitalised words that names one, then shorter runs."""
        match = _QUALIFIER.match(text[end:end + 40])
        if not match:
            return None
        words = match.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            found = self._qualifying(name)
            if found:
                rest = text[end + match.start(1) + len(name):end + match.start(1) + len(name) + 12]
                return replace(found, closes=not _LIST_NEXT.match(rest))
        return None

    def _qualifying(self, name: str) -> Optional[Qualifier]:
        readings = self._readings(name)
        return replace(readings[0], also=tuple(readings[1:])) if readings else None

    def _readings(self, name: str) -> list[Qualifier]:
        """What a qualifier can mean: countries and first-level regions, the most populous
        first ("Florida" the state before the Puerto Rican municipality), or one county."""
        found = [c.place for c in self.gazetteer.lookup(name)]
        large = sorted((p for p in found if p.kind in ("admin1", "country")), key=lambda p: -p.population)
        if large:
            return [Qualifier(name, p.country, p.admin1 if p.kind == "admin1" else None) for p in large]
        counties = [p for p in found if p.kind == "admin2"]
        if len(counties) == 1:
            return [Qualifier(name, counties[0].country, counties[0].admin1, counties[0].admin2)]
        return []

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


def _noted(scored: Scored, note: str) -> Scored:
    return Scored(scored.candidate, scored.score, (*scored.notes, note))


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
