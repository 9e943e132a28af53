"""Behaviour of the HTML extractor on small pages kept under tests/fixtures/html."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.clean.html import HtmlExtraction, extract_html, is_boilerplate
from sitrep.errors import InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
ARTICLE_URL = "https://www.riverside-herald.example/world/2024/03/05/sava-floods"
MALFORMED_URL = "https://www.example-news.org/ports/strike"


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article() -> HtmlExtraction:
    return extract_html(read_fixture("article_with_boilerplate.html"), url=ARTICLE_URL)


def test_article_body_paragraphs_are_kept_in_order(article: HtmlExtraction) -> None:
    first = article.text.index("Emergency crews evacuated more than four thousand people")
    middle = article.text.index("the first aid convoys had reached the villages")
    last = article.text.index("Forecasters expect the rain to ease on Thursday")
    assert first < middle < last


def test_article_paragraphs_are_separated_by_blank_lines(article: HtmlExtraction) -> None:
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) >= 4
    assert paragraphs[0].startswith("Emergency crews evacuated")
    assert all(paragraph.strip() == paragraph and paragraph for paragraph in paragraphs)


@pytest.mark.parametrize(
    "boilerplate",
    [
        "We use cookies",
        "Accept all cookies",
        "Subscribe today",
        "Most read",
        "Ten things to do in the city",
        "Privacy policy",
        "All rights reserved",
    ],
)
def test_page_chrome_is_not_in_the_body(article: HtmlExtraction, boilerplate: str) -> None:
    assert boilerplate not in article.text


@pytest.mark.parametrize(
    "line",
    ["Read more: Heavy rain warning", "Sign up for our free morning newsletter", "Editing by"],
)
def test_promotional_and_credit_lines_inside_the_article_are_dropped(
    article: HtmlExtraction, line: str
) -> None:
    assert line not in article.text


def test_headline_is_metadata_not_body(article: HtmlExtraction) -> None:
    assert article.title == "Flooding forces thousands from homes along the Sava river"
    assert "Flooding forces thousands" not in article.text


def test_published_is_the_original_date_not_the_update(article: HtmlExtraction) -> None:
    assert article.published == "2024-03-05"


def test_article_metadata_comes_from_the_meta_tags(article: HtmlExtraction) -> None:
    assert article.outlet == "Riverside Herald"
    assert article.category == "World"
    assert article.authors == ("Mara Kovac",)
    assert article.description == (
        "Emergency crews evacuated riverside villages after three days of heavy rain."
    )
    assert article.language == "en"


def test_section_headings_are_listed_and_stay_in_the_text(article: HtmlExtraction) -> None:
    assert article.headings == ("Aid convoys reach cut-off villages",)
    assert "\n\nAid convoys reach cut-off villages\n\n" in article.text


def test_malformed_markup_still_yields_every_paragraph() -> None:
    result = extract_html(read_fixture("malformed_article.html"), url=MALFORMED_URL)
    paragraphs = result.text.split("\n\n")
    assert paragraphs[0].startswith("Dock workers at the northern container port")
    assert "Talks between the two sides broke down on Friday without a date" in result.text
    assert paragraphs[-1] == (
        "The transport ministry said it was ready to mediate if both sides asked it to."
    )


def test_outlet_falls_back_to_the_host_without_www() -> None:
    result = extract_html(read_fixture("malformed_article.html"), url=MALFORMED_URL)
    assert result.outlet == "example-news.org"
    assert result.published is None


def test_page_without_article_text_raises_e105_naming_the_url() -> None:
    with pytest.raises(InputError) as caught:
        extract_html(read_fixture("empty_page.html"), url="https://example.org/blank")
    assert caught.value.code == "E105"
    assert caught.value.input == "https://example.org/blank"


@pytest.mark.parametrize("html", ["", "   \n\t", "\x00\x01\x02\x03", "just words, no markup"])
def test_empty_or_non_html_input_raises_e105(html: str) -> None:
    with pytest.raises(InputError) as caught:
        extract_html(html)
    assert caught.value.code == "E105"
    assert caught.value.input == "<html>"


def test_extraction_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    extract_html(read_fixture("article_with_boilerplate.html"), url=ARTICLE_URL)
    with pytest.raises(InputError):
        extract_html(read_fixture("empty_page.html"))
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Alibaba poised to launch record Hong Kong listing",
        "Related: The 15 weirdest galaxies in our universe",
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        "Reporting by Jane Roe; Editing by John Doe",
        "Associated Press writers Ann Smith and Bo Lee contributed to this report.",
        "12 Comments",
    ],
)
def test_is_boilerplate_recognises_promotion_and_credits(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "More than 200 people were arrested during the clashes, police said.",
        "Related costs rose by a third over the year.",
        "Source of the leak remains unknown, the ministry said on Tuesday.",
        "Residents who sign up for the council newsletter were warned on Monday that the "
        "water supply to the eastern districts would be cut for two days while engineers "
        "replace a burst main, and the council said bottled water would be handed out at "
        "three schools and the central library from early on Wednesday morning.",
    ],
)
def test_is_boilerplate_keeps_ordinary_sentences(line: str) -> None:
    assert not is_boilerplate(line)


def test_dropped_lines_are_reported_in_page_order(article: HtmlExtraction) -> None:
    assert article.removed == (
        "Flooding forces thousands from homes along the Sava river",
        "Read more: Heavy rain warning issued for the whole region",
        "Sign up for our free morning newsletter to get the top stories in your inbox every day.",
        "Reporting by Mara Kovac; Editing by Peter Lang",
    )
