"""Pronouns join the entity they refer to (link stage), and the re3d adapter reads the record's
own mentions and events. Sentences written for these tests."""

from __future__ import annotations

from sitrep.evaluation.records import ner_row
from sitrep.ingest.sources import record_to_document
from sitrep.model import to_dict


def _run(pipeline, text):
    return pipeline.process(record_to_document({"id": "t", "text": text}, "re3d"))


def test_a_pronoun_is_a_mention_of_the_person_named_before_it(pipeline):
    article = _run(pipeline, "General Mark Hale visited the port on Monday. He said the convoy would leave soon.")
    (hale,) = [e for e in article.entities if any(m.text == "He" for m in e.mentions)]
    assert hale.type == "person" and "Hale" in hale.name
    assert [m.label for m in hale.mentions if m.text == "He"] == ["PRON"]
    assert not any("He" in i.message for i in article.issues if i.code == "name_variants")


def test_a_pronoun_with_no_one_before_it_is_no_mention(pipeline):
    article = _run(pipeline, "He said the convoy would leave soon.")
    assert not any(m.text == "He" for e in article.entities for m in e.mentions)


def test_the_re3d_row_keeps_counts_and_marks_acting_countries(pipeline):
    article = _run(pipeline, "More than 40 trucks crossed into Chad. France sent two aircraft to Chad on Friday.")
    spans = {(s["text"], s["label"]) for s in ner_row(to_dict(article))["entities"]}
    assert ("40", "Quantity") in spans and ("two", "Quantity") in spans
    assert ("France", "Organisation") in spans
    assert ("Chad", "Location") in spans


def test_a_title_is_mentioned_with_the_name_it_holds(pipeline):
    text = "Admiral Jane Roe, commander of the Northern Naval Group, said the ships had left the port."
    article = _run(pipeline, text)
    titles = [m.text for e in article.entities if e.type == "person" for m in e.mentions]
    assert "commander of the Northern Naval Group" in titles, titles
    spans = {(s["text"], s["label"]) for s in ner_row(to_dict(article))["entities"]}
    assert ("commander of the Northern Naval Group", "Person") in spans
    assert not any(label == "Organisation" and "Northern Naval Group" in t for t, label in spans)
