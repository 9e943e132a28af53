"""Whole-pipeline records: names inside offices and 'of' phrases are linked (and places geocoded)."""
from __future__ import annotations

import pytest

TEXT = (
    "Hamas commander Mohammed Deif was targeted. The UN envoy met the rebels on Monday. "
    "The President of France met Abadi on Monday. The governor of Texas said the storm had passed. "
    "The people of the town of Tel Tamer fled. We believe in God and country. "
    "Around Easter, the fighting paused. Trust in Government fell."
)


def _process(pipeline, tmp_path_factory, name, text):
    """The record of ``text`` (no entity memory: the pipeline holds none, the caller gives it)."""
    from sitrep.ingest.sources import read_inputs

    path = tmp_path_factory.mktemp("articles") / name
    path.write_text(text, encoding="utf-8")
    (item,) = list(read_inputs([str(path)], 5_000_000))
    return pipeline.process(item)


@pytest.fixture(scope="module")
def article(pipeline, tmp_path_factory):
    return _process(pipeline, tmp_path_factory, "offices.txt", TEXT)


def _entity(article, text):
    found = [e for e in article.entities if any(m.text == text for m in e.mentions)]
    assert found, f"no entity has a mention {text!r}"
    return found[0]


def test_the_names_inside_offices_are_linked(article):
    assert _entity(article, "Hamas").id == "org:hamas"
    assert _entity(article, "UN").id == "org:un"
    assert _entity(article, "France").id == "country:FRA"


def test_the_place_inside_an_office_is_geocoded(article):
    texas = _entity(article, "Texas")
    assert texas.type == "place" and texas.latitude is not None and 25 < texas.latitude < 37


def test_no_person_carries_an_organisation_or_place_id(article, kb):
    for entity in article.entities:
        if entity.type == "person" and entity.kb_id:
            assert kb.get(entity.kb_id).type == "person", entity


def test_tel_tamer_is_a_place(article):
    assert any(e.type == "place" and any("Tel Tamer" in m.text for m in e.mentions) for e in article.entities)


def test_ordinary_words_after_in_or_around_are_not_places(article):
    places = {m.text for e in article.entities if e.type in ("place", "country") for m in e.mentions}
    assert not places & {"God", "Easter", "Government"}


GOVERNORS = (
    "The governor of Kherson said the city was shelled. The governor of Belgorod said a drone hit a depot. "
    "The governor of Texas sent troops."
)


@pytest.fixture(scope="module")
def governors(pipeline, tmp_path_factory):
    return _process(pipeline, tmp_path_factory, "governors.txt", GOVERNORS)


def test_three_governors_are_three_people(governors):
    offices = [e for e in governors.entities if e.type == "person"]
    assert sorted(e.id for e in offices) == [
        "local:person:governor of belgorod", "local:person:governor of kherson", "local:person:governor of texas"]
    assert all(len(e.mentions) == 1 and e.name.startswith("The governor of ") for e in offices)


def test_the_places_the_governors_are_of_are_placed(governors):
    for name, country in (("Kherson", "UKR"), ("Belgorod", "RUS"), ("Texas", "USA")):
        place = _entity(governors, name)
        assert place.type == "place" and place.latitude is not None, place
        assert place.country == country and all(m.label in ("GPE", "LOC") for m in place.mentions), place


def test_a_governor_in_a_later_article_is_not_an_earlier_one(kb):
    from sitrep.link.linker import EntityMemory, Linker
    from sitrep.model import Mention

    linker, memory = Linker(kb), EntityMemory()
    first = "The governor of Kherson said the city was shelled."
    [office] = linker.link(first, [Mention(0, 12, "The governor", "PERSON", 0)], memory,
                           wholes={(0, 12): "The governor of Kherson"})
    assert office.id == "local:person:governor of kherson" and office.name == "The governor of Kherson"
    second = "The governor of Texas sent troops."
    [other] = linker.link(second, [Mention(0, 12, "The governor", "PERSON", 0)], memory,
                          wholes={(0, 12): "The governor of Texas"})
    assert other.id == "local:person:governor of texas"
    bare = "The governor sent troops."
    [unnamed] = linker.link(bare, [Mention(0, 12, "The governor", "PERSON", 0)], memory)
    assert unnamed.id == "local:person:governor"
