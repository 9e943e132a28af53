"""Predictions in the shared event scorer's format, and honest (held-out) score runs.

``write_predictions`` codes the scorer's exported inputs (``{id, text}`` JSONL, one
sentence per row) with any coder. ``cross_validate`` trains on k-1 folds (plus, by default,
all of the other split) and predicts the held-out fold, so every sentence is predicted by
a model that never saw it. ``cross_corpus`` trains on one split and predicts the other.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import numpy as np

from sitrep.evaluation import training
from sitrep.coding.sentence import ActorGuess, EventGuess, SentenceCoder, load_nlp

BUILD_DIR = Path("build") / "coding"


def guess_to_json(guess: EventGuess) -> dict[str, Any]:
    """One event in the scorer's prediction format (extra keys are ignored by it)."""
    return {"type": guess.type, "mode": guess.mode, "actor": _actor_json(guess.actor),
            "recipient": _actor_json(guess.recipient), "negated": guess.negated,
            "confidence": guess.confidence,
            "trigger": {"start": guess.trigger_start, "end": guess.trigger_end}}


def _actor_json(actor: Optional[ActorGuess]) -> Optional[dict[str, Any]]:
    if actor is None:
        return None
    return {"text": actor.text, "country": actor.country, "start": actor.start, "end": actor.end}


def write_predictions(inputs_jsonl: Path, pred_jsonl: Path, coder: SentenceCoder,
                      nlp: Any = None) -> int:
    """Code every ``{id, text}`` row as one sentence; returns the number of rows written."""
    rows = [json.loads(line) for line in Path(inputs_jsonl).read_text("utf-8").splitlines()
            if line.strip()]
    nlp = nlp or load_nlp()
    docs = nlp.pipe([r["text"] for r in rows])
    return _write(pred_jsonl, ((r["id"], coder.code(doc[:])) for r, doc in zip(rows, docs)))


