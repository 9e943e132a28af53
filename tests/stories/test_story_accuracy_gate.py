"""Accuracy gate on the dev story pages: floors that must not be lowered quietly.

Skipped when the shared evaluation kit is not beside the repository. Each page is ingested on
its own through `sitrep ingest`'s path (`sitrep eval stories`); measured (docs/stories.md):
B-cubed F1 0.923 on all 50 pages, 0.923 on the 43 not in English. The floor is the issue's
target, about 0.02 below. The stored stories are then read back as a user would, with `sitrep story ID --json` and
`GET /stories/{id}` (the same reports), and event clusters with reports in three languages or
more must show in at least three of the dev stories.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep.cli.main import app
from sitrep.config import Settings
from sitrep.evaluation.kit import eval_kit
from sitrep.evaluation.runner import run_task
from sitrep.serve import create_app

EVAL = eval_kit()
BCUBED_FLOOR = 0.90

pytestmark = [pytest.mark.gate, pytest.mark.skipif(not (EVAL / "eval_stories.py").exists(), reason="shared eval kit absent")]


def test_dev_stories_score_above_the_floor_and_show_reports_in_several_languages(tmp_path: Path) -> None:
    result = run_task("stories", EVAL, tmp_path)
    assert result.value >= BCUBED_FLOOR, result.report
    assert "== --exclude-languages en" in result.report and "== --languages en" in result.report
    db = str(tmp_path / "stories_eval.db")
    client, shown_wide = TestClient(create_app(Settings(db=db))), []
    for gold, story in sorted(_predicted_story_of_each_gold_story(tmp_path / "stories_pred.jsonl").items()):
        shown = CliRunner().invoke(app, ["story", story, "--db", db, "--json"])
        assert shown.exit_code == 0, shown.output
        from_cli, from_api = json.loads(shown.stdout), client.get(f"/stories/{story}").json()
        assert from_cli["id"] == from_api["id"] == story and _reports(from_cli) == _reports(from_api)
        widest = max(len({r["language"] for r in c["reports"]}) for c in from_api["event_clusters"])
        if widest >= 3:  # one event cluster listing reports in three languages or more
            shown_wide.append(gold)
    assert len(shown_wide) >= 3, shown_wide  # measured: 5 of the 7 main stories


def _predicted_story_of_each_gold_story(pred: Path) -> dict[str, str]:
    """{gold story: the predicted story holding most of its pages}."""
    manifest = json.loads((EVAL / "stories_dev" / "manifest.json").read_text(encoding="utf-8"))
    gold = {page["id"]: page["story"] for page in manifest["articles"]}
    rows = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]
    votes: dict[str, Counter] = {}
    for row in rows:
        if row["id"] in gold and row.get("story"):
            votes.setdefault(gold[row["id"]], Counter())[row["story"]] += 1
    return {story: counts.most_common(1)[0][0] for story, counts in votes.items()}


def _reports(detail: dict) -> list[tuple[str, str, str]]:
    return sorted((c["id"], r["article_id"], r["language"]) for c in detail["event_clusters"] for r in c["reports"])
