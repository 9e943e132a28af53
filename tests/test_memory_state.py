"""The entity memory is explicit state: the same article, after the same earlier articles, gets
the same whole record from one process, from two worker processes and from POST /articles."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep import service
from sitrep.config import Settings
from sitrep.model import to_dict
from sitrep.serve import create_app

EARLIER = {"id": "m-1", "url": "https://north-desk.example/1", "title": "New militia named",
           "text": "The Velmora Defence Brigade seized a depot near Kidal on Monday, "
                   "officials of the Velmora Defence Brigade said."}
LATER = {"id": "m-2", "url": "https://north-desk.example/2", "title": "Militia again",
         "text": "On Thursday the Velmora Defence Brigade withdrew from the depot, "
                 "two residents said."}


def _stored_after_earlier(tmp_path: Path, name: str, pipeline) -> Settings:
    settings = Settings(db=str(tmp_path / f"{name}.db"))
    path = tmp_path / f"{name}-earlier.jsonl"
    path.write_text(json.dumps(EARLIER) + "\n", encoding="utf-8")
    assert service.ingest([str(path)], settings, pipeline=pipeline).stored == 1
    return settings


def _later_file(tmp_path: Path) -> str:
    path = tmp_path / "later.jsonl"
    path.write_text(json.dumps(LATER) + "\n", encoding="utf-8")
    return str(path)


def _record(settings: Settings, article_id: str) -> dict:
    return to_dict(service.show(article_id, settings))


@pytest.fixture(scope="module")
def serial(tmp_path_factory, pipeline):
    tmp_path = tmp_path_factory.mktemp("memory")
    settings = _stored_after_earlier(tmp_path, "serial", pipeline)
    (article_id,) = service.ingest([_later_file(tmp_path)], settings, pipeline=pipeline).ids
    return tmp_path, _record(settings, article_id)


def test_the_later_article_is_linked_through_the_memory(serial) -> None:
    _tmp, record = serial
    reasons = {e["name"]: e.get("reason") for e in record["entities"]}
    assert any("Velmora" in name and reason == "memory" for name, reason in reasons.items()), reasons


def test_two_worker_processes_give_the_same_whole_record(serial, pipeline) -> None:
    pytest.importorskip("distributed")
    tmp_path, expected = serial
    settings = _stored_after_earlier(tmp_path, "workers", pipeline)
    (article_id,) = service.ingest([_later_file(tmp_path)], replace(settings, workers=2)).ids
    assert _record(settings, article_id) == expected


def test_post_articles_gives_the_same_whole_record(serial, pipeline, monkeypatch) -> None:
    tmp_path, expected = serial
    settings = _stored_after_earlier(tmp_path, "post", pipeline)
    monkeypatch.setenv("SITREP_API_KEY", "memory-key")
    app = create_app(settings)
    app.state.pipeline = pipeline
    response = TestClient(app).post("/articles", json=LATER, headers={"X-API-Key": "memory-key"})
    assert response.status_code == 201, response.text
    (article_id,) = response.json()["ids"]
    assert _record(settings, article_id) == expected
