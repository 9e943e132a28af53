"""One event told in four languages: the CLI, the REST API and the exports show it as one story."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep import service
from sitrep.cli.main import app
from sitrep.serve import create_app


def test_the_same_event_in_four_languages_is_one_cluster_of_one_story(story_db: dict[str, Any]) -> None:
    assert story_db["convoy"] != story_db["election"]
    detail = service.story(story_db["settings"], story_db["convoy"])
    (cluster,) = detail["event_clusters"]
    assert cluster["languages"] == ["de", "en", "es", "fr"] and cluster["report_count"] == 4
    assert cluster["independent_sources"] == 4  # four outlets, none cites another


def test_cli_story_shows_the_reports_of_every_language(story_db: dict[str, Any]) -> None:
    db = story_db["settings"].db
    listed = CliRunner().invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0
    assert {s["id"] for s in json.loads(listed.stdout)} == {story_db["convoy"], story_db["election"]}
    shown = CliRunner().invoke(app, ["story", story_db["convoy"][:8], "--db", db, "--json"])
    assert shown.exit_code == 0
    detail = json.loads(shown.stdout)
    assert {r["language"] for r in detail["event_clusters"][0]["reports"]} == {"de", "en", "es", "fr"}
    missing = CliRunner().invoke(app, ["story", "s-none", "--db", db])
    assert getattr(missing.exception, "code", None) == "E205"  # run() prints it and exits 1


def test_api_lists_stories_and_filters_articles_and_events_by_story(story_db: dict[str, Any]) -> None:
    client = TestClient(create_app(story_db["settings"]))
    page = client.get("/stories?limit=1").json()
    assert len(page["items"]) == 1 and page["next_cursor"]
    rest = client.get(f"/stories?limit=1&cursor={page['next_cursor']}").json()
    assert {page["items"][0]["id"], rest["items"][0]["id"]} == {story_db["convoy"], story_db["election"]}
    detail = client.get(f"/stories/{story_db['convoy']}").json()
    assert detail["languages"] == 4 and len(detail["event_clusters"][0]["reports"]) == 4
    articles = client.get(f"/articles?story={story_db['election']}").json()["items"]
    assert [a["id"] for a in articles] == [story_db["ids"]["election"]]
    assert articles[0]["story_id"] == story_db["election"]
    events = client.get(f"/events?story={story_db['convoy']}").json()["items"]
    assert all(e["story_id"] == story_db["convoy"] for e in events)
    assert client.get(f"/events?story={story_db['election']}").json()["items"] == [] or all(
        e["story_id"] == story_db["election"] for e in client.get(f"/events?story={story_db['election']}").json()["items"])


def test_api_unknown_story_is_a_404_in_the_one_error_shape(story_db: dict[str, Any]) -> None:
    client = TestClient(create_app(story_db["settings"]))
    response = client.get("/stories/s-none")
    assert response.status_code == 404 and response.json()["error"]["code"] == "E205"  # as in the CLI
    bad = client.get("/stories?since=yesterday")
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "since"


def test_exports_carry_story_and_cluster_ids(story_db: dict[str, Any]) -> None:
    lines = list(service.export_articles(story_db["settings"], "jsonl"))
    records = [json.loads(line) for line in lines]
    assert all(r["story"]["id"] in (story_db["convoy"], story_db["election"]) for r in records)
    assert all(r["story"]["cluster_id"] for r in records)
    events = [json.loads(line) for line in service.export_events(story_db["settings"], "jsonl")]
    assert all(e["story_id"] and e["cluster_id"] for e in events)
    csv_text = "".join(service.export_events(story_db["settings"], "csv"))
    assert csv_text.splitlines()[0].endswith("story_id,cluster_id")


def test_rebuild_gives_the_same_stories(story_db: dict[str, Any]) -> None:
    before = {a: service.show(i, story_db["settings"]).story for a, i in story_db["ids"].items()}
    totals = service.rebuild_stories(story_db["settings"])
    after = {a: service.show(i, story_db["settings"]).story for a, i in story_db["ids"].items()}
    assert totals == {"articles": 5, "stories": 2, "clusters": 2} and after == before
