"""From a raw document to a clean :class:`Article` (text, layout, header fields, citations)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from typing import Optional

from ..model import Article, Paragraph, RawDocument, SpanRef, StageVersion
from .blocks import Block, CleanPage, lay_out
from .citations import find_cited_sources, outlet_for_host
from .dates import date_in_url, parse_date
from .language import detect_language
from .scraped import clean_scraped, looks_like_heading
from .textdates import date_in_text

CLEAN_VERSION = "clean@1.0"
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def build_article(raw: RawDocument) -> Article:
    """The clean article for ``raw``, whatever kind of input it came as."""
    if raw.source.kind == "text":
        article = _from_clean_text(raw)
    else:
        page = _page_for(raw)
        article = _from_page(raw, page)
    return replace(article, id=article_id(article.title, article.text),
                   stages=(StageVersion("clean", CLEAN_VERSION),))


def article_id(title: Optional[str], text: str) -> str:
    """The stable content hash that identifies an article (title and clean text)."""
    digest = hashlib.sha256(f"{title or ''}\x1f{text}".encode("utf-8")).hexdigest()
    return digest[:20]


def _page_for(raw: RawDocument) -> CleanPage:
    if raw.source.kind == "html":
        from .html import extract_html

        return _page_from_html(extract_html(raw.content, raw.source.uri))
    return clean_scraped(raw.content)


def _page_from_html(extraction) -> CleanPage:  # type: ignore[no-untyped-def]
    headings = {h.strip() for h in getattr(extraction, "headings", ()) or ()}
    blocks = []
    for para in _BLANK_LINES.split(extraction.text.strip()):
        text = " ".join(para.split())
        if text:
            kind = "heading" if text in headings else ("lede" if not blocks else "body")
            blocks.append(Block(kind, text))
    return CleanPage(title=extraction.title, category=extraction.category, published=extraction.published,
                     outlet=extraction.outlet, language=extraction.language, blocks=blocks)


def _from_page(raw: RawDocument, page: CleanPage) -> Article:
    layout = lay_out(page)
    given = parse_date(raw.published) if raw.published else None
    source = replace(raw.source, outlet=page.outlet or _outlet_name(raw.source.uri))
    return Article(
        id="", source=source, text=layout.text, title=raw.title or page.title, category=page.category,
        **_published(layout.text, given, page.published, raw.title or page.title, raw.source.uri), **_language(layout.text, page.language),
        key_points=layout.key_points, sections=layout.sections, paragraphs=layout.paragraphs,
        credits=layout.credits, cited_sources=find_cited_sources(layout.text, layout.credits),
        extra=_extra(raw, page),
    )


def _from_clean_text(raw: RawDocument) -> Article:
    """A body given as already clean: kept exactly, offsets refer to it unchanged."""
    text = raw.content
    paragraphs = tuple(_paragraph_spans(text))
    source = replace(raw.source, outlet=_outlet_name(raw.source.uri))
    return Article(
        id="", source=source, text=text, title=raw.title,
        **_published(text, parse_date(raw.published), None, None, raw.source.uri), **_language(text, None), paragraphs=paragraphs,
        cited_sources=find_cited_sources(text, ()), extra=_extra(raw, None),
    )


def _published(text: str, given: Optional[str], page: Optional[str], title: Optional[str] = None,
               url: Optional[str] = None) -> dict:
    """The input's date, else the page metadata's, else one written at the top of the text
    (or in the title line the page cleaner took from the top of the page), else the day in
    the page's URL."""
    if given:
        return {"published": given, "published_basis": "field"}
    if page:
        return {"published": page, "published_basis": "page"}
    found = date_in_text(text)
    if found is not None:
        return {"published": found.value, "published_basis": "text",
                "published_span": SpanRef(found.start, found.end, "published")}
    in_title = date_in_text(title) if title else None
    if in_title is not None:
        return {"published": in_title.value, "published_basis": "title"}
    in_url = date_in_url(url)
    return {"published": in_url, "published_basis": "url"} if in_url else {}


def _language(text: str, declared: Optional[str]) -> dict:
    """The detected language; a page's declared one only when the text does not say."""
    guess = detect_language(text)
    if guess.code is None and declared:
        return {"language": declared, "language_confidence": None}
    return {"language": guess.code, "language_confidence": guess.confidence or None}


def _paragraph_spans(text: str) -> list[Paragraph]:
    spans, start = [], 0
    for match in list(_BLANK_LINES.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        stripped = chunk.strip()
        if stripped:
            kind = "heading" if looks_like_heading(stripped) else "body"
            spans.append(Paragraph(start + lead, start + lead + len(stripped), kind))
        start = match.end() if match else len(text)
    return spans


def _outlet_name(uri: Optional[str]) -> Optional[str]:
    if not uri or "//" not in uri:
        return None
    outlet = outlet_for_host(uri)
    return outlet.name if outlet else (re.sub(r"^www\.", "", uri.split("//", 1)[1].split("/", 1)[0]) or None)


def _extra(raw: RawDocument, page: Optional[CleanPage]) -> dict:
    extra: dict = {}
    if raw.guessed_encoding:
        extra["encoding"] = raw.guessed_encoding
    if raw.nul_removed:
        extra["nul_removed"] = raw.nul_removed
    if page is not None and page.removed:
        extra["removed"] = list(page.removed)
    return extra
