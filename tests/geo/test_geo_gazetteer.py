"""The gazetteer's compact tables and their cache file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.knowledge import gazetteer_cache as cache
from sitrep.knowledge.gazetteer import Gazetteer, Place, build_tables

TOWNS = [
    (Place("Tartus", 34.889, 35.887, "city", country="SYR", population=458327, geonameid=163345,
           admin1="SY.10"), ["Tartus", "Ţarţūs", "Tortosa"], 1),
    (Place("Tartus Governorate", 35.0, 36.0, "admin1", country="SYR", population=800000,
           geonameid=163342, admin1="SY.10"), ["Tartus Governorate", "Tartus"], 1),
    (Place("Morris County", 40.87, -74.54, "admin2", country="USA", population=344204,
           geonameid=5101405, admin1="US.NJ", admin2="US.NJ.027"), ["Morris County"], 1),
]


def test_lookup_gives_every_place_of_a_name_with_its_preferred_flag() -> None:
    places = Gazetteer(TOWNS)
    found = {(c.place.kind, c.primary) for c in places.lookup("tartus")}
    assert found == {("city", True), ("admin1", False)}
    assert [c.primary for c in places.lookup("Tortosa")] == [False]
    assert places.lookup("Tartus province")[0].place.kind == "admin1"
    assert places.admin1("US.NJ.027").name == "Morris County"


def test_places_survive_the_cache_file_unchanged(tmp_path: Path) -> None:
    tables = build_tables(TOWNS)
    path = tmp_path / "gazetteer.marshal"
    assert cache.write(path, tables)
    again = Gazetteer(tables=cache.read(path))
    assert [c.place for c in again.lookup("Tartus")] == [c.place for c in Gazetteer(TOWNS).lookup("Tartus")]
    assert again.lookup("Morris County")[0].place == TOWNS[2][0]


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.marshal"
    path.write_bytes(b"not a cache")
    assert cache.read(path) is None
    assert cache.read(tmp_path / "missing.marshal") is None


def test_cache_is_built_once_and_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sitrep.knowledge import gazetteer_sources as sources

    monkeypatch.setattr(sources, "all_entries", lambda: iter(TOWNS))
    stale = tmp_path / "sub" / "gazetteer-0000.marshal"
    stale.parent.mkdir()
    stale.write_bytes(b"old")
    path = tmp_path / "sub" / "gazetteer-1111.marshal"
    built = cache.load_or_build(path)
    assert path.exists() and not stale.exists()
    monkeypatch.setattr(sources, "all_entries", lambda: pytest.fail("rebuilt from a fresh cache"))
    assert cache.load_or_build(path).keys == built.keys


def test_cache_name_follows_its_inputs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    first = cache.cache_path()
    assert first.parent == tmp_path and cache.fingerprint() in first.name
    monkeypatch.setattr(cache, "FORMAT", "sitrep-gazetteer/test")
    assert cache.cache_path() != first
