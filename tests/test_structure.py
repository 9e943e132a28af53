"""The package's shape: runtime stages apart from evaluation and training."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "sitrep"
DEVELOPMENT = "evaluation"


def test_no_evaluation_or_training_module_under_the_runtime_packages() -> None:
    words = ("evaluate", "crossval", "training", "train")
    found = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
             if p.relative_to(SRC).parts[0] != DEVELOPMENT and any(w in p.stem for w in words)]
    assert found == []


def test_the_eval_kit_is_found_one_way(monkeypatch, tmp_path) -> None:
    from sitrep.evaluation.kit import eval_kit

    monkeypatch.setenv("SITREP_EVAL_DIR", str(tmp_path))
    assert eval_kit() == tmp_path and eval_kit(Path("x")) == Path("x")
    users = [p for p in SRC.rglob("*.py") if '"shared"' in p.read_text(encoding="utf-8")]
    assert [str(p.relative_to(SRC)) for p in users] == ["evaluation/kit.py"] or not users
