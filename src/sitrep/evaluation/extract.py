"""Article-extraction evaluation: predictions for the shared eval_extract.py scorer.

The scorer exports the benchmark pages as JSONL rows ``{id, url, html}``; this module runs
:func:`sitrep.clean.html.extract_html` on each one and writes ``{id, text}`` rows that the
same scorer reads back with ``--pred``. A page with no extractable text gets an empty text,
which the scorer counts as a miss, so one bad page never stops the run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

from sitrep.clean.html import extract_html
from sitrep.errors import InputError


def run_extract_eval(inputs_path: Path, pred_path: Path) -> int:
    """Extract every page of ``inputs_path`` into ``pred_path``; return the page count."""
    pred_path = Path(pred_path)
    pred_path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with pred_path.open("w", encoding="utf-8") as out:
        for row in _read_pages(Path(inputs_path)):
            prediction = {"id": row["id"], "text": _page_text(row)}
            out.write(json.dumps(prediction, ensure_ascii=False) + "\n")
            count += 1
    return count


def _read_pages(inputs_path: Path) -> Iterator[dict]:
    """Yield the exported page rows of ``inputs_path``, skipping blank lines."""
    with inputs_path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _page_text(row: dict) -> str:
    """Return the extracted body of one exported page, or '' when nothing is found."""
    try:
        return extract_html(row.get("html") or "", url=row.get("url")).text
    except InputError:
        return ""


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m sitrep.evaluation.extract INPUTS.jsonl PRED.jsonl")
    pages = run_extract_eval(Path(sys.argv[1]), Path(sys.argv[2]))
    sys.stderr.write(f"wrote predictions for {pages} pages to {sys.argv[2]}\n")
