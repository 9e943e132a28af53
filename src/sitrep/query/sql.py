"""Every read of the database (SQLAlchemy Core over the store's tables), for every interface.

Lists are keyset-paginated: rows come newest first by ``(key DESC NULLS LAST, id DESC)`` and a
page asks for the rows after the last one it saw, so a page costs the same at any depth.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator, Optional, Sequence

from sqlalchemy import (
    ColumnElement, Connection, Row, Select, and_, false, func, literal_column, or_, select, text, true,
)

from sqlalchemy.dialects.postgresql import JSONB

from ..errors import NotFoundError
from ..store import schema
from .stories import article_ids_of
from .filters import EventFilter, day_after

E, A, N, M = schema.events, schema.articles, schema.entities, schema.mentions
SM = schema.story_members
PLACE_ROLES = ("origin", "destination", "location")

EVENT_COLUMNS = (E.c.id, E.c.article_id, E.c.type, E.c.mode, E.c.actor_text, E.c.actor_country,
                 E.c.recipient_text, E.c.recipient_country, E.c.event_date, E.c.latitude, E.c.longitude,
                 E.c.precision, E.c.certainty, E.c.confidence, E.c.summary, E.c.sentence, E.c.start, E.c.end,
                 E.c.record, A.c.title.label("article_title"), A.c.outlet.label("source"), A.c.uri.label("source_url"),
                 SM.c.story_id,
                 SM.c.cluster_id)
EVENT_FROM = E.join(A, A.c.id == E.c.article_id).outerjoin(SM, SM.c.article_id == E.c.article_id)


def _words(q: str) -> list[str]:
    return re.findall(r"\w+", q)


def _fts_match(words: list[str]) -> str:
    """An FTS5 query that needs every word, each quoted (no operators from the user)."""
    return " ".join('"' + w + '"' for w in words)


def _tsvector() -> Any:
    return func.to_tsvector("english", func.coalesce(A.c.title, "") + " " + A.c.text)


def fulltext_article_ids(conn: Connection, q: str) -> Any:
    """A subquery of the ids of articles whose title or text has every word of ``q``."""
    words = _words(q)
    if not words:
        return None
    if conn.dialect.name == "sqlite":
        return text("SELECT article_id FROM articles_fts WHERE articles_fts MATCH :fts_q").bindparams(
            fts_q=_fts_match(words)).columns(article_id=A.c.id.type)
    return select(A.c.id).where(_tsvector().op("@@")(func.plainto_tsquery("english", " ".join(words))))


def search_hits(conn: Connection, q: str, limit: int) -> list[dict[str, Any]]:
    """Articles with every word of ``q``, best first, each with a snippet around the words."""
    words = _words(q)
    if not words:
        return []
    if conn.dialect.name == "sqlite":
        sql = text("SELECT a.id, a.title, a.published, snippet(articles_fts, 2, '[', ']', '…', 12) AS snippet "
                   "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id "
                   "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts) LIMIT :n")
        return [dict(r) for r in conn.execute(sql, {"q": _fts_match(words), "n": limit}).mappings()]
    query = func.plainto_tsquery("english", " ".join(words))
    rows = conn.execute(select(A.c.id, A.c.title, A.c.published, func.left(A.c.text, 160).label("snippet"))
                        .where(_tsvector().op("@@")(query)).order_by(func.ts_rank(_tsvector(), query).desc())
                        .limit(limit)).mappings()
    return [dict(r) for r in rows]


def event_conditions(conn: Connection, f: EventFilter) -> list[ColumnElement[bool]]:
    """The WHERE terms of ``f`` over the events table joined to articles."""
    terms: list[ColumnElement[bool]] = []
    if f.type is not None:
        terms.append(E.c.type == f.type.upper())
    if f.actor is not None:
        terms.append(_party(E.c.actor_country, E.c.actor_text, f.actor))
    if f.recipient is not None:
        terms.append(_party(E.c.recipient_country, E.c.recipient_text, f.recipient))
    if f.country is not None:
        terms.append(_country_term(conn, f.country.upper()))
    terms.extend(_date_terms(f))
    if f.bbox is not None:
        terms.append(_in_bbox(conn, f.bbox))
    if f.source is not None:
        terms.append(A.c.outlet.ilike(_contains(f.source), escape="\\"))
    if f.min_confidence is not None:
        terms.append(E.c.confidence >= f.min_confidence)
    if f.q is not None:
        terms.append(_fulltext_term(conn, f.q))
    if f.story is not None:
        terms.append(E.c.article_id.in_(article_ids_of(f.story)))
    if f.language is not None:
        terms.append(A.c.language == f.language)
    if f.certainty is not None:
        terms.append(E.c.certainty == f.certainty)
    return terms


def _country_term(conn: Connection, code: str) -> ColumnElement[bool]:
    """The actor's, the recipient's or a place's (origin, destination, location) country, the
    places read from the event's stored record (a place need not have a span in the text)."""
    places = [_record_field(conn, role, "country") == code for role in PLACE_ROLES]
    return or_(E.c.actor_country == code, E.c.recipient_country == code, *places)


