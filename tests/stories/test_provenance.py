"""Sources of an event cluster through the product path: articles written for these tests are
ingested like any JSONL dump, then the stored story is read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sqlalchemy import func, select

from sitrep import service
from sitrep.config import Settings
from sitrep.store import schema
from sitrep.store.database import Store

CONVOY = ("The army of Chad moved forty armoured vehicles to the border town of Abeche on Monday, {cue}. "
          "The convoy left the capital N'Djamena at dawn and reached Abeche late in the evening. "
          "Officials did not say how long the vehicles would stay near the border with Sudan.")


def ingest(tmp_path: Path, pipeline: Any, rows: list[dict[str, str]]) -> Settings:
    settings = Settings(db=str(tmp_path / "stories.db"))
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = service.ingest([str(dump)], settings, pipeline=pipeline)
    assert report.stored == len(rows)
    return settings


def only_story(settings: Settings) -> dict[str, Any]:
    (story,) = service.stories_page(settings)["items"]
    return service.story(settings, story["id"])


def test_re_reports_of_one_outlet_count_as_one_independent_source(tmp_path: Path, pipeline: Any) -> None:
    cues = ["according to The Wall Street Journal", "The Wall Street Journal reported",
            "as reported by the Wall Street Journal"]
    rows = [{"id": f"re{i}", "url": f"https://outlet{i}.example/news/{i}", "text": CONVOY.format(cue=cue)}
            for i, cue in enumerate(cues)]
    story = only_story(ingest(tmp_path, pipeline, rows))
    (cluster,) = story["event_clusters"]
    assert cluster["report_count"] == 3 and len(cluster["outlets"]) == 3
    assert cluster["independent_sources"] == 1 and cluster["origins"] == ["wall street journal"]


def test_two_outlets_with_their_own_reporting_are_two_independent_sources(tmp_path: Path, pipeline: Any) -> None:
    rows = [{"id": "own1", "url": "https://first.example/a", "text": CONVOY.format(cue="our correspondent saw")},
            {"id": "own2", "url": "https://second.example/b", "text": CONVOY.format(cue="witnesses told this paper")}]
    story = only_story(ingest(tmp_path, pipeline, rows))
    (cluster,) = story["event_clusters"]
    assert cluster["report_count"] == 2 and cluster["independent_sources"] == 2


def test_reports_crediting_different_outlets_carry_a_discrepancy_naming_both(tmp_path: Path, pipeline: Any) -> None:
    rows = [{"id": "r", "url": "https://first.example/a", "text": CONVOY.format(cue="according to Reuters")},
            {"id": "a", "url": "https://second.example/b", "text": CONVOY.format(cue="according to AFP")}]
    settings = ingest(tmp_path, pipeline, rows)
    story = only_story(settings)
    (issue,) = [i for i in story["issues"] if i["code"] == "different_source"]
    assert "Reuters" in issue["message"] and "Agence France-Presse" in issue["message"]
    assert sorted(s["text"] for s in issue["spans"]) == ["AFP", "Reuters"]
    assert {s["outlet"] for s in issue["spans"]} == {"first.example", "second.example"}
    for span in issue["spans"]:  # each span is where that report names its source
        stored = service.show(span["article_id"], settings)
        assert stored.text[span["start"]:span["end"]] == span["text"]
        assert stored.source.outlet == span["outlet"] or span["outlet"] in (stored.source.uri or "")


def test_a_different_event_is_another_story(tmp_path: Path, pipeline: Any) -> None:
    rows = [{"id": "c", "url": "https://first.example/a", "text": CONVOY.format(cue="officials said")},
            {"id": "v", "url": "https://second.example/b",
             "text": "Voters in Uruguay chose a new parliament on Sunday in a calm election. Turnout was high "
                     "and the count finished before midnight, the electoral court said."}]
    settings = ingest(tmp_path, pipeline, rows)
    assert len(service.stories_page(settings)["items"]) == 2
    with pytest.raises(Exception):
        service.story(settings, "s-nosuchstory")


def test_an_updated_article_leaves_no_empty_story_behind(tmp_path: Path, pipeline: Any) -> None:
    settings = ingest(tmp_path, pipeline, [{"id": "u", "url": "https://first.example/u",
                                            "text": CONVOY.format(cue="officials said")}])
    (before,) = service.stories_page(settings)["items"]
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "u", "url": "https://first.example/u",
                                "text": "Voters in Uruguay chose a new parliament on Sunday in a calm election. "
                                        "Turnout was high, the electoral court said."}) + "\n", encoding="utf-8")
    assert service.ingest([str(dump)], settings, pipeline=pipeline).updated == 1
    (after,) = service.stories_page(settings)["items"]
    assert after["id"] != before["id"] and after["articles"] == 1
    with pytest.raises(Exception):
        service.story(settings, before["id"])
    with Store(settings.db) as store, store.engine.connect() as conn:
        for table in (schema.stories, schema.story_clusters, schema.story_components):
            assert conn.execute(select(func.count()).select_from(table)).scalar() == 1, table.name
