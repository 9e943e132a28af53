"""Bulk inputs: Parquet tables and gzip'd JSONL dumps, from local files or fsspec URLs.

Both are read record by record: a Parquet file one batch of rows at a time
(``ParquetFile.iter_batches``; memory is bounded by a row group, not by the file), a gzip'd
dump line by line through the JSONL reader, with the size cap applied to each record. A URL
(``s3://bucket/dump.jsonl.gz``, ``gs://...``, ``https://...``, ``file://...``) is opened with
fsspec, which needs the package of its protocol (``s3fs`` for s3://: ``pip install 'sitrep[s3]'``;
``gcsfs`` for gs://). Every problem is a coded error naming the file, or the file and row.
"""

from __future__ import annotations

import datetime as dt
import gzip
import zlib
from typing import Any, BinaryIO, Iterator, Optional, Union

from ..errors import InputError
from ..model import RawDocument
from .decode import check_size
from .jsonl import CONTENT_FIELDS, STRING_FIELDS, read_jsonl, record_to_document

Item = Union[RawDocument, InputError]

PARQUET, GZIP_JSONL, JSONL = "parquet", "jsonl.gz", "jsonl"
ROWS_PER_BATCH = 64
_KINDS = ((".jsonl.gz", GZIP_JSONL), (".ndjson.gz", GZIP_JSONL), (".parquet", PARQUET),
          (".jsonl", JSONL), (".ndjson", JSONL))


def bulk_kind(name: str) -> Optional[str]:
    """``parquet``, ``jsonl.gz`` or ``jsonl`` for a name this module reads, else None."""
    lowered = name.lower().split("?", 1)[0]
    return next((kind for suffix, kind in _KINDS if lowered.endswith(suffix)), None)


def packed_kind(name: str) -> Optional[str]:
    """``parquet`` or ``jsonl.gz`` for a local file that this module reads (plain JSONL is the
    JSONL reader's), else None."""
    kind = bulk_kind(name)
    return kind if kind in (PARQUET, GZIP_JSONL) else None


def is_url(name: str) -> bool:
    """A name for fsspec (``protocol://...``) rather than a local path."""
    head, sep, _ = name.partition("://")
    return bool(sep) and head.isascii() and head.replace("+", "").replace("-", "").isalnum()


def read_url(url: str, max_bytes: int) -> Iterator[Item]:
    """The documents of a Parquet file or a (gzip'd) JSONL dump at an fsspec URL."""
    kind = bulk_kind(url)
    if kind is None:
        yield InputError("E110", input=url, detail="(a URL: give a .parquet, .jsonl, .ndjson or .jsonl.gz file)")
        return
    try:
        import fsspec

        handle = fsspec.open(url, "rb").open()
    except (ImportError, ValueError, OSError) as exc:  # no package for the protocol, bad URL, unreachable
        yield InputError("E100", input=url, detail=f"{type(exc).__name__}: {exc}")
        return
    with handle:
        yield from read_bulk(handle, url, kind, max_bytes)


def read_bulk(stream: BinaryIO, name: str, kind: str, max_bytes: int) -> Iterator[Item]:
    """The documents of an open bulk input of ``kind`` (see :func:`bulk_kind`)."""
    if kind == PARQUET:
        yield from read_parquet(stream, name, max_bytes)
    elif kind == GZIP_JSONL:
        yield from _read_gzip_jsonl(stream, name, max_bytes)
    else:
        yield from read_jsonl(stream, name, max_bytes)


def _read_gzip_jsonl(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Item]:
    try:
        yield from read_jsonl(gzip.GzipFile(fileobj=stream, mode="rb"), name, max_bytes)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield InputError("E100", input=name, detail=f"broken gzip data ({exc}); the rest is not read")


def read_parquet(source: Any, name: str, max_bytes: int) -> Iterator[Item]:
    """Every row of a Parquet table with a ``text``, ``raw`` or ``html`` column (and optional
    ``id``, ``url``, ``title``, ``published``) as a document; rows are numbered from 1."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(source)
    except (pa.ArrowException, OSError) as exc:
        yield InputError("E100", input=name, detail=f"not a readable Parquet file ({exc})")
        return
    names = table.schema_arrow.names
    if not any(field in names for field in CONTENT_FIELDS):
        yield InputError("E116", input=name, detail=", ".join(names) or "none")
        return
    columns = [c for c in (*CONTENT_FIELDS, "id", *STRING_FIELDS) if c in names]
    number = 0
    for batch in table.iter_batches(batch_size=ROWS_PER_BATCH, columns=columns):
        for row in batch.to_pylist():
            number += 1
            yield _row_document(row, name, number, max_bytes)


def _row_document(row: dict[str, Any], name: str, number: int, max_bytes: int) -> Item:
    content = next((row[f] for f in CONTENT_FIELDS if row.get(f) is not None), None)
    if isinstance(content, str):
        try:
            check_size(len(content.encode("utf-8")), max_bytes, f"{name}:{number}")
        except InputError as err:
            err.line = number
            return err
    published = row.get("published")
    if isinstance(published, (dt.date, dt.datetime)):
        row["published"] = published.isoformat()
    return record_to_document(row, name, number)
