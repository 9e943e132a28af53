"""Routing by language: English-only stages never run on other languages, and the record says so."""

from __future__ import annotations

import pytest

from sitrep.model import RawDocument, Source

ENGLISH_ONLY = {"nlp", "link", "geo", "places", "content-checks", "events"}

# one text per script family, written for these tests
TEXTS = {
    "de": ("Die Armee des Landes hat am Montag die Grenzstadt angegriffen und zahlreiche Gebäude zerstört. "
           "Die Regierung warf den Rebellen vor, die Waffenruhe gebrochen zu haben."),
    "ru": ("Армия страны в понедельник атаковала приграничный город и разрушила многие здания. "
           "Правительство обвинило повстанцев в нарушении перемирия."),
    "ar": "هاجم الجيش يوم الاثنين المدينة الحدودية ودمر عددا من المباني. واتهمت الحكومة المتمردين بخرق الهدنة.",
    "el": ("Ο στρατός της χώρας επιτέθηκε τη Δευτέρα στην παραμεθόρια πόλη και κατέστρεψε πολλά κτίρια. "
           "Η κυβέρνηση κατηγόρησε τους αντάρτες ότι παραβίασαν την εκεχειρία."),
}


def _process(pipeline, text):
    return pipeline.process(RawDocument(Source(uri="note.txt"), text))


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_no_english_stage_runs_on_another_script(pipeline, language):
    article = _process(pipeline, TEXTS[language])
    assert article.language == language
    ran = {s.name for s in article.stages}
    assert not ran & ENGLISH_ONLY
    assert {"segment", "names"} <= ran
    assert all(e.coder != "events@1.0" for e in article.events)
    (issue,) = [i for i in article.issues if i.code == "language_not_supported"]
    for name in ENGLISH_ONLY:
        assert name in issue.message
    assert article.sentences and all(s.end > s.start for s in article.sentences)


def test_greek_has_no_event_coder_and_says_so(pipeline):
    article = _process(pipeline, TEXTS["el"])
    assert article.events == ()
    (issue,) = [i for i in article.issues if i.code == "language_not_supported"]
    assert "events-multilingual" in issue.message and issue.severity == "warning"


@pytest.mark.parametrize("language", ["de", "ru", "ar"])
def test_supported_languages_are_coded_by_the_multilingual_stage(pipeline, language):
    article = _process(pipeline, TEXTS[language])
    assert "events-multilingual" in {s.name for s in article.stages}
    (issue,) = [i for i in article.issues if i.code == "language_not_supported"]
    assert issue.severity == "info"
    assert article.events, "an attack and an accusation are written in the text"
    assert {e.type for e in article.events} <= {"ASSAULT", "ACCUSE", "AGREE", "REJECT"}
    assert all(e.coder.startswith("events-multilingual") for e in article.events)


def test_english_articles_take_the_english_way_without_an_issue(pipeline):
    text = ("The army attacked the border town on Monday and destroyed many buildings. "
            "The government accused the rebels of breaking the truce.")
    article = _process(pipeline, text)
    ran = {s.name for s in article.stages}
    assert ENGLISH_ONLY <= ran and not ran & {"segment", "names", "events-multilingual"}
    assert not [i for i in article.issues if i.code == "language_not_supported"]


def test_a_foreign_sentence_in_an_english_page_is_not_coded_in_english(pipeline):
    text = ("The army attacked the border town on Monday and destroyed many buildings. "
            "Le gouvernement a accusé les rebelles d'avoir attaqué la ville et rompu la trêve conclue en mai.")
    article = _process(pipeline, text)
    assert article.language == "en"
    assert [s.language for s in article.sentences] == [None, "fr"]
    assert all(e.sentence == 0 for e in article.events)
