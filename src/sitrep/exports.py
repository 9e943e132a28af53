"""Event exports that pandas, QGIS and Kepler.gl read with no options.

CSV and Parquet carry flat columns with ``event_date``, ``latitude`` and ``longitude``;
GeoJSON is an RFC 7946 FeatureCollection of points (longitude first) for located events;
JSONL carries the full event records.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from .store.events_query import EVENT_COLUMNS


def csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(EVENT_COLUMNS), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    yield _drain(buffer)
    for row in rows:
        writer.writerow(row)
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    value = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return value


def jsonl_chunks(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    for record in records:
        yield json.dumps(record, ensure_ascii=False) + "\n"


def geojson_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A FeatureCollection written feature by feature; events without coordinates are left out."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for row in rows:
        if row.get("latitude") is None or row.get("longitude") is None:
            continue
        yield ("" if first else ",") + "\n" + json.dumps(geojson_feature(row), ensure_ascii=False)
        first = False
    yield "\n]}\n"


def geojson_feature(row: dict[str, Any]) -> dict[str, Any]:
    properties = {k: row.get(k) for k in EVENT_COLUMNS if k not in ("latitude", "longitude")}
    return {"type": "Feature", "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": properties}


def write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Write the flat event columns as a Parquet file; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, list[Any]] = {c: [] for c in EVENT_COLUMNS}
    for row in rows:
        for column in EVENT_COLUMNS:
            columns[column].append(row.get(column))
    schema = pa.schema([(c, pa.float64() if c in ("latitude", "longitude", "confidence") else
                         pa.int64() if c in ("start", "end") else pa.string()) for c in EVENT_COLUMNS])
    pq.write_table(pa.table(columns, schema=schema), path)
    return len(columns["id"])
