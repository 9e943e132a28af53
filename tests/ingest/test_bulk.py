"""Parquet tables and gzip'd JSONL dumps, as local files, in folders and through fsspec URLs."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep import service
from sitrep.errors import InputError
from sitrep.ingest.sources import read_inputs
from sitrep.model import Article, RawDocument

BODY = "The navy of Peru escorted {n} fishing boats back to the port of Callao on Sunday."


def write_parquet(path, rows: int, row_group_size: int = 50) -> None:
    texts = [BODY.format(n=i) for i in range(rows)]
    if rows > 9:
        texts[7] = None  # a row without a body
        texts[9] = "x" * 2_000  # over the cap the tests read with
    table = pa.table({
        "id": pa.array(range(rows), pa.int64()),
        "url": [f"https://news.example/{i}" for i in range(rows)],
        "title": [f"Report {i}" for i in range(rows)],
        "published": pa.array([dt.datetime(2024, 5, 1 + i % 28, 9, 30) for i in range(rows)], pa.timestamp("s")),
        "text": texts,
    })
    pq.write_table(table, path, row_group_size=row_group_size)


def test_parquet_rows_become_documents_in_order_with_their_fields(tmp_path):
    path = tmp_path / "archive.parquet"
    write_parquet(path, 150)
    items = list(read_inputs([str(path)], 1_000))
    assert len(items) == 150
    assert [i.line if isinstance(i, InputError) else i.source.line for i in items] == list(range(1, 151))
    first = items[0]
    assert isinstance(first, RawDocument) and first.content == BODY.format(n=0)
    assert (first.source.input_id, first.source.uri, first.title, first.published) == (
        "0", "https://news.example/0", "Report 0", "2024-05-01T09:30:00")
    assert first.source.kind == "text"
    assert (items[7].code, items[9].code) == ("E107", "E104") and items[9].line == 10
    assert items[149].source.input_id == "149"


def test_a_parquet_file_without_a_body_column_or_not_parquet_at_all_is_one_coded_error(tmp_path):
    pq.write_table(pa.table({"id": [1, 2], "body": ["a", "b"]}), tmp_path / "other.parquet")
    (tmp_path / "fake.parquet").write_bytes(b"PAR1 not really")
    (missing,) = read_inputs([str(tmp_path / "other.parquet")], 1_000)
    (broken,) = read_inputs([str(tmp_path / "fake.parquet")], 1_000)
    assert missing.code == "E116" and "id, body" in missing.message
    assert broken.code == "E100" and "Parquet" in broken.message


def test_gzipped_jsonl_is_read_line_by_line_and_a_truncated_file_ends_with_a_coded_error(tmp_path):
    lines = [json.dumps({"id": f"g{i}", "text": BODY.format(n=i)}) for i in range(3)] + ["{broken"]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    (tmp_path / "dump.jsonl.gz").write_bytes(data)
    (tmp_path / "cut.ndjson.gz").write_bytes(data[: len(data) - 12])
    items = list(read_inputs([str(tmp_path / "dump.jsonl.gz")], 1_000))
    assert [getattr(i.source, "input_id", None) if isinstance(i, RawDocument) else i.code for i in items] == [
        "g0", "g1", "g2", "E106"]
    assert items[3].line == 4
    cut = list(read_inputs([str(tmp_path / "cut.ndjson.gz")], 1_000))
    assert isinstance(cut[-1], InputError) and cut[-1].code == "E100" and "gzip" in cut[-1].message


def test_fsspec_urls_read_what_the_local_paths_read(tmp_path):
    write_parquet(tmp_path / "archive.parquet", 12)
    rows = [json.dumps({"id": "u1", "raw": BODY.format(n=1)})]
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress("\n".join(rows).encode()))
    for name in ("archive.parquet", "dump.jsonl.gz"):
        local = list(read_inputs([str(tmp_path / name)], 1_000))
        remote = list(read_inputs([(tmp_path / name).as_uri()], 1_000))
        assert [_content(i) for i in remote] == [_content(i) for i in local]
    (unknown,) = read_inputs(["nosuchprotocol://bucket/archive.parquet"], 1_000)
    (unsupported,) = read_inputs([(tmp_path / "page.html").as_uri()], 1_000)
    assert unknown.code == "E100" and "nosuchprotocol" in unknown.message
    assert unsupported.code == "E110"


def test_folders_include_parquet_and_gzipped_jsonl_and_the_pipeline_takes_them(tmp_path, settings):
    write_parquet(tmp_path / "a.parquet", 3)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "z", "text": BODY.format(n=5)}).encode()))
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"not read"))
    records = list(service.extract([str(tmp_path)], settings))
    assert all(isinstance(r, Article) for r in records)
    assert [r.source.input_id for r in records] == ["0", "1", "2", "z"]
    assert records[0].published.startswith("2024-05-01") and "Callao" in records[0].text


def _content(item):
    return item.code if isinstance(item, InputError) else (item.source.input_id, item.content, item.title)
