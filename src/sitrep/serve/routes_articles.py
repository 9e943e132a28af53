"""/articles, /articles/{id}, POST /articles (with an API key), /entities and /entities/{id}."""

from __future__ import annotations

import io
import json
from typing import Any, Optional

from fastapi import APIRouter, Body, Depends, Header, Query, Request

from .. import service
from ..config import Settings
from ..query.filters import cursor_pattern
from ..store.database import Store
from .deps import reject_unknown_parameters, settings, store
from .limits import check_api_key
from .schemas import (
    ArticleDetail, ArticleIn, ArticlePage, EntityDetail, EntityPage, ErrorBody, IngestResult,
)

PAGE_DEFAULT, PAGE_CAP = 50, 500
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}

router = APIRouter(dependencies=[Depends(reject_unknown_parameters)])


@router.get("/articles", response_model=ArticlePage, responses=ERRORS, tags=["articles"])
def list_articles(q: Optional[str] = Query(None, min_length=1, max_length=500, description="Words, all required."),
                  source: Optional[str] = Query(None, min_length=1, max_length=200,
                                                description="Part of the outlet's name."),
                  story: Optional[str] = Query(None, min_length=1, max_length=64, description="Story id: its articles only."),
                  language: Optional[str] = Query(None, pattern=r"^[A-Za-z]{2}$", description="Language, ISO 639-1."),
                  limit: int = Query(PAGE_DEFAULT, ge=1, le=PAGE_CAP),
                  cursor: Optional[str] = Query(None, max_length=1000, pattern=cursor_pattern(2)),
                  db: Store = Depends(store)) -> Any:
    """Stored articles, most recently ingested first."""
    return service.articles_page(db, q, source, cursor, limit, story, language)


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=ERRORS, tags=["articles"])
def get_article(article_id: str, db: Store = Depends(store)) -> Any:
    """The clean text, its entities with their mention spans, and each event with its evidence span."""
    return service.article_detail(db, article_id)


def require_api_key(x_api_key: Optional[str] = Header(None, description="The server's SITREP_API_KEY.")) -> None:
    """Writes need the key the server was started with (checked first by the WriteGuard
    middleware, before the body is read; here again so that no route mounting skips it)."""
    check_api_key(x_api_key)


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
        raise report.failures[0]
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
                  cursor: Optional[str] = Query(None, max_length=1000, pattern=cursor_pattern(1)),
                  db: Store = Depends(store)) -> Any:
    """Entities across all articles, each once, in id order."""
    return service.entities_page(db, q, type, cursor, limit)


@router.get("/entities/{entity_id:path}", response_model=EntityDetail, responses=ERRORS, tags=["entities"])
def get_entity(entity_id: str, limit: int = Query(PAGE_DEFAULT, ge=1, le=PAGE_CAP, description="Articles shown."),
               db: Store = Depends(store)) -> Any:
    """One entity and the articles that name it, most recent first."""
    return service.stored_entity(db, entity_id, limit)
