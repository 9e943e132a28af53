"""The article store: one transaction per article, idempotent re-ingest, full-text search."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..config import database_url
from ..errors import NotFoundError, StoreError
from ..model import Article, from_dict
from . import schema
from .migrations import SCHEMA_VERSION, migrate, stored_version
from .write import STORED, UNCHANGED, UPDATED, lock_for_writing, remember_aliases, write_article, write_articles

__all__ = ["Store", "STORED", "UPDATED", "UNCHANGED"]

BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another process's write to finish


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
        """Refresh the query planner's statistics after a batch of writes.

        Best effort: it takes the write lock first (a deferred transaction that reads and then
        writes fails at once when another writer got in between), and a database still busy
        after the wait keeps its old statistics instead of failing the batch that wrote it.
        """
        try:
            with self.engine.begin() as conn:
                lock_for_writing(conn, "sitrep_optimize")
                if conn.dialect.name == "sqlite":
                    conn.execute(text("PRAGMA optimize"))
                elif conn.dialect.name == "postgresql":
                    conn.execute(text("ANALYZE"))
        except SQLAlchemyError:
            return

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

    def ingest_many(self, articles: list[Article], memory_rows: Iterable[dict[str, str]] = ()) -> list[str]:
        """Store ``articles`` in one transaction, each with the semantics of :meth:`ingest`; a
        batch that fails as a whole (one bad row) is written again one article at a time, so
        the others are still stored. One status per article, in order."""
        try:
            with self.engine.begin() as conn:
                return write_articles(conn, articles, memory_rows)
        except SQLAlchemyError:
            if len(articles) < 2:
                raise
        return [self.ingest(a, memory_rows if i == 0 else ()) for i, a in enumerate(articles)]

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
            lock_for_writing(conn, "kb_memory")
            remember_aliases(conn, rows)

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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: the next pragma may wait for a lock
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
