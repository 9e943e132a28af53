"""Publication dates written in page text, and day words against them, in several languages."""

from __future__ import annotations

import pytest

from sitrep.clean.build import build_article
from sitrep.clean.dates import date_in_url
from sitrep.clean.textdates import date_in_text, month_number
from sitrep.coding.daywords import event_day
from sitrep.model import RawDocument, Source


@pytest.mark.parametrize("text, expected", [
    ("Stand: 08.12.2024 12:30 Uhr\nDie Regierung tagte.", "2024-12-08"),
    ("Publié le 17 décembre 2024\nLe gouvernement s'est réuni.", "2024-12-17"),
    ("Москва, 17 декабря 2024\nПравительство собралось.", "2024-12-17"),
    ("Київ\n8 жовтня 2022, 10:15\nУряд зібрався.", "2022-10-08"),
    (" date 2024-12-17 The cabinet met.", "2024-12-17"),
    (" date 2024-12 Il governo si è riunito ieri.", "2024-12"),
    (" date 2024-07 29 jul. 2024 - 15:42 hrs.\nEl gobierno se reunió.", "2024-07-29"),
    ("Posted Feb 18, 2010 9:56 PM\nThe cabinet met.", "2010-02-18"),
    ("27 de noviembre de 2024\nEl gobierno se reunió.", "2024-11-27"),
    ("19/02/2010\nLe gouvernement s'est réuni.", "2010-02-19"),
])
def test_dates_at_the_top_of_the_page(text, expected):
    found = date_in_text(text)
    assert found is not None and found.value == expected


@pytest.mark.parametrize("text", [
    "Le 17 décembre 2024, l'armée a franchi la frontière.",
    "On Saturday, April 13, 2024, the cabinet met in the capital.",
    "Mercredi 26 juillet, la garde a retenu le président.",
])
def test_dates_inside_the_prose_or_without_a_year_are_not_the_page_date(text):
    assert date_in_text(text) is None


def test_month_names_in_their_case_forms():
    assert [month_number(w) for w in ("décembre", "декабря", "жовтня", "Dezember", "dic.", "نوفمبر", "мая")] == [
        12, 12, 10, 12, 12, 11, 5]


def test_the_text_date_becomes_published_with_its_basis_and_span():
    text = "Stand: 08.12.2024\nDie Regierung tagte am Montag in Berlin."
    article = build_article(RawDocument(Source(uri="memo.txt"), text))
    assert (article.published, article.published_basis) == ("2024-12-08", "text")
    assert text[article.published_span.start:article.published_span.end] == "08.12.2024"
    given = build_article(RawDocument(Source(uri="memo.txt"), text, published="2024-12-09"))
    assert (given.published, given.published_basis, given.published_span) == ("2024-12-09", "field", None)


@pytest.mark.parametrize("sentence, language, expected", [
    ("L'armée a attaqué la ville mardi.", "fr", "2024-12-17"),
    ("Армия вчера атаковала город.", "ru", "2024-12-17"),
    ("Die Armee griff am Montag an.", "de", "2024-12-16"),
    ("هاجم الجيش المدينة أمس.", "ar", "2024-12-17"),
    ("Armata a atacat orașul.", "ro", "2024-12-18"),
])
def test_day_words_resolve_against_publication(sentence, language, expected):
    day, precision = event_day(sentence, language, "2024-12-18")  # a Wednesday
    assert day == expected
    assert precision == ("publication" if language == "ro" else "day")


@pytest.mark.parametrize("url, expected", [
    ("https://news.example/world/2023/07/26/guard-holds-president", "2023-07-26"),
    ("https://news.example/20221008/838401505.html", "2022-10-08"),
    ("https://news.example/inhalte/232262/29-07-2024/wahl", "2024-07-29"),
    ("https://news.example/story-2024-07-29-vote", "2024-07-29"),
    ("https://news.example/1284206", None),
    ("https://news.example/item/12345678/", None),  # an id, not a day
    ("https://news.example/2022/video/leaks", None),  # a year alone
    ("https://news.example/page?d=2024/01/02", None),  # the query is not the path
    ("memo.txt", None),
])
def test_the_day_in_a_news_url(url, expected):
    assert date_in_url(url) == expected


def test_the_url_day_is_published_only_when_the_page_shows_none():
    url = "https://news.example/politik/2023/07/26/garde"
    undated = build_article(RawDocument(Source(uri=url, kind="raw"), "Die Garde hielt den Präsidenten fest."))
    assert (undated.published, undated.published_basis) == ("2023-07-26", "url")
    dated = build_article(RawDocument(Source(uri=url, kind="raw"), "Stand: 27.07.2023\nDie Garde hielt ihn fest."))
    assert dated.published == "2023-07-27" and dated.published_basis != "url"
