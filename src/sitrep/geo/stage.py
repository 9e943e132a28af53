"""The geoparser as a stage: what the place names of an article are read as.

The stage geoparses the article the way the scored geoparser does (:mod:`sitrep.evaluation.geo`):
the toponyms :func:`~sitrep.geo.recognize.recognize` finds in the spaCy ``Doc`` the nlp stage
left in ``scratch.doc``, plus the mentions of the link stage's place entities that no toponym
overlaps, all resolved together with one article context. It leaves what it read in
``scratch.place_readings`` (:class:`~sitrep.model.PlaceReadings`, the fact ``place-readings``)
and changes no entity: which entity each reading belongs to, and what new place entities the
readings make, is decided by the place stage of the link package (:mod:`sitrep.link.places`).
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from ..model import Article, PlaceReadings
from ..vocabulary import PLACE_TYPES
from .recognize import own_place, recognize
from .resolve import VERSION as RESOLVE_VERSION
from .resolve import Geocoder

VERSION = f"{RESOLVE_VERSION}+read/0.2"

Toponym = tuple[int, int, str]


class GeoStage:
    name = "geo"
    version = VERSION
    requires = ("entities:linked", "doc")
    provides = ("place-readings",)
    languages = frozenset({"en"})  # an English model or English rules

    def __init__(self, geocoder: Optional[Geocoder] = None, recognise: bool = True) -> None:
        self.geocoder = geocoder or Geocoder()
        self.recognise = recognise

    def __call__(self, article: Article, scratch: Any) -> Article:
        scratch.place_readings = self.read(article, getattr(scratch, "doc", None))
        return article

    def read(self, article: Article, doc: Any) -> PlaceReadings:
        """The article's toponyms, recognised in ``doc`` or named by place entities, resolved."""
        recognised = self._recognised(article.text, doc)
        mentions = [m for e in article.entities if e.type in PLACE_TYPES for m in e.mentions]
        toponyms = sorted(recognised + [(m.start, m.end, m.text) for m in mentions
                                        if not _overlapping((m.start, m.end), recognised)])
        if not toponyms:
            return PlaceReadings()
        found = self.geocoder.resolve(article.text, toponyms, self.geocoder.context_for(toponyms))
        gazetteer = self.geocoder.gazetteer
        texts = {p.text for p in found}
        countries = {e.country for e in article.entities if e.type == "country" and e.country}
        points = [(iso3, place.latitude, place.longitude) for iso3 in sorted(countries)
                  if (place := gazetteer.country(iso3)) is not None]
        return PlaceReadings(
            toponyms=tuple(toponyms), recognised=tuple(recognised), found=tuple(found),
            own_names=frozenset(t for t in texts if any(c.primary for c in gazetteer.lookup(t))),
            own_places=frozenset(t for t in texts if own_place(gazetteer, t)),
            country_points=tuple(points))

    def _recognised(self, text: str, doc: Any) -> list[Toponym]:
        if not self.recognise or doc is None or getattr(doc, "text", None) != text:
            return []
        return recognize(doc, self.geocoder.gazetteer, heads=True)


def _overlapping(span: tuple[int, int], others: Iterable[Any]) -> bool:
    return any(span[0] < o[1] and o[0] < span[1] for o in others)
