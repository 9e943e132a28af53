"""Throughput of the article pipeline against plain spaCy, stage by stage, and on 1 vs 2 workers.

    python scripts/bench_pipeline.py [--corpus FILE.jsonl] [--limit N] [--scaling]
    python scripts/bench_pipeline.py --baseline OTHER/src [--rounds R] [--limit N]

Without --corpus it uses the GeoWebNews dev articles exported by the shared eval kit (if
../shared/eval exists), else the bundled seed article repeated. Prints, for the same texts,
plain ``en_core_web_sm`` (the package as installed, nothing added, one ``nlp(text)`` per
article) and the whole pipeline, by wall time and by CPU time of this process (every thread),
the throughput ratio pipeline / plain spaCy, and the share each stage takes. ``--scaling``
then times the same articles on one process and on a local Dask cluster of two worker
processes (pipelines built before the clock starts in both).

``--baseline OTHER/src`` compares two versions on the same machine in the same run: the
``src`` folder of another checkout (``git worktree add /tmp/before COMMIT``) and this one,
each in its own process, alternating for R rounds (in turn first), and prints both throughputs (articles per
second of wall time and of CPU time; CPU time is the steadier one on a shared machine) and
the change.
"""

from __future__ import annotations

import argparse
import json
import os
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
    parser.add_argument("--scaling", action="store_true", help="also time 1 process against 2 Dask workers")
    parser.add_argument("--baseline", help="another checkout's src folder to compare against (same run)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating runs per version with --baseline")
    args = parser.parse_args()
    if args.baseline:
        compare(args.baseline, args)
        return
    from sitrep.coding.sentence import SentenceCoder
    from sitrep.ingest.sources import record_to_document
    from sitrep.pipeline import default_pipeline

    docs = [record_to_document(r, "bench") for r in corpus(args.corpus, args.limit)]
    pipeline = default_pipeline(coder=SentenceCoder(use_neighbors=False) if args.linear_only else None)
    pipeline.process(docs[0])  # lazy resources (encoder sessions, caches) loaded before the clock
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    spacy_s, spacy_cpu = timed(plain_spacy_run([d.content for d in docs]))
    pipeline.timings.clear()
    total_s, total_cpu = timed(lambda: [pipeline.process_isolated(d) for d in docs])
    report(len(docs), spacy_s, total_s, pipeline.timings)
    print(f"CPU time: plain spaCy {spacy_cpu:.1f} s, whole pipeline {total_cpu:.1f} s; throughput ratio "
          f"pipeline/spaCy {spacy_cpu / total_cpu:.2f} by CPU, {spacy_s / total_s:.2f} by wall (goal 0.75)")
    print(f"RESULT articles={len(docs)} wall_s={total_s:.3f} cpu_s={total_cpu:.3f}")
    if args.scaling:
        scaling(docs, total_s)


def compare(baseline: str, args: argparse.Namespace) -> None:
    """This checkout against ``baseline`` (a src folder), alternating runs in fresh processes."""
    corpus_file = Path(tempfile.mkdtemp()) / "bench.jsonl"
    corpus_file.write_text("".join(json.dumps(r) + "\n" for r in corpus(args.corpus, args.limit)), encoding="utf-8")
    versions = {"baseline": str(Path(baseline).resolve()), "this checkout": str(ROOT / "src")}
    runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in versions}
    for number in range(args.rounds):
        for name, src in sorted(versions.items(), reverse=number % 2 == 1):  # ABBA: a load trend hits both
            command = [sys.executable, __file__, "--corpus", str(corpus_file), "--limit", str(args.limit)]
            done = subprocess.run(command + (["--linear-only"] if args.linear_only else []), capture_output=True,
                                  text=True, check=True, env={**os.environ, "PYTHONPATH": src})
            result = dict(kv.split("=") for kv in done.stdout.strip().splitlines()[-1].split()[1:])
            runs[name].append((float(result["wall_s"]), float(result["cpu_s"]), int(result["articles"])))
            print(f"round {number + 1} {name:<14} wall {runs[name][-1][0]:7.2f} s  CPU {runs[name][-1][1]:7.2f} s  "
                  f"(load average {os.getloadavg()[0]:.1f})", flush=True)
    rates = {name: (sum(r[2] for r in rs) / sum(r[0] for r in rs), sum(r[2] for r in rs) / sum(r[1] for r in rs))
             for name, rs in runs.items()}
    for name, (wall, cpu) in rates.items():
        print(f"{name:<14} {wall:.2f} articles/s by wall, {cpu:.2f} articles/s by CPU ({versions[name]})")
    (base_wall, base_cpu), (this_wall, this_cpu) = rates.values()
    print(f"change: {100 * (this_wall / base_wall - 1):+.1f} % by wall, {100 * (this_cpu / base_cpu - 1):+.1f} % by CPU")


def plain_spacy_run(texts: list[str]):
    """A run of the installed spaCy package alone over ``texts`` (loaded before the clock)."""
    from sitrep.nlp.spacy_stage import load_spacy

    nlp = load_spacy()
    nlp(texts[0])
    return lambda: [nlp(text) for text in texts]


def timed(run) -> tuple[float, float]:
    began, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - began, time.process_time() - cpu


def scaling(docs: list, one_s: float) -> None:
    """Wall time of the same articles on a local cluster of 2 workers, against one process."""
    from sitrep.batch import cluster_client, run_on

    with cluster_client(2) as client:
        list(run_on(client, docs[:4], partition_size=1))  # each worker builds its pipeline
        two_s, _ = timed(lambda: list(run_on(client, docs)))
    print(f"1 process: {len(docs) / one_s:.2f} articles/s; 2 Dask workers: {len(docs) / two_s:.2f} articles/s; "
          f"speed-up {one_s / two_s:.2f}x (goal 1.7x)")


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
