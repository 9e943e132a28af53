"""The same store on PostgreSQL: runs when SITREP_TEST_POSTGRES_URL names a database it may wipe.

.ci/run starts a local PostgreSQL and sets the variable; elsewhere these tests are skipped.
"""

from __future__ import annotations

import json
import os

import pytest

from sitrep import service
from sitrep.config import Settings
from sitrep.model import to_dict
from sitrep.query.filters import EventFilter
from sitrep.query.stories import record_with_story

URL = os.environ.get("SITREP_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="SITREP_TEST_POSTGRES_URL is not set (.ci/run sets it)")


@pytest.fixture()
def pg_settings() -> Settings:
    from sqlalchemy import create_engine, text

    engine = create_engine(URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return Settings(db=URL)


def test_ingest_search_and_events_on_postgres(pg_settings, settings, seed_path, seed_article):
    first = service.ingest([str(seed_path)], pg_settings)
    second = service.ingest([str(seed_path)], pg_settings)
    assert (first.stored, second.stored, second.unchanged) == (1, 0, 1)
    # a stored record is read back with the story it was placed in (on it and on each event)
    story = {"id": f"s-{seed_article.id[:12]}", "cluster_id": f"c-{seed_article.id[:12]}"}
    shown = to_dict(service.show(seed_article.id, pg_settings))
    assert shown == record_with_story(to_dict(seed_article), story)
    service.ingest([str(seed_path)], settings)
    assert to_dict(service.show(seed_article.id, settings)) == shown  # the same record as from SQLite
    assert [h["id"] for h in service.search("Khmeimim", pg_settings)] == [seed_article.id]
    moves = service.events_page(pg_settings, EventFilter(type="MOBILIZE", actor="RUS"))["items"]
    assert moves and all(m["actor"]["country"] == "RUS" for m in moves)
    assert service.events_page(pg_settings, EventFilter(q="Khmeimim"))["items"]


def test_changed_article_updates_on_postgres(pg_settings, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "k1", "text": "Iran launched drones at Israel on Saturday."}) + "\n")
    service.ingest([str(path)], pg_settings)
    path.write_text(json.dumps({"id": "k1", "text": "Iran launched missiles at Israel on Sunday."}) + "\n")
    assert service.ingest([str(path)], pg_settings).updated == 1
    assert service.search("drones", pg_settings) == []


def test_event_mentions_on_postgres(pg_settings, seed_path, seed_article, mention_tools):
    from sitrep.store.database import Store

    service.ingest([str(seed_path)], pg_settings)
    with Store(pg_settings.db) as store:
        rows = mention_tools.check(store, seed_article)
        before = mention_tools.table_rows(store)
        assert rows and len(before) == len(rows)
        event = service.event_detail(store, seed_article.events[0].id)
        assert event["record"]["id"] == seed_article.events[0].id
    service.ingest([str(seed_path)], pg_settings)
    with Store(pg_settings.db) as store:
        assert mention_tools.table_rows(store) == before


def test_v2_database_upgrades_on_postgres(pg_settings, settings, seed_article, v2_database, mention_tools):
    from sqlalchemy import inspect

    from sitrep.store.database import Store
    from sitrep.store.migrations import SCHEMA_VERSION, current_version

    with Store(settings.db) as fresh:  # SQLite, this version: what the backfill must reproduce
        fresh.ingest(seed_article)
        expected = mention_tools.table_rows(fresh)
    v2_database(pg_settings.db, seed_article)
    with Store(pg_settings.db) as store:
        with store.engine.connect() as conn:
            assert current_version(conn) == SCHEMA_VERSION
            assert {i["name"] for i in inspect(conn).get_indexes("event_mentions")} >= {
                "ix_event_mentions_event", "ix_event_mentions_article"}
        assert mention_tools.table_rows(store) == expected
        mention_tools.check(store, seed_article)
        assert to_dict(store.get(seed_article.id)) == to_dict(seed_article)
