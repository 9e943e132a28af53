"""What the story stage reads from one article: a multilingual vector, a day, retrieval keys.

The vector is the mean of the multilingual sentence vectors of the title and the first
sentences (page furniture skipped), with part of a fixed "any conflict or politics report"
direction removed (the mean vector of the sentences in ``data/stories/background.txt``, written
for sitrep), so that two reports compare on what they say rather than on being news. The day
is the publication date, else a date in the URL (``/2024/11/27/``, ``20221008``); an article
with neither is *undated*. Keys are the linked entity ids that are specific enough to find
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
BACKGROUND_WEIGHT = 0.8
HASH_TABLES, HASH_BITS, HASH_SEED = 12, 6, 1729
COMMON_KEY_PREFIXES = ("local:", "country:", "nationality:")

_URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")
_SPLIT = re.compile(r"(?<=[.!?؟。])\s+")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class ArticleSignals:
    """The story stage's view of one article."""

    article_id: str
    vector: np.ndarray  # float32 unit vector (512)
    day: Optional[int]  # proleptic ordinal of the reference date; None when undated
    keys: tuple[str, ...]  # specific linked entity ids
    buckets: tuple[str, ...]  # "table:bits" hash buckets of the vector


def signals_of(article: Article, encoder: Any) -> ArticleSignals:
    """The signals of ``article``; ``encoder.encode(texts)`` gives unit sentence vectors."""
    texts = lead_texts(article)
    matrix = np.asarray(encoder.encode(texts), np.float32)
    vector = matrix.mean(axis=0) - BACKGROUND_WEIGHT * background(encoder)
    vector = vector_from(vector_bytes(vector / (np.linalg.norm(vector) or 1.0)))  # as stored: float16
    return ArticleSignals(article.id, vector, reference_day(article), entity_keys(article), hash_buckets(vector))


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
    """The publication date, else a full date in the URL, as a day ordinal."""
    for value in (article.published, article.source.uri):
        found = _date_in(value)
        if found is not None:
            return found.toordinal()
    return None


def _date_in(value: Optional[str]) -> Optional[date]:
    if not value:
        return None
    match = _URL_DATE.search(value)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
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
