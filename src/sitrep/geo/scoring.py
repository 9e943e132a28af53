"""How a toponym's candidate places are weighed against each other.

A candidate's score is a sum of evidence, each part with a short note that becomes the
placement's reason: how many people live there (log scale), what kind of place it is, whether
the name is its preferred one, whether it lies in a country the article is about, whether it
is near the article's other places, and whether the text qualifies it ("Paris, Texas").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Mapping, Optional

from sitrep.knowledge.gazetteer import Candidate, Place, haversine_km

KIND_PRIOR = {"country": 2.0, "continent": 2.0, "region": 0.0, "admin1": 0.0, "admin2": 0.0,
              "city": 0.0, "facility": 0.0, "feature": 0.0}
CURATED_KINDS = ("region", "facility", "feature")  # hand-curated entries: well-known names
REGION_SCORE = 10.0  # a curated region stands for a large, well-known place
COUNTRY_ALIAS_PENALTY = 0.5  # "England" is a region before it is the United Kingdom
NAMESAKE_SHARE, NAMESAKE_BONUS = 0.25, 2.0  # "New York" the city, not the state
ADMIN1_POPULATION_SHARE = 0.2  # a region is named less often than its own population suggests
ALTERNATE_NAME_PENALTY = 1.0
COUNTRY_NAME_PENALTY = 3.0  # "Mexico" is the country before it is Mexico City's other name
REGION_KINDS = ("admin1", "admin2")  # GeoNames first- and second-level regions
CAPITAL_BONUS = 0.5
CONTEXT_PRESENT_BONUS = 1.0
CONTEXT_SHARE_BONUS = 2.5
QUALIFIER_BONUS = 5.0
NEAR_KM, NEAR_BONUS = 150.0, 1.5
AROUND_KM, AROUND_BONUS = 500.0, 0.75
STATE_BONUS = 1.5  # a town or county in a state the article names ("Shelby" in a story about Montana)
BIG_CITY_POPULATION = 250_000  # a city this large keeps its name against towns in the article's states


@dataclass(frozen=True)
class GeoContext:
    """What the article says about where it is: mentions per country (ISO-3) and the points
    of places already resolved."""

    countries: Mapping[str, float] = field(default_factory=dict)
    places: tuple[tuple[float, float], ...] = ()
    regions: frozenset[str] = frozenset()  # GeoNames admin1 codes of the states the article names

    def share(self, iso3: Optional[str]) -> float:
        total = sum(self.countries.values())
        return self.countries.get(iso3 or "", 0.0) / total if total else 0.0


@dataclass(frozen=True)
class Qualifier:
    """A region or country that the text attaches to a toponym ("Paris, Texas")."""

    name: str
    country: Optional[str]
    admin1: Optional[str]
    admin2: Optional[str] = None
    closes: bool = True  # False when a list goes on after it ("Aleppo, Idlib and Homs")
    also: tuple["Qualifier", ...] = ()  # other readings of the same name ("Georgia" the country and the state)


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    notes: tuple[str, ...]


def prior(candidate: Candidate) -> tuple[float, list[str]]:
    """Evidence that needs no context: population, kind, preferred name, capital."""
    place = candidate.place
    population = place.population
    if place.kind in REGION_KINDS:
        population = int(population * ADMIN1_POPULATION_SHARE)
    score = math.log10(population + 1) + KIND_PRIOR[place.kind]
    if place.kind in CURATED_KINDS:
        score = REGION_SCORE
    notes = [_describe(place)]
    if place.kind == "country" and not candidate.primary:
        score -= COUNTRY_ALIAS_PENALTY
    if not candidate.primary and place.kind in ("city", *REGION_KINDS):
        score -= ALTERNATE_NAME_PENALTY
        notes.append("matched by an alternate name")
    if place.capital:
        score += CAPITAL_BONUS
        notes.append("national capital")
    return score, notes


def _describe(place: Place) -> str:
    where = f" in {place.country}" if place.country and place.kind != "country" else ""
    people = f", population {place.population:,}" if place.population else ""
    return f"{place.kind} {place.name}{where}{people}"


def score(candidate: Candidate, context: GeoContext, qualifier: Optional[Qualifier]) -> Scored:
    """The candidate's total score with the notes that explain it."""
    total, notes = prior(candidate)
    place = candidate.place
    if place.kind != "country" and place.country and place.country in context.countries:
        share = context.share(place.country)
        total += CONTEXT_PRESENT_BONUS + CONTEXT_SHARE_BONUS * share
        notes.append(f"in {place.country}, which the article mentions ({share:.0%} of mentions)")
    total, notes = _nearness(place, context, total, notes)
    if qualifier and satisfies(place, qualifier):
        total += QUALIFIER_BONUS
        notes.append(f"qualified by {qualifier.name!r}")
    return Scored(candidate, total, tuple(notes))


