"""The scraped-page cleaner on the seed article: furniture kept, chrome gone, nothing lost."""

from __future__ import annotations

import json
import re

from sitrep.clean.blocks import lay_out
from sitrep.clean.scraped import clean_scraped, is_boilerplate
from sitrep.model import to_dict

TITLE = "Russia transfers air defense systems and other weapons from Syria to Libya"


def test_seed_header_fields(seed_article):
    assert seed_article.title == TITLE
    assert seed_article.category == "World"
    assert seed_article.published is None
    assert "missing_publication_date" in {i.code for i in seed_article.issues}
    assert seed_article.language == "en"


def test_seed_title_appears_once(seed_article):
    record = json.dumps(to_dict(seed_article), ensure_ascii=False)
    assert record.count(TITLE) == 1


def test_seed_key_points_are_the_five_bullets(seed_article):
    points = [k.text for k in seed_article.key_points]
    assert len(points) == 5
    assert points[0].startswith("Russia is transferring air defense systems")
    assert points[-1].endswith("the air base in Hmeimim.")
    for point in seed_article.key_points:
        assert seed_article.text[point.start:point.end] == point.text


def test_seed_credits_name_the_wsj(seed_article):
    assert [c.source for c in seed_article.credits] == ["www.wsj.com", "www.wsj.com"]
    assert "Photo" not in seed_article.text
    assert seed_article.cited_sources[0].name == "The Wall Street Journal"


def test_seed_has_no_banner_text(seed_article):
    record = json.dumps(to_dict(seed_article), ensure_ascii=False).lower()
    for phrase in ("cookie", "consent", "english version", "switch?", "staying online"):
        assert phrase not in record


def test_seed_sections(seed_article):
    headings = [s.heading for s in seed_article.sections]
    assert headings == ["How Moscow Began Transferring Arms from Syria to Lebanon",
                        "All Russian military bases in Syria may be closed"]
    first = seed_article.sections[0]
    assert seed_article.text[first.heading_start:first.heading_end] == headings[0]
    assert "Khalifa Haftar" in seed_article.text[first.start:first.end]


def test_nothing_of_the_story_is_lost(seed_path, seed_article):
    """Every line of the page is in the record (text, title, credits, header) or is chrome."""
    kept = " ".join([seed_article.text, seed_article.title or "", seed_article.category or ""]
                    + [c.text for c in seed_article.credits])
    kept = re.sub(r"\s+", " ", kept)
    for line in seed_path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"\s+", " ", line.replace("\u00a0", " ")).strip().lstrip("• ").strip()
        if not line or is_boilerplate(line) or line in ("Category", "Publication date", "Points of attention"):
            continue
        assert line.removesuffix(" — photo") in kept, line


def test_every_body_paragraph_is_kept_whole(seed_path, seed_article):
    paragraphs = [p for p in seed_path.read_text(encoding="utf-8").split("\n\n") if len(p) > 150]
    for para in paragraphs:
        if not is_boilerplate(para.strip()) and not para.lstrip().startswith("•"):
            assert " ".join(para.split()) in seed_article.text


def test_paragraph_offsets_cover_the_text(seed_article):
    text = seed_article.text
    for para in seed_article.paragraphs:
        chunk = text[para.start:para.end]
        assert chunk == chunk.strip() and chunk
    assert {p.kind for p in seed_article.paragraphs} == {"lede", "key_point", "heading", "body"}


def test_inline_labels_and_bullets_without_a_summary_header():
    page = clean_scraped(
        "Troops leave the north\nCategory: Politics\nPublished: 12 December 2024\n\n"
        "Troops began leaving the northern province on Monday, officials said.\n\n"
        "Share\n\nSubscribe to our newsletter\n\nThe move ends a decade-long deployment in the area.\n"
    )
    layout = lay_out(page)
    assert page.title == "Troops leave the north"
    assert page.category == "Politics"
    assert page.published == "2024-12-12"
    assert "Share" not in layout.text and "newsletter" not in layout.text
    assert layout.text.endswith("decade-long deployment in the area.")
