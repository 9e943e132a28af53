"""Article identity: the input id, else the canonical URL, else the clean text's hash; never a
path or a line number. A different article never replaces another; a changed one keeps its past."""

from __future__ import annotations

import io
import json

import pytest

from sitrep import service
from sitrep.store.database import Store
from sitrep.store.write import canonical_url

from .conftest import article_text


def _jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def test_feed_file_rewritten_with_new_articles_keeps_every_article(tmp_path, settings, pipeline):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(_jsonl([{"text": article_text(n)} for n in (1, 2)]))
    first = service.ingest([str(feed)], settings, pipeline=pipeline)
    feed.write_text(_jsonl([{"text": article_text(n)} for n in (3, 4)]))  # same path, same lines, new articles
    second = service.ingest([str(feed)], settings, pipeline=pipeline)
    assert (first.stored, second.stored, second.updated) == (2, 2, 0)
    with Store(settings.db) as store:
        assert store.count() == 4


def test_idless_records_on_stdin_one_after_another_are_all_kept(settings, pipeline):
    for number in range(1, 5):
        line = json.dumps({"title": f"Report {number}", "text": article_text(number)}).encode()
        report = service.ingest(["-"], settings, pipeline=pipeline, stdin=io.BytesIO(line))
        assert report.stored == 1
    again = service.ingest(["-"], settings, pipeline=pipeline,
                           stdin=io.BytesIO(json.dumps({"title": "Report 1", "text": article_text(1)}).encode()))
    assert again.unchanged == 1
    with Store(settings.db) as store:
        assert store.count() == 4


def test_idless_posts_are_all_kept(settings, pipeline, monkeypatch):
    from fastapi.testclient import TestClient

    from sitrep.serve.app import create_app

    monkeypatch.setenv("SITREP_API_KEY", "k")
    app = create_app(settings)
    app.state.pipeline = pipeline
    with TestClient(app) as client:
        for number in range(1, 5):
            answer = client.post("/articles", json={"text": article_text(number)}, headers={"X-API-Key": "k"})
            assert answer.status_code == 201 and answer.json()["stored"] == 1, answer.text
    with Store(settings.db) as store:
        assert store.count() == 4


def test_changed_article_keeps_its_earlier_version(tmp_path, settings, pipeline):
    url = "https://www.example-wire.test/world/convoy?utm_source=feed"
    feed = tmp_path / "a.jsonl"
    feed.write_text(_jsonl([{"url": url, "text": article_text(1)}]))
    first = service.ingest([str(feed)], settings, pipeline=pipeline).ids[0]
    moved = "http://example-wire.test/world/convoy/#comments"  # the same page, another spelling
    feed.write_text(_jsonl([{"url": moved, "text": article_text(1) + " It was later corrected."}]))
    report = service.ingest([str(feed)], settings, pipeline=pipeline)
    assert report.updated == 1
    with Store(settings.db) as store:
        assert store.count() == 1
        (earlier,) = store.versions(report.ids[0])
        assert earlier["article_id"] == first and earlier["replaced_by"] == report.ids[0]
        assert store.get(first).text == article_text(1)


@pytest.mark.parametrize(("given", "canonical"), [
    ("https://www.Example.test/a/b/?utm_medium=x&page=2#top", "example.test/a/b?page=2"),
    ("http://example.test:80/a", "example.test/a"),
    ("https://example.test:8443/a", "example.test:8443/a"),
    ("/home/user/feed.jsonl", None),
    ("stdin", None),
    ("https://[broken/url", None),
])
def test_canonical_url(given, canonical):
    assert canonical_url(given) == canonical
