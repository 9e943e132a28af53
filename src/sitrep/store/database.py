"""The article store: one transaction per article, idempotent re-ingest, full-text search."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..config import database_url
from ..errors import NotFoundError, StoreError
from ..model import Article, from_dict
from . import schema
from .event_mentions import event_mentions as read_event_mentions
from .events_query import EVENT_COLUMNS
from .migrations import SCHEMA_VERSION, migrate, stored_version
from .write import STORED, UNCHANGED, UPDATED, lock_for_writing, remember_aliases, write_article

__all__ = ["Store", "SearchHit", "STORED", "UPDATED", "UNCHANGED"]



BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another process's write to finish


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: Optional[str]
    published: Optional[str]
    snippet: str


class Store:
    """A sitrep database (a SQLite file by default, or any SQLAlchemy URL)."""

    def __init__(self, db: str) -> None:
        self.location = db
        self.engine = self._engine(db)
        self._migrate()

    def _engine(self, db: str) -> Engine:
        url = database_url(db)
        if url.startswith("sqlite:///"):
            folder = Path(url.removeprefix("sqlite:///")).parent
            folder.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(url)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError("E201", input=db, detail=str(exc)) from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        return engine

    def _migrate(self) -> None:
        try:
            with self.engine.connect() as conn:
                found = stored_version(conn)
            if found > SCHEMA_VERSION:
                raise StoreError("E202", input=self.location, detail=str(found))
            if found < SCHEMA_VERSION:
                with self.engine.begin() as conn:
                    lock_for_writing(conn, "sitrep_schema")
                    migrate(conn)
        except SQLAlchemyError as exc:
            raise StoreError("E201", input=self.location, detail=str(exc.orig or exc)) from exc

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a batch of writes."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.execute(text("PRAGMA optimize"))
            elif conn.dialect.name == "postgresql":
                conn.execute(text("ANALYZE"))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def ingest(self, article: Article, memory_rows: Iterable[dict[str, str]] = ()) -> str:
        """Store ``article`` (and the aliases learned with it) in one transaction: stored (a new
        identity), updated (its content changed; the previous version is kept) or unchanged."""
        with self.engine.begin() as conn:
            return write_article(conn, article, memory_rows)

    def versions(self, article_id: str) -> list[dict[str, Any]]:
        """Earlier versions of the article ``article_id`` (or of the identity it had), oldest first."""
        a, v = schema.articles, schema.article_versions
        with self.engine.connect() as conn:
            key = conn.execute(select(a.c.source_key).where(a.c.id == article_id)).scalar()
            key = key or conn.execute(select(v.c.source_key).where(v.c.article_id == article_id)).scalar()
            rows = conn.execute(select(v.c.article_id, v.c.title, v.c.ingested_at, v.c.updated_at, v.c.replaced_at,
                                       v.c.replaced_by).where(v.c.source_key == key).order_by(v.c.id)).mappings()
            return [dict(r) for r in rows]

    def memory_rows(self) -> list[dict[str, str]]:
        """The remembered aliases of entities first seen in stored articles."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(schema.kb_memory.c.type, schema.kb_memory.c.alias, schema.kb_memory.c.entity_id))
            return [{"type": t, "alias": a, "id": i} for t, a, i in rows]

    def save_memory(self, rows: list[dict[str, str]]) -> None:
        """Add remembered aliases; an alias already known keeps its first entity."""
        with self.engine.begin() as conn:
            remember_aliases(conn, rows)

    def entity_articles(self, entity_id: str, limit: int = 50) -> list[dict[str, Any]]:
        """Articles that mention an entity, with the mention count, newest first."""
        e, a = schema.entities, schema.articles
        query = (select(a.c.id, a.c.title, a.c.published, e.c.mention_count)
                 .join(e, e.c.article_id == a.c.id).where(e.c.entity_id == entity_id)
                 .order_by(a.c.published.desc(), a.c.id).limit(limit))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def stored_entities(self, query: Optional[str] = None, limit: int = 50) -> list[dict[str, Any]]:
        """Entities across stored articles with how many articles name them."""
        from sqlalchemy import func

        e = schema.entities
        stmt = select(e.c.entity_id, e.c.name, e.c.type, e.c.country, func.count().label("articles"),
                      func.sum(e.c.mention_count).label("mentions")).group_by(e.c.entity_id, e.c.name, e.c.type, e.c.country)
        if query:
            stmt = stmt.where(e.c.name.ilike(f"%{query}%") | e.c.entity_id.ilike(f"%{query}%"))
        stmt = stmt.order_by(func.count().desc(), e.c.entity_id).limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(stmt).mappings()]

    # -- reading -------------------------------------------------------------------------

    def get(self, article_id: str) -> Article:
        """The stored record for ``article_id`` (a unique prefix of it is enough)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(schema.articles.c.record).where(schema.articles.c.id.like(f"{_like_escape(article_id)}%", escape="\\")).limit(2)
            ).all()
        if not rows:
            rows = self._earlier_version(article_id)
        if len(rows) != 1:
            raise NotFoundError("E200", input=article_id)
        return from_dict(Article, json.loads(rows[0][0]))

    def _earlier_version(self, article_id: str) -> list[Any]:
        """The record of a version an update replaced, by its id (exactly: old ids are not browsed)."""
        v = schema.article_versions
        with self.engine.connect() as conn:
            return conn.execute(select(v.c.record).where(v.c.article_id == article_id)
                                .order_by(v.c.id.desc()).limit(1)).all()

    def event(self, event_id: str) -> dict[str, Any]:
        """One stored event: its events row, its article's outlet and title, and its JSON ``record``.

        ``event_id`` may be a unique prefix of the id.
        """
        with self.engine.connect() as conn:
            resolved = _resolve_event_id(conn, event_id)
            e, a = schema.events, schema.articles
            columns = [*(e.c[c] for c in EVENT_COLUMNS if c in e.c), e.c.sentence, a.c.outlet, a.c.title, e.c.record]
            row = dict(conn.execute(select(*columns).join(a, a.c.id == e.c.article_id)
                                    .where(e.c.id == resolved)).mappings().one())
        row["record"] = json.loads(row["record"])
        return row

    def event_mentions(self, event_id: str) -> list[dict[str, Any]]:
        """Where an event is said: its evidence sentence, trigger, participants, attribution and caveats,
        each with article, sentence index, offsets and the exact text (record order)."""
        with self.engine.connect() as conn:
            return read_event_mentions(conn, _resolve_event_id(conn, event_id))

    def get_last(self) -> Article:
        """The article stored or updated most recently."""
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles.c.id).order_by(
                schema.articles.c.updated_at.desc(), schema.articles.c.id).limit(1)).scalar()
        if row is None:
            raise NotFoundError("E200", input="--last (the database is empty)")
        return self.get(row)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar() or 0)

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Every stored record as a JSON-ready dict, oldest first."""
        with self.engine.connect() as conn:
            result = conn.execute(select(schema.articles.c.record).order_by(schema.articles.c.ingested_at, schema.articles.c.id))
            for (record,) in result:
                yield json.loads(record)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles matching ``query`` (words, all required), best first."""
        words = re.findall(r"\w+", query)
        if not words:
            return []
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                return _search_sqlite(conn, words, limit)
            return _search_postgres(conn, " ".join(words), limit)


def _resolve_event_id(conn: Connection, key: str) -> str:
    """The stored event id ``key`` names, exactly or as a unique prefix; E204 otherwise."""
    e = schema.events
    if key and conn.execute(select(e.c.id).where(e.c.id == key)).first() is not None:
        return key
    rows = conn.execute(select(e.c.id).where(e.c.id.like(f"{_like_escape(key)}%", escape="\\")).limit(2)).all()
    if not key or len(rows) != 1:
        raise NotFoundError("E204", input=key)
    return str(rows[0][0])


def _search_sqlite(conn: Connection, words: list[str], limit: int) -> list[SearchHit]:
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    sql = text(
        "SELECT a.id, a.title, a.published, snippet(articles_fts, 2, '[', ']', '…', 12) "
        "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id "
        "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts) LIMIT :n"
    )
    return [SearchHit(*row) for row in conn.execute(sql, {"q": match, "n": limit})]


def _search_postgres(conn: Connection, query: str, limit: int) -> list[SearchHit]:
    sql = text(
        "SELECT id, title, published, left(text, 160) FROM articles "
        "WHERE to_tsvector('english', coalesce(title, '') || ' ' || text) @@ plainto_tsquery('english', :q) "
        "ORDER BY ts_rank(to_tsvector('english', coalesce(title, '') || ' ' || text), "
        "plainto_tsquery('english', :q)) DESC LIMIT :n"
    )
    return [SearchHit(*row) for row in conn.execute(sql, {"q": query, "n": limit})]


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: the next pragma may wait for a lock
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
