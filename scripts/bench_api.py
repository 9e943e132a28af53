"""Latency of filtered /events queries over 100k synthetic events (real inserts through the store).

    python scripts/bench_api.py [--events 100000] [--rounds 20] [--db PATH]

Builds the database (articles written by ``Store.ingest`` with their events), then times a mix
of filtered queries in-process (the ASGI app and SQLite, no network) and prints p50/p95 per
query and overall: first on the store's own indexes, then with the indexes proposed for the
API added (the statements are printed, to go into a store migration).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import text

from sitrep.config import Settings
from sitrep.model import Article, Event, Participant, Source
from sitrep.serve import create_app
from sitrep.store.database import Store

PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_date_id ON events (event_date, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_type_date_id ON events (type, event_date, id)",
    "CREATE INDEX IF NOT EXISTS ix_events_recipient ON events (recipient_country)",
    "CREATE INDEX IF NOT EXISTS ix_events_actor_text ON events (actor_text)",
    "CREATE INDEX IF NOT EXISTS ix_events_confidence ON events (confidence)",
    "CREATE INDEX IF NOT EXISTS ix_events_lat_lon ON events (latitude, longitude)",
    "CREATE INDEX IF NOT EXISTS ix_articles_outlet ON articles (outlet)",
)
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


def build(db: str, events: int, per_article: int = 50, seed: int = 1) -> float:
    """Write ``events`` events in articles of ``per_article``; returns the seconds it took."""
    rng = random.Random(seed)
    started = time.perf_counter()
    with Store(db) as store:
        for number in range(events // per_article):
            store.ingest(synthetic_article(number, per_article, rng))
        with store.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


def time_queries(client: TestClient, queries: dict[str, dict[str, Any]], rounds: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in queries}
    for name, params in queries.items():  # warm-up: caches and the page of each query once
        assert client.get("/events", params=params).status_code == 200
    for _ in range(rounds):
        for name, params in queries.items():
            started = time.perf_counter()
            response = client.get("/events", params=params)
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


def measure(db: str, rounds: int, title: str, out: Any) -> float:
    client = TestClient(create_app(Settings(db=db)))
    out.write(f"\n{title}\n{'query (page of 50)':<22}{'p50 ms':>9}{'p95 ms':>9}\n")
    filtered = time_queries(client, QUERIES, rounds)
    report(filtered, out)
    p95 = overall(filtered, "all filtered queries", out)
    report(time_queries(client, EXPORTS, max(rounds // 4, 1)), out)
    deep = deep_page_timings(client, 40)
    out.write(f"{'cursor pages 1-40':<22}{statistics.median(deep):>9.1f}{percentile(deep, 0.95):>9.1f}\n")
    return p95


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", help="Where to build the database [default: a temporary folder].")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "bench.db")
        seconds = build(db, args.events)
        sys.stdout.write(f"built {args.events} events in {seconds:.1f} s ({db})\n")
        measure(db, args.rounds, "store indexes only", sys.stdout)
        with Store(db) as store, store.engine.begin() as conn:
            for statement in PROPOSED_INDEXES:
                conn.execute(text(statement))
            conn.execute(text("ANALYZE"))
        sys.stdout.write("\nproposed indexes:\n" + "".join(f"  {s};\n" for s in PROPOSED_INDEXES))
        p95 = measure(db, args.rounds, "with the proposed indexes", sys.stdout)
        sys.stdout.write(f"\np95 {p95:.1f} ms: {'meets' if p95 < 50 else 'misses'} the 50 ms target\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
