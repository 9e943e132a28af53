"""Story membership in the database: the candidate index, and writing an assignment.

Candidates for a new article are the stored articles that share one of its keys (a specific
linked entity, or a hash bucket of its vector) inside its time window; when the window holds
few articles (``EXACT_LIMIT``) every one of them is a candidate, so small collections are
compared exactly. Nothing here scans all stored articles.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable, Optional, Sequence

from sqlalchemy import Connection, delete, func, or_, select, update

from . import schema

EXACT_LIMIT = 400
LOCK = "sitrep:stories"  # one story writer at a time, across processes

SM, SK, ST, SC = schema.story_members, schema.story_keys, schema.stories, schema.story_clusters


def lock(conn: Connection) -> None:
    """Serialise story writers until the transaction ends (first statement of the transaction)."""
    from .write import lock_for_writing

    lock_for_writing(conn, LOCK)


def _window(column: Any, day: Optional[int], days: int) -> Any:
    if day is None:
        return True
    return or_(column.is_(None), column.between(day - days, day + days))


def candidate_rows(conn: Connection, keys: Sequence[str], day: Optional[int], days: int,
                   exclude: str) -> list[Any]:
    """Member rows (article, vector, day, story and cluster with their creation order) to compare."""
    in_window = select(SM.c.article_id).where(_window(SM.c.day, day, days), SM.c.article_id != exclude)
    few = conn.execute(select(func.count()).select_from(in_window.limit(EXACT_LIMIT + 1).subquery())).scalar()
    if few <= EXACT_LIMIT:
        ids: Any = in_window
    else:
        ids = select(SK.c.article_id).where(SK.c.key.in_(list(keys)), _window(SK.c.day, day, days),
                                            SK.c.article_id != exclude).distinct()
    query = (select(SM.c.article_id, SM.c.vector, SM.c.day, SM.c.story_id, ST.c.seq.label("story_seq"),
                    SM.c.cluster_id, SC.c.seq.label("cluster_seq"))
             .join(ST, ST.c.id == SM.c.story_id).join(SC, SC.c.id == SM.c.cluster_id)
             .where(SM.c.article_id.in_(ids)).order_by(SM.c.article_id))
    return list(conn.execute(query))


def write_assignment(conn: Connection, assignment: Any, day: Optional[int], vector: bytes,
                     keys: Iterable[str]) -> None:
    """Store the article's membership and keys, creating and merging stories and clusters."""
    now = _now()
    if assignment.new_story:
        conn.execute(ST.insert().values(id=assignment.story_id, seq=_next_seq(conn, ST), created_at=now, updated_at=now))
    if assignment.new_cluster:
        conn.execute(SC.insert().values(id=assignment.cluster_id, story_id=assignment.story_id,
                                        seq=_next_seq(conn, SC)))
    _merge(conn, assignment)
    conn.execute(delete(SM).where(SM.c.article_id == assignment.article_id))
    conn.execute(delete(SK).where(SK.c.article_id == assignment.article_id))
    conn.execute(SM.insert().values(article_id=assignment.article_id, story_id=assignment.story_id,
                                    cluster_id=assignment.cluster_id, day=day, vector=vector, assigned_at=now,
                                    ordinal=_next_seq(conn, SM, SM.c.ordinal)))
    rows = [{"key": k, "article_id": assignment.article_id, "day": day} for k in sorted(set(keys))]
    if rows:
        conn.execute(SK.insert(), rows)
    conn.execute(update(ST).where(ST.c.id == assignment.story_id).values(updated_at=now))


def _merge(conn: Connection, assignment: Any) -> None:
    """Members of the merged stories and clusters move to the kept (older) ids."""
    if assignment.merged_stories:
        gone = list(assignment.merged_stories)
        conn.execute(update(SM).where(SM.c.story_id.in_(gone)).values(story_id=assignment.story_id))
        conn.execute(update(SC).where(SC.c.story_id.in_(gone)).values(story_id=assignment.story_id))
        conn.execute(delete(ST).where(ST.c.id.in_(gone)))
    if assignment.merged_clusters:
        gone = list(assignment.merged_clusters)
        conn.execute(update(SM).where(SM.c.cluster_id.in_(gone)).values(cluster_id=assignment.cluster_id))
        conn.execute(delete(SC).where(SC.c.id.in_(gone)))


def _next_seq(conn: Connection, table: Any, column: Any = None) -> int:
    column = table.c.seq if column is None else column
    return int(conn.execute(select(func.coalesce(func.max(column), 0))).scalar() or 0) + 1


def assignment_order(conn: Connection) -> list[str]:
    """Article ids in the order they were assigned, then the stored articles never assigned."""
    A = schema.articles
    query = (select(A.c.id).outerjoin(SM, SM.c.article_id == A.c.id)
             .order_by(SM.c.ordinal.is_(None), SM.c.ordinal, A.c.ingested_at, A.c.id))
    return [row[0] for row in conn.execute(query)]


def drop_empty(conn: Connection) -> None:
    """Stories and clusters left without members (their articles were replaced)."""
    conn.execute(delete(SC).where(SC.c.id.not_in(select(SM.c.cluster_id))))
    conn.execute(delete(ST).where(ST.c.id.not_in(select(SM.c.story_id))))


def clear(conn: Connection) -> None:
    """Forget every story (before a rebuild)."""
    for table in (SK, SM, SC, ST):
        conn.execute(delete(table))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
