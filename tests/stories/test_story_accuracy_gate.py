"""Accuracy gate on the dev story pages: floors that must not be lowered quietly.

Skipped when the shared evaluation kit is not beside the repository. Each page is ingested on
its own through `sitrep ingest`'s path (`sitrep eval stories`); measured (docs/stories.md):
B-cubed F1 0.923 on all 50 pages, 0.923 on the 43 not in English. The floor is the issue's
target, about 0.02 below. The stored stories are then read back as a user would, with `sitrep story --json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli.main import app
from sitrep.evaluation.kit import eval_kit
from sitrep.evaluation.runner import run_task

EVAL = eval_kit()
BCUBED_FLOOR = 0.90

pytestmark = [pytest.mark.gate, pytest.mark.skipif(not (EVAL / "eval_stories.py").exists(), reason="shared eval kit absent")]


def test_dev_stories_score_above_the_floor_and_show_reports_in_several_languages(tmp_path: Path) -> None:
    result = run_task("stories", EVAL, tmp_path)
    assert result.value >= BCUBED_FLOOR, result.report
    assert "== --exclude-languages en" in result.report and "== --languages en" in result.report
    db = str(tmp_path / "stories_eval.db")
    listed = json.loads(CliRunner().invoke(app, ["stories", "--db", db, "--json"]).stdout)
    widest = 0
    for story in listed:
        shown = json.loads(CliRunner().invoke(app, ["story", story["id"], "--db", db, "--json"]).stdout)
        widest = max([widest] + [len({r["language"] for r in c["reports"]}) for c in shown["event_clusters"]])
    assert widest >= 3  # one event cluster holds reports in at least three languages
