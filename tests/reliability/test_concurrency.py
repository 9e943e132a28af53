"""Two processes ingesting overlapping batches at the same moment: both succeed (exit 0) and
every article is stored exactly once, with the entity memory merged, round after round."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from sitrep.store.database import Store

from .conftest import article_text

WORKER = Path(__file__).with_name("worker.py")
ROUNDS = 10


def overlapping_batches(folder: Path) -> tuple[Path, Path, int]:
    """Two dumps sharing half their articles: by id, by URL and by text alone."""
    records = [{"id": f"a{n}", "text": article_text(n)} for n in range(1, 7)]
    records += [{"url": f"https://wire.example/{n}", "text": article_text(n)} for n in range(7, 13)]
    records += [{"text": article_text(n)} for n in range(13, 19)]
    first = [r for i, r in enumerate(records) if i % 6 < 4]
    second = [r for i, r in enumerate(records) if i % 6 >= 2]
    paths = []
    for name, batch in (("first.jsonl", first), ("second.jsonl", second)):
        (folder / name).write_text("".join(json.dumps(r) + "\n" for r in batch))
        paths.append(folder / name)
    return paths[0], paths[1], len(records)


def run_rounds(folder: Path, rounds: int) -> list[subprocess.CompletedProcess]:
    first, second, _total = overlapping_batches(folder)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, str(WORKER), "rounds", str(folder), me, other, str(rounds), str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
             for me, other, path in (("a", "b", first), ("b", "a", second))]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def check_round(db: Path, total: int) -> None:
    with Store(str(db)) as store, store.engine.connect() as conn:
        assert store.count() == total
        keys = conn.execute(text("SELECT source_key, count(*) FROM articles GROUP BY source_key")).all()
        assert len(keys) == total and {n for _k, n in keys} == {1}
        assert conn.execute(text("SELECT count(*) FROM article_versions")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM articles_fts")).scalar() == total
        aliases = conn.execute(text("SELECT count(*), count(DISTINCT type || '/' || alias) FROM kb_memory")).one()
        assert aliases[0] == aliases[1]


def test_two_concurrent_ingests_of_overlapping_batches(tmp_path):
    results = run_rounds(tmp_path, ROUNDS)
    for result in results:
        assert result.returncode == 0, result.stderr.decode()[-3000:]
        assert json.loads(result.stdout.decode().strip().splitlines()[-1])["codes"] == [0] * ROUNDS
    total = overlapping_batches(tmp_path)[2]
    for number in range(1, ROUNDS + 1):
        check_round(tmp_path / f"round-{number}.db", total)


@pytest.mark.long
def test_fifty_rounds_of_concurrent_ingests(tmp_path):
    results = run_rounds(tmp_path, 50)
    assert [r.returncode for r in results] == [0, 0], results[0].stderr.decode()[-3000:]
    for number in range(1, 51):
        check_round(tmp_path / f"round-{number}.db", overlapping_batches(tmp_path)[2])
