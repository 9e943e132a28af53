"""What assigning one new article to a story costs with 10k and 100k articles already stored.

    python scripts/bench_stories.py [--sizes 10000,100000] [--probe 200] [--rate 200]

Synthetic articles (no text): each is a unit vector near one of many topic centres (a topic
lives a few days, as news does), a publication day at ``--rate`` articles a day (so 10k
articles span 50 days and 100k span 500), and two or three entity ids from a pool. They are
written straight into the story tables of a fresh SQLite database, as an ingest would have left
them. Then ``--probe`` new articles are assigned through the product's own path
(candidate query, neighbourhood, re-split, write) and timed; the multilingual encoder's cost per article
(constant: it reads only the new article) is measured apart on a few written sentences.
``--undated`` of the stored articles have no day (as pages without a date do). The last columns
assign undated articles, which have no window: they are compared with the latest members of
each of their keys (hash buckets and entity ids), so their cost is bounded by their keys, not
by the store.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.store import schema  # noqa: E402
from sitrep.store import stories as story_store  # noqa: E402
from sitrep.store.database import Store  # noqa: E402
from sitrep.stories.assign import WINDOW_DAYS  # noqa: E402
from sitrep.stories.signals import ArticleSignals, hash_buckets, vector_bytes, vector_from  # noqa: E402
from sitrep.stories_service import place  # noqa: E402

DAY0 = 738000
TOPIC_DAYS = 4  # a synthetic topic is reported over this many days
PER_TOPIC = 12


def topics(count: int, rng: np.random.Generator) -> np.ndarray:
    centres = rng.standard_normal((max(1, count // PER_TOPIC), 512)).astype(np.float32)
    return centres / np.linalg.norm(centres, axis=1, keepdims=True)


def synthetic(centres: np.ndarray, count: int, rate: int, rng: np.random.Generator,
              offset: int = 0, undated: float = 0.0) -> list[tuple[int, ArticleSignals]]:
    """``count`` (topic, article) pairs; topic t is reported from day t * PER_TOPIC / rate on."""
    out = []
    for i in range(count):
        topic = int(rng.integers(0, len(centres)))
        noise = rng.standard_normal(512).astype(np.float32)
        vector = 0.8 * centres[topic] + 0.6 * noise / np.linalg.norm(noise)
        vector = vector_from(vector_bytes(vector / np.linalg.norm(vector)))
        day = DAY0 + int(topic * PER_TOPIC / rate) + int(rng.integers(0, TOPIC_DAYS))
        keys = tuple(f"person:p{int(k)}" for k in rng.integers(0, len(centres) * 3, size=3))
        ident = hashlib.sha1(str(offset + i).encode()).hexdigest()[:20]
        sig = ArticleSignals(ident, vector, day, date.fromordinal(day).year, keys, hash_buckets(vector))
        out.append((topic, replace(sig, day=None, year=None) if rng.random() < undated else sig))
    return out


def fill(store: Store, items: list[tuple[int, ArticleSignals]]) -> None:
    """Write the synthetic articles as an ingest leaves them: one neighbourhood, story and cluster per topic."""
    now = "2026-01-01T00:00:00+00:00"
    topics_seen = sorted({t for t, _ in items})
    with store.engine.begin() as conn:
        conn.execute(insert(schema.articles), [dict(id=s.article_id, source_key=s.article_id, text="", record="{}",
                                                    ingested_at=now, updated_at=now) for _, s in items])
        conn.execute(insert(schema.story_components), [dict(id=f"k-{t}", seq=t + 1) for t in topics_seen])
        conn.execute(insert(schema.stories), [dict(id=f"s-{t}", seq=t + 1, created_at=now, updated_at=now)
                                              for t in topics_seen])
        conn.execute(insert(schema.story_clusters), [dict(id=f"c-{t}", story_id=f"s-{t}", seq=t + 1)
                                                     for t in topics_seen])
        conn.execute(insert(schema.story_members), [dict(
            article_id=s.article_id, component_id=f"k-{t}", story_id=f"s-{t}", cluster_id=f"c-{t}", day=s.day,
            year=s.year, vector=vector_bytes(s.vector), assigned_at=now, ordinal=i + 1)
            for i, (t, s) in enumerate(items)])
        conn.execute(insert(schema.story_keys), [dict(key=k, article_id=s.article_id, day=s.day)
                                                 for _, s in items for k in keys_of(s)])


def keys_of(s: ArticleSignals) -> list[str]:
    return [f"e:{k}" for k in s.keys] + [f"h:{b}" for b in s.buckets]


def assign_timed(store: Store, items: list[ArticleSignals], undated: bool = False) -> tuple[float, float]:
    """Mean milliseconds per article through the product's assignment path (stories_service.place),
    and the mean number of candidates its query returned."""
    now = "2026-01-02T00:00:00+00:00"
    with store.engine.begin() as conn:
        conn.execute(insert(schema.articles), [dict(id=s.article_id, source_key=s.article_id, text="", record="{}",
                                                    ingested_at=now, updated_at=now) for s in items])
    if undated:
        items = [replace(s, day=None, year=None) for s in items]
    seen = 0
    with store.engine.connect() as conn:
        for s in items:
            seen += len(story_store.candidate_rows(conn, keys_of(s), s.day, WINDOW_DAYS, s.article_id))
    began = time.perf_counter()
    for s in items:
        place(store, s)
    return (time.perf_counter() - began) * 1000 / len(items), seen / len(items)


def encoder_ms() -> float:
    from sitrep.nlp.multilingual import shared_multilingual_encoder

    encoder = shared_multilingual_encoder()
    texts = ["The army moved forty armoured vehicles to the border town on Monday, officials said."] * 12
    encoder.encode(texts[:1])
    began = time.perf_counter()
    for _ in range(5):
        encoder.encode(texts)
    return (time.perf_counter() - began) * 1000 / 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--probe", type=int, default=200)
    parser.add_argument("--rate", type=int, default=200, help="synthetic articles per day")
    parser.add_argument("--undated", type=float, default=0.1, help="share of stored articles without a day")
    args = parser.parse_args()
    print(f"encoder (12 sentences, once per new article): {encoder_ms():.1f} ms")
    print(f"{'stored':>8} {'days':>5} {'in window':>9} {'ms/article':>10} {'candidates':>10}  undated: {'ms':>7} {'cand.':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        rng = np.random.default_rng(size)
        with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "bench.db")) as store:
            centres = topics(size, rng)
            fill(store, synthetic(centres, size, args.rate, rng, undated=args.undated))
            store.optimize()
            picks = [s for _, s in synthetic(centres, args.probe, args.rate, np.random.default_rng(size + 1),
                                             offset=10 ** 12)]
            dated_ms, dated_seen = assign_timed(store, picks[: args.probe // 2])
            undated_ms, undated_seen = assign_timed(store, picks[args.probe // 2:], undated=True)
            window = min(size, args.rate * (2 * WINDOW_DAYS + 1))
            print(f"{size:8d} {size // args.rate:5d} {window:9d} {dated_ms:10.2f} {dated_seen:10.1f}  "
                  f"{'':8} {undated_ms:7.2f} {undated_seen:7.1f}")


if __name__ == "__main__":
    main()
