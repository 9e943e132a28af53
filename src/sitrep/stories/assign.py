"""Where a new article goes: which neighbourhood it joins, and how that neighbourhood splits
into stories and event clusters.

Two articles are *linked* when their vectors' cosine reaches ``LINK`` and, if both are dated,
their days are at most ``WINDOW_DAYS`` apart (if only their years are known, the years match). A *neighbourhood* is a connected group of linked
articles: a new article joins the neighbourhoods it links to, merging them (the older id
stays). The neighbourhood is then split by average-link clustering of its articles, cut at
``STORY_CUT`` for stories and at ``CLUSTER_CUT`` for event clusters (finer, inside stories).
Both steps depend only on which articles are stored, never on the order they came in, so
ingesting in another order, or rebuilding, gives the same groups. Ids follow content: a group
keeps the id of the earlier group it shares most articles with (the older one on a tie); a
group with no earlier id is named after its first article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from .signals import ArticleSignals

LINK = 0.45
STORY_CUT = 0.35
CLUSTER_CUT = 0.6
WINDOW_DAYS = 14
APART = -np.inf  # two dated reports too far apart are never in one story


@dataclass(frozen=True)
class Candidate:
    """A stored article that may be linked to the new one, with its neighbourhood."""

    article_id: str
    vector: np.ndarray
    day: Optional[int]
    year: Optional[int]
    component_id: str
    component_rank: int  # assignment order of the neighbourhood's first article (smaller is older)


@dataclass(frozen=True)
class Member:
    """An article of a neighbourhood with its current story and cluster (None when new)."""

    article_id: str
    vector: np.ndarray
    day: Optional[int]
    year: Optional[int]
    ordinal: int  # assignment order
    story: Optional[tuple[int, str]] = None  # (story seq, story id)
    cluster: Optional[tuple[int, str]] = None


def new_ids(article_id: str) -> tuple[str, str, str]:
    """The ids a story, a cluster and a neighbourhood founded by ``article_id`` get."""
    return f"s-{article_id[:12]}", f"c-{article_id[:12]}", f"k-{article_id[:12]}"


def within(a: Optional[int], b: Optional[int], year_a: Optional[int] = None, year_b: Optional[int] = None,
           days: int = WINDOW_DAYS) -> bool:
    """Whether two reports can be of one story by their dates (and years, when only those are known)."""
    if a is not None and b is not None:
        return abs(a - b) <= days
    return year_a is None or year_b is None or year_a == year_b


def neighbourhood(signals: ArticleSignals, candidates: Sequence[Candidate]) -> tuple[str, tuple[str, ...]]:
    """The neighbourhood the new article joins and the ones merged into it."""
    if not candidates:
        return new_ids(signals.article_id)[2], ()
    scores = np.stack([c.vector for c in candidates]) @ signals.vector
    linked = sorted({(c.component_rank, c.component_id) for c, s in zip(candidates, scores)
                     if s >= LINK and within(signals.day, c.day, signals.year, c.year)})
    if not linked:
        return new_ids(signals.article_id)[2], ()
    return linked[0][1], tuple(ident for _rank, ident in linked[1:])


def partition(members: Sequence[Member], cut: float, finer: float) -> tuple[list[list[str]], list[list[str]]]:
    """Average-link groups of the members cut at ``cut`` and at ``finer`` (nested in the first)."""
    ordered = sorted(members, key=lambda m: m.article_id)
    groups: list[list[int]] = [[i] for i in range(len(ordered))]
    sims = _similarities(ordered)
    coarse = fine = None
    while len(groups) > 1:
        a, b, best = _closest(sims)
        if fine is None and best < finer:
            fine = [list(g) for g in groups]
        if best < cut:
            break
        sims = _merge(sims, groups, a, b)
    coarse = groups
    fine = fine if fine is not None else [list(g) for g in groups]
    names = [m.article_id for m in ordered]
    return [[names[i] for i in g] for g in coarse], [[names[i] for i in g] for g in fine]


def _similarities(members: Sequence[Member]) -> np.ndarray:
    vectors = np.stack([m.vector for m in members]).astype(np.float64)
    sims = vectors @ vectors.T
    for i, a in enumerate(members):
        for j, b in enumerate(members):
            if not within(a.day, b.day, a.year, b.year):
                sims[i, j] = APART
    np.fill_diagonal(sims, -np.inf)
    return sims


def _closest(sims: np.ndarray) -> tuple[int, int, float]:
    flat = int(np.argmax(sims))
    a, b = divmod(flat, sims.shape[0])
    return min(a, b), max(a, b), float(sims[a, b])


def _merge(sims: np.ndarray, groups: list[list[int]], a: int, b: int) -> np.ndarray:
    """Join group b into group a; the joined row is the size-weighted mean (average link)."""
    size_a, size_b = len(groups[a]), len(groups[b])
    row = (size_a * sims[a] + size_b * sims[b]) / (size_a + size_b)
    sims[a], sims[:, a] = row, row
    sims[a, a] = -np.inf
    groups[a].extend(groups[b])
    del groups[b]
    return np.delete(np.delete(sims, b, axis=0), b, axis=1)


def name_groups(groups: list[list[str]], previous: dict[str, Optional[tuple[int, str]]],
                first: dict[str, int], prefix_index: int) -> dict[str, str]:
    """{article: group id}: each group keeps the earlier id it shares most articles with (older on a
    tie), each earlier id at most once; other groups are named after their first article."""
    claims = []
    for index, group in enumerate(groups):
        counts: dict[tuple[int, str], int] = {}
        for article in group:
            if previous.get(article) is not None:
                counts[previous[article]] = counts.get(previous[article], 0) + 1  # type: ignore[index]
        claims.extend((-n, seq, ident, index) for (seq, ident), n in counts.items())
    taken, named = set(), {}
    for _n, _seq, ident, index in sorted(claims):
        if index not in named and ident not in taken:
            named[index] = ident
            taken.add(ident)
    out = {}
    for index, group in enumerate(groups):
        ident = named.get(index) or _fresh_id(group, first, prefix_index, taken)
        taken.add(ident)
        out.update({article: ident for article in group})
    return out


def _fresh_id(group: list[str], first: dict[str, int], prefix_index: int, taken: set[str]) -> str:
    """The id founded by the group's first article (numbered when another group holds it)."""
    founder = min(group, key=lambda a: (first[a], a))
    ident, number = new_ids(founder)[prefix_index], 1
    while ident in taken:
        number += 1
        ident = f"{new_ids(founder)[prefix_index]}-{number}"
    return ident
