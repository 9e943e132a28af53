"""Accuracy gate on re3d dev: the floor sits just below the score in docs/entities.md.

Raise the floor when the score improves; lowering it needs a note in docs/entities.md."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.evaluation.kit import eval_kit

EVAL_DIR = eval_kit()
FLOOR_MICRO = 0.66
FLOOR_WEAPON = 0.48
FLOOR_PLATFORM = 0.56


@pytest.mark.gate
@pytest.mark.skipif(not (EVAL_DIR / "eval_ner.py").exists(), reason="../shared/eval is not present")
def test_re3d_dev_scores_stay_above_the_floor(tmp_path, nlp):
    from sitrep.evaluation.entities import write_re3d_predictions

    inputs, pred = tmp_path / "re3d_dev.jsonl", tmp_path / "re3d_pred.jsonl"
    scorer = [sys.executable, str(EVAL_DIR / "eval_ner.py")]
    subprocess.run([*scorer, "--export-inputs", str(inputs)], check=True, capture_output=True)
    assert write_re3d_predictions(inputs, pred, nlp) == 49
    out = subprocess.run([*scorer, "--pred", str(pred)], check=True, capture_output=True, text=True).stdout
    rows = {line.split()[0]: line.split() for line in out.splitlines() if "|" in line}
    assert float(out.strip().splitlines()[-1].split("=")[1]) >= FLOOR_MICRO
    assert float(rows["Weapon"][5]) >= FLOOR_WEAPON
    assert float(rows["MilitaryPlatform"][5]) >= FLOOR_PLATFORM


RECORD_FLOOR_MICRO = 0.635  # the records `sitrep extract` writes: 0.651 (0.526 before counts, pronouns, actors, titles)


@pytest.mark.gate
@pytest.mark.skipif(not (EVAL_DIR / "eval_ner.py").exists(), reason="../shared/eval is not present")
def test_re3d_dev_record_scores_stay_above_the_floor(tmp_path):
    from sitrep.evaluation.records import ner_row, write_record_predictions

    inputs, pred = tmp_path / "re3d_dev.jsonl", tmp_path / "re3d_record_pred.jsonl"
    scorer = [sys.executable, str(EVAL_DIR / "eval_ner.py")]
    subprocess.run([*scorer, "--export-inputs", str(inputs)], check=True, capture_output=True)
    assert write_record_predictions(inputs, pred, ner_row) == 49
    out = subprocess.run([*scorer, "--pred", str(pred)], check=True, capture_output=True, text=True).stdout
    assert float(out.strip().splitlines()[-1].split("=")[1]) >= RECORD_FLOOR_MICRO
