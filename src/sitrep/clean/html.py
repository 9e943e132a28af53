"""Article body and page metadata from one HTML page.

The main text comes from trafilatura run for precision (comments left out, tables kept),
read from its XML body so that paragraphs, list items, table rows and section headings stay
separate blocks. Two light passes then remove what trafilatura tends to keep on news pages:
the headline (or a copy of the title or standfirst) at the top of the body, and short
promotional or credit lines ("Read more: ...", "Sign up for our newsletter", "Reporting by
...; Editing by ...").
Metadata (title, date, site, authors, ...) comes from the same trafilatura pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterator, NamedTuple, Optional
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from sitrep.errors import InputError

if TYPE_CHECKING:  # trafilatura is imported on first use, not when this module loads
    from trafilatura.settings import Document

# Options for trafilatura, chosen on the article-extraction-benchmark dev pages:
# precision mode drops more navigation and teaser blocks at almost no cost in recall,
# reader comments are never article text, and tables often carry the story's figures.
TRAFILATURA_OPTIONS: dict[str, object] = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
    "with_metadata": True,
}

# How many leading body blocks may repeat the headline, title or standfirst.
HEADLINE_WINDOW = 3

# Lines that are promotion, navigation or credits rather than article text. Each pattern
# is matched against one whole block, and only blocks of at most BOILERPLATE_MAX_WORDS words.
BOILERPLATE_MAX_WORDS = 45
BOILERPLATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # teaser links to other stories
        r"^\[?(related( posts?| stories| articles| coverage)?|read more|read also|also read|"
        r"see more|see also|more|also|more on this( story)?|recommended|must read)\s*:.*$",
        r"^\[?related\s*:.*\]$",
        r"^(you may also like|you might also like|don'?t miss|more stories|recommended for you)"
        r"\W*$",
        r"^also on [\w.-]+\.[a-z]{2,}\b.*$",
        # social media, sharing and newsletter prompts
        r"^(like this (story|article)\?\s*)?share (it|this( story| article)?) with .*$",
        r"^follow\b.{0,80}\bon (twitter|facebook|instagram|youtube|linkedin)\b.*$",
        r"^.{0,120}\b(sign up|subscribe)\b.{0,120}\bnewsletters?\b.*$",
        r"^.{0,60}\bnewsletter\W*$",
        r"^have a (news )?tip\?.*$",
        r"^tell us what you think\W*$",
        r"^(\d+\s+)?comments?\W*$",
        r"^(leave|post|add) a (comment|reply)\W*$",
        r"^filed under\s*:.*$",
        # reading-time badges
        r"^(\d+\s*(min|mins|minutes?)\.?\s+read|(reading time|tempo de leitura|lesezeit|"
        r"temps de lecture|tiempo de lectura)\s*:.*)$",
        # agency credit lines at the end of wire stories
        r"^\(?(additional )?reporting by\b.*(editing|edited) by\b.*$",
        r"^.{0,200}\bcontributed (reporting|to this (report|story|article))\b.{0,60}$",
        r"^source\s*:\s*[\w .,&'-]{1,40}$",
        # WordPress shortcodes that leaked into the text
        r"^\[(\w+)\b[^\]]*\].*\[/\1\]\s*$",
    )
)


@dataclass(frozen=True)
class HtmlExtraction:
    """What one HTML page yields: its article text and what the page says about it.

    ``removed`` lists the body lines the post-cleaning dropped (headline copies, promotion,
    credit and source lines), in page order, for callers that mine credits or audit cuts.
    """

    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    category: Optional[str] = None
    authors: tuple[str, ...] = ()
    description: Optional[str] = None
    language: Optional[str] = None
    headings: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


class _Block(NamedTuple):
    """One paragraph-level piece of the body; headings and the page headline are flagged."""

    text: str
    heading: bool = False
    headline: bool = False


def extract_html(html: str, url: Optional[str] = None) -> HtmlExtraction:
    """Return the article text and metadata of ``html``; ``url`` helps with both.

    Raises ``InputError`` E105 when the page holds no extractable article text.
    """
    source = url or "<html>"
    if not html or not html.strip():
        raise InputError("E105", input=source, detail="the page is empty")
    tree = _parse(html)
    if tree is None:
        raise InputError("E105", input=source, detail="it does not parse as an HTML document")
    language = _page_language(tree)
    document = _run_trafilatura(tree, url)
    if document is None or document.body is None:
        raise InputError("E105", input=source, detail="no main content block was found")
    found = _body_blocks(document.body)
    blocks = _drop_repeated_headline(found, document.title, document.description)
    blocks = [block for block in blocks if not is_boilerplate(block.text)]
    if not blocks:
        raise InputError("E105", input=source, detail="the main content block has no text")
    removed = tuple(block.text for block in _without(found, blocks))
    return replace(_assemble(blocks, document, url, language), removed=removed)


def _without(found: list[_Block], kept: list[_Block]) -> Iterator[_Block]:
    """Yield the blocks of ``found`` that did not survive into ``kept``, in page order."""
    kept_ids = {id(block) for block in kept}
    return (block for block in found if id(block) not in kept_ids)


def _parse(html: str) -> Optional[HtmlElement]:
    """Parse ``html`` into an lxml tree, wrapping a bare fragment in a page if needed."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None and "<" in html:
        tree = load_html(f"<html><body>{html}</body></html>")
    return tree


