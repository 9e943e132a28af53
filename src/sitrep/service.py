"""The Python API that the CLI and the REST API are thin layers over.

Writes go through :func:`ingest`; every read goes through :mod:`sitrep.query` from here, so the
CLI, the REST API and the page give one answer to one question. A read takes ``db``: the
settings (a database is opened for the call) or an open :class:`Store` (the API's).
"""

from __future__ import annotations

import json
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Optional, Union

from sqlalchemy import Connection

from .config import Settings
from .errors import NotFoundError, SitrepError, UsageError
from .ingest.sources import read_inputs
from .link.linker import EntityMemory
from .model import Article, from_dict, to_dict
from .pipeline import Pipeline, default_pipeline, unexpected_error
from .query import formats, sql, views
from .query.filters import EventFilter, decode_cursor, encode_cursor
from .query import stories as stories_query
from .store.database import STORED, UPDATED, Store
from .query.stories import record_with_story
from .stories_service import assign_story

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

    With ``settings.scheduler`` the articles are processed on that Dask cluster; else with
    ``settings.workers > 1`` on a local cluster of that many worker processes (see :mod:`sitrep.batch`).
    """
    for result, _learned in _processed(paths, settings, pipeline, stdin, None):
        yield result


def _processed(paths: Iterable[str], settings: Settings, pipeline: Optional[Pipeline], stdin: Optional[BinaryIO],
               memory: Optional[EntityMemory]) -> Iterator[tuple[Result, list[dict]]]:
    """Each record (or error) with the entity-memory rows it taught, read against ``memory``."""
    items = read_inputs(paths, settings.max_bytes, stdin, follow_links=settings.follow_links)
    if settings.scheduler or settings.workers > 1:
        from .batch import process_parallel

        rows = memory.to_rows() if memory is not None else None
        yield from process_parallel(items, settings.workers, settings.spacy_model, settings.scheduler, rows)
        return
    pipeline = pipeline or default_pipeline(settings.spacy_model)
    yield from pipeline.process_learning(items, memory)


def ingest(paths: Iterable[str], settings: Settings, progress: Optional[ProgressCallback] = None,
           pipeline: Optional[Pipeline] = None, stdin: Optional[BinaryIO] = None) -> IngestReport:
    """Process every document in ``paths`` and store it; one failure never stops the rest.

    The entity memory is read from the database once, when the run starts, and every article
    is linked against that (:meth:`Pipeline.process_learning`), so a record does not depend on
    how the run is split (``--workers``, a cluster, ``POST /articles``). Each article is written
    in its own transaction together with the entity aliases it taught (an alias already stored
    keeps its first entity), so a run that is killed keeps everything it stored and learned."""
    report = IngestReport()
    with Store(settings.db) as store:
        memory = EntityMemory.from_rows(store.memory_rows())
        for result, learned in _processed(paths, settings, pipeline, stdin, memory):
            result, status = _store_one(store, result, learned)
            report.add(result, status)
            if progress:
                progress(result, status)
        if report.stored or report.updated:
            store.optimize()
    return report


def _store_one(store: Store, result: Result, learned: list[dict]) -> tuple[Result, Optional[str]]:
    """The store status of an article, or the coded error that writing it ended with."""
    if isinstance(result, SitrepError):
        return result, None
    try:
        status = store.ingest(result, learned)
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


Db = Union[Settings, Store]


@contextmanager
def _reading(db: Db) -> Iterator[Connection]:
    """A read connection to ``db``; a database opened here is closed after the call."""
    if isinstance(db, Store):
        with db.engine.connect() as conn:
            yield conn
        return
    with Store(db.db) as store, store.engine.connect() as conn:
        yield conn


def show(article_id: str, settings: Settings) -> Article:
    with Store(settings.db) as store:
        return _with_story(store, store.get(article_id))


def show_last(settings: Settings) -> Article:
    with Store(settings.db) as store:
        return _with_story(store, store.get_last())


def _with_story(store: Store, article: Article) -> Article:
    """The stored article with its story and cluster ids (on it and on each of its events)."""
    with store.engine.connect() as conn:
        ref = stories_query.refs_of(conn, [article.id]).get(article.id)
    return article if ref is None else from_dict(Article, record_with_story(to_dict(article), ref))


def search(query: str, db: Db, limit: int = 20) -> list[dict[str, Any]]:
    """Articles with every word of ``query``, best first, with a snippet."""
    with _reading(db) as conn:
        return sql.search_hits(conn, query, limit)


# -- events ------------------------------------------------------------------------------


def events_page(db: Db, flt: EventFilter = EventFilter(), cursor: Optional[str] = None,
                limit: int = 50) -> dict[str, Any]:
    """Matching events, newest first, one keyset page: ``{"items", "next_cursor", "limit"}``."""
    with _reading(db) as conn:
        rows = sql.events_page(conn, flt, decode_cursor(cursor, 2), limit)
        items = views.event_items(conn, rows[:limit])
    last = rows[limit - 1] if len(rows) > limit else None
    next_cursor = encode_cursor(last.event_date, last.id) if last is not None else None
    return {"items": items, "next_cursor": next_cursor, "limit": limit}


def event_detail(db: Db, event_id: str) -> dict[str, Any]:
    """One event by id or unique prefix (E204 if none): view, record, evidence, mentions, spans."""
    with _reading(db) as conn:
        return views.event_detail(conn, event_id)


def facets(db: Db, flt: EventFilter = EventFilter(), size: int = 20) -> dict[str, Any]:
    with _reading(db) as conn:
        return views.facets(conn, flt, size)


def timeline(db: Db, flt: EventFilter = EventFilter()) -> dict[str, Any]:
    with _reading(db) as conn:
        return views.timeline(conn, flt)


EVENT_FORMATS = ("jsonl", "csv", "geojson", "parquet")


def render_events(items: Iterable[dict[str, Any]], fmt: str, next_cursor: Optional[str] = None) -> Iterator[str]:
    """Event views as JSONL, CSV or GeoJSON text chunks (the one writer of each format)."""
    if fmt == "csv":
        return formats.csv_chunks(items)
    if fmt == "geojson":
        return formats.geojson_chunks(items, next_cursor)
    return formats.jsonl_chunks(items)


def export_events(db: Db, fmt: str, flt: EventFilter = EventFilter(),
                  output: Optional[Path] = None) -> Iterator[str]:
    """Every matching event, newest first, as CSV, JSONL or GeoJSON text; Parquet goes to ``output``."""
    if fmt not in EVENT_FORMATS:
        raise UsageError("E300", input="format", detail=f"events export as {', '.join(EVENT_FORMATS)}")
    if fmt == "parquet" and output is None:
        raise UsageError("E300", input="output", detail="Parquet is binary: give --output FILE")
    with _reading(db) as conn:
        items = (item for rows in sql.iter_event_rows(conn, flt) for item in views.event_items(conn, rows))
        if fmt == "parquet":
            formats.write_parquet(items, output)  # type: ignore[arg-type]
            return
        yield from render_events(items, fmt)


# -- articles and entities ---------------------------------------------------------------


def articles_page(db: Db, q: Optional[str] = None, source: Optional[str] = None, cursor: Optional[str] = None,
                  limit: int = 50, story: Optional[str] = None, language: Optional[str] = None) -> dict[str, Any]:
    """Stored articles, most recently ingested first, one keyset page (of one story, one language if given)."""
    from .query.filters import parse_language

    with _reading(db) as conn:
        rows = sql.articles_page(conn, q, source, decode_cursor(cursor, 2), limit, story, parse_language(language))
    last = rows[limit - 1] if len(rows) > limit else None
    return {"items": [views.article_summary(r) for r in rows[:limit]], "limit": limit,
            "next_cursor": encode_cursor(last.ingested_at, last.id) if last is not None else None}


def article_detail(db: Db, article_id: str) -> dict[str, Any]:
    """The clean text with entity spans and each event's evidence span (E200 if no such article)."""
    with _reading(db) as conn:
        row = sql.article_by_id(conn, article_id)
        if row is None:
            raise NotFoundError("E200", input=article_id)
        events = views.event_items(conn, sql.events_of_article(conn, article_id))
    return views.article_detail(json.loads(row.record), row.outlet, events)


