"""A page of events as JSON Lines, CSV or GeoJSON (RFC 7946: positions are [longitude, latitude])."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Optional

CSV_COLUMNS = ("id", "article_id", "date", "type", "mode", "actor_text", "actor_country", "recipient_text",
               "recipient_country", "latitude", "longitude", "precision", "certainty", "confidence",
               "origin_text", "origin_latitude", "origin_longitude", "destination_text", "destination_latitude",
               "destination_longitude", "source", "summary", "evidence_start", "evidence_end")

MEDIA_TYPES = {"json": "application/json", "jsonl": "application/x-ndjson",
               "csv": "text/csv; charset=utf-8", "geojson": "application/geo+json"}


def to_jsonl(items: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def to_csv(items: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow(["" if v is None else v for v in _csv_row(item)])
    return buffer.getvalue()


def _csv_row(item: dict[str, Any]) -> tuple[Any, ...]:
    actor, recipient = item.get("actor") or {}, item.get("recipient") or {}
    origin, destination = item.get("origin") or {}, item.get("destination") or {}
    return (item["id"], item["article_id"], item["date"], item["type"], item["mode"], actor.get("text"),
            actor.get("country"), recipient.get("text"), recipient.get("country"), item["latitude"],
            item["longitude"], item["precision"], item["certainty"], item["confidence"], origin.get("text"),
            origin.get("latitude"), origin.get("longitude"), destination.get("text"), destination.get("latitude"),
            destination.get("longitude"), item["source"], item["summary"], item["evidence"]["start"],
            item["evidence"]["end"])


def to_geojson(items: list[dict[str, Any]], next_cursor: Optional[str]) -> str:
    """A FeatureCollection; ``next_cursor`` is a foreign member (RFC 7946 section 6.1)."""
    features = [{"type": "Feature", "id": item["id"], "geometry": geometry(item), "properties": item}
                for item in items]
    return json.dumps({"type": "FeatureCollection", "features": features, "next_cursor": next_cursor},
                      ensure_ascii=False)


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
