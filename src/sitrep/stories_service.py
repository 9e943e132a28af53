"""The write side of stories: assignment as each article is stored, and rebuild.

:mod:`sitrep.service` calls :func:`assign_story` after each stored article; stories are read
through :mod:`sitrep.query.stories` (behind :mod:`sitrep.service`).
"""

from __future__ import annotations

from typing import Any

from .model import Article
from .store import stories as story_store
from .query import stories as stories_query
from .store.database import Store
from .stories.assign import (
    CLUSTER_CUT, STORY_CUT, WINDOW_DAYS, Candidate, Member, name_groups, neighbourhood, partition,
)
from .stories.signals import ArticleSignals, signals_of, vector_bytes, vector_from


def _encoder() -> Any:
    from .nlp.multilingual import shared_multilingual_encoder

    return shared_multilingual_encoder()


def assign_story(store: Store, article: Article, encoder: Any = None) -> dict[str, str]:
    """Put a stored article into its story and event cluster (one transaction)."""
    return place(store, signals_of(article, encoder or _encoder()))


def place(store: Store, signals: ArticleSignals) -> dict[str, str]:
    """Join the article's neighbourhood and split it again into stories and clusters; returns
    the article's {"id": story, "cluster_id": cluster}."""
    keys = [f"e:{k}" for k in signals.keys] + [f"h:{b}" for b in signals.buckets]
    with store.engine.begin() as conn:
        story_store.lock(conn)
        rows = story_store.candidate_rows(conn, keys, signals.day, WINDOW_DAYS, signals.article_id)
        component, merged = neighbourhood(signals, [
            Candidate(r.article_id, vector_from(r.vector), r.day, r.year, r.component_id, r.component_seq)
            for r in rows])
        story_store.join_component(conn, component, merged)
        story_store.add_member(conn, signals.article_id, component, signals.day, signals.year,
                               vector_bytes(signals.vector), keys)
        members = story_store.component_rows(conn, component)
        stories, clusters = _labels(members)
        previous = {m.article_id: (m.story_id, m.cluster_id) for m in members}
        changed = {a for a in stories if previous[a] != (stories[a], clusters[a])}
        story_store.write_labels(conn, stories, clusters, changed, previous)
    return {"id": stories[signals.article_id], "cluster_id": clusters[signals.article_id]}


def _labels(rows: list[Any]) -> tuple[dict[str, str], dict[str, str]]:
    members = [Member(r.article_id, vector_from(r.vector), r.day, r.year, r.ordinal,
                      (r.story_seq, r.story_id) if r.story_seq is not None else None,
                      (r.cluster_seq, r.cluster_id) if r.cluster_seq is not None else None) for r in rows]
    story_groups, cluster_groups = partition(members, STORY_CUT, CLUSTER_CUT)
    first = {m.article_id: m.ordinal for m in members}
    stories = name_groups(story_groups, {m.article_id: m.story for m in members}, first, 0)
    clusters = name_groups(cluster_groups, {m.article_id: m.cluster for m in members}, first, 1)
    return stories, clusters


def rebuild_stories(store: Store, encoder: Any = None) -> dict[str, int]:
    """Forget every story and assign every stored article again, in the order they first came."""
    with store.engine.begin() as conn:
        story_store.lock(conn)
        order = story_store.assignment_order(conn)
        story_store.clear(conn)
    for article_id in order:
        assign_story(store, store.get(article_id), encoder)
    count = len(order)
    with store.engine.connect() as conn:
        totals = stories_query.totals(conn)
    return {"articles": count, **totals}