ARTICLE_COLUMNS = ("id", "title", "outlet", "published", "category", "language", "uri", "entities", "events", "issues",
                   "story_id", "cluster_id")


def export_articles(db: Db, fmt: str) -> Iterator[str]:
    """Stored articles as JSONL lines or CSV rows (with a header), ready to write."""
    if fmt not in ("jsonl", "csv"):
        raise UsageError("E300", input="format", detail="articles export as jsonl or csv")
    with _reading(db) as conn:
        refs = stories_query.refs_of(conn, None)
        records = (record_with_story(r, refs.get(r["id"])) for r in map(json.loads, sql.iter_records(conn)))
        if fmt == "jsonl":
            yield from (json.dumps(record, ensure_ascii=False) + "\n" for record in records)
            return
        yield formats.csv_line(ARTICLE_COLUMNS)
        for record in records:
            yield formats.csv_line(_article_row(record))


def _article_row(record: dict[str, Any]) -> tuple:
    src = record.get("source") or {}
    return (record["id"], record.get("title"), src.get("outlet"), record.get("published"), record.get("category"),
            record.get("language"), src.get("uri"), len(record.get("entities", [])), len(record.get("events", [])),
            ";".join(i["code"] for i in record.get("issues", [])), (record.get("story") or {}).get("id"),
            (record.get("story") or {}).get("cluster_id"))