def _run_trafilatura(tree: HtmlElement, url: Optional[str]) -> Optional[Document]:
    """Run trafilatura's extraction cascade on ``tree``; None when it finds nothing."""
    from trafilatura import bare_extraction

    return bare_extraction(tree, url=url, **TRAFILATURA_OPTIONS)


def _assemble(
    blocks: list[_Block], document: Document, url: Optional[str], language: Optional[str]
) -> HtmlExtraction:
    """Build the result record from the kept body blocks and trafilatura's metadata."""
    return HtmlExtraction(
        text="\n\n".join(block.text for block in blocks),
        title=_clean_field(document.title),
        published=_iso_date(document.date),
        outlet=_clean_field(document.sitename) or _host(document.hostname, url),
        category=_first_category(document.categories),
        authors=_split_authors(document.author),
        description=_clean_field(document.description),
        language=_clean_language(document.language) or language,
        headings=tuple(block.text for block in blocks if block.heading),
    )


# --- body blocks -------------------------------------------------------------------------


# Soft hyphens, zero-width spaces and byte-order marks split words without showing.
_INVISIBLE = str.maketrans("", "", "\u00ad\u200b\u2060\ufeff")


def _body_blocks(body: etree._Element) -> list[_Block]:
    """Flatten trafilatura's XML body into paragraph-level blocks, in reading order."""
    return [block for block in _walk_blocks(body) if block.text]


def _walk_blocks(container: etree._Element) -> Iterator[_Block]:
    """Yield the blocks under ``container``, descending into lists, tables and quotes.

    Text loose between blocks (an element's tail) becomes a paragraph of its own.
    """
    yield _Block(_loose_text(container.text))
    for child in container:
        tag = child.tag
        if tag == "list":
            yield from _list_blocks(child)
        elif tag == "table":
            yield from _table_blocks(child)
        elif tag in ("quote", "div") and _has_block_children(child):
            yield from _walk_blocks(child)
        elif isinstance(tag, str) and tag not in ("graphic", "lb"):
            heading = tag == "head"
            yield _Block(_inline_text(child), heading, heading and child.get("rend") == "h1")
        yield _Block(_loose_text(child.tail))


def _loose_text(text: Optional[str]) -> str:
    """Tidy the spaces of a stray text run between blocks."""
    return " ".join((text or "").translate(_INVISIBLE).split())


def _list_blocks(list_element: etree._Element) -> Iterator[_Block]:
    """Yield one block per list item, then the items of any list nested in it."""
    for item in list_element:
        if item.tag != "item":
            continue
        yield _Block(_inline_text(item, skip=("list",)))
        for nested in item.findall("list"):
            yield from _list_blocks(nested)


def _table_blocks(table: etree._Element) -> Iterator[_Block]:
    """Yield one block per table row, its cells separated by ' | '."""
    for row in table.iter("row"):
        cells = [_inline_text(cell) for cell in row if cell.tag == "cell"]
        yield _Block(" | ".join(cell for cell in cells if cell))


def _has_block_children(element: etree._Element) -> bool:
    """Tell whether ``element`` holds paragraphs, lists or other blocks of its own."""
    return any(child.tag in ("p", "head", "list", "table", "quote", "code") for child in element)


