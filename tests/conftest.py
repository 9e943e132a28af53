"""Shared fixtures: the bundled seed article, a fresh database, the shared eval kit when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def pipeline():
    from sitrep.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def seed_article(pipeline):
    from sitrep.ingest.sources import read_inputs

    (item,) = list(read_inputs([str(SEED)], 5_000_000))
    return pipeline.process(item)


@pytest.fixture()
def settings(tmp_path):
    from sitrep.config import Settings

    return Settings(db=str(tmp_path / "test.db"))
