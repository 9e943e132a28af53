"""Where an article goes: ids stay stable, merges keep the older id, order does not matter."""

from __future__ import annotations

import random
from typing import Optional

import numpy as np

from sitrep.stories.assign import CLUSTER_LINK, STORY_LINK, WINDOW_DAYS, Candidate, assign, new_ids
from sitrep.stories.signals import ArticleSignals, hash_buckets


def unit(vector: np.ndarray) -> np.ndarray:
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def near(base: np.ndarray, cosine: float, rng: np.random.Generator) -> np.ndarray:
    """A unit vector at the given cosine from ``base``."""
    noise = rng.standard_normal(base.shape).astype(np.float32)
    noise -= (noise @ base) * base
    noise = unit(noise)
    return unit(cosine * base + np.sqrt(1 - cosine ** 2) * noise)


def signals(article_id: str, vector: np.ndarray, day: Optional[int] = None) -> ArticleSignals:
    return ArticleSignals(article_id, vector, day, (), hash_buckets(vector))


class Memory:
    """An in-memory stand-in for the membership table, applying assignments like the store does."""

    def __init__(self) -> None:
        self.rows: dict[str, dict] = {}
        self.story_seq: dict[str, int] = {}
        self.cluster_seq: dict[str, int] = {}

    def candidates(self) -> list[Candidate]:
        return [Candidate(a, r["vector"], r["day"], r["story"], self.story_seq[r["story"]], r["cluster"],
                          self.cluster_seq[r["cluster"]]) for a, r in sorted(self.rows.items())]

    def add(self, sig: ArticleSignals) -> None:
        plan = assign(sig, self.candidates())
        if plan.new_story:
            self.story_seq[plan.story_id] = len(self.story_seq) + 1
        if plan.new_cluster:
            self.cluster_seq[plan.cluster_id] = len(self.cluster_seq) + 1
        for row in self.rows.values():
            if row["story"] in plan.merged_stories:
                row["story"] = plan.story_id
            if row["cluster"] in plan.merged_clusters:
                row["cluster"] = plan.cluster_id
        self.rows[sig.article_id] = {"vector": sig.vector, "day": sig.day, "story": plan.story_id,
                                     "cluster": plan.cluster_id}


def test_a_story_keeps_its_id_when_an_article_joins() -> None:
    rng = np.random.default_rng(1)
    base = unit(rng.standard_normal(512).astype(np.float32))
    memory = Memory()
    memory.add(signals("a" * 20, base))
    memory.add(signals("b" * 20, near(base, 0.9, rng)))
    assert memory.rows["b" * 20]["story"] == memory.rows["a" * 20]["story"] == new_ids("a" * 20)[0]


def test_an_article_linking_two_stories_merges_them_under_the_older_id() -> None:
    rng = np.random.default_rng(2)
    left = unit(rng.standard_normal(512).astype(np.float32))
    right = near(left, 0.3, rng)  # below the story link: two stories
    memory = Memory()
    memory.add(signals("old" + "0" * 17, left))
    memory.add(signals("new" + "0" * 17, right))
    assert len({r["story"] for r in memory.rows.values()}) == 2
    bridge = unit(left + right)
    assert float(bridge @ left) >= STORY_LINK and float(bridge @ right) >= STORY_LINK
    memory.add(signals("mid" + "0" * 17, bridge))
    assert {r["story"] for r in memory.rows.values()} == {new_ids("old" + "0" * 17)[0]}


def test_dated_reports_far_apart_are_different_stories() -> None:
    rng = np.random.default_rng(3)
    base = unit(rng.standard_normal(512).astype(np.float32))
    memory = Memory()
    memory.add(signals("x" * 20, base, day=738000))
    memory.add(signals("y" * 20, near(base, 0.95, rng), day=738000 + WINDOW_DAYS + 1))
    memory.add(signals("z" * 20, near(base, 0.95, rng), day=None))  # undated: links to both
    assert memory.rows["x" * 20]["story"] == memory.rows["z" * 20]["story"]


def test_clusters_are_finer_than_stories() -> None:
    rng = np.random.default_rng(4)
    base = unit(rng.standard_normal(512).astype(np.float32))
    memory = Memory()
    memory.add(signals("p" * 20, base))
    memory.add(signals("q" * 20, near(base, (STORY_LINK + CLUSTER_LINK) / 2, rng)))
    rows = memory.rows
    assert rows["p" * 20]["story"] == rows["q" * 20]["story"] and rows["p" * 20]["cluster"] != rows["q" * 20]["cluster"]


def labels(memory: Memory) -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, row in memory.rows.items():
        groups.setdefault(row["story"], set()).add(article)
    return {a: frozenset(g) for g in groups.values() for a in g}


def test_the_same_articles_in_another_order_make_the_same_stories() -> None:
    rng = np.random.default_rng(5)
    centres = [unit(rng.standard_normal(512).astype(np.float32)) for _ in range(6)]
    items = [signals(f"{i:02d}{j:02d}" + "0" * 16, near(c, rng.uniform(0.7, 0.95), rng))
             for i, c in enumerate(centres) for j in range(5)]
    first, second = Memory(), Memory()
    for sig in items:
        first.add(sig)
    shuffled = list(items)
    random.Random(7).shuffle(shuffled)
    for sig in shuffled:
        second.add(sig)
    assert labels(first) == labels(second)
