"""Where a new article goes: which story and event cluster it joins, which ones it merges.

Two articles are *linked* at the story level when their vectors' cosine reaches
``STORY_LINK`` and, if both are dated, their days are at most ``WINDOW_DAYS`` apart; at the
event-cluster level the bar is ``CLUSTER_LINK`` with ``CLUSTER_WINDOW_DAYS``. Stories and
clusters are the connected groups of linked articles, so the result depends on which
articles are stored, not on the order they arrived in: an article joins the story of the
articles it links to, and when it links two stories they merge, keeping the older id (the
one created first). A story never gets a new id because an article joined it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from .signals import ArticleSignals

STORY_LINK = 0.625
CLUSTER_LINK = 0.68
WINDOW_DAYS = 14
CLUSTER_WINDOW_DAYS = 3


@dataclass(frozen=True)
class Candidate:
    """A stored article that may be linked to the new one, with where it belongs now."""

    article_id: str
    vector: np.ndarray
    day: Optional[int]
    story_id: str
    story_seq: int  # creation order of its story (smaller is older)
    cluster_id: str
    cluster_seq: int


@dataclass(frozen=True)
class Assignment:
    """What to write for the new article."""

    article_id: str
    story_id: str
    cluster_id: str
    new_story: bool
    new_cluster: bool
    merged_stories: tuple[str, ...] = ()  # these stories' members move to story_id
    merged_clusters: tuple[str, ...] = ()  # these clusters' members move to cluster_id
    links: tuple[tuple[str, float], ...] = ()  # (article id, cosine) of the story-level links


def new_ids(article_id: str) -> tuple[str, str]:
    """The ids a story and a cluster founded by ``article_id`` get (stable across runs)."""
    return f"s-{article_id[:12]}", f"c-{article_id[:12]}"


def within(a: Optional[int], b: Optional[int], days: int) -> bool:
    return a is None or b is None or abs(a - b) <= days


def assign(signals: ArticleSignals, candidates: Sequence[Candidate]) -> Assignment:
    """The story and cluster of the new article, and the merges its links cause."""
    scores = _scores(signals, candidates)
    story_links = [(c, s) for c, s in zip(candidates, scores)
                   if s >= STORY_LINK and within(signals.day, c.day, WINDOW_DAYS)]
    cluster_links = [c for c, s in story_links if s >= CLUSTER_LINK and within(signals.day, c.day, CLUSTER_WINDOW_DAYS)]
    story_id, cluster_id = new_ids(signals.article_id)
    links = tuple((c.article_id, round(float(s), 4)) for c, s in story_links)
    if not story_links:
        return Assignment(signals.article_id, story_id, cluster_id, True, True, links=links)
    stories = _oldest_first({(c.story_seq, c.story_id) for c, _ in story_links})
    clusters = _oldest_first({(c.cluster_seq, c.cluster_id) for c in cluster_links})
    return Assignment(signals.article_id, stories[0], clusters[0] if clusters else cluster_id,
                      new_story=False, new_cluster=not clusters, merged_stories=tuple(stories[1:]),
                      merged_clusters=tuple(clusters[1:]), links=links)


def _scores(signals: ArticleSignals, candidates: Sequence[Candidate]) -> np.ndarray:
    if not candidates:
        return np.zeros(0, np.float32)
    return np.stack([c.vector for c in candidates]) @ signals.vector


def _oldest_first(pairs: set[tuple[int, str]]) -> list[str]:
    return [ident for _seq, ident in sorted(pairs)]
