"""Train the shipped PLOVER sentence-coder model and measure it honestly.

Usage (from the project root, with ../shared beside it):

    PYTHONPATH=src .venv/bin/python scripts/train_coder.py train [--data both|plover]
    PYTHONPATH=src .venv/bin/python scripts/train_coder.py cv [--folds 5] [--same-only]
    PYTHONPATH=src .venv/bin/python scripts/train_coder.py xcorpus

``train`` writes src/sitrep/data/coding/plover_linear.json; ``cv`` and ``xcorpus`` write
prediction files under build/coding/ and score them with ../shared/eval/eval_events.py.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from sitrep.coding import classifier, evaluate, training
from sitrep.coding.sentence import load_nlp

MODEL_PATH = Path("src/sitrep/data/coding") / classifier.MODEL_RESOURCE


def _score(pred: Path, split: str) -> None:
    scorer = training.DEFAULT_EVAL_DIR / "eval_events.py"
    subprocess.run([sys.executable, str(scorer), "--split", split, "--pred", str(pred)], check=True)


def cmd_train(data: str) -> None:
    nlp = load_nlp()
    splits = ("dev", "dev-zsp") if data == "both" else ("dev",)
    examples = [e for s in splits for e in training.load_examples(s)]
    model = training.fit(training.featurize(examples, nlp), [e.label for e in examples],
                         meta={"trained_on": list(splits)})
    size = classifier.save(model, MODEL_PATH)
    print(f"wrote {MODEL_PATH} ({size} bytes, {len(examples)} sentences from {', '.join(splits)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    train = sub.add_parser("train")
    train.add_argument("--data", choices=["both", "plover"], default="both")
    cv = sub.add_parser("cv")
    cv.add_argument("--folds", type=int, default=5)
    cv.add_argument("--same-only", action="store_true", help="train on the scored split only")
    cv.add_argument("--split", choices=["dev", "dev-zsp"], action="append")
    sub.add_parser("xcorpus")
    args = ap.parse_args()
    if args.cmd == "train":
        cmd_train(args.data)
    elif args.cmd == "cv":
        for split in args.split or ["dev", "dev-zsp"]:
            _score(evaluate.cross_validate(split, args.folds, not args.same_only), split)
    else:
        for split in ("dev", "dev-zsp"):
            _score(evaluate.cross_corpus(split), "dev-zsp" if split == "dev" else "dev")


if __name__ == "__main__":
    main()
