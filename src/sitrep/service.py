"""The Python API that the CLI and the REST API are thin layers over."""

from __future__ import annotations

import csv
import io
import json
import logging
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Optional, Union

from pathlib import Path

from . import exports
from .config import Settings
from .errors import NotFoundError, SitrepError, UsageError
from .store.events_query import EventFilter, iter_events
from .ingest.sources import read_inputs
from .link.linker import EntityMemory
from .model import Article, from_dict, to_dict
from .pipeline import Pipeline, default_pipeline, unexpected_error
from .store.database import STORED, UPDATED, Store
from .stories_service import assign_story, record_with_story, story_refs

log = logging.getLogger(__name__)
Result = Union[Article, SitrepError]
ProgressCallback = Callable[[Result, Optional[str]], None]


@dataclass
class IngestReport:
    """What an ingest run did: counts per outcome, every failure, and every input once, in order."""

    stored: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[SitrepError] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    inputs: list[dict[str, Any]] = field(default_factory=list)  # {input, line, status, id | code}

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, result: Result, status: Optional[str]) -> None:
        """Count one input: an article with its store status, or the error it ended with."""
        if isinstance(result, SitrepError):
            self.failures.append(result)
            self.inputs.append({"input": result.input, "line": result.line, "status": "failed", "code": result.code})
            return
        self.ids.append(result.id)
        setattr(self, status, getattr(self, status) + 1)
        self.inputs.append({"input": result.source.uri, "line": result.source.line, "status": status,
                            "id": result.id})

    def to_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "updated": self.updated, "unchanged": self.unchanged,
                "failed": self.failed, "ids": self.ids, "failures": [f.to_dict() for f in self.failures],
                "inputs": self.inputs}


def extract(paths: Iterable[str], settings: Settings, pipeline: Optional[Pipeline] = None,
            stdin: Optional[BinaryIO] = None) -> Iterator[Result]:
    """Records (or errors) for every document in ``paths``, without a database.

    With ``settings.workers > 1`` the articles are processed by that many Dask worker processes.
    """
    items = read_inputs(paths, settings.max_bytes, stdin, follow_links=settings.follow_links)
    if settings.workers > 1:
        from .batch import process_parallel

        yield from process_parallel(items, settings.workers, settings.spacy_model)
        return
    pipeline = pipeline or default_pipeline(settings.spacy_model)
    yield from pipeline.process_many(items)


def ingest(paths: Iterable[str], settings: Settings, progress: Optional[ProgressCallback] = None,
           pipeline: Optional[Pipeline] = None, stdin: Optional[BinaryIO] = None) -> IngestReport:
    """Process every document in ``paths`` and store it; one failure never stops the rest.

    Each article is written in its own transaction together with the entity aliases learned
    while reading it, so a run that is killed keeps everything it stored and learned."""
    report = IngestReport()
    with Store(settings.db) as store:
        memory = EntityMemory.from_rows(store.memory_rows())
        pipeline = pipeline or default_pipeline(settings.spacy_model, memory=memory)
        for result in extract(paths, settings, pipeline, stdin):
            result, status = _store_one(store, result, memory)
            report.add(result, status)
            if progress:
                progress(result, status)
        store.save_memory(memory.take_unsaved())
        if report.stored or report.updated:
            store.optimize()
    return report


def _store_one(store: Store, result: Result, memory: EntityMemory) -> tuple[Result, Optional[str]]:
    """The store status of an article, or the coded error that writing it ended with."""
    if isinstance(result, SitrepError):
        return result, None
    try:
        status = store.ingest(result, memory.take_unsaved())
        if status in (STORED, UPDATED):
            assign_story(store, result)  # its story and event cluster, as it is stored
        return result, status
    except SitrepError as err:
        return err, None
    except Exception as exc:  # noqa: BLE001 - the isolation boundary: one article, one coded error
        log.exception("storing %s failed", result.source.uri)
        return unexpected_error(_input_name(result), exc), None


def _input_name(article: Article) -> str:
    uri = article.source.uri or "<input>"
    return f"{uri}:{article.source.line}" if article.source.line is not None else uri


def list_entities(settings: Settings, query: Optional[str] = None, type_: Optional[str] = None,
                  limit: int = 50) -> list[dict[str, Any]]:
    """Knowledge-base entries (and entities met in stored articles) matching ``query``."""
    from .link.kb import load_knowledge_base

    kb = load_knowledge_base()
    entries = kb.search(query, limit * 2) if query else kb.entries()
    rows = [_kb_row(e) for e in entries if type_ in (None, e.type)][:limit]
    with Store(settings.db) as store:
        known = {r["id"] for r in rows}
        for found in store.stored_entities(query, limit):
            if found["entity_id"] not in known and type_ in (None, found["type"]):
                rows.append({"id": found["entity_id"], "name": found["name"], "type": found["type"],
                             "country": found["country"], "aliases": [], "latitude": None, "longitude": None,
                             "articles": found["articles"]})
    return rows[:limit]


