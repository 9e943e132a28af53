"""Reads of stories: pages of stories with their counts, one story with its event clusters
(provenance) and discrepancies, the story of each article."""

from __future__ import annotations

import json
from typing import Any, Optional, Sequence

from sqlalchemy import Connection, and_, func, literal, or_, select

from ..errors import NotFoundError
from ..store import schema
from ..stories.discrepancies import story_discrepancies
from ..stories.provenance import cluster_provenance

SM, ST, A = schema.story_members, schema.stories, schema.articles

_WHEN = func.coalesce(A.c.published, A.c.ingested_at)


def _aggregates() -> Any:
    """Per story: articles, clusters, outlets, languages, first and last report."""
    return (select(SM.c.story_id, func.count().label("articles"),
                   func.count(SM.c.cluster_id.distinct()).label("clusters"),
                   func.count(A.c.outlet.distinct()).label("outlets"),
                   func.count(A.c.language.distinct()).label("languages"),
                   func.min(_WHEN).label("first_report"), func.max(_WHEN).label("last_report"))
            .join(A, A.c.id == SM.c.article_id).group_by(SM.c.story_id).subquery())


def story_page(conn: Connection, since: Optional[str], cursor: Optional[Sequence[Optional[str]]],
               limit: int) -> list[dict[str, Any]]:
    """Up to ``limit + 1`` stories, last report first; ``since`` keeps stories reported since that day."""
    agg = _aggregates()
    query = select(ST.c.id, ST.c.created_at, ST.c.updated_at, agg).join(agg, agg.c.story_id == ST.c.id)
    if since:
        query = query.where(agg.c.last_report >= since)
    if cursor is not None:
        last, ident = cursor
        query = query.where(and_(agg.c.last_report.is_(None), ST.c.id < ident) if last is None else
                            or_(agg.c.last_report < last, and_(agg.c.last_report == last, ST.c.id < ident)))
    rows = [_story_dict(r) for r in conn.execute(
        query.order_by(agg.c.last_report.desc(), ST.c.id.desc()).limit(limit + 1)).mappings()]
    titles = _titles(conn, [r["id"] for r in rows])
    return [{**r, "title": titles.get(r["id"])} for r in rows]


def story_row(conn: Connection, story_id: str) -> Optional[dict[str, Any]]:
    """One story's counts, by id or a unique prefix of it."""
    agg = _aggregates()
    base = select(ST.c.id, ST.c.created_at, ST.c.updated_at, agg).join(agg, agg.c.story_id == ST.c.id)
    rows = list(conn.execute(base.where(ST.c.id == story_id)).mappings()) or \
        list(conn.execute(base.where(ST.c.id.startswith(story_id, autoescape=True)).limit(2)).mappings())
    if len(rows) != 1 or not story_id:
        return None
    row = _story_dict(rows[0])
    return {**row, "title": _titles(conn, [row["id"]]).get(row["id"])}


def _story_dict(row: Any) -> dict[str, Any]:
    return {"id": row["id"], "articles": int(row["articles"]), "clusters": int(row["clusters"]),
            "outlets": int(row["outlets"]), "languages": int(row["languages"]),
            "first_report": row["first_report"], "last_report": row["last_report"],
            "created_at": row["created_at"], "updated_at": row["updated_at"]}


def _titles(conn: Connection, story_ids: list[str]) -> dict[str, str]:
    """Each story's title: the title of its earliest-ingested article that has one."""
    if not story_ids:
        return {}
    query = (select(SM.c.story_id, A.c.title).join(A, A.c.id == SM.c.article_id)
             .where(SM.c.story_id.in_(story_ids), A.c.title.is_not(None), A.c.title != literal(""))
             .order_by(A.c.ingested_at.desc(), A.c.id.desc()))
    titles: dict[str, str] = {}
    for story, title in conn.execute(query):
        if len(title.split()) >= 3 or story not in titles:  # a one-word title is page furniture
            titles[story] = title
    return titles


def member_records(conn: Connection, story_id: str) -> list[dict[str, Any]]:
    """Every article of a story with its cluster, outlet, language, date and whole record, in time order."""
    query = (select(SM.c.article_id, SM.c.cluster_id, A.c.outlet, A.c.language, A.c.published, A.c.ingested_at,
                    A.c.uri, A.c.record).join(A, A.c.id == SM.c.article_id).where(SM.c.story_id == story_id)
             .order_by(_WHEN, A.c.id))
    return [{"article_id": r.article_id, "cluster_id": r.cluster_id, "outlet": r.outlet or _host(r.uri),
             "language": r.language, "date": r.published or r.ingested_at, "record": json.loads(r.record)}
            for r in conn.execute(query)]


def _host(uri: Optional[str]) -> Optional[str]:
    if not uri or "://" not in uri:
        return uri
    return uri.split("//", 1)[1].split("/", 1)[0].removeprefix("www.")


def refs_of(conn: Connection, article_ids: Optional[Sequence[str]]) -> dict[str, dict[str, str]]:
    """{article id: {"id": story, "cluster_id": cluster}} for those that have a story (all when None)."""
    query = select(SM.c.article_id, SM.c.story_id, SM.c.cluster_id)
    if article_ids is not None:
        query = query.where(SM.c.article_id.in_(list(article_ids)))
    rows = conn.execute(query)
    return {a: {"id": s, "cluster_id": c} for a, s, c in rows}


def article_ids_of(story_id: str) -> Any:
    """A subquery of the ids of a story's articles (the ``story`` filter of events and articles)."""
    return select(SM.c.article_id).where(SM.c.story_id == story_id)


def story_detail(conn: Connection, story_id: str) -> dict[str, Any]:
    """One story (id or unique prefix; E205 if none): its articles in time order, its event
    clusters with provenance, its discrepancies."""
    head = story_row(conn, story_id)
    if head is None:
        raise NotFoundError("E205", input=story_id)
    members = member_records(conn, head["id"])
    clusters = []
    for cluster_id in dict.fromkeys(m["cluster_id"] for m in members):
        mine = [m for m in members if m["cluster_id"] == cluster_id]
        clusters.append({"id": cluster_id, **cluster_provenance(mine)})
    return {**head, "timeline": [_timeline_row(m) for m in members], "event_clusters": clusters,
            "issues": story_discrepancies(members)}


def _timeline_row(member: dict[str, Any]) -> dict[str, Any]:
    record = member["record"]
    return {"id": record["id"], "title": record.get("title"), "outlet": member["outlet"],
            "language": record.get("language"), "published": record.get("published"),
            "day": member["date"], "cluster_id": member["cluster_id"],
            "events": [e["type"] for e in record.get("events", [])]}


def record_with_story(record: dict[str, Any], ref: Optional[dict[str, str]]) -> dict[str, Any]:
    """An article record with its story, and each event with its story and cluster ids."""
    if ref is None:
        return record
    events = [{**e, "story_id": ref["id"], "cluster_id": ref["cluster_id"]} for e in record.get("events", [])]
    return {**record, "story": dict(ref), "events": events}


def totals(conn: Connection) -> dict[str, int]:
    stories = conn.execute(select(func.count()).select_from(ST)).scalar() or 0
    clusters = conn.execute(select(func.count()).select_from(schema.story_clusters)).scalar() or 0
    return {"stories": int(stories), "clusters": int(clusters)}
