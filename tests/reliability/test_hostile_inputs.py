"""Hostile inputs: every bad one is listed once with a coded error, the good ones are stored."""

from __future__ import annotations

import codecs
import json
import os

import pytest

from sitrep import service
from sitrep.errors import SitrepError
from sitrep.ingest.sources import read_inputs
from sitrep.store.database import Store

from .conftest import HOSTILE, report_of, run_cli

GOOD = "Troops withdrew from Lib\u200bya on Monday, the defence ministry said in a statement.\n"


def test_hostile_folder_stores_the_seed_lists_each_bad_input_and_exits_3(hostile, tmp_path):
    db = tmp_path / "hostile.db"
    result = run_cli("ingest", str(hostile), "--json", db=db)
    assert result.returncode == 3, result.stderr.decode()[-2000:]
    report = report_of(result)
    assert report["stored"] == 1 and report["failed"] == len(HOSTILE)
    listed = [entry["input"] for entry in report["inputs"]]
    assert sorted(listed) == sorted(str(hostile / name) for name in [*HOSTILE, "seed.txt"]), "each input once"
    codes = {entry["input"]: entry.get("code") for entry in report["inputs"]}
    for name, (_data, code) in HOSTILE.items():
        assert codes[str(hostile / name)] == code, name
    with Store(str(db)) as store:
        assert store.count() == 1 and "Hmeimim" in store.get(report["ids"][0]).text


def test_unexpected_failure_becomes_a_coded_error_naming_its_class(tmp_path, settings, monkeypatch):
    from sitrep.pipeline import Pipeline

    class Broken:
        name, version, requires, provides = "broken", "1", ("text",), ()

        def __call__(self, article, scratch):
            if "explode" in article.text:
                raise ZeroDivisionError("a bug in a stage")
            return article

    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"id": "a", "text": "please explode now"}) + "\n"
                    + json.dumps({"id": "b", "text": "Troops left the base."}) + "\n")
    report = service.ingest([str(dump)], settings, pipeline=Pipeline([Broken()]))
    assert report.stored == 1 and report.failed == 1
    (failure,) = report.failures
    assert failure.code == "E112" and "ZeroDivisionError" in failure.detail and failure.input == f"{dump}:1"


def test_symlink_leaving_the_folder_is_not_read(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n" * 3)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    os.symlink(outside, folder / "passwd.txt")
    os.symlink(folder / "good.txt", folder / "inside.txt")
    items = list(read_inputs([str(folder)], 5_000_000))
    errors = [i for i in items if isinstance(i, SitrepError)]
    assert [e.code for e in errors] == ["E113"] and "passwd.txt" in errors[0].message
    assert all("root:x" not in i.content for i in items if not isinstance(i, SitrepError))
    assert len(items) == 3, "the link inside the folder is read"
    followed = list(read_inputs([str(folder)], 5_000_000, follow_links=True))
    assert not any(isinstance(i, SitrepError) for i in followed)


def test_fifo_in_a_folder_is_skipped_with_a_coded_error(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")  # reading it would block for ever
    (folder / "good.txt").write_text(GOOD)
    items = list(read_inputs([str(folder)], 5_000_000))
    assert [getattr(i, "code", "ok") for i in items] == ["ok", "E114"]
    assert "FIFO" in items[1].message


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(tmp_path, encoding):
    mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
            "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    text_file = tmp_path / "a.txt"
    text_file.write_bytes(mark + GOOD.encode(encoding))
    dump = tmp_path / "a.jsonl"
    dump.write_bytes(mark + (json.dumps({"id": "u", "text": GOOD}, ensure_ascii=False) + "\n").encode(encoding))
    (from_text,) = read_inputs([str(text_file)], 5_000_000)
    (from_dump,) = read_inputs([str(dump)], 5_000_000)
    assert from_text.content == GOOD and from_dump.content == GOOD and from_dump.source.input_id == "u"


def test_nul_bytes_anywhere_are_removed_and_recorded(tmp_path, pipeline):
    path = tmp_path / "nul.txt"
    path.write_bytes(GOOD.encode() * 80 + b"Talks resumed\x00 in Geneva.\x00\n")
    (raw,) = read_inputs([str(path)], 5_000_000)
    article = pipeline.process(raw)
    assert "\x00" not in article.text and "Talks resumed in Geneva." in article.text
    assert any(i.code == "nul_bytes_removed" and "2" in i.message for i in article.issues)


def test_zero_width_space_inside_a_word_keeps_the_word(tmp_path, pipeline):
    path = tmp_path / "zw.txt"
    path.write_text(GOOD)
    (raw,) = read_inputs([str(path)], 5_000_000)
    article = pipeline.process(raw)
    assert "Libya" in article.text and "Lib ya" not in article.text
    assert any(e.kb_id and "Libya" in e.name for e in article.entities)
    dump = tmp_path / "zw.jsonl"
    dump.write_text(json.dumps({"id": "z", "text": GOOD}) + "\n")
    (raw,) = read_inputs([str(dump)], 5_000_000)
    assert pipeline.process(raw).text == GOOD, "a clean text body is kept exactly, offsets intact"


def test_zero_width_characters_in_a_clean_text_are_kept_and_ignored_by_matching(pipeline):
    from sitrep.ingest.sources import record_to_document

    text = "\u200bTroops withdrew from Lib\u200bya and Syr\u00adia on Monday, the minis\u200btry said. \u2060Talks follow.\u200b"
    article = pipeline.process(record_to_document({"id": "zw", "text": text}, "zw.jsonl", 1))
    assert article.text == text
    linked = {e.name: e for e in article.entities if e.kb_id}
    assert {"Libya", "Syria"} <= set(linked), sorted(linked)
    for entity in article.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    assert [m.text for m in linked["Libya"].mentions] == ["Lib\u200bya"]
    assert len(article.sentences) == 2 and article.sentences[1].end <= len(text)
