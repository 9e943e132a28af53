"""Peak memory of `sitrep ingest BIG.jsonl` with default settings, on a dump made at run time.

    python scripts/bench_memory.py [--articles 20000] [--mb 50] [--seconds 300] [--keep FILE]

The dump is synthetic, made from the GeoWebNews dev articles that ../shared/eval exports (else
the bundled seed article): each record takes one real article, shuffles the order of its
sentences, changes every number in it and appends sentences of another article until the dump
reaches ``--mb`` megabytes over ``--articles`` records; ids are new. Nothing of it is kept
unless ``--keep`` names where to write it.

Two runs, each a separate process whose resident memory (with its children) is sampled every
0.2 s: the reader alone over the whole dump (every record parsed into a document), then
`sitrep ingest DUMP --db TMP` as a user types it. The ingest is stopped after ``--seconds`` (the
whole pipeline takes about half a second of CPU per article, hours for 20k here); its memory
is printed over time so that a flat line can be told from a growing one.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_pipeline import corpus  # noqa: E402  (the same GeoWebNews dev articles)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_NUMBER = re.compile(r"\d+")


def write_dump(path: Path, articles: int, megabytes: float, seed: int = 7) -> int:
    rng = random.Random(seed)
    bases = [_SENTENCE_END.split(r.get("text") or r.get("raw") or "") for r in corpus(None, 200)]
    bases = [b for b in bases if len(b) > 2]
    target = int(megabytes * 1_000_000 / articles)
    with path.open("w", encoding="utf-8") as out:
        for number in range(articles):
            body = _variation(rng.choice(bases), rng.choice(bases), target, rng)
            out.write(json.dumps({"id": f"syn-{number}", "text": body}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def _variation(sentences: list[str], extra: list[str], target: int, rng: random.Random) -> str:
    lead, rest = sentences[0], sentences[1:]
    rng.shuffle(rest)
    parts, size = [lead, *rest], len(lead) + sum(len(s) + 1 for s in rest)
    for sentence in extra:
        if size >= target:
            break
        parts.append(sentence)
        size += len(sentence) + 1
    text = " ".join(parts)[: max(target, len(lead))]
    return _NUMBER.sub(lambda m: str(rng.randint(2, 999)), text)


def sampled_run(command: list[str], seconds: float) -> tuple[list[tuple[float, float]], int]:
    """(elapsed s, RSS MB of the process and its children) every 0.2 s, and the exit code
    (-1 when it was stopped after ``seconds``)."""
    import psutil

    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=os.environ | {"PYTHONPATH": str(ROOT / "src")})
    process, samples = psutil.Process(child.pid), []
    while child.poll() is None and time.perf_counter() - began < seconds:
        try:
            rss = process.memory_info().rss + sum(c.memory_info().rss for c in process.children(recursive=True))
        except psutil.Error:
            break
        samples.append((time.perf_counter() - began, rss / 2**20))
        time.sleep(0.2)
    if child.poll() is None:
        child.terminate()
        child.wait(30)
        return samples, -1
    return samples, child.returncode


def report(label: str, samples: list[tuple[float, float]], code: int) -> None:
    peak_at, peak = max(samples, key=lambda sample: sample[1])
    print(f"{label}: {samples[-1][0]:.0f} s, {'stopped' if code == -1 else f'exit {code}'}, "
          f"peak RSS {peak:.0f} MB at {peak_at:.0f} s")
    marks = [samples[int(len(samples) * share) - 1] for share in (0.1, 0.25, 0.5, 0.75, 1.0)]
    print("  RSS over the run: " + ", ".join(f"{mb:.0f} MB at {t:.0f} s" for t, mb in marks))


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


READ_ALL = ("import sys; from sitrep.ingest.sources import read_inputs; "
            "print(sum(1 for _ in read_inputs([sys.argv[1]], 5 * 1024 * 1024)))")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--keep", help="write the dump here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(args.keep or Path(folder) / "big.jsonl")
        size = write_dump(dump, args.articles, args.mb)
        print(f"dump: {args.articles} articles, {size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        report("reader alone, whole dump", *sampled_run([sys.executable, "-c", READ_ALL, str(dump)], 3600))
        db = Path(folder) / "ingest.db"
        samples, code = sampled_run([sys.executable, "-m", "sitrep", "ingest", str(dump), "--db", str(db)],
                                    args.seconds)
        report("sitrep ingest (default settings)", samples, code)
        count = stored(db)
        rate = count / samples[-1][0]
        print(f"  stored {count} articles ({rate:.2f}/s wall, models loaded included); the whole dump at "
              f"this rate: {args.articles / max(rate, 1e-9) / 3600:.1f} h")


if __name__ == "__main__":
    main()
