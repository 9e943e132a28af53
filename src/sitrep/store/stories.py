"""Story membership in the database: the candidate index, neighbourhoods, and group labels.

Candidates for a new article are the stored articles that share one of its keys (a specific
linked entity, or a hash bucket of its vector) inside its time window; when the window holds
few articles (``EXACT_LIMIT``) every one of them is a candidate, so small collections are
compared exactly. Undated articles (a new one, or stored ones seen from any window) have no
window: when there are more than ``EXACT_LIMIT`` of them, each key contributes only its
``PER_KEY`` latest members (by day, then id), read in index order. Nothing here scans all stored
articles, and an undated article's candidates are bounded by its number of keys.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable, Optional, Sequence

from sqlalchemy import Connection, delete, exists, func, select, update

from . import schema

EXACT_LIMIT = 400
PER_KEY = 30  # members read per key where a key is too common to read whole (undated articles)
LOCK = "sitrep:stories"  # one story writer at a time, across processes

SM, SK, ST, SC, SN = (schema.story_members, schema.story_keys, schema.stories, schema.story_clusters,
                      schema.story_components)


def lock(conn: Connection) -> None:
    """Serialise story writers until the transaction ends (first statement of the transaction)."""
    from .write import lock_for_writing

    lock_for_writing(conn, LOCK)


def candidate_rows(conn: Connection, keys: Sequence[str], day: Optional[int], days: int,
                   exclude: str) -> list[Any]:
    """Member rows (article, vector, day, neighbourhood and its creation order) to compare with."""
    ids = sorted(_dated_ids(conn, keys, day, days, exclude) | _undated_ids(conn, keys, exclude))
    query = (select(SM.c.article_id, SM.c.vector, SM.c.day, SM.c.year, SM.c.component_id,
                    SN.c.seq.label("component_seq"))
             .join(SN, SN.c.id == SM.c.component_id).where(SM.c.article_id.in_(ids)).order_by(SM.c.article_id))
    return list(conn.execute(query))


def _dated_ids(conn: Connection, keys: Sequence[str], day: Optional[int], days: int, exclude: str) -> set[str]:
    """Dated members: the whole window when it is small, else those sharing a key in the window
    (an undated article's window is every day: the latest members of each key)."""
    scope = SM.c.day.is_not(None) if day is None else SM.c.day.between(day - days, day + days)
    in_scope = select(SM.c.article_id).where(scope, SM.c.article_id != exclude)
    if _at_most(conn, in_scope, EXACT_LIMIT):
        return set(conn.execute(in_scope).scalars())
    if day is None:
        return _latest_per_key(conn, keys, SK.c.day.is_not(None), exclude)
    keyed = select(SK.c.article_id).where(SK.c.key.in_(list(keys)), SK.c.day.between(day - days, day + days),
                                          SK.c.article_id != exclude).distinct()
    return set(conn.execute(keyed).scalars())


def _undated_ids(conn: Connection, keys: Sequence[str], exclude: str) -> set[str]:
    """Undated members: all of them when they are few, else the latest of each shared key."""
    undated = select(SM.c.article_id).where(SM.c.day.is_(None), SM.c.article_id != exclude)
    if _at_most(conn, undated, EXACT_LIMIT):
        return set(conn.execute(undated).scalars())
    return _latest_per_key(conn, keys, SK.c.day.is_(None), exclude)


def _at_most(conn: Connection, query: Any, limit: int) -> bool:
    return int(conn.execute(select(func.count()).select_from(query.limit(limit + 1).subquery())).scalar() or 0) <= limit


def _latest_per_key(conn: Connection, keys: Sequence[str], condition: Any, exclude: str) -> set[str]:
    """The ``PER_KEY`` members of each key with the latest day (then the highest id), in index order."""
    found: set[str] = set()
    for key in sorted(set(keys)):
        query = (select(SK.c.article_id).where(SK.c.key == key, condition, SK.c.article_id != exclude)
                 .order_by(SK.c.day.desc(), SK.c.article_id.desc()).limit(PER_KEY))
        found.update(conn.execute(query).scalars())
    return found


def join_component(conn: Connection, component_id: str, merged: Sequence[str]) -> None:
    """Make sure the neighbourhood exists and move the members of the merged ones into it."""
    if conn.execute(select(SN.c.id).where(SN.c.id == component_id)).first() is None:
        conn.execute(SN.insert().values(id=component_id, seq=next_seq(conn, SN.c.seq)))
    if merged:
        conn.execute(update(SM).where(SM.c.component_id.in_(list(merged))).values(component_id=component_id))
        conn.execute(delete(SN).where(SN.c.id.in_(list(merged))))


def component_rows(conn: Connection, component_id: str) -> list[Any]:
    """Every member of a neighbourhood with its vector, day, order, story and cluster (with their seq)."""
    query = (select(SM.c.article_id, SM.c.vector, SM.c.day, SM.c.year, SM.c.ordinal, SM.c.story_id,
                    ST.c.seq.label("story_seq"), SM.c.cluster_id, SC.c.seq.label("cluster_seq"))
             .outerjoin(ST, ST.c.id == SM.c.story_id).outerjoin(SC, SC.c.id == SM.c.cluster_id)
             .where(SM.c.component_id == component_id).order_by(SM.c.article_id))
    return list(conn.execute(query))


def add_member(conn: Connection, article_id: str, component_id: str, day: Optional[int], year: Optional[int],
               vector: bytes, keys: Iterable[str]) -> int:
    """The new article's membership row (its story and cluster are set by :func:`write_labels`)."""
    before = membership(conn, article_id)
    conn.execute(delete(SM).where(SM.c.article_id == article_id))
    conn.execute(delete(SK).where(SK.c.article_id == article_id))
    drop_empty(conn, *before)
    ordinal = next_seq(conn, SM.c.ordinal)
    conn.execute(SM.insert().values(article_id=article_id, component_id=component_id, story_id="", cluster_id="",
                                    day=day, year=year, vector=vector, assigned_at=_now(), ordinal=ordinal))
    rows = [{"key": k, "article_id": article_id, "day": day} for k in sorted(set(keys))]
    if rows:
        conn.execute(SK.insert(), rows)
    return ordinal


def write_labels(conn: Connection, stories: dict[str, str], clusters: dict[str, str], changed: set[str],
                 previous: dict[str, tuple[str, str]]) -> None:
    """Give articles their story and cluster ids, creating the stories and clusters that are new;
    ``previous`` holds the (story, cluster) each article had, which may be left empty."""
    now = _now()
    for story in sorted(set(stories.values())):
        if conn.execute(select(ST.c.id).where(ST.c.id == story)).first() is None:
            conn.execute(ST.insert().values(id=story, seq=next_seq(conn, ST.c.seq), created_at=now, updated_at=now))
    cluster_story = {clusters[a]: stories[a] for a in stories}
    for cluster, story in sorted(cluster_story.items()):
        if conn.execute(select(SC.c.id).where(SC.c.id == cluster)).first() is None:
            conn.execute(SC.insert().values(id=cluster, story_id=story, seq=next_seq(conn, SC.c.seq)))
        else:
            conn.execute(update(SC).where(SC.c.id == cluster).values(story_id=story))
    for article in sorted(changed):
        conn.execute(update(SM).where(SM.c.article_id == article)
                     .values(story_id=stories[article], cluster_id=clusters[article]))
    conn.execute(update(ST).where(ST.c.id.in_(sorted({stories[a] for a in changed}))).values(updated_at=now))
    drop_empty(conn, [previous[a][0] for a in changed], [previous[a][1] for a in changed], [])


def next_seq(conn: Connection, column: Any) -> int:
    return int(conn.execute(select(func.coalesce(func.max(column), 0))).scalar() or 0) + 1


def assignment_order(conn: Connection) -> list[str]:
    """Article ids in the order they were assigned, then the stored articles never assigned."""
    a = schema.articles
    query = (select(a.c.id).outerjoin(SM, SM.c.article_id == a.c.id)
             .order_by(SM.c.ordinal.is_(None), SM.c.ordinal, a.c.ingested_at, a.c.id))
    return [row[0] for row in conn.execute(query)]


def membership(conn: Connection, article_id: str) -> tuple[list[str], list[str], list[str]]:
    """The story, cluster and neighbourhood of a stored article (empty lists when it has none)."""
    row = conn.execute(select(SM.c.story_id, SM.c.cluster_id, SM.c.component_id)
                       .where(SM.c.article_id == article_id)).first()
    return ([row.story_id], [row.cluster_id], [row.component_id]) if row else ([], [], [])


def drop_empty(conn: Connection, stories: Iterable[str], clusters: Iterable[str], components: Iterable[str]) -> None:
    """Those of the given stories, clusters and neighbourhoods left without members (through the
    membership indexes: nothing else is read)."""
    for table, column, ids in ((SC, SM.c.cluster_id, clusters), (ST, SM.c.story_id, stories),
                               (SN, SM.c.component_id, components)):
        wanted = sorted(set(ids) - {""})
        if wanted:
            conn.execute(delete(table).where(table.c.id.in_(wanted), ~exists().where(column == table.c.id)))


def clear(conn: Connection) -> None:
    """Forget every story (before a rebuild)."""
    for table in (SK, SM, SC, ST, SN):
        conn.execute(delete(table))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
