"""Event views written as JSON Lines, CSV, GeoJSON (RFC 7946: positions are [longitude, latitude])
or Parquet, for the CLI's exports and the API's pages alike.

Every writer takes the same event views (:func:`sitrep.query.views.event_json`) and yields text
chunks, so a page and a whole export are one code path. CSV and Parquet hold the flat columns
below; GeoJSON draws a movement as a LineString from origin to destination, anything else at
its position, and gives an event with no place a ``null`` geometry.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

CSV_COLUMNS = ("id", "article_id", "date", "type", "mode", "actor_text", "actor_country", "recipient_text",
               "recipient_country", "latitude", "longitude", "precision", "certainty", "confidence",
               "origin_text", "origin_latitude", "origin_longitude", "destination_text", "destination_latitude",
               "destination_longitude", "source", "summary", "evidence_start", "evidence_end", "story_id", "cluster_id")
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence", "origin_latitude", "origin_longitude",
                           "destination_latitude", "destination_longitude"})
INT_COLUMNS = frozenset({"evidence_start", "evidence_end"})

MEDIA_TYPES = {"json": "application/json", "jsonl": "application/x-ndjson",
               "csv": "text/csv; charset=utf-8", "geojson": "application/geo+json"}


def jsonl_chunks(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    for item in items:
        yield json.dumps(item, ensure_ascii=False) + "\n"


def csv_chunks(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A header line, then one line per event."""
    yield csv_line(CSV_COLUMNS)
    for item in items:
        yield csv_line(csv_row(item))


def csv_line(values: Iterable[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["" if v is None else v for v in values])
    return buffer.getvalue()


def csv_row(item: dict[str, Any]) -> tuple[Any, ...]:
    actor, recipient = item.get("actor") or {}, item.get("recipient") or {}
    origin, destination = item.get("origin") or {}, item.get("destination") or {}
    return (item["id"], item["article_id"], item["date"], item["type"], item["mode"], actor.get("text"),
            actor.get("country"), recipient.get("text"), recipient.get("country"), item["latitude"],
            item["longitude"], item["precision"], item["certainty"], item["confidence"], origin.get("text"),
            origin.get("latitude"), origin.get("longitude"), destination.get("text"), destination.get("latitude"),
            destination.get("longitude"), item["source"], item["summary"], item["evidence"]["start"],
            item["evidence"]["end"], item.get("story_id"), item.get("cluster_id"))


def geojson_chunks(items: Iterable[dict[str, Any]], next_cursor: Optional[str] = None) -> Iterator[str]:
    """A FeatureCollection written feature by feature; ``next_cursor`` is a foreign member
    (RFC 7946 section 6.1), null at the end of the events."""
    yield '{"type": "FeatureCollection", "features": ['
    for number, item in enumerate(items):
        feature = {"type": "Feature", "id": item["id"], "geometry": geometry(item), "properties": item}
        yield ("," if number else "") + "\n" + json.dumps(feature, ensure_ascii=False)
    yield "\n], \"next_cursor\": " + json.dumps(next_cursor) + "}\n"


def geometry(item: dict[str, Any]) -> Optional[dict[str, Any]]:
    """A movement is a LineString from origin to destination; anything else is its Point, or null."""
    ends = [_lon_lat(item.get("origin")), _lon_lat(item.get("destination"))]
    if ends[0] is not None and ends[1] is not None and ends[0] != ends[1]:
        return {"type": "LineString", "coordinates": ends}
    point = _lon_lat(item.get("position"))
    return {"type": "Point", "coordinates": point} if point is not None else None


def _lon_lat(place: Optional[dict[str, Any]]) -> Optional[list[float]]:
    if not place or place.get("latitude") is None or place.get("longitude") is None:
        return None
    return [place["longitude"], place["latitude"]]


def write_parquet(items: Iterable[dict[str, Any]], path: Path) -> int:
    """Write the CSV columns, typed, as a Parquet file; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {c: [] for c in CSV_COLUMNS}
    for item in items:
        for column, value in zip(CSV_COLUMNS, csv_row(item)):
            columns[column].append(value)
    schema = pa.schema([(c, pa.float64() if c in FLOAT_COLUMNS else pa.int64() if c in INT_COLUMNS
                         else pa.string()) for c in CSV_COLUMNS])
    pq.write_table(pa.table(columns, schema=schema), path)
    return len(columns["id"])
