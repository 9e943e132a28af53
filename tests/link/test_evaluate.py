from __future__ import annotations

from sitrep.evaluation.entities import re3d_entities


def _spans(nlp, text):
    return {(s["text"], s["label"]) for s in re3d_entities(nlp(text))}


def test_a_city_and_its_country_are_one_location_but_a_list_of_countries_is_not(nlp):
    assert ("Palmyra, Syria", "Location") in _spans(nlp, "Fighting continued near Palmyra, Syria on Monday.")
    spans = _spans(nlp, "The threat they pose to Iraq, Syria, and the wider world is real.")
    assert not any(", " in text for text, _ in spans)


def test_nationality_nouns_keep_their_article(nlp):
    assert ("the Jordanians", "Organisation") in _spans(nlp, "Working with them was enjoyable; the Jordanians are skilled.")


def test_an_office_with_its_organisation_or_country_is_one_re3d_person(nlp):
    assert ("The Secretary of State", "Person") in _spans(nlp, "The Secretary of State met Abadi on Monday.")
    assert ("Central Command spokesman", "Person") in _spans(nlp, "Central Command spokesman Col. John Thomas said so.")
    assert ("UN envoy", "Person") in _spans(nlp, "The UN envoy met the rebels on Monday.")
    assert ("UN", "Organisation") not in _spans(nlp, "The UN envoy met the rebels on Monday.")


def test_a_phrase_over_an_of_phrase_with_a_name_is_one_re3d_span(nlp):
    spans = _spans(nlp, "The Members of the Security Council condemned the attack.")
    assert ("The Members of the Security Council", "Organisation") in spans


def test_without_the_conventions_offices_stay_apart(nlp):
    from sitrep.evaluation.entities import Re3dOptions

    doc = nlp("Central Command spokesman Col. John Thomas said so.")
    spans = {(s["text"], s["label"]) for s in re3d_entities(doc, Re3dOptions(False, False, False, False, False))}
    assert ("Central Command", "Organisation") in spans
