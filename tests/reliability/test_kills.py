"""kill -9 at random moments of an ingest, again and again: the database stays whole, every
stored article is complete, and a last run stores every article exactly once."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sitrep import service
from sitrep.store.database import Store

from .conftest import article_text

WORKER = Path(__file__).with_name("worker.py")
ARTICLES = 150
KILLS = 20
POSTGRES = os.environ.get("SITREP_TEST_POSTGRES_URL")


def revision(folder: Path, number: int) -> Path:
    """Every identity again, its text revised: each article of a run is a real write (an update
    with the version it replaces kept, or a new article)."""
    path = folder / f"revision-{number}.jsonl"
    path.write_text("".join(json.dumps({"id": f"k{n}", "text": f"{article_text(n)} Revision {number}."}) + "\n"
                            for n in range(ARTICLES)))
    return path


def start(db: str, pipeline: str, path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, str(WORKER), "ingest", db, pipeline, str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def kill_at_random(proc: subprocess.Popen, rng: random.Random, longest: float) -> bool:
    """Kill ``proc`` (SIGKILL) a random moment after it started ingesting; False if it ended first."""
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
    time.sleep(rng.uniform(0.0, longest))
    finished = proc.poll() is not None
    if not finished:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    return not finished


def check_whole(db: str) -> dict[str, int]:
    """Integrity, and every stored article complete: one row per identity, its text searchable."""
    with Store(db) as store, store.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("SELECT count(*) FROM articles_fts")).scalar() == store.count()
        keys = conn.execute(text("SELECT count(*), count(DISTINCT source_key) FROM articles")).one()
        assert keys[0] == keys[1]
        for article_id, record in conn.execute(text("SELECT article_id, record FROM article_versions")):
            assert json.loads(record)["id"] == article_id, "a kept version is a whole record"
        return {"articles": keys[0], "versions": conn.execute(text("SELECT count(*) FROM article_versions")).scalar()}


def kill_rounds(db: str, folder: Path, kills: int, pipeline: str, longest: float, seed: int) -> int:
    """``kills`` killed runs, each writing a new revision, then a complete one; returns the kills
    that hit a running ingest."""
    rng = random.Random(seed)
    hits = 0
    for number in range(kills):
        hits += kill_at_random(start(db, pipeline, revision(folder, number)), rng, longest)
        check_whole(db)
    proc = start(db, pipeline, revision(folder, kills))
    _out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()[-3000:]
    assert check_whole(db)["articles"] == ARTICLES, "every article once, none lost"
    with Store(db) as store:
        texts = {json.loads(line)["text"] for line in service.export_articles(store, "jsonl")}
    assert texts == {f"{article_text(n)} Revision {kills}." for n in range(ARTICLES)}
    return hits


def wiped_postgres() -> str:
    assert POSTGRES
    engine = create_engine(POSTGRES)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return POSTGRES


def test_kill_9_during_ingest_sqlite(tmp_path):
    assert kill_rounds(str(tmp_path / "k.db"), tmp_path, KILLS, "clean", 1.2, seed=9) >= KILLS // 2


@pytest.mark.skipif(not POSTGRES, reason="SITREP_TEST_POSTGRES_URL is not set (.ci/run sets it)")
def test_kill_9_during_ingest_postgres(tmp_path):
    assert kill_rounds(wiped_postgres(), tmp_path, KILLS, "clean", 1.2, seed=10) >= KILLS // 2


@pytest.mark.long
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_9_during_full_pipeline_ingest(tmp_path, backend):
    if backend == "postgresql" and not POSTGRES:
        pytest.skip("SITREP_TEST_POSTGRES_URL is not set")
    db = wiped_postgres() if backend == "postgresql" else str(tmp_path / "k.db")
    assert kill_rounds(db, tmp_path, KILLS, "full", 8.0, seed=11) >= KILLS // 2
