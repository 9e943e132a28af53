"""Where an article goes, through the store: ids stay stable, merges keep the older id, the
groups do not depend on the order articles came in, dates keep stories apart."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Optional

import numpy as np
import pytest
from sqlalchemy import insert

from sitrep.store import schema
from sitrep.store.database import Store
from sitrep.stories.assign import LINK, STORY_CUT, WINDOW_DAYS, Member, new_ids, partition
from sitrep.stories.signals import ArticleSignals, hash_buckets, vector_bytes, vector_from
from sitrep.stories_service import place


def unit(vector: np.ndarray) -> np.ndarray:
    return vector_from(vector_bytes(vector / np.linalg.norm(vector)))


def near(base: np.ndarray, cosine: float, rng: np.random.Generator) -> np.ndarray:
    """A unit vector at (about) the given cosine from ``base``."""
    noise = rng.standard_normal(base.shape).astype(np.float32)
    noise -= (noise @ base) * base
    noise /= np.linalg.norm(noise)
    return unit(cosine * base + np.sqrt(1 - cosine ** 2) * noise)


def signals(article_id: str, vector: np.ndarray, day: Optional[int] = None,
            year: Optional[int] = None) -> ArticleSignals:
    if day is not None:
        year = date.fromordinal(day).year
    return ArticleSignals(article_id, vector, day, year, (), hash_buckets(vector))


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with Store(str(tmp_path / "stories.db")) as opened:
        yield opened


def put(store: Store, sig: ArticleSignals) -> dict[str, str]:
    """Store a bare article row for ``sig`` and place it, as an ingest does."""
    now = "2026-01-01T00:00:00+00:00"
    with store.engine.begin() as conn:
        conn.execute(insert(schema.articles).values(id=sig.article_id, source_key=sig.article_id, text="",
                                                    record="{}", ingested_at=now, updated_at=now))
    return place(store, sig)


def ident(name: str) -> str:
    return (name * 20)[:20]


def test_a_story_keeps_its_id_when_an_article_joins(store: Store) -> None:
    rng = np.random.default_rng(1)
    base = unit(rng.standard_normal(512).astype(np.float32))
    first = put(store, signals(ident("a"), base))
    second = put(store, signals(ident("b"), near(base, 0.9, rng)))
    assert first["id"] == second["id"] == new_ids(ident("a"))[0]


def test_an_article_linking_two_stories_merges_them_under_the_older_id(store: Store) -> None:
    rng = np.random.default_rng(2)
    left = unit(rng.standard_normal(512).astype(np.float32))
    right = near(left, 0.2, rng)  # below the link: two stories
    assert put(store, signals(ident("o"), left))["id"] != put(store, signals(ident("n"), right))["id"]
    bridge = unit(left + right)
    assert float(bridge @ left) >= LINK and float(bridge @ right) >= LINK
    joined = put(store, signals(ident("m"), bridge))
    assert joined["id"] == new_ids(ident("o"))[0]
    with store.engine.connect() as conn:
        assert {row[0] for row in conn.execute(schema.story_members.select().with_only_columns(
            schema.story_members.c.story_id))} == {joined["id"]}


def test_dated_reports_far_apart_are_different_stories(store: Store) -> None:
    rng = np.random.default_rng(3)
    base = unit(rng.standard_normal(512).astype(np.float32))
    early = put(store, signals(ident("x"), base, day=738000))
    late = put(store, signals(ident("y"), near(base, 0.95, rng), day=738000 + WINDOW_DAYS + 1))
    other_year = put(store, signals(ident("z"), near(base, 0.95, rng), year=1999))
    assert len({early["id"], late["id"], other_year["id"]}) == 3


def test_clusters_are_finer_than_stories(store: Store) -> None:
    rng = np.random.default_rng(4)
    base = unit(rng.standard_normal(512).astype(np.float32))
    first = put(store, signals(ident("p"), base))
    second = put(store, signals(ident("q"), near(base, 0.5, rng)))
    assert first["id"] == second["id"] and first["cluster_id"] != second["cluster_id"]


def test_average_link_keeps_a_loosely_tied_article_out_of_a_tight_story() -> None:
    base, side, *others = np.eye(512, dtype=np.float32)[:7]
    first = unit(0.95 * base + 0.312 * side)
    tight = [Member(ident("t"), first, None, None, 0)] + [
        Member(ident(str(i)), unit(0.95 * base + 0.312 * other), None, None, i + 1) for i, other in enumerate(others[:4])]
    away = unit(-0.312 * base + 0.95 * side)  # in the plane of base and the first article, away from base
    loose = Member(ident("l"), unit(0.5 * first + 0.866 * away), None, None, 9)  # linked to the first only
    assert float(loose.vector @ first) >= LINK
    stories, _clusters = partition(tight + [loose], STORY_CUT, 0.9)
    assert sorted(map(len, stories)) == [1, 5]


def labels(rows: dict[str, dict[str, str]]) -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, ref in rows.items():
        groups.setdefault(ref["id"], set()).add(article)
    return {a: frozenset(g) for g in groups.values() for a in g}


def final(store: Store) -> dict[str, dict[str, str]]:
    with store.engine.connect() as conn:
        rows = conn.execute(schema.story_members.select())
        return {r.article_id: {"id": r.story_id, "cluster_id": r.cluster_id} for r in rows}


def test_the_same_articles_in_another_order_make_the_same_stories(tmp_path: Path) -> None:
    rng = np.random.default_rng(5)
    centres = [unit(rng.standard_normal(512).astype(np.float32)) for _ in range(6)]
    items = [signals(f"{i:02d}{j:02d}" + "0" * 16, near(c, float(rng.uniform(0.75, 0.95)), rng))
             for i, c in enumerate(centres) for j in range(5)]
    shuffled = list(items)
    random.Random(7).shuffle(shuffled)
    results = []
    for name, order in (("first", items), ("second", shuffled)):
        with Store(str(tmp_path / f"{name}.db")) as store:
            for sig in order:
                put(store, sig)
            results.append(labels(final(store)))
    assert results[0] == results[1]
    assert len(set(results[0].values())) == 6


def test_an_undated_article_reads_a_bounded_number_of_candidates(store: Store, monkeypatch) -> None:
    """Past the exact limit, each key of an undated article gives only its latest members."""
    from sitrep.store import stories as story_store

    monkeypatch.setattr(story_store, "EXACT_LIMIT", 5)
    monkeypatch.setattr(story_store, "PER_KEY", 1)
    rng = np.random.default_rng(9)
    base = unit(rng.standard_normal(512).astype(np.float32))
    stored = [signals(f"{i:03d}" + "0" * 17, near(base, 0.9, rng), day=None if i % 2 else 738000 + i)
              for i in range(40)]
    for sig in stored:
        put(store, sig)
    probe = signals("new" + "0" * 17, near(base, 0.9, rng))
    keys = [f"h:{b}" for b in probe.buckets]
    with store.engine.connect() as conn:
        rows = story_store.candidate_rows(conn, keys, None, WINDOW_DAYS, probe.article_id)
    assert 0 < len(rows) <= 2 * 1 * len(keys) < len(stored)
    latest_dated = max((s for s in stored if s.day is not None), key=lambda s: s.day)
    shares = set(latest_dated.buckets) & set(probe.buckets)
    assert not shares or latest_dated.article_id in {r.article_id for r in rows}