def entities_page(db: Db, q: Optional[str] = None, entity_type: Optional[str] = None, cursor: Optional[str] = None,
                  limit: int = 50) -> dict[str, Any]:
    """Entities across stored articles, each once, in id order, one keyset page."""
    position = decode_cursor(cursor, 1)
    with _reading(db) as conn:
        rows = sql.entities_page(conn, q, entity_type, position[0] if position else None, limit)
    last = rows[limit - 1] if len(rows) > limit else None
    return {"items": [views.entity_json(r) for r in rows[:limit]], "limit": limit,
            "next_cursor": encode_cursor(last.entity_id) if last is not None else None}


def stored_entity(db: Db, entity_id: str, limit: int = 50) -> dict[str, Any]:
    """One entity of the stored articles and the articles naming it, newest first (E203 if none)."""
    with _reading(db) as conn:
        row = sql.entity_by_id(conn, entity_id)
        if row is None:
            raise NotFoundError("E203", input=entity_id)
        articles = [views.entity_article(a) for a in sql.entity_articles(conn, entity_id, limit)]
    return {"entity": views.entity_json(row), "articles": articles}


def list_entities(settings: Settings, query: Optional[str] = None, type_: Optional[str] = None,
                  limit: int = 50) -> list[dict[str, Any]]:
    """Knowledge-base entries (and entities met in stored articles) matching ``query``."""
    from .knowledge.kb import load_knowledge_base

    kb = load_knowledge_base()
    entries = kb.search(query, limit * 2) if query else kb.entries()
    rows = [_kb_row(e) for e in entries if type_ in (None, e.type)][:limit]
    known = {r["id"] for r in rows}
    for found in entities_page(settings, query, type_, None, limit)["items"]:
        if found["id"] not in known:
            rows.append({**_kb_fields(found), "aliases": [], "articles": found["article_count"]})
    return rows[:limit]


def entity_detail(settings: Settings, key: str) -> dict[str, Any]:
    """One entity by knowledge-base id or name: aliases, type, place, and the articles naming it."""
    from .knowledge.kb import load_knowledge_base

    kb = load_knowledge_base()
    entry = kb.get(key) or next(iter(kb.candidates(key)), None) or next(iter(kb.search(key, 1)), None)
    if entry is not None:
        row = _kb_row(entry)
    else:
        found = entities_page(settings, key, None, None, 1)["items"]
        if not found:
            raise NotFoundError("E203", input=key)
        row = {**_kb_fields(found[0]), "aliases": []}
    with _reading(settings) as conn:
        row["articles"] = [views.entity_article(a) for a in sql.entity_articles(conn, row["id"], 50)]
    return row


def _kb_fields(entity: dict[str, Any]) -> dict[str, Any]:
    return {k: entity[k] for k in ("id", "name", "type", "country", "latitude", "longitude")}


def _kb_row(entry: Any) -> dict[str, Any]:
    return {"id": entry.id, "name": entry.name, "type": entry.type, "country": entry.country,
            "aliases": list(entry.aliases), "latitude": entry.latitude, "longitude": entry.longitude,
            "precision": entry.precision, "description": entry.description,
            "translations": {language: list(names) for language, names in entry.translations}}


def stories_page(db: Db, since: Optional[str] = None, cursor: Optional[str] = None,
                 limit: int = 50) -> dict[str, Any]:
    """Stories, last report first, one keyset page; ``since`` (YYYY-MM-DD) keeps those reported since."""
    with _reading(db) as conn:
        rows = stories_query.story_page(conn, since, decode_cursor(cursor, 2), limit)
    last = rows[limit - 1] if len(rows) > limit else None
    return {"items": rows[:limit], "limit": limit,
            "next_cursor": encode_cursor(last["last_report"], last["id"]) if last is not None else None}


def story(db: Db, story_id: str) -> dict[str, Any]:
    """One story (E205 if none) with its articles, event clusters (provenance) and discrepancies."""
    with _reading(db) as conn:
        return stories_query.story_detail(conn, story_id)


def story_refs(db: Db, article_ids: Optional[list[str]] = None) -> dict[str, dict[str, str]]:
    """{article id: {"id": story, "cluster_id": cluster}} (every stored article when ids is None)."""
    with _reading(db) as conn:
        return stories_query.refs_of(conn, article_ids)


def rebuild_stories(settings: Settings) -> dict[str, int]:
    """Re-cluster every stored article from scratch."""
    from .stories_service import rebuild_stories as rebuild

    with Store(settings.db) as store:
        return rebuild(store)
