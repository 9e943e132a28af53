"""Latency of filtered /events and /facets queries over synthetic events (real writes through the store).

    python scripts/bench_api.py [--events 100000] [--rounds 20] [--db PATH_OR_URL] [--keep]

Builds the database (synthetic articles of 50 events written by ``Store.ingest_many``, so every
row, index and event mention is the store's own), then times a mix of filtered queries
in-process (the ASGI app and the database, no network) and prints p50/p95 per query and over
all filtered queries, for /events (a page of 50) and /facets (the same filters). ``--db`` may be
a PostgreSQL URL (its tables are dropped first); ``--keep`` reuses a database already built
with the same number of events.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text

from sitrep.config import Settings
from sitrep.model import Article, Event, Participant, Source
from sitrep.serve import create_app
from sitrep.store.database import Store

TYPES = ("AGREE", "CONSULT", "SUPPORT", "AID", "RETREAT", "ACCUSE", "THREATEN", "PROTEST", "SANCTION",
         "MOBILIZE", "COERCE", "ASSAULT")
COUNTRIES = ("RUS", "UKR", "SYR", "LBY", "TUR", "USA", "FRA", "ISR", "IRN", "CHN", "SDN", "YEM")
NAMES = {"RUS": "Russia", "UKR": "Ukraine", "SYR": "Syria", "LBY": "Libya", "TUR": "Turkey", "USA": "United States",
         "FRA": "France", "ISR": "Israel", "IRN": "Iran", "CHN": "China", "SDN": "Sudan", "YEM": "Yemen"}
OUTLETS = ("Reuters", "AP", "AFP", "BBC", "Al Jazeera", "TASS", "Kyiv Independent", "Le Monde")
WORDS = ("convoy", "radar", "missile", "ceasefire", "talks", "drone", "border", "port", "sanctions", "troops")

QUERIES: dict[str, dict[str, Any]] = {
    "no filter": {},
    "type": {"type": "ASSAULT"},
    "country": {"country": "LBY"},
    "actor": {"actor": "Russia"},
    "recipient": {"recipient": "UKR"},
    "dates (1 month)": {"date_from": "2024-03-01", "date_to": "2024-03-31"},
    "bbox (Levant)": {"bbox": "30,28,40,38"},
    "min_confidence 0.9": {"min_confidence": 0.9},
    "source": {"source": "TASS"},
    "q (full text)": {"q": "convoy radar"},
    "type+country+dates": {"type": "AID", "country": "SYR", "date_from": "2024-01-01", "date_to": "2024-06-30"},
    "rare combo": {"type": "RETREAT", "actor": "China", "min_confidence": 0.8},
    "bbox+type, geojson": {"bbox": "10,20,45,45", "type": "ASSAULT", "format": "geojson"},
}
EXPORTS: dict[str, dict[str, Any]] = {  # whole pages of 500: serialisation, not filtering, dominates
    "geojson, 500": {"format": "geojson", "limit": 500},
    "csv, 500": {"format": "csv", "limit": 500},
}


def synthetic_article(number: int, events_per_article: int, rng: random.Random) -> Article:
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    words = " ".join(rng.choice(WORDS) for _ in range(40))
    body = f"Report {number}: {words}."
    events = tuple(synthetic_event(number, i, len(body), rng) for i in range(events_per_article))
    return Article(id=f"art{number:06d}", source=Source(uri=f"https://news.example/{number}",
                   outlet=rng.choice(OUTLETS), kind="text"), text=body, title=f"Report {number}",
                   published=day, events=events)


def synthetic_event(number: int, index: int, length: int, rng: random.Random) -> Event:
    actor, recipient = rng.sample(COUNTRIES, 2)
    located = rng.random() < 0.8
    return Event(
        id=f"ev{number:06d}-{index:02d}", type=rng.choice(TYPES), sentence=0, start=0, end=min(length, 40),
        actor=Participant(NAMES[actor], country=actor), recipient=Participant(NAMES[recipient], country=recipient),
        latitude=rng.uniform(-40, 60) if located else None, longitude=rng.uniform(-20, 120) if located else None,
        date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 0.9 else None,
        confidence=round(rng.random(), 3), summary=f"{NAMES[actor]} and {NAMES[recipient]}",
    )


def build(db: str, events: int, per_article: int = 50, seed: int = 1, batch: int = 200) -> float:
    """Write ``events`` events in articles of ``per_article``; returns the seconds it took."""
    rng = random.Random(seed)
    started = time.perf_counter()
    with fresh_store(db) as store:
        articles = (synthetic_article(n, per_article, rng) for n in range(events // per_article))
        while chunk := list(islice(articles, batch)):
            store.ingest_many(chunk)
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


def fresh_store(db: str) -> Store:
    """The store at ``db``, emptied first when it is PostgreSQL."""
    store = Store(db)
    if store.engine.dialect.name == "postgresql":
        with store.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        store.close()
        store = Store(db)
    return store


def stored_events(db: str) -> int:
    with Store(db) as store, store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM events")).scalar() or 0)


def time_queries(client: TestClient, queries: dict[str, dict[str, Any]], rounds: int,
                 path: str = "/events") -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in queries}
    for name, params in queries.items():  # warm-up: caches and the page of each query once
        assert client.get(path, params=params).status_code == 200
    for _ in range(rounds):
        for name, params in queries.items():
            started = time.perf_counter()
            response = client.get(path, params=params)
            timings[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
    return timings


def deep_page_timings(client: TestClient, pages: int) -> list[float]:
    """Following next_cursor through ``pages`` pages of 50: the last page costs what the first did."""
    timings, cursor = [], None
    for _ in range(pages):
        started = time.perf_counter()
        body = client.get("/events", params={"cursor": cursor} if cursor else {}).json()
        timings.append((time.perf_counter() - started) * 1000)
        cursor = body["next_cursor"]
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(timings: dict[str, list[float]], out: Any) -> None:
    for name, values in timings.items():
        out.write(f"{name:<22}{statistics.median(values):>9.1f}{percentile(values, 0.95):>9.1f}\n")


def overall(timings: dict[str, list[float]], label: str, out: Any) -> float:
    every = [v for values in timings.values() for v in values]
    p95 = percentile(every, 0.95)
    out.write(f"{label:<22}{statistics.median(every):>9.1f}{p95:>9.1f}\n")
    return p95


def measure(db: str, rounds: int, out: Any) -> tuple[float, float]:
    client = TestClient(create_app(Settings(db=db)))
    out.write(f"\n/events\n{'query (page of 50)':<22}{'p50 ms':>9}{'p95 ms':>9}\n")
    filtered = time_queries(client, QUERIES, rounds)
    report(filtered, out)
    events_p95 = overall(filtered, "all filtered queries", out)
    report(time_queries(client, EXPORTS, max(rounds // 4, 1)), out)
    deep = deep_page_timings(client, 40)
    out.write(f"{'cursor pages 1-40':<22}{statistics.median(deep):>9.1f}{percentile(deep, 0.95):>9.1f}\n")
    out.write(f"\n/facets\n{'query (20 per facet)':<22}{'p50 ms':>9}{'p95 ms':>9}\n")
    facet_queries = {k: {p: v for p, v in q.items() if p != "format"} for k, q in QUERIES.items() if q}
    faceted = time_queries(client, facet_queries, rounds, "/facets")
    report(faceted, out)
    facets_p95 = overall(faceted, "all filtered queries", out)
    return events_p95, facets_p95


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", help="Where to build the database [default: a temporary folder].")
    parser.add_argument("--keep", action="store_true", help="Reuse --db if it holds --events events already.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "bench.db")
        if args.keep and args.db and stored_events(db) == args.events:
            sys.stdout.write(f"reusing {args.events} events ({db.split('@')[-1]})\n")
        else:
            seconds = build(db, args.events)
            sys.stdout.write(f"built {args.events} events in {seconds:.1f} s ({db.split('@')[-1]})\n")
        sys.stdout.write(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
        events_p95, facets_p95 = measure(db, args.rounds, sys.stdout)
        for name, p95 in (("/events", events_p95), ("/facets", facets_p95)):
            sys.stdout.write(f"{name} p95 {p95:.1f} ms: {'meets' if p95 < 50 else 'misses'} the 50 ms target\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
