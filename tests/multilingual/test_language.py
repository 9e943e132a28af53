"""Language of articles and sentences (lingua, restricted and lazy)."""

from __future__ import annotations

import pytest

from sitrep.clean.build import build_article
from sitrep.clean.language import detect_language, sentence_language
from sitrep.model import RawDocument, Source

SENTENCES = {
    "en": "The defence ministry said on Tuesday that the convoy had reached the border before dawn.",
    "fr": "Le ministère de la Défense a indiqué mardi que le convoi avait atteint la frontière avant l'aube.",
    "de": "Das Verteidigungsministerium teilte am Dienstag mit, der Konvoi habe die Grenze vor dem Morgengrauen erreicht.",
    "nl": "Het ministerie van Defensie zei dinsdag dat het konvooi de grens voor zonsopgang had bereikt.",
    "ro": "Ministerul Apărării a declarat marți că convoiul a ajuns la graniță înainte de zori.",
    "ru": "Министерство обороны заявило во вторник, что колонна достигла границы до рассвета.",
    "uk": "Міністерство оборони заявило у вівторок, що колона досягла кордону ще до світанку.",
    "bg": "Министерството на отбраната съобщи във вторник, че конвоят е достигнал границата преди зазоряване.",
    "ar": "قالت وزارة الدفاع يوم الثلاثاء إن القافلة وصلت إلى الحدود قبل الفجر.",
    "el": "Το υπουργείο Άμυνας ανακοίνωσε την Τρίτη ότι η φάλαγγα έφτασε στα σύνορα πριν από την αυγή.",
    "tr": "Savunma Bakanlığı salı günü konvoyun şafaktan önce sınıra ulaştığını açıkladı.",
}


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_each_language_is_detected_with_its_confidence(language):
    guess = detect_language(SENTENCES[language])
    assert guess.code == language
    assert 0.5 <= guess.confidence <= 1.0


def test_too_little_text_has_no_language():
    assert detect_language("S-400").code is None
    assert detect_language("").code is None


def test_the_article_record_carries_language_and_confidence():
    raw = RawDocument(Source(uri="memo.txt"), SENTENCES["ru"] + " " + SENTENCES["ru"])
    article = build_article(raw)
    assert article.language == "ru"
    assert article.language_confidence is not None and article.language_confidence > 0.9


def test_a_sentence_in_another_language_is_marked_and_short_ones_are_not():
    assert sentence_language(SENTENCES["fr"], "en") == "fr"
    assert sentence_language(SENTENCES["en"], "en") is None
    assert sentence_language("Merci beaucoup.", "en") is None