def _inline_text(element: etree._Element, skip: tuple[str, ...] = ()) -> str:
    """Return the text of ``element`` with line breaks kept and spaces tidied."""
    raw = "".join(_text_pieces(element, skip)).translate(_INVISIBLE)
    lines = (" ".join(line.split()) for line in raw.split("\n"))
    return "\n".join(line for line in lines if line)


def _text_pieces(element: etree._Element, skip: tuple[str, ...]) -> Iterator[str]:
    """Yield the text of ``element`` in document order, turning ``lb`` into newlines."""
    yield element.text or ""
    for child in element:
        if child.tag == "lb":
            yield "\n"
        elif isinstance(child.tag, str) and child.tag not in skip:
            yield from _text_pieces(child, skip)
        yield child.tail or ""


# --- cleaning ----------------------------------------------------------------------------


def is_boilerplate(text: str) -> bool:
    """Tell whether one body block is a promotional, navigation or credit line."""
    stripped = text.strip()
    if len(stripped.split()) > BOILERPLATE_MAX_WORDS:
        return False
    return any(pattern.match(stripped) for pattern in BOILERPLATE_PATTERNS)


def _drop_repeated_headline(
    blocks: list[_Block], title: Optional[str], description: Optional[str]
) -> list[_Block]:
    """Remove the headline, title or standfirst heading repeated among the first blocks.

    The title is kept as metadata; in the body it only duplicates it.
    """
    title_key = _word_key(title)
    description_key = _word_key(description)
    head, rest = blocks[:HEADLINE_WINDOW], blocks[HEADLINE_WINDOW:]
    kept = [block for block in head if not _repeats(block, title_key, description_key)]
    return kept + rest


def _repeats(block: _Block, title_key: str, description_key: str) -> bool:
    """Tell whether ``block`` is the page headline or restates the title or summary."""
    key = _word_key(block.text)
    if block.headline or (key and key == title_key):
        return True
    return block.heading and bool(key) and key == description_key


_WORD_RE = re.compile(r"\w+")


def _word_key(text: Optional[str]) -> str:
    """Reduce ``text`` to its lower-cased words, for comparisons that ignore punctuation."""
    return " ".join(_WORD_RE.findall((text or "").lower()))


# --- metadata ----------------------------------------------------------------------------

_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LANGUAGE_RE = re.compile(r"^[a-zA-Z]{2,3}(?=$|[-_])")


def _clean_field(value: Optional[str]) -> Optional[str]:
    """Collapse whitespace in a metadata string; empty strings become None."""
    if not value:
        return None
    collapsed = " ".join(value.split())
    return collapsed or None


def _iso_date(value: Optional[str]) -> Optional[str]:
    """Keep the YYYY-MM-DD part of a date string, or None when it is not one."""
    if not value:
        return None
    match = _ISO_DATE_RE.match(value.strip())
    return match.group(0) if match else None


def _host(hostname: Optional[str], url: Optional[str]) -> Optional[str]:
    """Return the site's host name without 'www.', from metadata or from ``url``."""
    host = hostname or (urlsplit(url).hostname if url else None)
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _first_category(categories: Optional[list[str]]) -> Optional[str]:
    """Return the first non-empty category or section name, if the page gives any."""
    for category in categories or ():
        cleaned = _clean_field(category)
        if cleaned:
            return cleaned
    return None


def _split_authors(author: Optional[str]) -> tuple[str, ...]:
    """Split trafilatura's ';'-joined author string into distinct names."""
    names = (_clean_field(name) for name in (author or "").split(";"))
    return tuple(dict.fromkeys(name for name in names if name))


def _clean_language(value: Optional[str]) -> Optional[str]:
    """Reduce a language tag such as 'en-US' or 'pt_BR' to its lower-case primary subtag."""
    match = _LANGUAGE_RE.match((value or "").strip())
    return match.group(0).lower() if match else None


def _page_language(tree: HtmlElement) -> Optional[str]:
    """Read the page's declared language from <html lang> or a content-language meta tag."""
    root = tree.getroottree().getroot()
    candidates = [root.get("lang"), root.get("xml:lang")]
    candidates += root.xpath(
        "//meta[translate(@http-equiv, 'CONTENTLANGUAGE', 'contentlanguage')"
        "='content-language']/@content | //meta[@property='og:locale']/@content"
    )
    for candidate in candidates:
        language = _clean_language(candidate)
        if language:
            return language
    return None
