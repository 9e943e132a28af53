"""What the story stage reads from one article: a multilingual vector, a day, retrieval keys.

The vector is the mean of the multilingual sentence vectors of the title and the first
sentences (page furniture skipped), with part of a fixed "any conflict or politics report"
direction removed (the mean vector of the sentences in ``data/stories/background.txt``, written
for sitrep), so that two reports compare on what they say rather than on being news. The day
is the publication date, else a date in the URL (``/2024/11/27/``, ``20221008``), else a full
date at the head of the page ("Posted Feb 18, 2010", "19/02/2010"); an article with none is
*undated*, though a year in its URL path (``/2006/33/``) or a year and month in its URL or at the
head of its text (``nachrichten-2024-11``, "2024-11") still dates it to a year. Keys are the linked entity ids that are specific enough to find
neighbours by (knowledge-base people, groups, places, weapons; not countries) and the
buckets of a random-hyperplane hash of the vector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Optional, Sequence

import numpy as np

from ..model import Article

SENTENCES = 12  # sentences read per article (with the title)
MIN_SENTENCE = 20  # characters; shorter lines are page furniture
BACKGROUND_WEIGHT = 0.4
HASH_TABLES, HASH_BITS, HASH_SEED = 12, 6, 1729
COMMON_KEY_PREFIXES = ("local:", "country:", "nationality:")

_URL_YEAR = re.compile(r"/((?:19|20)\d{2})/")
_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d{2})-(0[1-9]|1[0-2])(?![\d-])")
_HEAD = 300  # characters of the page head searched for its date
_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                             "nov", "dec"))}
_NAMED_DATE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2}),? ((?:19|20)\d{2})\b", re.I)
_DMY = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?!\d)")
_URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_DASHED_DMY = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])-(0[1-9]|1[0-2])-((?:19|20)\d{2})(?!\d)")
_SPLIT = re.compile(r"(?<=[.!?؟。])\s+")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class ArticleSignals:
    """The story stage's view of one article."""

    article_id: str
    vector: np.ndarray  # float32 unit vector (512)
    day: Optional[int]  # proleptic ordinal of the reference date; None when undated
    year: Optional[int]  # the reference date's year, or a year in the URL path
    keys: tuple[str, ...]  # specific linked entity ids
    buckets: tuple[str, ...]  # "table:bits" hash buckets of the vector


def signals_of(article: Article, encoder: Any) -> ArticleSignals:
    """The signals of ``article``; ``encoder.encode(texts)`` gives unit sentence vectors."""
    texts = lead_texts(article)
    matrix = np.asarray(encoder.encode(texts), np.float32)
    vector = matrix.mean(axis=0) - BACKGROUND_WEIGHT * background(encoder)
    vector = vector_from(vector_bytes(vector / (np.linalg.norm(vector) or 1.0)))  # as stored: float16
    day = reference_day(article)
    year = date.fromordinal(day).year if day is not None else known_year(article)
    return ArticleSignals(article.id, vector, day, year, entity_keys(article), hash_buckets(vector))


def lead_texts(article: Article) -> list[str]:
    """The title (unless it is furniture) and the first sentences worth reading."""
    spans = [article.text[s.start:s.end] for s in article.sentences] or _SPLIT.split(article.text)
    lines = [" ".join(s.split()) for s in spans]
    chosen = [s for s in lines if _is_prose(s)][:SENTENCES]
    title = " ".join((article.title or "").split())
    if title and _LETTER.search(title) and "<" not in title and title not in chosen:
        chosen.insert(0, title)
    return chosen or [article.text[:300] or "."]


def _is_prose(line: str) -> bool:
    if len(line) < MIN_SENTENCE or "://" in line or "<" in line:
        return False
    return len(_LETTER.findall(line)) >= 0.6 * len(line.replace(" ", ""))


def reference_day(article: Article) -> Optional[int]:
    """The publication date, else a full date in the URL, else one at the head of the page."""
    for found in (_date_in(article.published), _date_in(article.source.uri), head_date(article.text)):
        if found is not None:
            return found.toordinal()
    return None


def head_date(text: str) -> Optional[date]:
    """A full date written at the head of a page ("Feb 18, 2010", "19/02/2010", "2024-07-29")."""
    head = text[:_HEAD]
    named, numeric, iso = _NAMED_DATE.search(head), _DMY.search(head), _URL_DATE.search(head)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if named:
            return date(int(named.group(3)), _MONTHS[named.group(1).lower()], int(named.group(2)))
        if numeric:
            return date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
    except ValueError:
        return None
    return None


def known_year(article: Article) -> Optional[int]:
    """The year of an undated article: a year in its URL path (``/2006/``), else a year and month
    in its publication date, its URL or at the head of its text (``nachrichten-2024-11``, "2024-11")."""
    uri = article.source.uri or ""
    match = _URL_YEAR.search(uri) or next(
        (m for m in map(_YEAR_MONTH.search, (article.published or "", uri, article.text[:_HEAD])) if m), None)
    return int(match.group(1)) if match else None


def _date_in(value: Optional[str]) -> Optional[date]:
    if not value:
        return None
    match, dmy = _URL_DATE.search(value), _DASHED_DMY.search(value)
    if not match and not dmy:
        return None
    try:
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))  # type: ignore[union-attr]
    except ValueError:
        return None


def entity_keys(article: Article) -> tuple[str, ...]:
    """Linked entity ids specific enough to retrieve neighbours by."""
    ids = {e.kb_id or e.id for e in article.entities}
    return tuple(sorted(i for i in ids if i and not i.startswith(COMMON_KEY_PREFIXES)))


def hash_buckets(vector: np.ndarray) -> tuple[str, ...]:
    """One bucket per hash table: the signs of the vector against ``HASH_BITS`` fixed hyperplanes."""
    signs = (_hyperplanes() @ vector) > 0
    rows = signs.reshape(HASH_TABLES, HASH_BITS)
    return tuple(f"{t}:{int(''.join('1' if b else '0' for b in row), 2)}" for t, row in enumerate(rows))


@lru_cache(maxsize=1)
def _hyperplanes() -> np.ndarray:
    rng = np.random.default_rng(HASH_SEED)
    return rng.standard_normal((HASH_TABLES * HASH_BITS, 512)).astype(np.float32)


_BACKGROUND: dict[int, np.ndarray] = {}


def background(encoder: Any) -> np.ndarray:
    """The mean vector of the background sentences under ``encoder`` (computed once per encoder)."""
    key = id(encoder)
    if key not in _BACKGROUND:
        _BACKGROUND[key] = np.asarray(encoder.encode(background_sentences()), np.float32).mean(axis=0)
    return _BACKGROUND[key]


@lru_cache(maxsize=1)
def background_sentences() -> tuple[str, ...]:
    text = resources.files("sitrep.data").joinpath("stories/background.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def vector_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, np.float16).tobytes()


def vector_from(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, np.float16).astype(np.float32)


def similarity(a: np.ndarray, b: Sequence[np.ndarray]) -> np.ndarray:
    """Cosine of ``a`` with each of ``b`` (unit vectors)."""
    return np.asarray(b, np.float32) @ a if len(b) else np.zeros(0, np.float32)
