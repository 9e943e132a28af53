"""The checks a careful reader makes before trusting an article."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from ..model import Article, ArticleIssue

VERSION = "checks@1.0"


def metadata_issues(article: Article) -> Iterable[ArticleIssue]:
    """Missing publication date, guessed encoding, empty body."""
    if not article.published:
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
    if not article.title:
        yield ArticleIssue("missing_title", "the article has no title", "info")


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
