"""`sitrep event ID`: one stored event with the mention rows that say where it comes from."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sitrep import service

SITREP = [sys.executable, "-m", "sitrep"]


def run(*args: str, db: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITREP_DB"}
    env["COLUMNS"] = "200"
    return subprocess.run([*SITREP, *args, "--db", db], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture()
def stored(settings, seed_path):
    report = service.ingest([str(seed_path)], settings)
    return settings, service.show(report.ids[0], settings)


def test_event_json_has_record_and_mentions(stored):
    settings, article = stored
    listed = run("events", "--type", "MOBILIZE", "--json", db=settings.db)
    assert listed.returncode == 0, listed.stderr
    event_id = next(r["id"] for r in json.loads(listed.stdout)["items"] if r["summary"] and "eastern Libya" in r["summary"])
    shown = run("event", event_id, "--json", db=settings.db)
    assert shown.returncode == 0, shown.stderr
    detail = json.loads(shown.stdout)
    row = {**detail["event"], "record": detail["record"]}
    assert row["id"] == row["record"]["id"] == event_id and row["article_id"] == article.id
    mentions = detail["spans"]
    assert mentions[0]["role"] == "event" and mentions[0]["sentence"] == row["record"]["sentence"]
    assert {"trigger", "actor", "item", "origin", "destination", "attribution"} <= {m["role"] for m in mentions}
    for m in mentions:
        assert article.text[m["start"]:m["end"]] == m["text"]
        assert m["event_id"] == event_id


def test_event_table_and_exit_codes(stored):
    settings, article = stored
    event = article.events[0]
    shown = run("event", event.id, db=settings.db)
    assert shown.returncode == 0, shown.stderr
    assert event.id in shown.stdout and event.type in shown.stdout
    assert "trigger" in shown.stdout and article.text[event.trigger.start:event.trigger.end] in shown.stdout
    listed = run("events", db=settings.db)
    assert event.id in listed.stdout  # the list shows ids whole, to pass to `sitrep event`
    missing = run("event", "no-such-event", db=settings.db)
    assert missing.returncode == 1 and "E204" in missing.stderr
    assert run("event", db=settings.db).returncode == 2
