"""How stable the stories are: rebuild against incremental, and ingest order against ingest order.

    python scripts/stories_stability.py [--eval-dir ../shared/eval] [--seeds 1,2,3]

Ingests the dev story pages one by one (as `sitrep eval stories` does) in file order, scores
the stories against the gold labels (B-cubed F1), runs `stories rebuild` on the same database
and scores again; then ingests the pages in shuffled orders and prints the B-cubed agreement of
each run's stories with the first run's (1.0 = the same groups).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.evaluation.stories import bcubed_agreement, ingest_one_by_one, read_rows, story_labels  # noqa: E402
from sitrep.pipeline import default_pipeline  # noqa: E402
from sitrep.stories_service import rebuild_stories  # noqa: E402
from sitrep.store.database import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--seeds", default="1,2,3")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    inputs = work / "stories_inputs.jsonl"
    subprocess.run([sys.executable, str(args.eval_dir / "eval_stories.py"), "--export-inputs", str(inputs)],
                   check=True, capture_output=True)
    rows = read_rows(inputs)
    manifest = json.loads((args.eval_dir / "stories_dev" / "manifest.json").read_text(encoding="utf-8"))
    gold = {a["id"]: a["story"] for a in manifest["articles"]}
    pipeline = default_pipeline()
    db = work / "in_order.db"
    stored = ingest_one_by_one(rows, db, pipeline)
    incremental = story_labels(db, stored)
    with Store(str(db)) as store:
        rebuild_stories(store)
    rebuilt = story_labels(db, stored)
    first, second = bcubed_agreement(incremental, gold), bcubed_agreement(rebuilt, gold)
    print(f"incremental: B-cubed F1 {first:.4f} ({len(set(incremental.values()))} stories)")
    print(f"rebuild:     B-cubed F1 {second:.4f} ({len(set(rebuilt.values()))} stories); delta {second - first:+.4f}; "
          f"agreement with incremental {bcubed_agreement(rebuilt, incremental):.4f}")
    for seed in (int(s) for s in args.seeds.split(",")):
        shuffled_db = work / f"seed{seed}.db"
        labels = story_labels(shuffled_db, ingest_one_by_one(rows, shuffled_db, pipeline, seed=seed))
        print(f"shuffled (seed {seed}): B-cubed F1 {bcubed_agreement(labels, gold):.4f}; "
              f"agreement with file order {bcubed_agreement(labels, incremental):.4f}")


if __name__ == "__main__":
    main()