def _nearness(place: Place, context: GeoContext, total: float, notes: list[str]) -> tuple[float, list[str]]:
    if place.kind not in ("city", *REGION_KINDS) or not context.places:
        return total, notes
    nearest = min(haversine_km(place.latitude, place.longitude, lat, lon) for lat, lon in context.places)
    if nearest <= NEAR_KM:
        return total + NEAR_BONUS, [*notes, f"{nearest:.0f} km from another place in the article"]
    if nearest <= AROUND_KM:
        return total + AROUND_BONUS, [*notes, f"{nearest:.0f} km from another place in the article"]
    return total, notes


def satisfies(place: Place, qualifier: Qualifier) -> bool:
    """Whether the place lies in the region or country that qualifies it."""
    return any(_satisfies(place, q) for q in (qualifier, *qualifier.also))


def _satisfies(place: Place, qualifier: Qualifier) -> bool:
    if place.kind not in ("city", *REGION_KINDS) or place.country is None:
        return False
    if qualifier.admin2:
        return place.admin2 == qualifier.admin2
    if qualifier.admin1:
        return place.admin1 == qualifier.admin1
    return place.country == qualifier.country


def rank(candidates: list[Candidate], context: GeoContext, qualifier: Optional[Qualifier]) -> list[Scored]:
    """Candidates best first."""
    scored = [_in_named_state(score(c, context, qualifier), candidates, context) for c in candidates]
    scored = [_namesake(s, candidates) for s in scored]
    scored = [_country_name(s, candidates) for s in scored]
    return sorted(scored, key=lambda s: (-s.score, -s.candidate.place.population))


def _in_named_state(scored: Scored, candidates: list[Candidate], context: GeoContext) -> Scored:
    """A town or county in a state the article names ("Shelby" in a story about Montana,
    "McLean County" in one about Kentucky), unless the name is also a big city's ("Portland",
    "Louisville" stay the cities in a story that names Texas or Ohio) or a country's or
    curated region's ("Lebanon" in a story that names Pennsylvania), or matches only by an
    alternate name."""
    place = scored.candidate.place
    if place.kind not in ("city", "admin2") or not scored.candidate.primary \
            or not place.admin1 or place.admin1 not in context.regions:
        return scored
    if any(c.primary and c.place.kind == "city" and c.place.population >= BIG_CITY_POPULATION
           and c.place.admin1 != place.admin1 for c in candidates):
        return scored
    if any(c.place.kind == "country" or (c.primary and c.place.kind not in ("city", *REGION_KINDS))
           for c in candidates):
        return scored  # a country's or a curated region's own name (Lebanon, Palestine)
    return Scored(scored.candidate, scored.score + STATE_BONUS,
                  (*scored.notes, f"in {place.admin1}, a state the article names"))


def _namesake(scored: Scored, candidates: list[Candidate]) -> Scored:
    """A large city inside a region of the same name is what the name usually means."""
    place = scored.candidate.place
    if place.kind != "city":
        return scored
    for other in candidates:
        region = other.place
        if region.kind == "admin1" and region.admin1 == place.admin1 and \
                place.population >= NAMESAKE_SHARE * region.population:
            return Scored(scored.candidate, scored.score + NAMESAKE_BONUS,
                          (*scored.notes, f"main city of the region {region.name}"))
    return scored


def _country_name(scored: Scored, candidates: list[Candidate]) -> Scored:
    """A name that is a country's is the country, not a city or region that carries it as
    another name ("Mexico" for Mexico City, "Kuwait" for Kuwait City) or lies inside it
    ("Mexico" the State of México): the article's talk of the country speaks for the country."""
    place = scored.candidate.place
    if place.kind not in ("city", *REGION_KINDS):
        return scored
    countries = {c.place.country for c in candidates if c.place.kind == "country" and c.primary}
    if not countries or (scored.candidate.primary and place.country not in countries):
        return scored
    return Scored(scored.candidate, scored.score - COUNTRY_NAME_PENALTY,
                  (*scored.notes, "the name is a country's"))
