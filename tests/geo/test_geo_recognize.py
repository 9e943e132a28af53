"""Toponym recognition on small texts parsed by the packaged spaCy model."""

from __future__ import annotations

import pytest

from sitrep.geo.recognize import recognize


@pytest.fixture(scope="module")
def nlp():
    from sitrep.nlp.spacy_stage import load_spacy

    return load_spacy()


def names(nlp, text: str) -> list[str]:
    return [surface for _start, _end, surface in recognize(nlp(text))]


def test_demonyms_count_as_toponyms(nlp) -> None:
    assert "Syrian" in names(nlp, "Syrian forces shelled the town of Idlib on Tuesday.")


def test_spans_point_into_the_text(nlp) -> None:
    text = "The United States and Russia met in Geneva."
    for start, end, surface in recognize(nlp(text)):
        assert text[start:end] == surface
    assert {"United States", "Russia", "Geneva"} <= set(names(nlp, text))


def test_place_embedded_in_an_organisation_name(nlp) -> None:
    found = names(nlp, "Reporters from the British Embassy and The Washington Post attended.")
    assert "British" in found or "Washington" in found


def test_ordinary_capitalised_words_are_not_places(nlp) -> None:
    found = names(nlp, "In the Centre for Policy Studies, Me and my team work On Monday.")
    assert not {"In", "Centre", "Me", "On"} & set(found)


def test_town_the_model_calls_a_person_counts_where_places_stand(nlp) -> None:
    assert "Cirencester" in names(nlp, "The road to Cirencester will close tonight.")


def test_a_country_whose_name_holds_and(nlp) -> None:
    found = names(nlp, "The prime minister said that Trinidad and Tobago failed to attend the meeting.")
    assert "Trinidad and Tobago" in found
    assert "Tobago" not in found
