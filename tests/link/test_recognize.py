from __future__ import annotations


def _ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


def test_weapons_and_platforms_get_their_own_labels(nlp):
    ents = _ents(nlp, "Russian Il-76 planes carried S-400 radars and Pantsir systems.")
    assert ("S-400", "WEAPON") in ents
    assert any(label == "PLATFORM" and "Il-76" in text for text, label in ents)


def test_titles_join_the_person(nlp):
    ents = _ents(nlp, "Defense Secretary Ash Carter met Iraqi leaders on Monday.")
    assert ("Defense Secretary Ash Carter", "PERSON") in ents


def test_common_noun_groups_are_organisations(nlp):
    ents = _ents(nlp, "Coalition forces and the rebels shelled an ISIL-held building.")
    assert ("Coalition forces", "ORG") in ents
    assert ("the rebels", "ORG") in ents


def test_ship_names_are_platforms(nlp):
    assert ("USS Mahan", "PLATFORM") in _ents(nlp, "The destroyer USS Mahan sailed on Monday.")


def test_kb_id_is_kept_on_the_span(nlp):
    doc = nlp("Wagner PMC fighters left Khmeimim.")
    ids = {e.text: e.ent_id_ for e in doc.ents}
    assert ids.get("Khmeimim") == "fac:hmeimim-air-base"


def test_a_city_the_model_took_for_a_person_is_a_place(nlp):
    ents = _ents(nlp, "The SDF began the operation to isolate Raqqah on Nov. 5.")
    assert ("Raqqah", "GPE") in ents


def test_the_holder_of_an_office_is_a_person(nlp):
    assert ("The secretary", "PERSON") in _ents(nlp, "The secretary and Abadi agreed that the campaign was on track.")


def test_a_counted_group_after_a_determiner_keeps_its_number(nlp):
    assert ("the two leaders", "ORG") in _ents(nlp, "The release said the two leaders discussed the next phase.")


def test_a_group_runs_on_over_its_of_phrase(nlp):
    ents = _ents(nlp, "We extend our condolences to the families of the victims.")
    assert ("the families of the victims", "ORG") in ents


def test_an_unlabelled_name_after_near_is_a_place(nlp):
    assert ("Rawah", "GPE") in _ents(nlp, "Near Rawah, two strikes engaged a mortar team.")


def test_an_office_named_with_its_organisation_is_a_person(nlp):
    assert ("The Secretary of State", "PERSON") in _ents(nlp, "The Secretary of State met Abadi on Monday.")
    assert ("Central Command spokesman", "PERSON") in _ents(nlp, "Central Command spokesman Col. John Thomas said so.")
