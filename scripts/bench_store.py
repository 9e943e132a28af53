"""Write throughput of the store: records computed first, then written by calling the store directly.

    python scripts/bench_store.py [--articles 3000] [--base 40] [--db URL] [--batch 200] [--stories 100]

The records are the pipeline's own output for the first ``--base`` GeoWebNews dev articles
(exported by ../shared/eval, else the bundled seed article), copied under new ids until there are
``--articles`` of them: each copy keeps its text, entities, events and mentions, with the
article id (and so every event id) and the input id replaced. Prints articles per second
written one transaction per article (``Store.ingest``) and in batches (``Store.ingest_many``),
into a fresh SQLite file (default) or the database ``--db`` names (emptied first, e.g.
postgresql+psycopg://sitrep:sitrep@127.0.0.1/sitrep_bench), and the story assignment that
``sitrep ingest`` does after each stored article (its multilingual encoder included), timed
apart on ``--stories`` articles.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_pipeline import corpus  # noqa: E402  (the same GeoWebNews dev articles)


def base_records(limit: int) -> list[dict]:
    from sitrep.ingest.jsonl import record_to_document
    from sitrep.model import Article, to_dict
    from sitrep.pipeline import default_pipeline

    pipeline = default_pipeline()
    results = (pipeline.process_isolated(record_to_document(r, "bench")) for r in corpus(None, limit))
    return [to_dict(r) for r in results if isinstance(r, Article)]


def copies(records: list[dict], count: int) -> list:
    """``count`` articles: the base records under new article and input ids."""
    from sitrep.model import Article, from_dict

    out = []
    for number in range(count):
        record = records[number % len(records)]
        new_id = hashlib.sha256(f"bench-{number}".encode()).hexdigest()[:len(record["id"])]
        text = json.dumps(record).replace(record["id"], new_id)
        copy = json.loads(text)
        copy["source"]["input_id"] = f"bench-{number}"
        out.append(from_dict(Article, copy))
    return out


def fresh_store(db: str):
    from sqlalchemy import MetaData

    from sitrep.store.database import Store

    store = Store(db)
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as conn:
            meta = MetaData()
            meta.reflect(conn)
            meta.drop_all(conn)
        store.close()
        store = Store(db)
    return store


def time_writes(db: str, articles: list, batch: int) -> tuple[float, float]:
    """Wall and CPU seconds (this process) to write ``articles`` (batch 1: one ``ingest`` call
    each, else ``ingest_many``)."""
    store = fresh_store(db)
    began, cpu = time.perf_counter(), time.process_time()
    if batch == 1:
        statuses = [store.ingest(a) for a in articles]
    else:
        statuses = [s for i in range(0, len(articles), batch) for s in store.ingest_many(articles[i:i + batch])]
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    assert statuses.count("stored") == len(articles), {s: statuses.count(s) for s in set(statuses)}
    assert store.count() == len(articles)
    store.close()
    return seconds, cpu


def time_stories(db: str, articles: list) -> float:
    from sitrep.stories_service import assign_story

    store = fresh_store(db)
    for article in articles:
        store.ingest(article)
    assign_story(store, articles[0])  # loads the encoder
    began = time.perf_counter()
    for article in articles[1:]:
        assign_story(store, article)
    seconds = time.perf_counter() - began
    store.close()
    return seconds / max(1, len(articles) - 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--base", type=int, default=40)
    parser.add_argument("--db", help="a database URL [default: a fresh SQLite file]")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--stories", type=int, default=100, help="articles to time story assignment on (0: skip)")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    began = time.perf_counter()
    records = base_records(args.base)
    articles = copies(records, args.articles)
    rows = sum(len(a.entities) + sum(len(e.mentions) for e in a.entities) + len(a.events) for a in articles)
    print(f"{len(records)} pipeline records in {time.perf_counter() - began:.1f} s, copied to {len(articles)} "
          f"articles ({rows / len(articles):.1f} entity, mention and event rows each)")
    with tempfile.TemporaryDirectory() as folder:
        print(f"database: {(args.db or 'a fresh SQLite file each').split('@')[-1]}")
        for batch in (1, args.batch):
            seconds, cpu = time_writes(args.db or str(Path(folder) / f"bench-{batch}.db"), articles, batch)
            how = "one transaction per article" if batch == 1 else f"batches of {batch}"
            print(f"write, {how:<28} {len(articles) / seconds:8.0f} articles/s wall ({seconds:.1f} s), "
                  f"{len(articles) / cpu:.0f} per CPU-second of this process")
        if args.stories:
            per = time_stories(args.db or str(Path(folder) / "stories.db"), articles[:args.stories])
            print(f"story assignment (encoder + candidates + write) {1 / per:8.1f} articles/s  "
                  f"({1000 * per:.1f} ms each)")


if __name__ == "__main__":
    main()
