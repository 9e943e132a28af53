"""Schema versions and how to reach the newest one; each step runs in one transaction."""

from __future__ import annotations

from typing import Callable

from sqlalchemy import Connection, inspect, text

from . import schema
from .event_mentions import backfill

SCHEMA_VERSION = 6


def _v1(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=list(schema.V1_TABLES))
    if conn.dialect.name == "sqlite":
        conn.execute(text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
            "article_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
        ))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(
            "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text))"
        ))


def _v2(conn: Connection) -> None:
    """Indexes for filtered, keyset-paginated event queries (the API's /events)."""
    for statement in (
        "CREATE INDEX IF NOT EXISTS ix_events_date_id ON events (event_date, id)",
        "CREATE INDEX IF NOT EXISTS ix_events_type_date_id ON events (type, event_date, id)",
        "DROP INDEX IF EXISTS ix_events_type_date",
        "CREATE INDEX IF NOT EXISTS ix_events_recipient ON events (recipient_country)",
        "CREATE INDEX IF NOT EXISTS ix_events_actor_text ON events (actor_text)",
        "CREATE INDEX IF NOT EXISTS ix_events_confidence ON events (confidence)",
        "CREATE INDEX IF NOT EXISTS ix_events_lat_lon ON events (latitude, longitude)",
        "CREATE INDEX IF NOT EXISTS ix_articles_outlet ON articles (outlet)",
    ):
        conn.execute(text(statement))


def _v3(conn: Connection) -> None:
    """The event_mentions table with its indexes, filled from the stored events' JSON records."""
    schema.event_mentions.create(conn, checkfirst=True)
    for index in schema.event_mentions.indexes:
        index.create(conn, checkfirst=True)
    backfill(conn)


def _v4(conn: Connection) -> None:
    """article_versions: the records that updates replaced (identity no longer a path or a line)."""
    schema.article_versions.create(conn, checkfirst=True)
    for index in schema.article_versions.indexes:
        index.create(conn, checkfirst=True)


def _v5(conn: Connection) -> None:
    """The story tables (stories, clusters, membership, candidate keys); `sitrep stories rebuild`
    fills them for articles stored before."""
    for table in schema.STORY_TABLES:
        table.create(conn, checkfirst=True)
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def _v6(conn: Connection) -> None:
    """The candidate index ordered by key, day and article, so that the latest members holding a
    key are read without sorting all of them (undated articles' candidates), and indexes on the
    story tables' order numbers, so that the next number is found without a scan."""
    conn.execute(text("DROP INDEX IF EXISTS ix_story_keys_key_day"))
    for table in schema.STORY_TABLES:
        for index in table.indexes:
            index.create(conn, checkfirst=True)


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5, 6: _v6}


def stored_version(conn: Connection) -> int:
    """The version of the database behind ``conn`` without writing to it (0 for a new one)."""
    if not inspect(conn).has_table("sitrep_schema"):
        return 0
    return int(conn.execute(text("SELECT max(version) FROM sitrep_schema")).scalar() or 0)


def current_version(conn: Connection) -> int:
    conn.execute(text("CREATE TABLE IF NOT EXISTS sitrep_schema (version INTEGER NOT NULL)"))
    row = conn.execute(text("SELECT max(version) FROM sitrep_schema")).scalar()
    return int(row or 0)


def migrate(conn: Connection) -> int:
    """Apply every missing step in order; returns the version reached."""
    version = current_version(conn)
    for target in sorted(v for v in MIGRATIONS if v > version):
        MIGRATIONS[target](conn)
        conn.execute(text("INSERT INTO sitrep_schema (version) VALUES (:v)"), {"v": target})
        version = target
    return version
