"""Rows of the ``event_mentions`` table: where each event, and each part of it, is said.

Like GDELT's mentions table, at the grain of a span: one row for the event's evidence
sentence (role ``event``), one for its trigger, one per participant (``actor``,
``recipient``, ``item``, ``means``, ``origin``, ``destination``, ``location``), one per
attribution that points into the text and one per caveat. ``text`` is always the article's
clean text sliced by ``start``/``end``; ``name`` is what the record calls the span (an
attribution resolved to "The Wall Street Journal" where the text says "the publication").
Spans the record gives no offsets for (an ``outlet`` attribution, the event's date) have
no row. The same rows come from a live :class:`Article` on ingest and from stored JSON
records when migration 3 backfills an older database.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Iterator, Optional

from sqlalchemy import Connection, exists, select

from ..model import Article, Event, Participant, from_dict
from . import schema
from .rows import insert_rows

ROLES = ("event", "trigger", "actor", "recipient", "item", "means", "origin", "destination", "location",
         "attribution", "caveat")


@dataclass(frozen=True)
class ArticleContext:
    """What a mention row needs from its article: id, clean text, outlet and sentence starts."""

    id: str
    text: str
    outlet: Optional[str]
    sentence_starts: tuple[int, ...]

    @classmethod
    def of(cls, article: Article) -> "ArticleContext":
        return cls(article.id, article.text, article.source.outlet, tuple(s.start for s in article.sentences))

    @classmethod
    def of_record(cls, article_id: str, text: str, outlet: Optional[str], record: dict[str, Any]) -> "ArticleContext":
        starts = tuple(int(s["start"]) for s in record.get("sentences") or ())
        return cls(article_id, text, outlet, starts)

    def sentence_of(self, offset: int) -> Optional[int]:
        index = bisect_right(self.sentence_starts, offset) - 1
        return index if index >= 0 else None


@dataclass(frozen=True)
class Span:
    """One span of an event record, before it becomes a row."""

    role: str
    ordinal: int
    start: Optional[int]
    end: Optional[int]
    name: Optional[str] = None
    kind: Optional[str] = None
    entity_id: Optional[str] = None
    country: Optional[str] = None


def event_spans(event: Event) -> Iterator[Span]:
    """Every span of ``event`` in record order, offsets or not."""
    yield Span("event", 0, event.start, event.end)
    if event.trigger is not None:
        yield Span("trigger", 0, event.trigger.start, event.trigger.end)
    yield from _participant_span("actor", 0, event.actor)
    yield from _participant_span("recipient", 0, event.recipient)
    for number, item in enumerate(event.items):
        yield from _participant_span("item", number, item)
    for number, means in enumerate(event.means):
        yield from _participant_span("means", number, means)
    yield from _participant_span("origin", 0, event.origin)
    yield from _participant_span("destination", 0, event.destination)
    yield from _participant_span("location", 0, event.location)
    for number, layer in enumerate(event.attribution):
        yield Span("attribution", number, layer.start, layer.end, name=layer.text, kind=layer.kind)
    for number, caveat in enumerate(event.caveats):
        yield Span("caveat", number, caveat.start, caveat.end, name=caveat.source)


def _participant_span(role: str, number: int, participant: Optional[Participant]) -> Iterator[Span]:
    if participant is not None:
        yield Span(role, number, participant.start, participant.end, name=participant.text,
                   entity_id=participant.entity, country=participant.country)


def mention_rows(event: Event, article: ArticleContext) -> list[dict[str, Any]]:
    """The ``event_mentions`` rows of one event: its spans that lie inside the article's text."""
    rows = []
    for span in event_spans(event):
        if span.start is not None and span.end is not None and 0 <= span.start < span.end <= len(article.text):
            rows.append(_row(event, article, span, span.start, span.end))
    return rows


def _row(event: Event, article: ArticleContext, span: Span, start: int, end: int) -> dict[str, Any]:
    sentence = event.sentence if span.role == "event" else article.sentence_of(start)
    return dict(
        event_id=event.id, article_id=article.id, role=span.role, ordinal=span.ordinal, sentence=sentence,
        start=start, end=end, text=article.text[start:end], name=span.name, kind=span.kind,
        entity_id=span.entity_id, country=span.country, source=article.outlet, certainty=event.certainty,
        confidence=event.confidence,
    )


def insert_article_mentions(conn: Connection, article: Article) -> None:
    """Write the mention rows of every event of ``article`` (its events rows exist already)."""
    insert_mentions_of(conn, [article])


def insert_mentions_of(conn: Connection, articles: list[Article]) -> None:
    """The mention rows of every event of ``articles``, in one statement."""
    rows = []
    for article in articles:
        context = ArticleContext.of(article)
        rows.extend(row for event in article.events for row in mention_rows(event, context))
    insert_rows(conn, schema.event_mentions, rows)


def backfill(conn: Connection) -> int:
    """Mention rows for stored events that have none, from their JSON records; returns rows written."""
    written = 0
    for article_id in _articles_to_backfill(conn):
        written += _backfill_article(conn, article_id)
    return written


def _articles_to_backfill(conn: Connection) -> list[str]:
    e, m = schema.events, schema.event_mentions
    missing = ~exists().where(m.c.event_id == e.c.id)
    query = select(e.c.article_id).where(missing).distinct().order_by(e.c.article_id)
    return list(conn.execute(query).scalars())


def _backfill_article(conn: Connection, article_id: str) -> int:
    a, e, m = schema.articles, schema.events, schema.event_mentions
    row = conn.execute(select(a.c.text, a.c.outlet, a.c.record).where(a.c.id == article_id)).one()
    context = ArticleContext.of_record(article_id, row.text, row.outlet, json.loads(row.record))
    events = conn.execute(select(e.c.record).where(e.c.article_id == article_id, ~exists().where(m.c.event_id == e.c.id))
                          .order_by(e.c.id)).scalars()
    rows = [r for record in events for r in mention_rows(from_dict(Event, json.loads(record)), context)]
    if rows:
        conn.execute(m.insert(), rows)
    return len(rows)


MENTION_COLUMNS = ("id", "event_id", "article_id", "role", "ordinal", "sentence", "start", "end", "text", "name",
                   "kind", "entity_id", "country", "source", "certainty", "confidence")


def event_mentions(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    """The mention rows of one event, in record order (evidence sentence first)."""
    m = schema.event_mentions
    query = select(*(m.c[c] for c in MENTION_COLUMNS)).where(m.c.event_id == event_id).order_by(m.c.id)
    return [dict(r) for r in conn.execute(query).mappings()]
