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


def _places(nlp, text):
    return {e.text for e in nlp(text).ents if e.label_ in ("GPE", "LOC")}


def _no_person_carries_another_id(doc, kb):
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.ent_id_:
            assert kb.get(ent.ent_id_).type == "person", (ent.text, ent.ent_id_)


def test_the_organisation_before_an_office_stays_an_organisation(nlp, kb):
    doc = nlp("Hamas commander Mohammed Deif was targeted.")
    ids = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert ids["Hamas"] == ("ORG", "org:hamas")
    assert ("Mohammed Deif", "PERSON") in _ents(nlp, "Hamas commander Mohammed Deif was targeted.")
    _no_person_carries_another_id(doc, kb)


def test_an_office_with_an_organisation_inside_keeps_the_organisation(nlp, kb):
    doc = nlp("The UN envoy met the rebels on Monday.")
    assert {e.text: e.ent_id_ for e in doc.ents}.get("UN") == "org:un"
    assert not any(e.label_ == "PERSON" and "UN" in e.text for e in doc.ents)
    _no_person_carries_another_id(doc, kb)


def test_an_office_of_a_country_or_place_keeps_the_country_or_place(nlp, kb):
    ents = _ents(nlp, "The President of France met Abadi on Monday.")
    assert ("France", "GPE") in ents and ("The President", "PERSON") in ents
    ents = _ents(nlp, "the governor of Texas said the storm had passed.")
    assert ("Texas", "GPE") in ents and ("the governor", "PERSON") in ents
    _no_person_carries_another_id(nlp("The Secretary of State met Abadi on Monday."), kb)


def test_the_whole_office_is_kept_aside_for_the_re3d_schema(nlp):
    from sitrep.nlp.recognize import WHOLES

    doc = nlp("Central Command spokesman Col. John Thomas said so.")
    assert [s.text for s in doc.spans[WHOLES]] == ["Central Command spokesman"]
    assert ("Central Command", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_a_phrase_does_not_run_on_over_a_phrase_that_names_a_place(nlp):
    ents = _ents(nlp, "The people of the town of Tel Tamer fled.")
    assert ("the town of Tel Tamer", "LOC") in ents
    assert not any(text.startswith("The people of") for text, _ in ents)


def test_a_phrase_does_not_run_on_over_a_name_and_keeps_it(nlp):
    doc = nlp("The Members of the Security Council condemned the attack.")
    assert any(e.ent_id_ == "org:unsc" for e in doc.ents)
    assert not any(e.text.startswith("The Members of") for e in doc.ents)


def test_a_head_seen_once_in_gold_does_not_run_on(nlp):
    assert not any(" of " in text for text, _ in _ents(nlp, "Doctors treated people of all ages."))


def test_an_ordinary_word_after_in_or_around_is_not_a_place(nlp):
    assert "God" not in _places(nlp, "We believe in God and country.")
    assert "Easter" not in _places(nlp, "Around Easter, the fighting paused.")
    assert "Government" not in _places(nlp, "Trust in Government fell.")


def test_only_names_the_gazetteer_or_kb_knows_are_places():
    from sitrep.nlp.recognize import known_place

    nouns = frozenset({"god", "hope", "easter"})
    assert known_place("Rawah", nouns) and known_place("Texas", nouns) and known_place("Khmeimim", nouns)
    assert not known_place("God", nouns) and not known_place("Easter", nouns)
    assert not known_place("Exercise Eager Lion", nouns)


def test_a_known_place_after_an_office_is_a_place_not_a_person(nlp):
    from sitrep.link.stage import named_by_wholes
    from sitrep.vocabulary import WHOLES

    doc = nlp("The governor of Kherson said the city was shelled. The governor of Texas sent troops.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Kherson", "GPE") in ents and ("Texas", "GPE") in ents
    assert not any(label == "PERSON" and text in ("Kherson", "Texas") for text, label in ents)
    assert [s.text for s in doc.spans[WHOLES]] == ["The governor of Kherson", "The governor of Texas"]
    assert sorted(named_by_wholes(doc).values()) == ["The governor of Kherson", "The governor of Texas"]
