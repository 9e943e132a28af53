"""Bad input gets a coded error naming the input; the rest of the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
import os

import pytest

from sitrep import service
from sitrep.errors import InputError, SitrepError
from sitrep.ingest.sources import read_inputs

GOOD = "Troops withdrew from the northern base on Monday, the defence ministry said in a statement.\n"


def _errors(items):
    return [i for i in items if isinstance(i, SitrepError)]


def _read(path, max_bytes=5_000_000):
    return list(read_inputs([str(path)], max_bytes))


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("   \n")
    (error,) = _read(path)
    assert error.code == "E101" and str(path) in error.message


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(gzip.compress(b"not text at all" * 50))
    (error,) = _read(path)
    assert error.code == "E102" and "gzip" in error.message


def test_latin1_text_is_decoded_and_flagged(tmp_path, pipeline):
    path = tmp_path / "latin1.txt"
    path.write_bytes(("Le président français a déclaré que les troupes resteraient à Gao. " * 3).encode("latin-1"))
    (doc,) = _read(path)
    assert not isinstance(doc, SitrepError)
    assert "président" in doc.content and doc.guessed_encoding
    article = pipeline.process(doc)
    assert "encoding_guessed" in {i.code for i in article.issues}


def test_invalid_utf8_line_in_jsonl(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_bytes(json.dumps({"id": "a", "text": GOOD}).encode() + b"\n{\"id\": \"b\", \"text\": \"caf\xe9\"}\n")
    items = _read(path)
    assert [getattr(i, "code", None) for i in items] == [None, "E103"]
    assert items[1].line == 2 and str(path) in items[1].message


def test_huge_file(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(GOOD * 2000)
    (error,) = _read(path, max_bytes=10_000)
    assert error.code == "E104" and "cap" in error.message


def test_broken_jsonl_line_keeps_the_others(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join([json.dumps({"id": 1, "text": GOOD}), "{not json", json.dumps({"id": 3, "raw": GOOD}),
                               json.dumps({"id": 4, "title": "no body"})]))
    items = _read(path)
    assert [getattr(i, "code", "ok") for i in items] == ["ok", "E106", "ok", "E107"]
    assert items[0].source.input_id == "1" and items[2].source.kind == "raw"


def test_unreadable_path(tmp_path):
    link = tmp_path / "dangling.txt"
    os.symlink(tmp_path / "gone.txt", link)
    (error,) = _read(link)
    assert error.code == "E100" and str(link) in error.message


def test_missing_path_and_unknown_type(tmp_path):
    (missing,) = _read(tmp_path / "nope.txt")
    assert missing.code == "E109"
    odd = tmp_path / "data.xlsx"
    odd.write_bytes(b"PK\x03\x04")
    (unknown,) = _read(odd)
    assert unknown.code == "E110"


def test_jsonl_text_is_kept_exactly(tmp_path, pipeline):
    body = "  Russia moved radars to Libya.\n\nThe U.S. said it was unsure.  "
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "x1", "url": "https://www.reuters.com/world/a", "text": body}) + "\n")
    (doc,) = _read(path)
    article = pipeline.process(doc)
    assert article.text == body
    assert article.source.input_id == "x1" and article.source.outlet == "Reuters"
    for entity in article.entities:
        for m in entity.mentions:
            assert body[m.start:m.end] == m.text


def test_stdin_is_read(pipeline):
    stream = io.BytesIO(GOOD.encode())
    (doc,) = list(read_inputs(["-"], 5_000_000, stdin=stream))
    assert doc.source.uri == "stdin" and pipeline.process(doc).text.startswith("Troops withdrew")


def test_batch_with_a_broken_file_stores_all_others(tmp_path, settings, seed_path):
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD)
    (folder / "sub" / "b.txt").write_text(seed_path.read_text(encoding="utf-8"))
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    report = service.ingest([str(folder)], settings)
    assert (report.stored, report.failed) == (2, 1)
    assert report.failures[0].code == "E102"