def _record_field(conn: Connection, *path: str) -> Any:
    if conn.dialect.name == "sqlite":
        return func.json_extract(E.c.record, "$." + ".".join(path))
    return E.c.record.cast(JSONB)[path[0]][path[1]].astext


def _date_terms(f: EventFilter) -> list[ColumnElement[bool]]:
    """Events whose whole period lies inside the filter's days: "2024" (a year) is inside
    2024-01-01..2024-12-31, "2024-12" inside any range holding all of December.

    ISO dates compare as text, except that a year or a month sorts before the days it holds:
    "2024" < "2024-01-01". Those prefixes of the bounds are added or taken away by name.
    """
    date, terms = E.c.event_date, []
    if f.dated is not None:
        terms.append(date.is_not(None) if f.dated else date.is_(None))
    if f.date_from is not None:
        first = f.date_from.isoformat()
        starts = [first[:4]] * first.endswith("-01-01") + [first[:7]] * first.endswith("-01")
        terms.append(or_(date >= first, date.in_(starts)) if starts else date >= first)
    if f.date_to is not None:
        after = day_after(f.date_to)
        terms.append(and_(date < after, date.not_in([after[:4], after[:7]])))
    return terms


def _party(country: Any, text_column: Any, value: str) -> ColumnElement[bool]:
    """A participant given as its country code or as words of its text, in any case."""
    return or_(country == value.upper(), text_column.ilike(_contains(value), escape="\\"))


