"""The checks a careful reader makes before trusting an article."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from ..model import Article, ArticleIssue

VERSION = "checks@1.0"


def metadata_issues(article: Article) -> Iterable[ArticleIssue]:
    """Missing publication date or title (where the input's format was expected to give one),
    guessed encoding, NUL characters removed."""
    if not article.published and _expected(article, "published"):
        yield ArticleIssue(
            "missing_publication_date",
            "the page gives no publication date: the event dates cannot be anchored",
            "warning",
        )
    encoding = article.extra.get("encoding")
    if encoding:
        yield ArticleIssue("encoding_guessed", f"the input was not UTF-8; decoded as {encoding}", "info")
    removed = article.extra.get("nul_removed")
    if removed:
        yield ArticleIssue("nul_bytes_removed", f"{removed} NUL characters were removed from the input", "info")
    if not article.title and _expected(article, "title"):
        yield ArticleIssue("missing_title", "the article has no title", "info")


def _expected(article: Article, name: str) -> bool:
    """A page (scraped text, HTML) is expected to give a title and a date; a JSONL ``text`` body
    is a clean body without either by design, so only when its record named the field."""
    return article.source.kind != "text" or name in article.source.declared


class BasicChecks:
    """Adds metadata issues; the event stage adds content checks of its own."""

    name = "checks"
    version = VERSION
    requires = ("text",)
    provides = ("issues",)

    def __call__(self, article: Article, scratch: Any) -> Article:
        found = tuple(metadata_issues(article))
        known = {i.code for i in article.issues}
        return replace(article, issues=article.issues + tuple(i for i in found if i.code not in known))
