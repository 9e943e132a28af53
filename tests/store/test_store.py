"""The store: idempotent re-ingest, updates, search, and no damage from a failed write."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from sitrep import service
from sitrep.errors import NotFoundError
from sitrep.model import Article, Source, from_dict, to_dict
from sitrep.store.database import STORED, UNCHANGED, UPDATED, Store


def test_reingest_is_idempotent(settings, seed_path):
    first = service.ingest([str(seed_path)], settings)
    second = service.ingest([str(seed_path)], settings)
    assert (first.stored, second.stored, second.unchanged) == (1, 0, 1)
    with Store(settings.db) as store:
        assert store.count() == 1


def test_changed_article_updates_its_record(settings, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "k1", "text": "Iran launched drones at Israel on Saturday."}) + "\n")
    assert service.ingest([str(path)], settings).stored == 1
    path.write_text(json.dumps({"id": "k1", "text": "Iran launched missiles at Israel on Sunday."}) + "\n")
    report = service.ingest([str(path)], settings)
    assert report.updated == 1
    with Store(settings.db) as store:
        assert store.count() == 1
        assert service.search("missiles", store)[0]["id"] == report.ids[0]
        assert service.search("drones", store) == []
        (earlier,) = store.versions(report.ids[0])
        assert earlier["replaced_by"] == report.ids[0]
        assert "drones" in store.get(earlier["article_id"]).text, "the earlier version is kept and shown"


def test_show_round_trips_the_record(settings, seed_article):
    with Store(settings.db) as store:
        assert store.ingest(seed_article) == STORED
        stored = store.get(seed_article.id[:8])
    assert to_dict(stored) == to_dict(seed_article)


def test_unknown_id_is_a_coded_error(settings):
    with Store(settings.db) as store, pytest.raises(NotFoundError) as info:
        store.get("deadbeef")
    assert info.value.code == "E200"


def test_search_finds_words_anywhere(settings, seed_article):
    with Store(settings.db) as store:
        store.ingest(seed_article)
        hits = service.search("Khmeimim Mediterranean", store)
        assert [h["id"] for h in hits] == [seed_article.id]
        assert service.search("Pyongyang", store) == []
        assert service.search("\"; DROP TABLE articles; --", store) == []


def test_failed_write_changes_nothing(settings, seed_article, monkeypatch):
    import sitrep.store.write as write

    named = replace(seed_article, source=replace(seed_article.source, input_id="s1"))
    with Store(settings.db) as store:
        store.ingest(named)
        changed = replace(named, id="f" * 20, text=seed_article.text + " More.")

        def boom(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(write, "insert_entities", boom)
        with pytest.raises(RuntimeError):
            store.ingest(changed)
        assert store.count() == 1
        assert store.get(seed_article.id).text == seed_article.text


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


@hsettings(max_examples=30, deadline=None)
@given(title=st.none() | _text, text=_text, input_id=st.none() | _text)
def test_model_json_round_trip(title, text, input_id):
    article = Article(id="x", source=Source(uri="u", input_id=input_id), text=text, title=title)
    assert from_dict(Article, json.loads(json.dumps(to_dict(article)))) == article