def _contains(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


FEW_ARTICLES = 200


def _fulltext_term(conn: Connection, q: str) -> ColumnElement[bool]:
    """Events of the articles matching ``q``.

    SQLite cannot guess how many articles match. When few do, their events are found through
    the article index; when many do, the term is kept off the index (``+column``) so the scan
    follows the date order and stops at the end of the page instead of sorting every match.
    """
    ids = fulltext_article_ids(conn, q)
    if ids is None:
        return false()
    if conn.dialect.name != "sqlite":
        return E.c.article_id.in_(ids)
    found = [row[0] for row in conn.execute(ids).fetchmany(FEW_ARTICLES + 1)]
    if len(found) <= FEW_ARTICLES:
        return E.c.article_id.in_(found) if found else false()
    return literal_column("+events.article_id").in_(ids)


FEW_IN_BOX = 2000


def _in_bbox(conn: Connection, bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
    """Event points inside ``bbox``; a box with min_lon > max_lon crosses the antimeridian.

    On SQLite the points in the box are counted first, up to a bound (with the (latitude,
    longitude) index): few are found through that index and sorted; many are kept
    off it (``+column``) so the date-ordered scan fills the page early.
    """
    terms = _box_terms(E.c.latitude, bbox)
    if conn.dialect.name != "sqlite":
        return terms
    sample = select(E.c.id).where(terms).limit(FEW_IN_BOX + 1).subquery()
    inside = conn.execute(select(func.count()).select_from(sample)).scalar() or 0
    return terms if inside <= FEW_IN_BOX else _box_terms(literal_column("+events.latitude"), bbox)


def _box_terms(latitude: Any, bbox: tuple[float, float, float, float]) -> ColumnElement[bool]:
    min_lon, min_lat, max_lon, max_lat = bbox
    lat = latitude.between(min_lat, max_lat)
    if min_lon <= max_lon:
        return and_(lat, E.c.longitude.between(min_lon, max_lon))
    return and_(lat, or_(E.c.longitude >= min_lon, E.c.longitude <= max_lon))


def after_desc(key: Any, ident: Any, cursor: Optional[Sequence[Optional[str]]]) -> ColumnElement[bool]:
    """Rows after ``cursor`` = (key, id) in ``key DESC NULLS LAST, id DESC`` order."""
    if cursor is None:
        return true()
    last_key, last_id = cursor
    if last_key is None:
        return and_(key.is_(None), ident < last_id)
    return or_(key < last_key, and_(key == last_key, ident < last_id), key.is_(None))


def events_page(conn: Connection, f: EventFilter, cursor: Optional[Sequence[Optional[str]]],
                limit: int) -> list[Row[Any]]:
    """Up to ``limit + 1`` matching event rows after ``cursor`` (the extra one says "more").

    The page's ids are chosen first over the narrow columns, then its full rows are read:
    sorting the wide rows (the JSON record) of every match would cost far more.
    """
    order = (E.c.event_date.desc().nulls_last(), E.c.id.desc())
    ids = (select(E.c.id).select_from(_filtered_from(f))
           .where(*event_conditions(conn, f), after_desc(E.c.event_date, E.c.id, cursor))
           .order_by(*order).limit(limit + 1))
    query = (select(*EVENT_COLUMNS).select_from(EVENT_FROM)
             .where(E.c.id.in_(ids.scalar_subquery())).order_by(*order))
    return list(conn.execute(query))


def _filtered_from(f: EventFilter) -> Any:
    """Events, joined to their articles only when a filter needs an article column."""
    return E.join(A, A.c.id == E.c.article_id) if f.source is not None or f.language is not None else E


def count_events(conn: Connection, f: EventFilter) -> int:
    query = select(func.count()).select_from(_facet_from(f)).where(*event_conditions(conn, f))
    return int(conn.execute(query).scalar() or 0)


def _facet_from(f: EventFilter, column: Any = None) -> Any:
    """The events table, joined to articles only when the filter or ``column`` reads an article
    column (every event has its article, so the join never changes a count)."""
    reads_articles = f.source is not None or f.language is not None or (column is not None and column.table is A)
    return E.join(A, A.c.id == E.c.article_id) if reads_articles else E


def iter_event_rows(conn: Connection, f: EventFilter, page: int = 500) -> Iterator[list[Row[Any]]]:
    """Every matching event row, newest first, a page at a time (for exports)."""
    cursor: Optional[list[Optional[str]]] = None
    while True:
        rows = events_page(conn, f, cursor, page)
        yield rows[:page]
        if len(rows) <= page:
            return
        cursor = [rows[page - 1].event_date, rows[page - 1].id]


def resolve_event_id(conn: Connection, key: str) -> str:
    """The stored event id ``key`` names, exactly or as a unique prefix; E204 otherwise."""
    if key and conn.execute(select(E.c.id).where(E.c.id == key)).first() is not None:
        return key
    pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = conn.execute(select(E.c.id).where(E.c.id.like(pattern, escape="\\")).limit(2)).all()
    if not key or len(rows) != 1:
        raise NotFoundError("E204", input=key)
    return str(rows[0][0])


def event_by_id(conn: Connection, event_id: str) -> Row[Any]:
    """One event row (``event_id`` may be a unique prefix); E204 when there is none."""
    resolved = resolve_event_id(conn, event_id)
    query = select(*EVENT_COLUMNS).select_from(EVENT_FROM).where(E.c.id == resolved)
    return conn.execute(query).one()


def events_of_article(conn: Connection, article_id: str) -> list[Row[Any]]:
    query = (select(*EVENT_COLUMNS).select_from(EVENT_FROM)
             .where(E.c.article_id == article_id).order_by(E.c.start, E.c.id))
    return list(conn.execute(query))


def entity_points(conn: Connection, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Row[Any]]:
    """Name, country and coordinates of entities given as (article_id, entity_id) pairs."""
    wanted = set(pairs)
    if not wanted:
        return {}
    query = select(N.c.article_id, N.c.entity_id, N.c.name, N.c.country, N.c.latitude, N.c.longitude).where(
        N.c.article_id.in_(sorted({a for a, _ in wanted})), N.c.entity_id.in_(sorted({e for _, e in wanted})))
    return {(r.article_id, r.entity_id): r for r in conn.execute(query) if (r.article_id, r.entity_id) in wanted}


def facet_counts(conn: Connection, f: EventFilter, column: Any, size: int) -> list[tuple[Any, int]]:
    """The ``size`` commonest values of ``column`` among matching events, with counts."""
    count = func.count().label("n")
    query = (select(column.label("value"), count).select_from(_facet_from(f, column))
             .where(*event_conditions(conn, f), column.is_not(None))
             .group_by(column).order_by(count.desc(), column).limit(size))
    return [(r.value, int(r.n)) for r in conn.execute(query)]


def country_counts(conn: Connection, f: EventFilter, size: int) -> list[tuple[str, int]]:
    """Events per country, counting an event once for each distinct actor/recipient country:
    one grouped scan by (actor country, recipient country) pair, summed here (the pairs are
    few), instead of a de-duplicating union of every matching event."""
    query = (select(E.c.actor_country, E.c.recipient_country, func.count().label("n")).select_from(_facet_from(f))
             .where(*event_conditions(conn, f)).group_by(E.c.actor_country, E.c.recipient_country))
    totals: dict[str, int] = {}
    for actor, recipient, n in conn.execute(query):
        for code in {actor, recipient} - {None}:
            totals[code] = totals.get(code, 0) + int(n)
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:size]


def day_counts(conn: Connection, f: EventFilter) -> tuple[list[tuple[str, int]], int]:
    """Matching events per day (ISO date) in date order, and how many have no date."""
    day = func.substr(E.c.event_date, 1, 10).label("day")
    joined = E.join(A, A.c.id == E.c.article_id)
    query = (select(day, func.count().label("n")).select_from(joined)
             .where(*event_conditions(conn, f), E.c.event_date.is_not(None)).group_by(day).order_by(day))
    days = [(r.day, int(r.n)) for r in conn.execute(query)]
    undated = select(func.count()).select_from(joined).where(*event_conditions(conn, f), E.c.event_date.is_(None))
    return days, int(conn.execute(undated).scalar() or 0)


def articles_page(conn: Connection, q: Optional[str], source: Optional[str],
                  cursor: Optional[Sequence[Optional[str]]], limit: int, story: Optional[str] = None,
                  language: Optional[str] = None) -> list[Row[Any]]:
    """Up to ``limit + 1`` articles, most recently ingested first, with entity and event counts."""
    entity_count = select(func.count()).where(N.c.article_id == A.c.id).scalar_subquery()
    event_count = select(func.count()).where(E.c.article_id == A.c.id).scalar_subquery()
    query: Select[Any] = select(A.c.id, A.c.title, A.c.outlet, A.c.published, A.c.category, A.c.uri,
                                A.c.ingested_at, entity_count.label("entity_count"),
                                event_count.label("event_count"), SM.c.story_id, SM.c.cluster_id
                                ).select_from(A.outerjoin(SM, SM.c.article_id == A.c.id))
    if story is not None:
        query = query.where(SM.c.story_id == story)
    if language is not None:
        query = query.where(A.c.language == language)
    if source is not None:
        query = query.where(A.c.outlet.ilike(_contains(source), escape="\\"))
    if q is not None:
        ids = fulltext_article_ids(conn, q)
        query = query.where(A.c.id.in_(ids) if ids is not None else false())
    query = query.where(after_desc(A.c.ingested_at, A.c.id, cursor))
    return list(conn.execute(query.order_by(A.c.ingested_at.desc(), A.c.id.desc()).limit(limit + 1)))


def article_by_id(conn: Connection, article_id: str) -> Optional[Row[Any]]:
    return conn.execute(select(A.c.id, A.c.record, A.c.outlet).where(A.c.id == article_id)).first()


def iter_records(conn: Connection) -> Iterator[str]:
    """Every stored record as JSON text, oldest first."""
    for (record,) in conn.execute(select(A.c.record).order_by(A.c.ingested_at, A.c.id)):
        yield record


def entities_page(conn: Connection, q: Optional[str], entity_type: Optional[str],
                  cursor: Optional[str], limit: int) -> list[Row[Any]]:
    """Entities across articles in id order, each once, with article and mention counts."""
    query = _entity_summary()
    if q is not None:
        query = query.where(func.lower(N.c.name).contains(q.lower(), autoescape=True))
    if entity_type is not None:
        query = query.where(N.c.type == entity_type)
    if cursor is not None:
        query = query.where(N.c.entity_id > cursor)
    return list(conn.execute(query.group_by(N.c.entity_id).order_by(N.c.entity_id).limit(limit + 1)))


def entity_by_id(conn: Connection, entity_id: str) -> Optional[Row[Any]]:
    return conn.execute(_entity_summary().where(N.c.entity_id == entity_id).group_by(N.c.entity_id)).first()


def _entity_summary() -> Select[Any]:
    return select(N.c.entity_id, func.min(N.c.name).label("name"), func.min(N.c.type).label("type"),
                  func.max(N.c.kb_id).label("kb_id"), func.max(N.c.country).label("country"),
                  func.max(N.c.latitude).label("latitude"), func.max(N.c.longitude).label("longitude"),
                  func.count().label("article_count"), func.sum(N.c.mention_count).label("mention_count"))


def entity_articles(conn: Connection, entity_id: str, limit: int) -> list[Row[Any]]:
    query = (select(A.c.id, A.c.title, A.c.outlet, A.c.published, N.c.mention_count)
             .select_from(N.join(A, A.c.id == N.c.article_id)).where(N.c.entity_id == entity_id)
             .order_by(A.c.ingested_at.desc(), A.c.id.desc()).limit(limit))
    return list(conn.execute(query))


def mentions_of(conn: Connection, article_id: str, entity_ids: Iterable[str]) -> list[Row[Any]]:
    """Every mention in ``article_id`` of the given entities, in text order."""
    ids = set(entity_ids)
    if not ids:
        return []
    query = (select(M.c.entity_id, M.c.start, M.c.end, M.c.text, M.c.label, M.c.sentence)
             .where(M.c.article_id == article_id, M.c.entity_id.in_(sorted(ids))).order_by(M.c.start, M.c.entity_id))
    return list(conn.execute(query))

