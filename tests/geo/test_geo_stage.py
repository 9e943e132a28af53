"""The place stage on short texts through the real pipeline (nlp, link and geo stages), and
its functions on hand-made mentions: regressions found in review of stage 0.2."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.model import Placement
from sitrep.knowledge.gazetteer import haversine_km
from sitrep.link.placing import mention_placements, place_entity
from sitrep.link.linker import local_id
from sitrep.model import Entity, Mention

BAGHDAD = (33.34058, 44.40088)
BELGOROD = (50.60343, 36.58091)
KOBANI = (36.89095, 38.35347)
TBILISI = (41.69143, 44.83412)
ATLANTA = (33.749, -84.38798)
PARIS_TEXAS = (33.66094, -95.55551)
LEBANON_PA = (40.34093, -76.41135)


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from sitrep.evaluation.geo import geo_pipeline

    return geo_pipeline()


def run(pipeline: Any, text: str) -> Any:
    from sitrep.ingest.sources import record_to_document

    return pipeline.process(record_to_document({"id": "t", "text": text}, "geowebnews"))


def holding(article: Any, surface: str, nth: int = 0) -> Entity:
    """The entity with the ``nth`` mention of these words."""
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(surface, start + 1)
    return next(e for e in article.entities for m in e.mentions if m.start <= start < m.end)


def near(entity: Entity, point: tuple[float, float], km: float = 30.0) -> bool:
    return entity.latitude is not None and haversine_km(entity.latitude, entity.longitude, *point) <= km


# 1. mentions placed from a toponym inside a longer phrase


def test_an_embassy_is_not_placed_at_the_country_of_its_adjective(pipeline: Any) -> None:
    article = run(pipeline, "Rockets were fired at the U.S. Embassy in Baghdad.")
    embassy = holding(article, "Embassy")
    assert embassy.latitude is None or near(embassy, BAGHDAD, 50)  # before: the centre of the USA
    assert near(holding(article, "Baghdad"), BAGHDAD)


def test_a_border_region_of_a_city_is_placed_at_the_city(pipeline: Any) -> None:
    article = run(pipeline, "A drone struck an oil depot in the Russian border region of Belgorod, officials said.")
    assert near(holding(article, "Belgorod"), BELGOROD)  # before: Russia's centre point


def test_russian_occupied_areas_of_ukraine_are_not_in_russia(pipeline: Any) -> None:
    article = run(pipeline, "Fighting continued in Russian-occupied areas of southern Ukraine.")
    for entity in article.entities:
        if entity.latitude is not None and entity.type != "nationality":  # "Russian" itself names Russia
            assert entity.country != "RUS", entity
    assert holding(article, "Ukraine").country == "UKR"


def test_a_border_town_of_kobani_is_kobani_not_syria(pipeline: Any) -> None:
    article = run(pipeline, "Turkish jets struck the Syrian border town of Kobani.")
    town = holding(article, "Kobani")
    assert town.precision == "city" and near(town, KOBANI)  # before: Syria's centre point


def test_the_paris_hilton_is_not_placed_in_paris(pipeline: Any) -> None:
    article = run(pipeline, "Paris Hilton attended the party.")
    assert holding(article, "Paris").latitude is None


def _placement(text: str, name: str, country: str, point: tuple[float, float], precision: str = "country") -> Placement:
    start = text.index(name)
    return Placement(start, start + len(name), name, point[0], point[1], precision, None, country, "test")


def _mention(text: str, surface: str) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, "GPE", 0)


def test_a_facility_takes_no_point_from_a_place_inside_its_name() -> None:
    text = "Guests left the Paris Hilton and the Hotel Baghdad. They reached Paris."
    paris = _placement(text, "Paris", "FRA", (48.85, 2.35), "city")
    hilton, hotel = _mention(text, "the Paris Hilton"), _mention(text, "the Hotel Baghdad")
    baghdad = _placement(text, "Baghdad", "IRQ", BAGHDAD, "city")
    placed = mention_placements([hilton, hotel], [paris, baghdad],
                                facilities={(hilton.start, hilton.end), (hotel.start, hotel.end)})
    assert placed == {}
    # a place mention is placed from its head place only, never from a demonym
    text = "the Syrian border town of Kobani"
    town = Mention(0, len(text), text, "GPE", 0)
    syrian = _placement(text, "Syrian", "SYR", (35.0, 38.0))
    kobani = _placement(text, "Kobani", "SYR", KOBANI, "city")
    assert mention_placements([town], [syrian], own_name=lambda t: t != "Syrian") == {}
    assert mention_placements([town], [syrian, kobani], own_name=lambda t: t != "Syrian")[(0, len(text))] == kobani


# 2. a linked country whose mention the text qualifies as a place elsewhere


def test_georgia_after_atlanta_is_the_us_state(pipeline: Any) -> None:
    article = run(pipeline, "Voters lined up in Atlanta, Georgia. Police in Georgia said turnout was high.")
    for nth in (0, 1):
        georgia = holding(article, "Georgia", nth)
        assert georgia.country == "USA" and georgia.type != "country"  # before: country:GEO in the Caucasus
        assert haversine_km(georgia.latitude, georgia.longitude, *ATLANTA) < 300


def test_paris_texas_is_not_in_france(pipeline: Any) -> None:
    article = run(pipeline, "A tornado hit Paris, Texas on Monday.")
    paris = holding(article, "Paris")
    assert paris.country == "USA" and near(paris, PARIS_TEXAS)  # before: country:FRA


def test_lebanon_pennsylvania_is_not_the_country(pipeline: Any) -> None:
    article = run(pipeline, "Protesters gathered in Lebanon, Pennsylvania.")
    lebanon = holding(article, "Lebanon")
    assert lebanon.country == "USA" and near(lebanon, LEBANON_PA)


def test_a_linked_country_used_as_a_country_stays_at_the_country_point(pipeline: Any) -> None:
    article = run(pipeline, "A bombing in Lebanon killed three. The suspect had lived in Pennsylvania.")
    lebanon = holding(article, "Lebanon")
    assert (lebanon.country, lebanon.precision) == ("LBN", "country")


def test_a_country_splits_only_the_qualified_mention() -> None:
    text = "Lebanon, Pennsylvania voted. Lebanon protested."
    first, second = _mention(text, "Lebanon"), Mention(29, 36, "Lebanon", "GPE", 1)
    town = _placement(text, "Lebanon", "USA", LEBANON_PA, "city")
    state = _placement(text, "Pennsylvania", "USA", (40.97, -77.61), "region")
    country = Placement(29, 36, "Lebanon", 33.83, 35.83, "country", None, "LBN", "country")
    entity = Entity(id="country:LBN", name="Lebanon", type="country", mentions=(first, second), country="LBN")
    placed = {(first.start, first.end): town, (second.start, second.end): country,
              (state.start, state.end): state}
    out = {e.id: e for e in place_entity(text, entity, placed, lambda iso3: (33.8, 35.8))}
    assert out["country:LBN"].mentions == (second,) and out["country:LBN"].precision == "country"
    assert out[local_id("place", "Lebanon")].mentions == (first,)
    assert out[local_id("place", "Lebanon")].country == "USA"


# 3. local ids are the linker's


def test_places_the_stage_adds_have_the_linkers_local_ids(pipeline: Any) -> None:
    for text in ("Rebels attacked El Fasher again.", "Fighting raged in El Fasher."):
        article = run(pipeline, text)
        assert holding(article, "El Fasher").id == local_id("place", "El Fasher") == "local:place:el fasher"


# 4. capitals


def test_a_capital_used_as_a_place_keeps_the_city_point(pipeline: Any) -> None:
    article = run(pipeline, "Thousands rallied in Tbilisi on Sunday.")
    tbilisi = holding(article, "Tbilisi")
    assert tbilisi.precision == "city" and near(tbilisi, TBILISI, 5)


# 5. the geoparser reads; the place stage of the link package decides the entities


def test_the_geoparser_changes_no_entity_and_the_place_stage_decides_them(pipeline: Any) -> None:
    from sitrep.clean.build import build_article
    from sitrep.ingest.sources import record_to_document
    from sitrep.pipeline import Scratch

    text = "Protesters gathered in Lebanon, Pennsylvania."
    article = build_article(record_to_document({"id": "t", "text": text}, "geowebnews"))
    scratch, linked = Scratch(), set()
    for stage in pipeline.stages:
        before = article.entities
        article = stage(article, scratch)
        if stage.name == "geo":
            assert article.entities == before and scratch.place_readings.found
            linked = {e.id for e in before}
    placed = {e.id: e for e in article.entities}
    assert local_id("place", "Lebanon") in set(placed) - linked  # split off the country by the place stage
    assert placed[local_id("place", "Lebanon")].country == "USA"
