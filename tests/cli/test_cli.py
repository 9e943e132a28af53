"""The installed ``sitrep`` command, run as a user would, with its exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SITREP = [sys.executable, "-m", "sitrep"]


def run(*args, db=None, stdin=None):
    env = dict(os.environ)
    env.pop("SITREP_DB", None)
    if db:
        env["SITREP_DB"] = str(db)
    return subprocess.run([*SITREP, *args], capture_output=True, text=True, env=env, input=stdin, timeout=300)


def test_extract_seed_as_json(seed_path):
    result = run("extract", str(seed_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["title"].startswith("Russia transfers air defense systems")
    assert record["published"] is None and record["category"] == "World"
    names = {m["text"] for e in record["entities"] for m in e["mentions"]}
    for name in ("Russia", "Syria", "Libya", "Khalifa Haftar", "Kaia Kallas", "Tartus"):
        assert name in names
    assert any("Wagner" in n for n in names)
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert record["text"][m["start"]:m["end"]] == m["text"]


def test_ingest_twice_then_show_search_export(tmp_path, seed_path):
    db = tmp_path / "cli.db"
    first = run("ingest", str(seed_path), "--json", db=db)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["stored"] == 1
    second = run("ingest", str(seed_path), db=db)
    assert "0 stored" in second.stdout and "Nothing new" in second.stdout
    article_id = json.loads(first.stdout)["ids"][0]
    shown = run("show", article_id[:10], db=db)
    assert json.loads(shown.stdout)["id"] == article_id
    found = run("search", "Haftar", "--json", db=db)
    assert [h["id"] for h in json.loads(found.stdout)] == [article_id]
    csv_out = run("export", "--table", "articles", "--format", "csv", "--db", str(db))
    assert csv_out.stdout.splitlines()[0].startswith("id,title") and article_id in csv_out.stdout


def test_partial_failure_exits_3(tmp_path, seed_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(seed_path.read_text(encoding="utf-8"))
    (tmp_path / "in" / "empty.txt").write_text("")
    result = run("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 3
    assert "E101" in result.stderr and "empty.txt" in result.stderr
    assert "1 stored" in result.stdout


def test_error_and_usage_exit_codes(tmp_path):
    missing = run("show", "nope", "--db", str(tmp_path / "y.db"))
    assert missing.returncode == 1 and "E200" in missing.stderr
    assert run("no-such-command").returncode == 2


def test_stdin_extract():
    result = run("extract", "-", stdin="Iran and Iraq signed a security agreement in Baghdad on Sunday.\n")
    assert result.returncode == 0
    assert json.loads(result.stdout)["source"]["uri"] == "stdin"
