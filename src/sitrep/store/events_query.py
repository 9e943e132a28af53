"""Filtered reads of the events table, shared by the CLI and the exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from sqlalchemy import Select, and_, or_, select

from . import schema

EVENT_COLUMNS = (
    "id", "article_id", "type", "mode", "actor_text", "actor_country", "recipient_text", "recipient_country",
    "event_date", "latitude", "longitude", "precision", "certainty", "confidence", "summary", "outlet", "title",
    "start", "end", "story_id", "cluster_id",
)


@dataclass(frozen=True)
class EventFilter:
    """Every filter is optional; all given ones must hold."""

    type: Optional[str] = None
    actor: Optional[str] = None  # ISO-3 or text
    recipient: Optional[str] = None
    country: Optional[str] = None  # actor or recipient country
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    text: Optional[str] = None  # words in the summary or the article
    min_confidence: Optional[float] = None
    source: Optional[str] = None  # outlet name
    bbox: Optional[tuple[float, float, float, float]] = None  # west, south, east, north
    story: Optional[str] = None  # story id: events of its articles


def event_query(f: EventFilter, with_record: bool = False) -> Select:
    """SELECT of events joined with their article, narrowed by ``f``, in date order."""
    e, a, m = schema.events, schema.articles, schema.story_members
    columns = [*(e.c[c] for c in EVENT_COLUMNS if c in e.c), a.c.outlet, a.c.title, m.c.story_id, m.c.cluster_id]
    if with_record:
        columns.append(e.c.record)
    query = select(*columns).join(a, a.c.id == e.c.article_id).outerjoin(m, m.c.article_id == e.c.article_id)
    conditions = list(_conditions(f))
    if conditions:
        query = query.where(and_(*conditions))
    return query.order_by(e.c.event_date, e.c.id)


def _conditions(f: EventFilter) -> Iterator[Any]:
    e, a = schema.events, schema.articles
    if f.type:
        yield e.c.type == f.type.upper()
    if f.actor:
        yield _party(e.c.actor_country, e.c.actor_text, f.actor)
    if f.recipient:
        yield _party(e.c.recipient_country, e.c.recipient_text, f.recipient)
    if f.country:
        yield or_(e.c.actor_country == f.country.upper(), e.c.recipient_country == f.country.upper())
    if f.date_from:
        yield e.c.event_date >= f.date_from
    if f.date_to:
        yield e.c.event_date <= f.date_to + "\uffff"
    if f.min_confidence is not None:
        yield e.c.confidence >= f.min_confidence
    if f.source:
        yield a.c.outlet.ilike(f"%{f.source}%")
    if f.text:
        yield or_(e.c.summary.ilike(f"%{f.text}%"), a.c.title.ilike(f"%{f.text}%"))
    if f.story:
        yield schema.story_members.c.story_id == f.story
    if f.bbox:
        west, south, east, north = f.bbox
        yield and_(e.c.longitude.between(west, east), e.c.latitude.between(south, north))


def _party(country_col: Any, text_col: Any, value: str) -> Any:
    if len(value) == 3 and value.isalpha():
        return or_(country_col == value.upper(), text_col.ilike(f"%{value}%"))
    return text_col.ilike(f"%{value}%")


def iter_events(conn: Any, f: EventFilter, limit: Optional[int] = None,
                with_record: bool = False) -> Iterator[dict[str, Any]]:
    """Matching events as flat dicts (the export columns), plus the full ``record`` if asked."""
    query = event_query(f, with_record)
    if limit is not None:
        query = query.limit(limit)
    for row in conn.execute(query).mappings():
        yield dict(row)
