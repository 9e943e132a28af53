"""The day and year the story stage reads from an article's date, URL and page head."""

from __future__ import annotations

from datetime import date
from typing import Optional

from sitrep.model import Article, Source
from sitrep.stories.signals import known_year, reference_day


def article(text: str, uri: Optional[str] = None, published: Optional[str] = None) -> Article:
    return Article(id="a" * 20, source=Source(uri=uri), text=text, published=published)


def test_a_dashed_day_month_year_in_the_url_dates_the_article() -> None:
    page = article("The council met again on Monday.", uri="https://example.org/items/12/03-05-2021/council-meets")
    assert reference_day(page) == date(2021, 5, 3).toordinal()


def test_an_undated_article_gets_its_year_from_a_year_and_month_in_its_url_or_head() -> None:
    in_url = article("The council met again on Monday.", uri="https://example.org/news-2019-04/991-council")
    in_head = article("posted 2017-11 The council met again on Monday.", uri="https://example.org/?p=5")
    in_date = article("The council met again on Monday.", uri="https://example.org/?p=6", published="2015-08")
    assert [reference_day(a) for a in (in_url, in_head, in_date)] == [None, None, None]
    assert [known_year(a) for a in (in_url, in_head, in_date)] == [2019, 2017, 2015]


def test_a_page_with_no_date_anywhere_has_no_year() -> None:
    page = article("The council met again on Monday, 300 delegates said.", uri="https://example.org/?p=2024")
    assert reference_day(page) is None and known_year(page) is None
