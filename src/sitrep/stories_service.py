"""The Python API of stories: assignment as each article is stored, rebuild, and the reads.

:mod:`sitrep.service` calls :func:`assign_story` after each stored article; the CLI and the
REST API read stories through :func:`list_stories` and :func:`story_detail`.
"""

from __future__ import annotations

from typing import Any, Optional

from .errors import NotFoundError
from .model import Article
from .store import stories as story_store
from .store import stories_query
from .store.database import Store
from .stories.assign import WINDOW_DAYS, Assignment, Candidate, assign
from .stories.discrepancies import story_discrepancies
from .stories.provenance import cluster_provenance
from .stories.signals import signals_of, vector_bytes, vector_from


def _encoder() -> Any:
    from .nlp.multilingual import shared_multilingual_encoder

    return shared_multilingual_encoder()


def assign_story(store: Store, article: Article, encoder: Any = None) -> Assignment:
    """Put a stored article into its story and event cluster (one transaction)."""
    signals = signals_of(article, encoder or _encoder())
    keys = [f"e:{k}" for k in signals.keys] + [f"h:{b}" for b in signals.buckets]
    with store.engine.begin() as conn:
        story_store.lock(conn)
        rows = story_store.candidate_rows(conn, keys, signals.day, WINDOW_DAYS, article.id)
        candidates = [Candidate(r.article_id, vector_from(r.vector), r.day, r.story_id, r.story_seq,
                                r.cluster_id, r.cluster_seq) for r in rows]
        plan = assign(signals, candidates)
        story_store.write_assignment(conn, plan, signals.day, vector_bytes(signals.vector), keys)
    return plan


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


def list_stories(store: Store, since: Optional[str] = None, cursor: Optional[list[Any]] = None,
                 limit: int = 50) -> list[dict[str, Any]]:
    """Stories, most recently updated first, with their counts (``limit + 1`` rows say "more")."""
    with store.engine.connect() as conn:
        return stories_query.story_page(conn, since, cursor, limit)


def story_detail(store: Store, story_id: str) -> dict[str, Any]:
    """One story: its articles in time order, its event clusters with provenance, its discrepancies."""
    with store.engine.connect() as conn:
        head = stories_query.story_row(conn, story_id)
        if head is None:
            raise NotFoundError("E205", input=story_id)
        members = stories_query.member_records(conn, head["id"])
    reports = [_report(m) for m in members]
    clusters = []
    for cluster_id in _cluster_order(members):
        mine = [m for m in members if m["cluster_id"] == cluster_id]
        clusters.append({"id": cluster_id, **cluster_provenance(mine)})
    return {**head, "timeline": reports, "event_clusters": clusters, "issues": story_discrepancies(members)}


def _cluster_order(members: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for m in members:
        seen.setdefault(m["cluster_id"], None)
    return list(seen)


def _report(member: dict[str, Any]) -> dict[str, Any]:
    record = member["record"]
    return {"id": record["id"], "title": record.get("title"), "outlet": member["outlet"],
            "language": record.get("language"), "published": record.get("published"),
            "day": member["date"], "cluster_id": member["cluster_id"],
            "events": [e["type"] for e in record.get("events", [])]}


def story_refs(store: Store, article_ids: Optional[list[str]] = None) -> dict[str, dict[str, str]]:
    """{article id: {"id": story id, "cluster_id": ...}} for the given articles that have one."""
    with store.engine.connect() as conn:
        return stories_query.refs_of(conn, article_ids)


def record_with_story(record: dict[str, Any], ref: Optional[dict[str, str]]) -> dict[str, Any]:
    """An article record with its story, and each event with its story and cluster ids."""
    if ref is None:
        return record
    events = [{**e, "story_id": ref["id"], "cluster_id": ref["cluster_id"]} for e in record.get("events", [])]
    return {**record, "story": dict(ref), "events": events}
