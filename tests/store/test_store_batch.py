"""Writing a batch in one transaction stores what writing its articles one by one stores."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import text

from sitrep.model import Article, from_dict, to_dict
from sitrep.store.database import Store

TABLES = {  # every stored row but surrogate keys and timestamps
    "articles": "SELECT id, source_key, input_id, title, text, record FROM articles ORDER BY id",
    "entities": "SELECT * FROM entities ORDER BY article_id, entity_id",
    "mentions": "SELECT article_id, entity_id, start, \"end\", text, label, sentence FROM mentions "
                "ORDER BY article_id, start, entity_id",
    "events": "SELECT * FROM events ORDER BY id",
    "event_mentions": "SELECT event_id, role, ordinal, start, \"end\", text FROM event_mentions ORDER BY event_id, id",
    "search": "SELECT article_id, title FROM articles_fts ORDER BY article_id",
}


def copy_of(article: Article, number: int, text_suffix: str = "") -> Article:
    """``article`` as another input (its own id, events and input id), optionally with other text."""
    new_id = f"{number:020x}"
    record = json.loads(json.dumps(to_dict(article)).replace(article.id, new_id))
    record["source"]["input_id"] = f"in-{number}"
    record["text"] += text_suffix
    return from_dict(Article, record)


def contents(store: Store) -> dict[str, list]:
    with store.engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in TABLES.items()}


def test_a_batch_stores_the_rows_that_one_by_one_stores(tmp_path, seed_article):
    articles = [copy_of(seed_article, n) for n in range(5)]
    with Store(str(tmp_path / "one.db")) as one, Store(str(tmp_path / "batch.db")) as batch:
        assert [one.ingest(a) for a in articles] == ["stored"] * 5
        assert batch.ingest_many(articles) == ["stored"] * 5
        assert contents(batch) == contents(one)
        assert len(contents(batch)["event_mentions"]) > 5


def test_a_batch_keeps_the_statuses_of_updates_repeats_and_copies(tmp_path, seed_article):
    first = copy_of(seed_article, 1)
    changed = replace(copy_of(seed_article, 2, " More news."), source=first.source)  # identity of first
    same_content = replace(first, source=replace(first.source, input_id="elsewhere"))
    fresh = copy_of(seed_article, 3)
    with Store(str(tmp_path / "one.db")) as one, Store(str(tmp_path / "batch.db")) as batch:
        one.ingest(first)
        batch.ingest(first)
        expected = [one.ingest(a) for a in (fresh, changed, same_content, fresh)]
        assert expected == ["stored", "updated", "stored", "unchanged"]
        assert batch.ingest_many([fresh, changed, same_content, fresh]) == expected
        assert contents(batch)["articles"] == contents(one)["articles"]
        assert [v["article_id"] for v in batch.versions(changed.id)] == [first.id]


def test_content_already_stored_under_another_identity_is_unchanged_in_a_new_batch(tmp_path, seed_article):
    original = copy_of(seed_article, 7)
    again = replace(original, source=replace(original.source, input_id="another-id"))
    with Store(str(tmp_path / "batch.db")) as store:
        assert store.ingest_many([original, copy_of(seed_article, 8), again]) == ["stored", "stored", "unchanged"]
        assert store.count() == 2