def entity_detail(settings: Settings, key: str) -> dict[str, Any]:
    """One entity by knowledge-base id or name: aliases, type, place, and the articles naming it."""
    from .link.kb import load_knowledge_base

    kb = load_knowledge_base()
    entry = kb.get(key) or next(iter(kb.candidates(key)), None) or next(iter(kb.search(key, 1)), None)
    with Store(settings.db) as store:
        if entry is not None:
            row = _kb_row(entry)
        else:
            stored = store.stored_entities(key, 1)
            if not stored:
                raise NotFoundError("E203", input=key)
            row = {"id": stored[0]["entity_id"], "name": stored[0]["name"], "type": stored[0]["type"],
                   "country": stored[0]["country"], "aliases": [], "latitude": None, "longitude": None}
        row["articles"] = store.entity_articles(row["id"])
    return row


def _kb_row(entry: Any) -> dict[str, Any]:
    return {"id": entry.id, "name": entry.name, "type": entry.type, "country": entry.country,
            "aliases": list(entry.aliases), "latitude": entry.latitude, "longitude": entry.longitude,
            "precision": entry.precision, "description": entry.description,
            "translations": {language: list(names) for language, names in entry.translations}}


def show(article_id: str, settings: Settings) -> Article:
    with Store(settings.db) as store:
        return _with_story(store, store.get(article_id))


def show_last(settings: Settings) -> Article:
    with Store(settings.db) as store:
        return _with_story(store, store.get_last())


def _with_story(store: Store, article: Article) -> Article:
    """The stored article with its story and cluster ids (on it and on each of its events)."""
    ref = story_refs(store, [article.id]).get(article.id)
    return article if ref is None else from_dict(Article, record_with_story(to_dict(article), ref))


def search(query: str, settings: Settings, limit: int = 20) -> list[dict[str, Any]]:
    with Store(settings.db) as store:
        return [hit.__dict__ for hit in store.search(query, limit)]


ARTICLE_COLUMNS = ("id", "title", "outlet", "published", "category", "language", "uri", "entities", "events", "issues",
                   "story_id", "cluster_id")


def export_articles(settings: Settings, fmt: str) -> Iterator[str]:
    """Stored articles as JSONL lines or CSV rows (with a header), ready to write."""
    with Store(settings.db) as store:
        refs = story_refs(store)
        records = (record_with_story(r, refs.get(r["id"])) for r in store.iter_records())
        if fmt == "jsonl":
            for record in records:
                yield json.dumps(record, ensure_ascii=False) + "\n"
        else:
            yield _csv_line(ARTICLE_COLUMNS)
            for record in records:
                yield _csv_line(_article_row(record))


def _article_row(record: dict[str, Any]) -> tuple:
    src = record.get("source") or {}
    return (record["id"], record.get("title"), src.get("outlet"), record.get("published"), record.get("category"),
            record.get("language"), src.get("uri"), len(record.get("entities", [])), len(record.get("events", [])),
            ";".join(i["code"] for i in record.get("issues", [])), (record.get("story") or {}).get("id"),
            (record.get("story") or {}).get("cluster_id"))


def _csv_line(values: Iterable[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(["" if v is None else v for v in values])
    return buffer.getvalue()


def list_events(settings: Settings, flt: EventFilter, limit: Optional[int] = None) -> list[dict[str, Any]]:
    """Matching events as flat rows, in date order."""
    with Store(settings.db) as store, store.engine.connect() as conn:
        return list(iter_events(conn, flt, limit))


def export_events(settings: Settings, fmt: str, flt: EventFilter = EventFilter(),
                  output: Optional[Path] = None) -> Iterator[str]:
    """Stored events as CSV, JSONL records or GeoJSON text; Parquet is written to ``output``."""
    with Store(settings.db) as store, store.engine.connect() as conn:
        rows = iter_events(conn, flt, with_record=fmt == "jsonl")
        if fmt == "parquet":
            if output is None:
                raise UsageError("E300", input="--output", detail="Parquet is binary: give --output FILE")
            exports.write_parquet(rows, output)
            return
        if fmt == "csv":
            yield from exports.csv_chunks(rows)
        elif fmt == "geojson":
            yield from exports.geojson_chunks(rows)
        else:
            yield from exports.jsonl_chunks({**json.loads(row["record"]), "story_id": row["story_id"],
                                             "cluster_id": row["cluster_id"]} for row in rows)


def list_stories(settings: Settings, since: Optional[str] = None, limit: int = 50) -> list[dict[str, Any]]:
    """Stories, last report first; ``since`` (YYYY-MM-DD) keeps those reported since that day."""
    from .stories_service import list_stories as page

    with Store(settings.db) as store:
        return page(store, since, None, limit)[:limit]


def story(settings: Settings, story_id: str) -> dict[str, Any]:
    """One story with its articles, event clusters (provenance) and discrepancies."""
    from .stories_service import story_detail

    with Store(settings.db) as store:
        return story_detail(store, story_id)


def rebuild_stories(settings: Settings) -> dict[str, int]:
    """Re-cluster every stored article from scratch."""
    from .stories_service import rebuild_stories as rebuild

    with Store(settings.db) as store:
        return rebuild(store)
