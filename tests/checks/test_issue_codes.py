"""Checks users trust: every issue code the code can write is documented, and a JSONL `text`
body (a clean body without title or date by design) is not flagged for what it never carries."""

from __future__ import annotations

import re
from pathlib import Path

from sitrep.checks.basic import metadata_issues
from sitrep.ingest.jsonl import record_to_document
from sitrep.model import Article, Source

ROOT = Path(__file__).resolve().parents[2]
EMITTERS = re.compile(r'(?:ArticleIssue|_issue)\(\s*"([a-z_]+)"')


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in (ROOT / "src" / "sitrep").rglob("*.py"):
        codes.update(EMITTERS.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_issue_code_the_code_writes_is_documented_with_when_it_fires() -> None:
    codes = _codes_in_source()
    assert {"missing_title", "missing_publication_date", "language_not_supported", "different_place"} <= codes
    documented = dict(re.findall(r"^\| `([a-z_]+)` \|(.+)\|\s*$", (ROOT / "docs" / "record.md").read_text("utf-8"),
                                 re.MULTILINE))
    missing = sorted(codes - set(documented))
    assert not missing, f"issue codes not documented in docs/record.md: {missing}"
    assert all(len(documented[c].strip()) > 10 for c in codes)


def _codes(record: dict) -> set[str]:
    raw = record_to_document(record, "dump.jsonl", 1)
    article = Article(id="x", source=raw.source, text=raw.content, title=raw.title, published=raw.published)
    return {issue.code for issue in metadata_issues(article)}


def test_a_jsonl_text_body_without_title_or_date_fields_is_not_flagged() -> None:
    assert _codes({"id": "a", "text": "Troops crossed the border on Monday."}) == set()


def test_a_jsonl_record_that_names_an_empty_title_or_date_is_flagged() -> None:
    codes = _codes({"id": "a", "title": "", "published": None, "text": "Troops crossed the border."})
    assert {"missing_title", "missing_publication_date"} <= codes
    assert "missing_title" not in _codes({"id": "a", "title": "Border", "published": None, "text": "Troops."})


def test_scraped_pages_and_html_are_always_expected_to_give_title_and_date() -> None:
    for kind in ("raw", "html"):
        article = Article(id="x", source=Source(uri="page", kind=kind), text="Troops crossed the border.")
        assert {"missing_title", "missing_publication_date"} <= {i.code for i in metadata_issues(article)}
