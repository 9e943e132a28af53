"""Helpers of the reliability suite: the CLI as a user runs it, a folder of hostile files,
and short articles written for these tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"

SENTENCES = (
    "Troops withdrew from the northern base on {day}, the defence ministry said.",
    "A convoy of armoured vehicles crossed the border near the river on {day}.",
    "Officials confirmed that the airport reopened to civilian flights on {day}.",
    "Ships unloaded grain at the port on {day}, according to the harbour authority.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def article_text(number: int) -> str:
    """A short article, different for every ``number``."""
    sentence = SENTENCES[number % len(SENTENCES)].format(day=DAYS[number % len(DAYS)])
    return f"{sentence} Report number {number} was filed by the local correspondent."


def run_cli(*args: str, db: Optional[Path] = None, stdin: Optional[bytes] = None, timeout: int = 300,
            env: Optional[dict[str, str]] = None) -> subprocess.CompletedProcess:
    """``sitrep ARGS`` in a fresh process, as a user runs it."""
    environment = {**os.environ, **(env or {})}
    environment.pop("SITREP_DB", None)
    command = [sys.executable, "-m", "sitrep", *args] + (["--db", str(db)] if db else [])
    return subprocess.run(command, capture_output=True, input=stdin, timeout=timeout, env=environment)


def report_of(result: subprocess.CompletedProcess) -> dict[str, Any]:
    """The JSON report an ``ingest --json`` run printed."""
    return json.loads(result.stdout)


HOSTILE = {  # file name -> (bytes, the code its input must fail with)
    "integer_published.jsonl": (json.dumps({"id": "h1", "published": 20240101,
                                            "text": "Troops left the base on Monday."}).encode() + b"\n", "E108"),
    "over_nlp_limit.txt": (b"Troops withdrew from the northern base, officials said. " * 18_000, "E111"),
    "huge_integer_id.jsonl": (b'{"id": ' + b"9" * 5000 + b', "text": "Troops left the base."}\n', "E106"),
    "deeply_nested.jsonl": (b"[" * 100_000 + b"]" * 100_000 + b"\n", "E106"),
    "number_url.jsonl": (json.dumps({"url": 12, "text": "Troops left the base on Monday."}).encode() + b"\n", "E108"),
}


def hostile_folder(folder: Path) -> Path:
    """The five inputs that used to abort a whole run, beside the seed article."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _code) in HOSTILE.items():
        (folder / name).write_bytes(data)
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    return folder


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    return hostile_folder(tmp_path / "hostile")
