"""/articles, /articles/{id}, POST /articles (with an API key), /entities and /entities/{id}."""

from __future__ import annotations

import io
import json
from typing import Any, Optional

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from sqlalchemy import Connection

from .. import service
from ..config import Settings
from . import queries, records
from .api_errors import ApiError
from .deps import connection, settings
from .limits import Refusal, check_api_key
from .filters import decode_cursor, encode_cursor
from .schemas import (
    ArticleDetail, ArticleIn, ArticlePage, EntityDetail, EntityPage, ErrorBody, IngestResult,
)

PAGE_DEFAULT, PAGE_CAP = 50, 500
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}

router = APIRouter()


@router.get("/articles", response_model=ArticlePage, responses=ERRORS, tags=["articles"])
def list_articles(q: Optional[str] = Query(None, min_length=1, max_length=500, description="Words, all required."),
                  source: Optional[str] = Query(None, min_length=1, max_length=200, description="Outlet, exact."),
                  story: Optional[str] = Query(None, min_length=1, max_length=64, description="Story id: its articles only."),
                  limit: int = Query(PAGE_DEFAULT, ge=1, le=PAGE_CAP),
                  cursor: Optional[str] = Query(None, max_length=1000),
                  conn: Connection = Depends(connection)) -> Any:
    """Stored articles, most recently ingested first."""
    rows = queries.articles_page(conn, q, source, decode_cursor(cursor, 2), limit, story)
    last = rows[limit - 1] if len(rows) > limit else None
    return {"items": [records.article_summary(r) for r in rows[:limit]], "limit": limit,
            "next_cursor": encode_cursor(last.ingested_at, last.id) if last is not None else None}


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=ERRORS, tags=["articles"])
def get_article(article_id: str, conn: Connection = Depends(connection)) -> Any:
    """The clean text, its entities with their mention spans, and each event with its evidence span."""
    row = queries.article_by_id(conn, article_id)
    if row is None:
        raise ApiError(404, "E200", f"no article with id {article_id} in the database")
    events = records.event_items(conn, queries.events_of_article(conn, article_id))
    return records.article_detail(json.loads(row.record), row.outlet, events)


def require_api_key(x_api_key: Optional[str] = Header(None, description="The server's SITREP_API_KEY.")) -> None:
    """Writes need the key the server was started with (checked first by the WriteGuard
    middleware, before the body is read; here again so that no route mounting skips it)."""
    try:
        check_api_key(x_api_key)
    except Refusal as refusal:
        raise ApiError(refusal.status, refusal.code, refusal.message) from None


@router.post("/articles", response_model=IngestResult, status_code=201, tags=["articles"],
             dependencies=[Depends(require_api_key)],
             responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                        413: {"model": ErrorBody}, 429: {"model": ErrorBody}})
def post_article(request: Request, record: ArticleIn = Body(...),
                 config: Settings = Depends(settings)) -> Any:
    """Ingest one JSONL-style record, exactly as `sitrep ingest` reads a .jsonl line."""
    line = json.dumps(record.model_dump(exclude_none=True), ensure_ascii=False).encode()
    report = service.ingest(["-"], config, pipeline=_pipeline(request), stdin=io.BytesIO(line))
    if report.failures:
        failure = report.failures[0]
        raise ApiError(400, failure.code, failure.message)
    return {k: v for k, v in report.to_dict().items() if k != "failures"}


def _pipeline(request: Request) -> Any:
    """The NLP pipeline, built on the first write and kept (loading spaCy takes seconds)."""
    state = request.app.state
    if getattr(state, "pipeline", None) is None:
        from ..pipeline import default_pipeline

        state.pipeline = default_pipeline(state.settings.spacy_model)
    return state.pipeline


@router.get("/entities", response_model=EntityPage, responses=ERRORS, tags=["entities"])
def list_entities(q: Optional[str] = Query(None, min_length=1, max_length=200, description="Part of the name."),
                  type: Optional[str] = Query(None, min_length=1, max_length=32, description="Entity type, exact."),
                  limit: int = Query(PAGE_DEFAULT, ge=1, le=PAGE_CAP),
                  cursor: Optional[str] = Query(None, max_length=1000),
                  conn: Connection = Depends(connection)) -> Any:
    """Entities across all articles, each once, in id order."""
    position = decode_cursor(cursor, 1)
    rows = queries.entities_page(conn, q, type, position[0] if position else None, limit)
    last = rows[limit - 1] if len(rows) > limit else None
    return {"items": [records.entity_json(r) for r in rows[:limit]], "limit": limit,
            "next_cursor": encode_cursor(last.entity_id) if last is not None else None}


@router.get("/entities/{entity_id:path}", response_model=EntityDetail, responses=ERRORS, tags=["entities"])
def get_entity(entity_id: str, limit: int = Query(PAGE_DEFAULT, ge=1, le=PAGE_CAP, description="Articles shown."),
               conn: Connection = Depends(connection)) -> Any:
    """One entity and the articles that name it, most recent first."""
    row = queries.entity_by_id(conn, entity_id)
    if row is None:
        raise ApiError.not_found(f"no entity with id {entity_id}")
    articles = [{"id": a.id, "title": a.title, "source": a.outlet, "published": a.published,
                 "mention_count": int(a.mention_count)} for a in queries.entity_articles(conn, entity_id, limit)]
    return {"entity": records.entity_json(row), "articles": articles}
