"""`sitrep entities` and `sitrep entity` over the knowledge base and a real database."""

from __future__ import annotations

import json

from sitrep import service
from sitrep.store.database import Store


def test_entity_shows_aliases_coordinates_and_articles(settings, seed_path):
    service.ingest([str(seed_path)], settings)
    row = service.entity_detail(settings, "Khmeimim")
    assert row["id"] == "fac:hmeimim-air-base" and "Hmeimim" in row["aliases"]
    assert abs(row["latitude"] - 35.40) < 0.1 and abs(row["longitude"] - 35.95) < 0.1
    assert len(row["articles"]) == 1 and row["articles"][0]["mention_count"] == 2


def test_entities_search_by_alias_and_type(settings):
    rows = service.list_entities(settings, "Hifter")
    assert rows[0]["id"] == "person:khalifa-haftar"
    weapons = service.list_entities(settings, None, "weapon", limit=500)
    assert weapons and all(r["type"] == "weapon" for r in weapons)
    assert "weapon:s-400" in {r["id"] for r in weapons}


def test_memory_of_new_names_is_stored(settings, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "m1", "text": "The Zorbic Liberation Front attacked a convoy near Kidal on Monday."}) + "\n")
    service.ingest([str(path)], settings)
    with Store(settings.db) as store:
        aliases = {r["alias"] for r in store.memory_rows()}
    assert any("zorbic" in a for a in aliases)
