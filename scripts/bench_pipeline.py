"""Throughput and memory of the article pipeline, stage by stage.

    python scripts/bench_pipeline.py [--corpus FILE.jsonl] [--limit N]

Without --corpus it uses the GeoWebNews dev articles exported by the shared eval kit (if
../shared/eval exists), else the bundled seed article repeated. Prints articles per second
for spaCy alone and for the whole pipeline, and the share each stage takes.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(path: str | None, limit: int) -> list[dict]:
    if path is None:
        scorer = ROOT.parent / "shared" / "eval" / "eval_geo.py"
        if scorer.exists():
            path = str(Path(tempfile.mkdtemp()) / "gwn.jsonl")
            subprocess.run([sys.executable, str(scorer), "--export-inputs", path], check=True, capture_output=True)
    if path is None:
        text = (ROOT / "examples" / "seed.txt").read_text(encoding="utf-8")
        return [{"id": str(i), "raw": text} for i in range(limit)]
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--linear-only", action="store_true",
                        help="event types from the linear model alone (no sentence embeddings)")
    args = parser.parse_args()
    from sitrep.ingest.sources import record_to_document
    from sitrep.nlp.spacy_stage import load_pipeline
    from sitrep.pipeline import default_pipeline

    docs = [record_to_document(r, "bench") for r in corpus(args.corpus, args.limit)]
    from sitrep.coding.sentence import SentenceCoder

    pipeline = default_pipeline(coder=SentenceCoder(use_neighbors=False) if args.linear_only else None)
    nlp = load_pipeline()
    texts = [d.content for d in docs]
    began = time.perf_counter()
    for text in texts:
        nlp(text)
    spacy_s = time.perf_counter() - began
    pipeline.timings.clear()
    began = time.perf_counter()
    for doc in docs:
        pipeline.process(doc)
    total_s = time.perf_counter() - began
    report(len(docs), spacy_s, total_s, pipeline.timings)


def report(n: int, spacy_s: float, total_s: float, timings: dict[str, float]) -> None:
    print(f"articles: {n}")
    print(f"spaCy pipeline alone: {spacy_s:.2f} s  ({n / spacy_s:.1f} articles/s)")
    print(f"whole sitrep pipeline: {total_s:.2f} s  ({n / total_s:.1f} articles/s)")
    nlp_s = timings.get("nlp", 0.0)
    for name, seconds in timings.items():
        print(f"  stage {name:<16} {seconds:7.2f} s  {100 * seconds / total_s:5.1f} %")
    extra = sum(v for k, v in timings.items() if k in ("link", "geo"))
    if nlp_s:
        print(f"linking + geocoding: {extra:.2f} s = {100 * extra / spacy_s:.1f} % of the plain spaCy pipeline "
              f"({100 * extra / nlp_s:.1f} % of the nlp stage with its knowledge-base patterns)")
        print(f"knowledge-base patterns inside the nlp stage: +{100 * (nlp_s - spacy_s) / spacy_s:.1f} % over plain spaCy")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
