"""Store test helpers shared by the SQLite and PostgreSQL tests: an old (v2) database built
the way sitrep wrote it before event mentions, and the checks every mention row must pass."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest
from sqlalchemy import create_engine, select, text

from sitrep import service
from sitrep.model import Article, to_dict


def write_v2_database(url: str, article: Article) -> None:
    """A schema-version-2 database holding ``article`` as sitrep 2 stored it: its tables made by
    migrations 1 and 2 and its rows written by the store's own row writers, no event_mentions."""
    from sitrep.store import schema, write
    from sitrep.store.migrations import MIGRATIONS

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE sitrep_schema (version INTEGER NOT NULL)"))
        for version in (1, 2):
            MIGRATIONS[version](conn)
            conn.execute(text("INSERT INTO sitrep_schema (version) VALUES (:v)"), {"v": version})
        record = to_dict(article)
        conn.execute(schema.articles.insert().values(
            id=article.id, source_key="v2:" + article.id, uri=article.source.uri, outlet=article.source.outlet,
            input_id=article.source.input_id, title=article.title, category=article.category,
            published=article.published, language=article.language, text=article.text,
            record=json.dumps(record, ensure_ascii=False), ingested_at="2025-01-01T00:00:00+00:00",
            updated_at="2025-01-01T00:00:00+00:00",
        ))
        write.insert_entities(conn, article)
        write.insert_events(conn, article, record)
        if conn.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO articles_fts (article_id, title, text) VALUES (:id, :title, :text)"),
                         {"id": article.id, "title": article.title or "", "text": article.text})
    engine.dispose()


def mention_table_rows(store: Any) -> list[tuple]:
    """Every event_mentions row but its surrogate id: by event, each event's rows in record order."""
    from sitrep.store import schema

    m = schema.event_mentions
    columns = [c for c in m.c if c.name != "id"]
    with store.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(*columns).order_by(m.c.id))]
    return sorted(rows, key=lambda row: row[0])  # by event id, stably: no database collation involved


def check_mentions(store: Any, article: Article) -> list[dict[str, Any]]:
    """Every event of ``article`` has its evidence row and a row per offset span, each slicing
    the clean text to exactly its stored text; returns all rows."""
    every = []
    for event in article.events:
        rows = service.event_detail(store, event.id)["spans"]
        assert rows[0]["role"] == "event"
        assert (rows[0]["sentence"], rows[0]["start"], rows[0]["end"]) == (event.sentence, event.start, event.end)
        for row in rows:
            assert row["article_id"] == article.id and row["event_id"] == event.id
            assert article.text[row["start"]:row["end"]] == row["text"] != ""
            sentence = article.sentences[row["sentence"]]
            assert sentence.start <= row["start"] < sentence.end
            assert (row["certainty"], row["confidence"]) == (event.certainty, event.confidence)
            assert row["source"] == article.source.outlet
        every.extend(rows)
    return every


@pytest.fixture(scope="session")
def v2_database() -> Callable[[str, Article], None]:
    return write_v2_database


@pytest.fixture(scope="session")
def mention_tools() -> Any:
    class Tools:
        table_rows = staticmethod(mention_table_rows)
        check = staticmethod(check_mentions)

    return Tools()
