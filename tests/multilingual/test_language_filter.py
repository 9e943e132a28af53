"""The language filter in the API, the web page's facets and the CLI."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep import service
from sitrep.cli.main import app
from sitrep.config import Settings
from sitrep.serve.app import create_app

TEXTS = {
    "en.txt": "Iran launched drones and missiles against Israel on Saturday night in a direct attack.",
    "fr.txt": "L'Iran a lancé samedi soir des drones et des missiles contre Israël, une attaque directe.",
}


@pytest.fixture(scope="module")
def mixed_db(tmp_path_factory, pipeline):
    folder = tmp_path_factory.mktemp("mixed")
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = Settings(db=str(folder / "mixed.db"))
    service.ingest([str(folder / n) for n in TEXTS], settings, pipeline=pipeline)
    return settings


def test_events_and_articles_filter_by_language(mixed_db):
    client = TestClient(create_app(mixed_db))
    everything = client.get("/events").json()["items"]
    french = client.get("/events", params={"language": "fr"}).json()["items"]
    assert french and len(french) < len(everything)
    articles = client.get("/articles", params={"language": "fr"}).json()["items"]
    assert len(articles) == 1
    facets = client.get("/facets").json()
    assert {c["value"] for c in facets["language"]} == {"en", "fr"}
    assert client.get("/events", params={"language": "french"}).status_code == 400


def test_cli_lists_events_of_one_language(mixed_db):
    result = CliRunner().invoke(app, ["events", "--language", "fr", "--db", mixed_db.db, "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["items"]
    assert rows and all(r["type"] == "ASSAULT" for r in rows)
    other = CliRunner().invoke(app, ["events", "--language", "de", "--db", mixed_db.db, "--json"])
    assert json.loads(other.output)["items"] == []
    bad = CliRunner().invoke(app, ["events", "--language", "french", "--db", mixed_db.db, "--json"])
    assert bad.exit_code != 0 and "E300" in str(bad.exception or bad.output)
