"""Clean scraped page text: banners and chrome out, the story and its furniture kept.

The input is what a scraper saves from a news page: the title (often several times),
metadata labels ("Category", "Publication date"), a summary box of bullets, section
headings, photo credits, the body, and cookie or language banners. The output is a
:class:`CleanPage` of typed blocks; nothing that is not recognised as boilerplate is dropped.
"""

from __future__ import annotations

import re
from typing import Optional

from .blocks import Block, CleanPage, PendingCredit
from .dates import parse_date

BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bcookies?\b.*\b(consent|accept|use|policy|settings|agree)",
        r"\b(consent|accept|agree)\b.*\bcookies?\b",
        r"\bby (staying|continuing|using)\b.*\b(site|online|website)\b",
        r"\b(prefer|switch to|available in)\b.*\b(version|language)\b",
        r"\bwould you like to switch\b",
        r"^(share|share this|tweet|print|email|copy link|subscribe|follow us|sign up|log in|advertisement|ad|read more|read also|related( articles| news)?|comments?)[:.!]?$",
        r"^(share on|follow us on|subscribe to (our|the)|sign up for (our|the)|join us on)\b",
        r"^(tags|topics|keywords)\s*:",
        r"^(all rights reserved|©|copyright\b)",
        r"^(yes|no|ok|accept|decline|close)$",
    )
]
HEADER_LABELS = {
    "category": "category",
    "section": "category",
    "rubric": "category",
    "publication date": "published",
    "published": "published",
    "date": "published",
    "updated": "updated",
}
KEY_POINT_HEADERS = re.compile(
    r"^(points of attention|key points|key takeaways|main points|highlights|in brief|briefly|"
    r"summary|what you need to know|the main thing|tl;?dr)[:.]?$",
    re.IGNORECASE,
)
BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*–—-]|\d{1,2}[.)])\s+(?P<body>\S.*)$")
CREDIT = re.compile(
    r"^\(?(?P<kind>photo|photos|image|video|illustration|infographic|source|фото)\s*(?:credit)?\s*"
    r"(?:[:—–-]|by)\s*(?P<who>[^()]{1,80}?)\)?$",
    re.IGNORECASE,
)
MEDIA_SUFFIX = re.compile(r"\s*[—–-]\s*(photo|video|photos|infographic)s?\s*$", re.IGNORECASE)
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")  # inside words: "Lib\u200bya" is "Libya"


def clean_scraped(raw: str) -> CleanPage:
    """Typed blocks, header fields and credits from scraped page text."""
    lines = [_normalise(line) for line in raw.splitlines()]
    page = CleanPage()
    lines = _drop_boilerplate(lines, page)
    start = _read_header(lines, page)
    _read_body(lines[start:], page)
    return page


def _normalise(line: str) -> str:
    return SPACES.sub(" ", ZERO_WIDTH.sub("", line)).strip()


def is_boilerplate(line: str) -> bool:
    """True for a line of page chrome: consent and language banners, share buttons, tags."""
    return bool(line) and len(line) < 400 and any(p.search(line) for p in BOILERPLATE)


def _drop_boilerplate(lines: list[str], page: CleanPage) -> list[str]:
    kept = []
    for line in lines:
        if is_boilerplate(line):
            page.removed.append(line)
        else:
            kept.append(line)
    return kept


def _read_header(lines: list[str], page: CleanPage) -> int:
    """Title, metadata labels and repeated titles at the top; returns where the body starts."""
    i = _skip_blank(lines, 0)
    if i < len(lines) and _header_label(lines[i]) is None and _looks_like_title(lines[i], lines[i + 1:]):
        page.title = MEDIA_SUFFIX.sub("", lines[i]).strip()
        i += 1
    while True:
        i = _skip_blank(lines, i)
        if i >= len(lines):
            return i
        step = _header_step(lines, i, page)
        if step == 0:
            return i
        i += step


def _looks_like_title(line: str, rest: list[str]) -> bool:
    """A first line that is short, not a finished sentence, and followed by more text."""
    stripped = MEDIA_SUFFIX.sub("", line).strip()
    return bool(stripped) and len(stripped) <= 250 and stripped[-1] not in ".!?…" and any(rest)


def _header_step(lines: list[str], i: int, page: CleanPage) -> int:
    line = lines[i]
    if page.title and _same_title(line, page.title):
        page.removed.append(line)
        return 1
    label = _header_label(line)
    if label is None:
        return 0
    field, inline = label
    if inline is not None:
        _set_header(page, field, inline)
        return 1
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if nxt and _header_label(nxt) is None and not (page.title and _same_title(nxt, page.title)) and len(nxt) < 60:
        _set_header(page, field, nxt)
        return 2
    return 1


def _header_label(line: str) -> Optional[tuple[str, Optional[str]]]:
    head, sep, rest = line.partition(":")
    key = (head if sep else line).strip().lower()
    if key in HEADER_LABELS:
        return HEADER_LABELS[key], (rest.strip() or None) if sep else None
    return None


def _set_header(page: CleanPage, field: str, value: str) -> None:
    if field == "category" and not page.category:
        page.category = value
    elif field in ("published", "updated") and not page.published:
        page.published = parse_date(value)


def _same_title(line: str, title: str) -> bool:
    return MEDIA_SUFFIX.sub("", line).strip().lower() == title.lower()


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i]:
        i += 1
    return i


def _read_body(lines: list[str], page: CleanPage) -> None:
    in_key_points = False
    for paragraph in _paragraphs(lines):
        first = paragraph[0]
        if KEY_POINT_HEADERS.match(first):
            in_key_points = True
            _add_bullets(paragraph[1:], page)
            continue
        if in_key_points and all(BULLET.match(line) for line in paragraph):
            _add_bullets(paragraph, page)
            continue
        in_key_points = False
        _add_paragraph(" ".join(paragraph), page)


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines; bullet lines always start a new run."""
    out: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line:
            current = _flush(out, current)
        elif BULLET.match(line) and current and not BULLET.match(current[-1]):
            current = _flush(out, current)
            current.append(line)
        else:
            current.append(line)
    _flush(out, current)
    return out


def _flush(out: list[list[str]], current: list[str]) -> list[str]:
    if current:
        out.append(current)
    return []


def _add_bullets(lines: list[str], page: CleanPage) -> None:
    for line in lines:
        match = BULLET.match(line)
        text = match.group("body").strip() if match else line
        page.blocks.append(Block("key_point", text))


def _add_paragraph(text: str, page: CleanPage) -> None:
    credit = CREDIT.match(text)
    if credit:
        who = credit.group("who").strip()
        page.credits.append(PendingCredit(text, who, credit.group("kind").lower().rstrip("s"), len(page.blocks) - 1))
        return
    if page.title and _same_title(text, page.title):
        page.removed.append(text)
        return
    page.blocks.append(Block(_paragraph_kind(text, page), text))


def _paragraph_kind(text: str, page: CleanPage) -> str:
    if not any(b.kind in ("body", "lede") for b in page.blocks) and _is_sentence(text):
        return "lede"
    return "heading" if looks_like_heading(text) else "body"


def looks_like_heading(text: str) -> bool:
    """A short line with no closing punctuation that stands alone: a section heading."""
    words = text.split()
    return 2 <= len(words) <= 16 and len(text) <= 120 and text[-1] not in ".!?:;,…\"”'" and text[0].isupper()


def _is_sentence(text: str) -> bool:
    return len(text.split()) >= 8 and text[-1] in ".!?\"”'…"
