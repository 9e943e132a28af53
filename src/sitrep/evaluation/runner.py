"""Run sitrep over the shared dev sets and score it with the shared scorers.

For each task: the scorer exports its inputs (``--export-inputs``), sitrep writes predictions in
the scorer's format, the scorer scores them (``--pred``). The prediction files stay in the work
folder, so anyone can re-score them; the same commands run on held-out data.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..errors import SitrepError
from .kit import eval_kit


@dataclass(frozen=True)
class Task:
    name: str
    scorer: str
    split: str
    predict: Callable[[Path, Path, Path], int]  # (inputs, predictions, eval kit) -> rows
    subsets: tuple[tuple[str, ...], ...] = ()  # extra scorer runs on parts of the data (language splits)


@dataclass(frozen=True)
class EvalResult:
    task: str
    summary: str  # the scorer's last line, "SUMMARY name=value"
    report: str  # the scorer's whole table
    predictions: Path

    @property
    def value(self) -> float:
        return float(self.summary.rsplit("=", 1)[1])


def _extract(inputs: Path, pred: Path, _kit: Path) -> int:
    from .extract import run_extract_eval

    return run_extract_eval(inputs, pred)


def _nlp():  # type: ignore[no-untyped-def]
    from ..nlp.spacy_stage import load_pipeline

    return load_pipeline()


def _ner_component(inputs: Path, pred: Path, _kit: Path) -> int:
    from .entities import write_re3d_predictions
    from ..nlp.recognize import load_pipeline

    return write_re3d_predictions(inputs, pred, load_pipeline())


def _geo_component(inputs: Path, pred: Path, _kit: Path) -> int:
    from .geo import write_gwn_predictions

    return write_gwn_predictions(inputs, pred, _nlp())


def _record_level(adapter_name: str) -> Callable[[Path, Path, Path], int]:
    """The records ``sitrep extract`` writes for the exported inputs, read by one adapter."""

    def predict(inputs: Path, pred: Path, _kit: Path) -> int:
        from . import records

        return records.write_record_predictions(inputs, pred, getattr(records, adapter_name))

    return predict


def _stories(inputs: Path, pred: Path, kit: Path) -> int:
    from .stories import run_stories_eval

    return run_stories_eval(inputs, pred, kit)


def _cross_validated(split: str) -> Callable[[Path, Path, Path], int]:
    """The shipped event model is trained on these dev sets, so it is scored by 5-fold
    cross-validation instead: each sentence is predicted by a model that never saw it."""

    def predict(inputs: Path, pred: Path, kit: Path) -> int:
        import shutil

        from .events import cross_validate

        produced = cross_validate(split, 5, eval_dir=kit, out_dir=pred.parent)
        shutil.copyfile(produced, pred)
        return sum(1 for _ in pred.open(encoding="utf-8"))

    return predict


def _cross_validated_records(split: str) -> Callable[[Path, Path, Path], int]:
    """The same folds, each held-out sentence an article through the product path."""

    def predict(inputs: Path, pred: Path, kit: Path) -> int:
        from .events import cross_validate_records

        return cross_validate_records(split, pred, 5, eval_dir=kit, work=pred.parent)

    return predict


# record-level tasks score what ``sitrep extract`` writes; ``*-component`` tasks score one part alone
TASKS: dict[str, Task] = {
    "extract": Task("extract", "eval_extract.py", "dev", _extract),
    "ner": Task("ner", "eval_ner.py", "dev", _record_level("ner_row")),
    "ner-component": Task("ner-component", "eval_ner.py", "dev", _ner_component),  # the re3d writer
    "geo": Task("geo", "eval_geo.py", "dev", _record_level("geo_row")),
    "geo-component": Task("geo-component", "eval_geo.py", "dev", _geo_component),  # the geoparser alone
    "events": Task("events", "eval_events.py", "dev", _cross_validated_records("dev")),
    "events-component": Task("events-component", "eval_events.py", "dev", _cross_validated("dev")),
    "events-zsp": Task("events-zsp", "eval_events.py", "dev-zsp", _cross_validated_records("dev-zsp")),
    "events-zsp-component": Task("events-zsp-component", "eval_events.py", "dev-zsp", _cross_validated("dev-zsp")),
    "stories": Task("stories", "eval_stories.py", "", _stories,  # pages ingested one by one, then scored
                    (("--exclude-languages", "en"), ("--languages", "en"))),
}
COMPONENT = "-component"


def side_by_side(results: dict[str, "EvalResult"]) -> list[tuple[str, str, str, str]]:
    """``(task, metric, record-level, component-only)`` for every task run, its component beside it."""
    rows = []
    for name, result in results.items():
        if name.endswith(COMPONENT):
            continue
        metric = result.summary.split(" ", 1)[1].rsplit("=", 1)[0]
        part = results.get(name + COMPONENT)
        rows.append((name, metric, f"{result.value:.4f}", f"{part.value:.4f}" if part else "-"))
    return rows


def run_task(name: str, eval_dir: Optional[Path] = None, work: Path = Path("build/eval")) -> EvalResult:
    """Export, predict and score one task; the predictions are kept under ``work``."""
    task = TASKS[name]
    eval_dir = eval_kit(eval_dir)
    scorer = eval_dir / task.scorer
    if not scorer.exists():
        raise SitrepError("E400", input=str(eval_dir), detail=f"{task.scorer} is missing")
    work.mkdir(parents=True, exist_ok=True)
    inputs, pred = work / f"{name}_inputs.jsonl", work / f"{name}_pred.jsonl"
    split = ("--split", task.split) if task.split else ()
    _scorer(scorer, *split, "--export-inputs", str(inputs))
    task.predict(inputs, pred, eval_dir)
    report = _scorer(scorer, *split, "--pred", str(pred))
    summary = next(line for line in reversed(report.splitlines()) if line.startswith("SUMMARY"))
    for subset in task.subsets:
        report += f"\n== {' '.join(subset)}\n" + _scorer(scorer, *split, "--pred", str(pred), *subset)
    return EvalResult(name, summary, report, pred)


def _scorer(script: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SitrepError("E400", input=str(script), detail=done.stderr.strip()[-300:])
    return done.stdout
