"""Whole-pipeline records: names inside offices and 'of' phrases are linked (and places geocoded)."""
from __future__ import annotations

import pytest

TEXT = (
    "Hamas commander Mohammed Deif was targeted. The UN envoy met the rebels on Monday. "
    "The President of France met Abadi on Monday. The governor of Texas said the storm had passed. "
    "The people of the town of Tel Tamer fled. We believe in God and country. "
    "Around Easter, the fighting paused. Trust in Government fell."
)


@pytest.fixture(scope="module")
def article(pipeline, tmp_path_factory):
    from sitrep.ingest.sources import read_inputs

    path = tmp_path_factory.mktemp("articles") / "offices.txt"
    path.write_text(TEXT, encoding="utf-8")
    (item,) = list(read_inputs([str(path)], 5_000_000))
    return pipeline.process(item)


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
