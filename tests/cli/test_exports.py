"""Event exports open in pandas (and as GeoJSON) with no options, with the columns GIS tools want."""

from __future__ import annotations

import io
import json

import pandas as pd

from sitrep import service
from sitrep.query.filters import EventFilter


def _seed_db(settings, seed_path):
    service.ingest([str(seed_path)], settings)
    return settings


def test_csv_and_parquet_open_in_pandas(settings, seed_path, tmp_path):
    _seed_db(settings, seed_path)
    csv_text = "".join(service.export_events(settings, "csv"))
    frame = pd.read_csv(io.StringIO(csv_text))
    assert {"date", "latitude", "longitude", "type", "actor_country", "origin_latitude"} <= set(frame.columns)
    assert len(frame) == len(service.events_page(settings, EventFilter(), limit=500)["items"])
    assert frame["latitude"].dropna().between(-90, 90).all()
    target = tmp_path / "events.parquet"
    list(service.export_events(settings, "parquet", output=target))
    parquet = pd.read_parquet(target)
    assert list(parquet["id"]) == list(frame["id"])


def test_geojson_is_longitude_first(settings, seed_path):
    _seed_db(settings, seed_path)
    collection = json.loads("".join(service.export_events(settings, "geojson")))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    libya = [f for f in collection["features"] if f["properties"]["type"] == "MOBILIZE" and f["geometry"]]
    geometry = libya[0]["geometry"]
    lon, lat = geometry["coordinates"][-1] if geometry["type"] == "LineString" else geometry["coordinates"]
    assert 9 < lon < 26 and 19 < lat < 34  # Libya: longitude first


def test_filters_narrow_the_export(settings, seed_path):
    _seed_db(settings, seed_path)
    rows = service.events_page(settings, EventFilter(type="MOBILIZE", actor="RUS"))["items"]
    assert rows and all(r["type"] == "MOBILIZE" and r["actor"]["country"] == "RUS" for r in rows)
    assert service.events_page(settings, EventFilter(type="ASSAULT"))["items"] == []
