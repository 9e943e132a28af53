"""Train the shipped PLOVER sentence-coder model and measure it honestly.

Usage (from the project root, with ../shared beside it):

    PYTHONPATH=src .venv/bin/python scripts/train_coder.py train [--data both|plover]
    PYTHONPATH=src .venv/bin/python scripts/train_coder.py cv [--folds 5] [--same-only]
    PYTHONPATH=src .venv/bin/python scripts/train_coder.py xcorpus
    PYTHONPATH=src .venv/bin/python scripts/train_coder.py train-multilingual

``train`` writes src/sitrep/data/coding/plover_linear.json and plover_neighbors.json;
``train-multilingual`` writes plover_multilingual.json (the cross-lingual type model on the
multilingual encoder's vectors of the same English sentences) and prints its 5-fold accuracy; ``cv``
and ``xcorpus`` write prediction files under build/coding/ and score them with
../shared/eval/eval_events.py (``--linear-only``: without the neighbour vote; ``--seeds 0,1,2``:
repeated cross-validation with other fold assignments).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from sitrep.coding import classifier, neighbors
from sitrep.evaluation import events as evaluate, training
from sitrep.evaluation.kit import eval_kit
from sitrep.coding.sentence import load_nlp

MODEL_PATH = Path("src/sitrep/data/coding") / classifier.MODEL_RESOURCE
NEIGHBORS_PATH = MODEL_PATH.parent / neighbors.NEIGHBORS_RESOURCE


def _score(pred: Path, split: str) -> None:
    scorer = eval_kit() / "eval_events.py"
    subprocess.run([sys.executable, str(scorer), "--split", split, "--pred", str(pred)], check=True)


def cmd_train(data: str) -> None:
    nlp = load_nlp()
    splits = ("dev", "dev-zsp") if data == "both" else ("dev",)
    examples = [e for s in splits for e in training.load_examples(s)]
    labels = [e.label for e in examples]
    model = training.fit(training.featurize(examples, nlp), labels,
                         meta={"trained_on": list(splits)})
    size = classifier.save(model, MODEL_PATH)
    print(f"wrote {MODEL_PATH} ({size} bytes, {len(examples)} sentences from {', '.join(splits)})")
    near = training.fit_neighbors(model, training.embed(examples), labels,
                                  meta={"trained_on": list(splits)})
    size = neighbors.save(near, NEIGHBORS_PATH)
    print(f"wrote {NEIGHBORS_PATH} ({size} bytes)")


def cmd_train_multilingual() -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    from sitrep.coding import crosslingual
    from sitrep.nlp.multilingual import shared_multilingual_encoder

    examples = [e for s in training.SPLITS for e in training.load_examples(s)]
    labels = np.asarray([e.label for e in examples])
    vectors = shared_multilingual_encoder().encode([e.text for e in examples])
    model = training.fit_multilingual(vectors, labels, meta={"trained_on": list(training.SPLITS)})
    guessed = cross_val_predict(LogisticRegression(C=model.meta["c"], max_iter=3000), vectors, labels, cv=5)
    print(f"5-fold type accuracy on the English sentences: {(guessed == labels).mean():.3f}")
    path = MODEL_PATH.parent / crosslingual.MODEL_RESOURCE
    print(f"wrote {path} ({crosslingual.save(model, path)} bytes, {len(examples)} sentences)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    train = sub.add_parser("train")
    train.add_argument("--data", choices=["both", "plover"], default="both")
    cv = sub.add_parser("cv")
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--same-only", action="store_true", help="train on the scored split only")
    cv.add_argument("--split", choices=["dev", "dev-zsp"], action="append")
    cv.add_argument("--seeds", default="0", help="comma-separated fold seeds")
    cv.add_argument("--linear-only", action="store_true", help="no neighbour vote")
    xcorpus = sub.add_parser("xcorpus")
    xcorpus.add_argument("--linear-only", action="store_true", help="no neighbour vote")
    sub.add_parser("train-multilingual")
    args = ap.parse_args()
    if args.cmd == "train":
        cmd_train(args.data)
    elif args.cmd == "train-multilingual":
        cmd_train_multilingual()
    elif args.cmd == "cv":
        for split in args.split or ["dev", "dev-zsp"]:
            for seed in (int(s) for s in args.seeds.split(",")):
                _score(evaluate.cross_validate(split, args.folds, not args.same_only,
                                               use_neighbors=not args.linear_only, seed=seed), split)
    else:
        for split in ("dev", "dev-zsp"):
            _score(evaluate.cross_corpus(split, use_neighbors=not args.linear_only),
                   "dev-zsp" if split == "dev" else "dev")


if __name__ == "__main__":
    main()
