"""Schemathesis, every check, against the running server (uvicorn on loopback) over real rows.

The command-line runner sends its examples, its coverage cases (boundary values, missing and
unexpected parameters, undeclared methods) and random requests built from the published
schema; every answer must be what the schema says the server answers.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import live_server

pytest.importorskip("schemathesis", reason="schemathesis is a test extra: make setup-test")

EXAMPLES = 15


def test_schemathesis_with_all_checks_finds_nothing(catalogue_db: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_API_KEY", "a-key-schemathesis-never-sends")
    with live_server(catalogue_db.settings) as base:
        run = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "run", f"{base}/openapi.json", "--checks", "all",
             "--max-examples", str(EXAMPLES), "--phases", "examples,coverage,fuzzing", "--seed", "7",
             "--no-color", "--report-dir", str(tmp_path)],
            capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "No issues found" in run.stdout or " 0 failures" in run.stdout or "passed" in run.stdout
