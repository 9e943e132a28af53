"""Story evaluation: ingest the dev story pages one by one through `sitrep ingest`'s path, then
write each page's story id, event types and story issues for the shared eval_stories.py scorer.

The pages are scraped page excerpts, so each goes in as a JSONL record with ``raw`` (cleaned
like any scraped page) and its ``url``. A fresh database is built in the work folder.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any, Optional

from .. import service
from ..config import Settings
from ..store.database import Store


def read_rows(inputs: Path) -> list[dict[str, Any]]:
    with inputs.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def ingest_one_by_one(rows: list[dict[str, Any]], db: Path, pipeline: Any = None,
                      seed: Optional[int] = None) -> dict[str, str]:
    """Ingest each page in its own `ingest` call (shuffled when ``seed`` is given); {page id: article id}."""
    if db.exists():
        db.unlink()
    settings = Settings(db=str(db))
    if pipeline is None:
        from ..pipeline import default_pipeline

        pipeline = default_pipeline()
    order = list(rows)
    if seed is not None:
        random.Random(seed).shuffle(order)
    page = db.with_suffix(".page.jsonl")
    stored: dict[str, str] = {}
    for row in order:
        page.write_text(json.dumps({"id": row["id"], "url": row.get("url"), "raw": row["text"]},
                                   ensure_ascii=False) + "\n", encoding="utf-8")
        report = service.ingest([str(page)], settings, pipeline=pipeline)
        if report.ids:
            stored[row["id"]] = report.ids[0]
    page.unlink(missing_ok=True)
    return stored


def story_labels(db: Path, stored: dict[str, str]) -> dict[str, str]:
    """{page id: story id} as the database holds it now."""
    with Store(str(db)) as store:
        refs = service.story_refs(store, list(stored.values()))
    return {page: refs[article]["id"] for page, article in stored.items() if article in refs}


def write_predictions(db: Path, stored: dict[str, str], pred: Path) -> int:
    """One row per page: story, event types, and the codes of story issues on its spans."""
    labels = story_labels(db, stored)
    issues: dict[str, list[str]] = {}
    with Store(str(db)) as store:
        for story in sorted(set(labels.values())):
            for issue in service.story(store, story)["issues"]:
                for span in issue["spans"]:
                    issues.setdefault(span["article_id"], []).append(issue["code"])
        records = {page: store.get(article) for page, article in stored.items()}
    with pred.open("w", encoding="utf-8") as out:
        for page, article in stored.items():
            row = {"id": page, "story": labels.get(page), "events": [{"type": e.type} for e in records[page].events],
                   "issues": sorted(set(issues.get(article, [])))}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(stored)


def run_stories_eval(inputs: Path, pred: Path, _kit: Path) -> int:
    stored = ingest_one_by_one(read_rows(inputs), pred.with_name("stories_eval.db"))
    return write_predictions(pred.with_name("stories_eval.db"), stored, pred)


def bcubed_agreement(first: dict[str, str], second: dict[str, str]) -> float:
    """B-cubed F1 of one labelling against another over the pages both label."""
    pages = sorted(set(first) & set(second))
    if not pages:
        return 0.0
    precision = recall = 0.0
    for page in pages:
        mine = {p for p in pages if first[p] == first[page]}
        theirs = {p for p in pages if second[p] == second[page]}
        precision += len(mine & theirs) / len(mine)
        recall += len(mine & theirs) / len(theirs)
    precision, recall = precision / len(pages), recall / len(pages)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
