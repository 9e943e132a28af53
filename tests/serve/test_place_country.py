"""country= also finds an event by its places: a movement to or from Libya is a Libya event."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from sitrep import service
from sitrep.config import Settings
from sitrep.query.filters import parse_filter
from sitrep.serve import create_app

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed.txt"


def test_country_matches_origin_and_destination_not_only_actor_and_recipient(
        tmp_path: Path, pipeline: Any, db_tools: Any) -> None:
    settings = Settings(db=str(tmp_path / "places.db"))
    (article_id,) = service.ingest([str(SEED)], settings, pipeline=pipeline).ids
    article = service.show(article_id, settings)
    from .conftest import movement_event

    moved = dataclasses.replace(movement_event(article), id="ev-to-libya", recipient=None)  # Russia, Syria -> Libya
    db_tools.insert_events(settings.db, [db_tools.event_row(article_id, moved, "2024-12-18")])
    client = TestClient(create_app(settings))
    for code in ("LBY", "lby", "SYR"):
        ids = [e["id"] for e in client.get("/events", params={"country": code}).json()["items"]]
        assert ids == ["ev-to-libya"], code
        assert [e["id"] for e in service.events_page(settings, parse_filter(country=code))["items"]] == ids
    assert client.get("/events", params={"country": "EGY"}).json()["items"] == []
    assert client.get("/facets", params={"country": "LBY"}).json()["total"] == 1
