"""Rewrite tests/golden/seed.json from the current pipeline.

    python scripts/update_golden.py

Only after reading the diff by hand (`git diff tests/golden/seed.json`): the golden file is
the seed article's whole record as a careful reader has checked it.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.ingest.sources import read_inputs
from sitrep.model import to_dict
from sitrep.pipeline import default_pipeline

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    (raw,) = read_inputs([str(ROOT / "examples" / "seed.txt")], 5_000_000)
    record = to_dict(default_pipeline().process(raw))
    record["source"]["uri"] = "examples/seed.txt"
    target = ROOT / "tests" / "golden" / "seed.json"
    target.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