def _write(path: Path, rows: Iterable[tuple[str, list[EventGuess]]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        for sid, guesses in rows:
            out.write(json.dumps({"id": sid, "events": [guess_to_json(g) for g in guesses]}) + "\n")
            count += 1
    return count


def fold_ids(labels: Sequence[str], folds: int, seed: int = 0) -> np.ndarray:
    """A fold number per example, stratified by label (round robin within each label)."""
    rng = np.random.default_rng(seed)
    out = np.zeros(len(labels), dtype=int)
    for label in sorted(set(labels)):
        idx = np.flatnonzero(np.asarray(labels) == label)
        rng.shuffle(idx)
        out[idx] = (np.arange(len(idx)) + rng.integers(folds)) % folds
    return out


class _Corpus:
    """Examples, parsed docs and features of one split, computed once."""

    def __init__(self, split: str, nlp: Any, eval_dir: Path) -> None:
        self.examples = training.load_examples(split, eval_dir)
        self.docs = list(nlp.pipe([e.text for e in self.examples]))
        self.features = np.vstack([training.dense_lexical(d[:]) for d in self.docs])
        self.vectors = training.embed(self.examples)
        self.labels = [e.label for e in self.examples]


def _coder(features: np.ndarray, vectors: np.ndarray, labels: list[str], c: float,
           use_neighbors: bool) -> SentenceCoder:
    model = training.fit(features, labels, c)
    near = training.fit_neighbors(model, vectors, labels) if use_neighbors else None
    return SentenceCoder(model=model, neighbor_model=near, use_neighbors=use_neighbors)


def cross_validate(split: str, folds: int = 5, with_other: bool = True,
                   eval_dir: Optional[Path] = None,
                   out_dir: Path = BUILD_DIR, c: float = training.DEFAULT_C,
                   use_neighbors: bool = True, seed: int = 0) -> Path:
    """K-fold predictions for ``split`` (trained also on the other split unless told not)."""
    nlp = load_nlp()
    target = _Corpus(split, nlp, eval_dir)
    other = _Corpus(_other(split), nlp, eval_dir) if with_other else None
    assign = fold_ids(target.labels, folds, seed)
    predicted: dict[int, list[EventGuess]] = {}
    for fold in range(folds):
        train = np.flatnonzero(assign != fold)
        feats, vecs = target.features[train], target.vectors[train]
        labels = [target.labels[i] for i in train]
        if other is not None:
            feats, vecs = np.vstack([feats, other.features]), np.vstack([vecs, other.vectors])
            labels = labels + other.labels
        coder = _coder(feats, vecs, labels, c, use_neighbors)
        for i in np.flatnonzero(assign == fold):
            predicted[int(i)] = coder.code(target.docs[i][:], target.vectors[i])
    tag = ("both" if with_other else "same") + ("" if use_neighbors else "_linear")
    path = out_dir / f"cv{folds}_{tag}_{split}{f'_s{seed}' if seed else ''}.jsonl"
    _write(path, ((e.id, predicted[i]) for i, e in enumerate(target.examples)))
    return path


def cross_corpus(train_split: str, eval_dir: Optional[Path] = None,
                 out_dir: Path = BUILD_DIR, c: float = training.DEFAULT_C,
                 use_neighbors: bool = True) -> Path:
    """Train on one split only and predict the other one."""
    nlp = load_nlp()
    source = _Corpus(train_split, nlp, eval_dir)
    target = _Corpus(_other(train_split), nlp, eval_dir)
    coder = _coder(source.features, source.vectors, source.labels, c, use_neighbors)
    path = out_dir / f"xcorpus_{train_split}_to_{_other(train_split)}.jsonl"
    _write(path, ((e.id, coder.code(d[:], v))
                  for e, d, v in zip(target.examples, target.docs, target.vectors)))
    return path


def _other(split: str) -> str:
    return "dev-zsp" if split == "dev" else "dev"


def cross_validate_records(split: str, pred: Path, folds: int = 5, eval_dir: Optional[Path] = None,
                           work: Path = BUILD_DIR, seed: int = 0) -> int:
    """Record-level k-fold: the same folds and fold models as :func:`cross_validate`, but each
    held-out sentence goes through the product path (``service.extract`` on a JSONL of its
    ``{id, text}``) with the fold's model in the event stage, and the scorer reads the events
    of the public record (:func:`sitrep.evaluation.records.events_row`). Returns rows written."""
    from sitrep.evaluation.records import events_row, write_record_predictions

    nlp = load_nlp()
    target, other = _Corpus(split, nlp, eval_dir), _Corpus(_other(split), nlp, eval_dir)
    assign = fold_ids(target.labels, folds, seed)
    base = _record_pipeline()
    pred.parent.mkdir(parents=True, exist_ok=True)
    pred.write_text("", encoding="utf-8")
    count = 0
    for fold in range(folds):
        train = np.flatnonzero(assign != fold)
        coder = _coder(np.vstack([target.features[train], other.features]),
                       np.vstack([target.vectors[train], other.vectors]),
                       [target.labels[i] for i in train] + other.labels, training.DEFAULT_C, True)
        held = work / f"records_{split}_fold{fold}.jsonl"
        held.parent.mkdir(parents=True, exist_ok=True)
        held.write_text("".join(json.dumps({"id": target.examples[i].id, "text": target.examples[i].text}) + "\n"
                                for i in np.flatnonzero(assign == fold)), encoding="utf-8")
        count += write_record_predictions(held, pred, events_row, _with_coder(base, coder), mode="a")
    return count


def _record_pipeline() -> Any:
    from sitrep.pipeline import default_pipeline

    return default_pipeline()


def _with_coder(pipeline: Any, coder: SentenceCoder) -> Any:
    """The same pipeline with the event stage's coder replaced by ``coder``."""
    from sitrep.coding.stage import EventStage
    from sitrep.pipeline import Pipeline

    return Pipeline([EventStage(coder) if stage.name == "events" else stage for stage in pipeline.stages])
