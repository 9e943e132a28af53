from __future__ import annotations

from sitrep.link.evaluate import re3d_entities


def _spans(nlp, text):
    return {(s["text"], s["label"]) for s in re3d_entities(nlp(text))}


def test_a_city_and_its_country_are_one_location_but_a_list_of_countries_is_not(nlp):
    assert ("Palmyra, Syria", "Location") in _spans(nlp, "Fighting continued near Palmyra, Syria on Monday.")
    spans = _spans(nlp, "The threat they pose to Iraq, Syria, and the wider world is real.")
    assert not any(", " in text for text, _ in spans)


def test_nationality_nouns_keep_their_article(nlp):
    assert ("the Jordanians", "Organisation") in _spans(nlp, "Working with them was enjoyable; the Jordanians are skilled.")
