"""Every toponym the geoparser places is in the record (issue 15): demonyms placed at the place
they name, places inside other names as mentions of their own, institutions as organisations,
and the seed's places at their own points. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.evaluation.records import geo_row
from sitrep.knowledge.gazetteer import haversine_km
from sitrep.model import to_dict

MOSCOW, DAMASCUS, BENGHAZI = (55.752, 37.618), (33.510, 36.291), (32.115, 20.068)
TARTUS, HMEIMIM, SACRAMENTO = (34.889, 35.887), (35.401, 35.949), (38.582, -121.494)


@pytest.fixture(scope="module")
def run() -> Any:
    from sitrep.ingest.sources import record_to_document
    from sitrep.pipeline import default_pipeline

    pipeline = default_pipeline()
    return lambda text: pipeline.process(record_to_document({"id": "t", "text": text}, "geowebnews"))


def at(article: Any, surface: str) -> list[Any]:
    """The entities with a mention of exactly these words."""
    return [e for e in article.entities for m in e.mentions if m.text == surface]


def near(entity: Any, point: tuple[float, float], km: float = 30.0) -> bool:
    return entity.latitude is not None and haversine_km(entity.latitude, entity.longitude, *point) <= km


def test_a_demonym_is_placed_at_its_country_with_country_precision(run: Any) -> None:
    article = run("Syrian troops crossed the river while Lebanese farmers watched.")
    (syrian,) = at(article, "Syrian")
    assert syrian.type == "nationality" and syrian.country == "SYR" and syrian.precision == "country"
    assert near(syrian, (35.0, 38.0), 300)
    assert "demonym" in syrian.reason or "named inside" in syrian.reason


def test_places_inside_other_names_are_mentions_of_their_own(run: Any) -> None:
    article = run("The Ukrainian government thanked Canadian Prime Minister Justin Trudeau. "
                  "Thieves took two tractors from a farm in the Sacramento area.")
    (ukrainian,) = at(article, "Ukrainian")
    assert ukrainian.country == "UKR" and "named inside" in ukrainian.reason
    (canadian,) = at(article, "Canadian")
    assert canadian.country == "CAN" and canadian.latitude is not None
    (sacramento,) = at(article, "Sacramento")
    assert near(sacramento, SACRAMENTO)
    rows = geo_row(to_dict(article))["places"]
    texts = {r["text"] for r in rows if "lat" in r}
    assert {"Ukrainian", "Canadian", "Sacramento"} <= texts
    assert not any(r["text"] == "the Sacramento area" for r in rows)  # the unplaced phrase gives way


def test_a_person_named_after_a_place_holds_no_place(run: Any) -> None:
    article = run("Jordan Peterson spoke in Leeds on Friday.")
    assert not at(article, "Jordan") or all(e.type == "person" for e in at(article, "Jordan"))


def test_institutions_are_organisations_not_their_country(run: Any) -> None:
    article = run("The State Department said the Pentagon would send advisers to Benghazi.")
    for surface in ("The State Department", "the Pentagon"):
        (entity,) = at(article, surface)
        assert entity.type == "organisation" and entity.latitude is None, entity
    (benghazi,) = at(article, "Benghazi")
    assert near(benghazi, BENGHAZI)


def test_an_institution_named_as_a_place_is_its_building(run: Any) -> None:
    article = run("The Pentagon said it would answer. Protesters gathered outside the Pentagon on Monday.")
    (actor,) = at(article, "The Pentagon")
    assert actor.type == "organisation" and actor.latitude is None
    (building,) = at(article, "the Pentagon")
    assert building.type == "facility" and near(building, (38.871, -77.056), 5)


def test_cities_said_as_actors_stay_cities(run: Any) -> None:
    article = run("Moscow said its ships left Tartus and Hmeimim, and Damascus protested.")
    for surface, point in (("Moscow", MOSCOW), ("Tartus", TARTUS), ("Hmeimim", HMEIMIM), ("Damascus", DAMASCUS)):
        (entity,) = at(article, surface)
        assert near(entity, point), entity


def test_seed_places_sit_at_their_own_points_and_events_at_a_centroid_say_country(seed_article: Any) -> None:
    for surface, point in (("Moscow", MOSCOW), ("Tartus", TARTUS), ("Hmeimim", HMEIMIM)):
        assert all(near(e, point) for e in at(seed_article, surface)), surface
    centroids = {(e.latitude, e.longitude) for e in seed_article.entities
                 if e.type == "country" and e.latitude is not None}
    for event in seed_article.events:
        if (event.latitude, event.longitude) in centroids:
            assert event.precision == "country", event
