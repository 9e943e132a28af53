"""/stories and /stories/{id}: stories with their event clusters, sources and discrepancies."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Query

from .. import service
from ..query.filters import cursor_pattern, parse_day
from ..store.database import Store
from .deps import reject_unknown_parameters, store
from .routes_events import DAY_FORMAT, DAY_PATTERN
from .schemas import ErrorBody, StoryDetail, StoryPage

PAGE_DEFAULT, PAGE_CAP = 50, 500
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}

router = APIRouter(tags=["stories"], dependencies=[Depends(reject_unknown_parameters)])


@router.get("/stories", response_model=StoryPage, responses=ERRORS)
def list_stories(since: Optional[str] = Query(None, pattern=DAY_PATTERN, json_schema_extra=DAY_FORMAT,
                                              description="Stories reported on or after this day (YYYY-MM-DD)."),
                 limit: int = Query(PAGE_DEFAULT, ge=1, le=PAGE_CAP),
                 cursor: Optional[str] = Query(None, max_length=1000, pattern=cursor_pattern(2)),
                 db: Store = Depends(store)) -> Any:
    """Stories, last report first, one page at a time (keyset pagination)."""
    parse_day("since", since)
    return service.stories_page(db, since, cursor, limit)


@router.get("/stories/{story_id}", response_model=StoryDetail, responses=ERRORS)
def get_story(story_id: str, db: Store = Depends(store)) -> Any:
    """One story: its articles in time order, its event clusters with reports, origins and
    independent-source counts, and where the reports disagree (with spans)."""
    return service.story(db, story_id)
