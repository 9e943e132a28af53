"""JSONL dumps and stdin are read record by record to the end; the size cap applies per record."""

from __future__ import annotations

import json
import tracemalloc
from dataclasses import replace
from pathlib import Path

from sitrep import service
from sitrep.errors import SitrepError
from sitrep.ingest.sources import read_inputs

from .conftest import article_text, report_of, run_cli

CAP = 1024 * 1024  # per record, given as --max-bytes: a dump is never capped as a whole
PADDING = "x" * 9_000


def six_megabyte_dump(path: Path) -> tuple[int, list[int]]:
    """A 6 MB dump: lines without a body (E107) around real articles, two of them past 5 MB, one
    record over the 1 MB cap; returns the number of lines and the line numbers of the articles."""
    lines, articles = [], []
    size = number = 0
    while size < 6 * 1024 * 1024:
        number += 1
        if number in (1, 300) or size > 5 * 1024 * 1024 and len(articles) < 4:
            record = {"id": f"art-{number}", "text": article_text(number)}
            articles.append(number)
        elif number == 400:
            record = {"id": "too-big", "text": "y" * (CAP + 10)}
        else:
            record = {"id": f"pad-{number}", "note": PADDING}
        line = json.dumps(record) + "\n"
        lines.append(line)
        size += len(line)
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines), articles


def _check_report(report: dict, lines: int, articles: list[int]) -> None:
    assert len(report["inputs"]) == lines, "every line is in the report once"
    assert [e["line"] for e in report["inputs"]] == list(range(1, lines + 1))
    assert report["stored"] == len(articles) == 4
    codes = {e["line"]: e.get("code") for e in report["inputs"]}
    assert codes[400] == "E104" and {codes[n] for n in range(2, 300)} == {"E107"}
    assert codes[lines] in (None, "E107")


def test_six_megabyte_dump_as_a_file_is_read_to_the_end(tmp_path, settings, pipeline):
    dump = tmp_path / "six.jsonl"
    lines, articles = six_megabyte_dump(dump)
    report = service.ingest([str(dump)], replace(settings, max_bytes=CAP), pipeline=pipeline)
    _check_report(report.to_dict(), lines, articles)


def test_six_megabyte_dump_on_stdin_is_read_to_the_end(tmp_path):
    dump = tmp_path / "six.jsonl"
    lines, articles = six_megabyte_dump(dump)
    result = run_cli("ingest", "-", "--json", "--max-bytes", str(CAP), db=tmp_path / "stdin.db",
                     stdin=dump.read_bytes())
    assert result.returncode == 3, result.stderr.decode()[-2000:]  # the padding lines fail, coded
    _check_report(report_of(result), lines, articles)


def test_reading_a_dump_keeps_memory_flat(tmp_path):
    dump = tmp_path / "six.jsonl"
    lines, _articles = six_megabyte_dump(dump)
    tracemalloc.start()
    count = sum(1 for _ in read_inputs([str(dump)], CAP))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == lines
    assert peak < 3 * CAP, f"peak {peak:,} bytes while reading a 6 MB dump"


def test_a_record_over_the_cap_fails_alone(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_text("\n".join(json.dumps({"id": str(n), "text": article_text(n) * (40 if n == 2 else 1)})
                              for n in range(1, 5)) + "\n")
    items = list(read_inputs([str(dump)], 2_000))
    assert [getattr(i, "code", "ok") for i in items] == ["ok", "E104", "ok", "ok"]
    assert items[1].line == 2 and f"{dump}:2" in items[1].message


def test_blank_lines_keep_line_numbers(tmp_path):
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps({"text": article_text(1)}) + "\n\n   \n{broken\n")
    items = list(read_inputs([str(dump)], CAP))
    assert items[0].source.line == 1 and isinstance(items[1], SitrepError) and items[1].line == 4
