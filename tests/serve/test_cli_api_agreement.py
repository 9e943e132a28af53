"""The CLI and the REST API give one answer to one question: same events for every filter,
same bytes for every format, same error for a bad value."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sitrep import service
from sitrep.cli.main import app as cli_app
from sitrep.config import Settings
from sitrep.serve import create_app

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed.txt"
CLI_OPTION = {"type": "--type", "actor": "--actor", "recipient": "--recipient", "country": "--country",
              "date_from": "--from", "date_to": "--to", "bbox": "--bbox", "q": "--text", "source": "--source",
              "min_confidence": "--min-confidence", "story": "--story", "language": "--language",
              "certainty": "--certainty"}
CATALOGUE_FILTERS = [
    {"type": "aid"}, {"type": "MOBILIZE"}, {"actor": "russia"}, {"actor": "TUR"}, {"recipient": "libyan"},
    {"country": "fra"}, {"date_from": "2024-12-02"}, {"date_to": "2024-12-15"}, {"bbox": "170,-90,-170,90"},
    {"q": "convoy border"}, {"source": "BETA-wire"}, {"min_confidence": "0.5"},
    {"type": "CONSULT", "country": "RUS", "date_from": "2024-12-01", "date_to": "2025-01-03", "min_confidence": "0.2"},
    {"certainty": "asserted"}, {"certainty": "hedged"}, {"dated": "true"}, {"dated": "false"},
    {"dated": "false", "certainty": "asserted", "type": "AID"},
]
SEED_FILTERS = [{}, {"actor": "russia"}, {"type": "mobilize"}, {"country": "RUS"}, {"q": "Haftar"},
                {"type": "RETREAT", "actor": "Russia"}]
FORMATS = ("jsonl", "csv", "geojson")


@pytest.fixture(scope="module")
def real_seed_db(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The seed article through the whole default pipeline, events included."""
    from sitrep.pipeline import default_pipeline

    settings = Settings(db=str(tmp_path_factory.mktemp("agree") / "seed.db"))
    assert service.ingest([str(SEED)], settings, pipeline=default_pipeline()).stored == 1
    return settings


def cli(*args: str, db: str) -> str:
    result = CliRunner().invoke(cli_app, [*args, "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def cli_filter_args(f: dict[str, str]) -> list[str]:
    flags = [("--dated" if f["dated"] == "true" else "--undated")] if "dated" in f else []
    return flags + [part for name, value in f.items() if name != "dated" for part in (CLI_OPTION[name], value)]


def same_events(settings: Settings, f: dict[str, str]) -> list[str]:
    api = TestClient(create_app(settings)).get("/events", params={**f, "limit": 500})
    assert api.status_code == 200, api.text
    listed = json.loads(cli("events", "--json", "--limit", "500", *cli_filter_args(f), db=settings.db))
    assert listed == api.json()
    return [item["id"] for item in listed["items"]]


@pytest.mark.parametrize("f", CATALOGUE_FILTERS, ids=[",".join(f) for f in CATALOGUE_FILTERS])
def test_every_filter_finds_the_same_events_in_the_cli_and_the_api(catalogue_db: Any, f: dict[str, str]) -> None:
    ids = same_events(catalogue_db.settings, f)
    if set(f) <= {"dated", "certainty"} and f.get("certainty") != "hedged":
        assert ids, f"{f} finds nothing"  # the synthetic events are asserted, dated and undated


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_same_text_in_the_cli_and_the_api(catalogue_db: Any, fmt: str) -> None:
    f = {"country": "RUS", "min_confidence": "0.3"}
    api = TestClient(create_app(catalogue_db.settings)).get("/events", params={**f, "format": fmt, "limit": 500})
    exported = cli("export", "--format", fmt, *cli_filter_args(f), db=catalogue_db.settings.db)
    assert api.status_code == 200 and exported == api.text and len(exported.splitlines()) > 5


def test_parquet_holds_the_csv_columns_and_rows(catalogue_db: Any, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    target = tmp_path / "events.parquet"
    cli("export", "--format", "parquet", "--type", "AID", "-o", str(target), db=catalogue_db.settings.db)
    api = TestClient(create_app(catalogue_db.settings)).get("/events", params={"type": "AID", "format": "csv",
                                                                                "limit": 500})
    frame = pd.read_parquet(target)
    assert list(frame["id"]) == [line.split(",")[0] for line in api.text.splitlines()[1:]]


@pytest.mark.parametrize("f", SEED_FILTERS, ids=[",".join(f) or "all" for f in SEED_FILTERS])
def test_the_seed_database_gives_the_same_events_both_ways(real_seed_db: Settings, f: dict[str, str]) -> None:
    ids = same_events(real_seed_db, f)
    if f.get("actor") == "russia" or f.get("type") == "mobilize":
        assert ids, f"{f} finds nothing on the seed article"


def test_a_bad_value_is_the_same_json_error_in_the_cli_and_the_api(catalogue_db: Any) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SITREP_DB"}
    result = subprocess.run([sys.executable, "-m", "sitrep", "events", "--json", "--type", "NOPE", "--db",
                             catalogue_db.settings.db], capture_output=True, text=True, env=env, timeout=120)
    api = TestClient(create_app(catalogue_db.settings)).get("/events", params={"type": "NOPE"})
    assert result.returncode == 1 and api.status_code == 400
    assert json.loads(result.stdout) == api.json()
    assert api.json()["error"]["code"] == "E300" and api.json()["error"]["parameter"] == "type"
