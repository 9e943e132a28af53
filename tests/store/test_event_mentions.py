"""The event_mentions table: one row per piece of evidence of an event, kept with the article."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import delete, func, inspect, select, text

from sitrep import service
from sitrep.errors import NotFoundError
from sitrep.model import Article, Attribution, Caveat, Event, Participant, Sentence, Source, SpanRef, to_dict
from sitrep.store import schema
from sitrep.store.database import STORED, UNCHANGED, UPDATED, Store
from sitrep.store.event_mentions import ROLES, ArticleContext, event_spans, mention_rows
from sitrep.store.migrations import SCHEMA_VERSION, current_version


def _count(store: Store, **where: str) -> int:
    m = schema.event_mentions
    query = select(func.count()).select_from(m).where(*(m.c[k] == v for k, v in where.items()))
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def test_seed_mentions_slice_the_clean_text(settings, seed_article, mention_tools):
    assert seed_article.events, "the seed article codes events"
    with Store(settings.db) as store:
        assert store.ingest(seed_article) == STORED
        rows = mention_tools.check(store, seed_article)
    expected = sum(1 for e in seed_article.events for s in event_spans(e) if s.start is not None)
    assert len(rows) == expected
    roles = {r["role"] for r in rows}
    assert roles <= set(ROLES)
    assert {"event", "trigger", "actor", "item", "origin", "destination", "attribution", "caveat"} <= roles
    moved = next(r for r in rows if r["role"] == "destination" and r["text"] == "eastern Libya")
    assert moved["entity_id"] and moved["country"] == "LBY"
    cited = next(r for r in rows if r["role"] == "attribution" and r["kind"] == "cited_outlet")
    assert cited["name"] == "The Wall Street Journal" and cited["text"] == "the publication"


def test_event_detail_reads_one_event_by_id_or_prefix(settings, seed_article):
    event = seed_article.events[0]
    with Store(settings.db) as store:
        store.ingest(seed_article)
        detail = service.event_detail(store, event.id)
        row = detail["event"]
        assert (row["id"], row["article_id"], row["type"]) == (event.id, seed_article.id, event.type)
        assert detail["record"]["trigger"] == {"start": event.trigger.start, "end": event.trigger.end, "role": "trigger"}
        assert row["article_title"] == seed_article.title
        unique = next(e.id for e in seed_article.events if sum(o.id.startswith(e.id[:-1]) for o in seed_article.events) == 1)
        assert service.event_detail(store, unique[:-1])["event"]["id"] == unique
        assert [m["role"] for m in detail["spans"]][:2] == ["event", "trigger"]
        for missing in ("no-such-event", "", seed_article.id):  # the article id prefixes every event: ambiguous
            with pytest.raises(NotFoundError) as info:
                service.event_detail(store, missing)
            assert info.value.code == "E204"


def test_reingest_adds_no_rows_and_update_replaces_them(settings, seed_path, seed_article):
    service.ingest([str(seed_path)], settings)
    with Store(settings.db) as store:
        before = _count(store)
        assert before > 0
        assert store.ingest(seed_article) == UNCHANGED
    assert service.ingest([str(seed_path)], settings).unchanged == 1
    with Store(settings.db) as store:
        assert _count(store) == before
        assert store.ingest(_variant(seed_article, "f" * 20, " More.")) == STORED, \
            "another text with no id or URL is another article"
        first, second = (_variant(seed_article, c * 20, f" {c}.", input_id="seed") for c in "ab")
        assert store.ingest(first) == STORED and store.ingest(second) == UPDATED
        assert _count(store, article_id=first.id) == 0
        assert _count(store, article_id=second.id) == before
        assert [v["article_id"] for v in store.versions(second.id)] == [first.id]


def _variant(article, new_id, tail, input_id=None):
    """``article`` with more text under ``new_id`` (its events renamed to match)."""
    return replace(article, id=new_id, text=article.text + tail, source=replace(article.source, input_id=input_id),
                   events=tuple(replace(e, id=e.id.replace(article.id, new_id)) for e in article.events))


def test_updated_jsonl_article_replaces_its_mentions(settings, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "k1", "text": "Iran launched drones at Israel on Saturday."}) + "\n")
    first = service.ingest([str(path)], settings).ids[0]
    path.write_text(json.dumps({"id": "k1", "text": "Iran launched missiles at Israel on Sunday."}) + "\n")
    second = service.ingest([str(path)], settings).ids[0]
    with Store(settings.db) as store:
        assert _count(store, article_id=first) == 0
        article = store.get(second)
        assert article.events, "the sentence codes an event"
        assert _count(store) == _count(store, article_id=second) == sum(
            1 for e in article.events for s in event_spans(e) if s.start is not None)


def test_rows_go_with_their_event_and_article(settings, seed_article):
    with Store(settings.db) as store:
        store.ingest(seed_article)
        event = seed_article.events[0]
        with store.engine.begin() as conn:
            conn.execute(delete(schema.events).where(schema.events.c.id == event.id))
        assert _count(store, event_id=event.id) == 0
        assert _count(store) > 0
        with store.engine.begin() as conn:
            conn.execute(delete(schema.articles).where(schema.articles.c.id == seed_article.id))
        assert _count(store) == 0


def test_failed_write_leaves_no_mentions(settings, seed_article, monkeypatch):
    import sitrep.store.write as write

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(write, "insert_article_mentions", boom)
    with Store(settings.db) as store:
        with pytest.raises(RuntimeError):
            store.ingest(seed_article)
        assert store.count() == 0
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM events")).scalar() == 0


def test_spans_without_offsets_or_outside_the_text_have_no_row():
    text_ = "Officials said Iran fired missiles at Israel."
    article = Article(id="a1", source=Source(outlet="Example Wire"), text=text_,
                      sentences=(Sentence(0, len(text_)),))
    event = Event(
        id="a1-0-0", type="ASSAULT", sentence=0, start=0, end=len(text_), certainty="reported", confidence=0.7,
        actor=Participant("Iran", entity="country:IRN", country="IRN", start=15, end=19),
        recipient=Participant("Israel", country="ISR"),  # no span
        items=(Participant("missiles", start=26, end=34), Participant("ghost", start=40, end=99)),
        attribution=(Attribution("outlet", "Example Wire"), Attribution("official", "Officials", 0, 9)),
        caveats=(Caveat("Officials said", 0, 14, source="Officials"),),
        trigger=SpanRef(20, 25, "trigger"),
    )
    rows = mention_rows(event, ArticleContext.of(article))
    assert [(r["role"], r["ordinal"], r["text"]) for r in rows] == [
        ("event", 0, text_), ("trigger", 0, "fired"), ("actor", 0, "Iran"), ("item", 0, "missiles"),
        ("attribution", 1, "Officials"), ("caveat", 0, "Officials said"),
    ]
    assert {r["source"] for r in rows} == {"Example Wire"} and {r["sentence"] for r in rows} == {0}
    assert rows[2]["entity_id"] == "country:IRN" and rows[4]["kind"] == "official"


def test_v2_database_upgrades_in_place(tmp_path, settings, seed_article, v2_database, mention_tools):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    v2_database(url, seed_article)
    with Store(settings.db) as fresh:  # the same article ingested by this version, for comparison
        fresh.ingest(seed_article)
        expected = mention_tools.table_rows(fresh)
    old = Store.__new__(Store)  # look before migrating: a v2 database has no event_mentions
    engine = old._engine(url)
    with engine.connect() as conn:
        assert current_version(conn) == 2
        assert "event_mentions" not in inspect(conn).get_table_names()
    engine.dispose()
    with Store(url) as store:
        with store.engine.connect() as conn:
            assert current_version(conn) == SCHEMA_VERSION == 6
            assert {i["name"] for i in inspect(conn).get_indexes("event_mentions")} >= {
                "ix_event_mentions_event", "ix_event_mentions_article"}
        assert mention_tools.table_rows(store) == expected
        mention_tools.check(store, seed_article)
        assert store.count() == 1 and to_dict(store.get(seed_article.id)) == to_dict(seed_article)
        assert [h["id"] for h in service.search("Khmeimim", store)] == [seed_article.id]
    with Store(url) as again:  # opening once more migrates nothing and adds nothing
        assert mention_tools.table_rows(again) == expected
