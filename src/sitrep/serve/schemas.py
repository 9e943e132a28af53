"""Response and request shapes of the REST API; they are what /openapi.json publishes."""

from __future__ import annotations

from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable error code from the one catalogue (sitrep.errors), e.g. E300 "
                      "(bad parameter), E204 (no such event).")
    message: str
    parameter: Optional[str] = Field(None, description="The query parameter to fix, on a 400.")


class ErrorBody(BaseModel):
    error: ErrorDetail


class Party(BaseModel):
    text: Optional[str] = None
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-3.")
    entity: Optional[str] = None


class Place(BaseModel):
    text: Optional[str] = None
    entity: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None


class Position(BaseModel):
    latitude: float
    longitude: float
    basis: str = Field(description="event | location | destination | origin: where the point comes from.")


class Evidence(BaseModel):
    sentence: Optional[int] = None
    start: Optional[int] = Field(None, description="Character offset into the article's clean text.")
    end: Optional[int] = Field(None, description="End offset, exclusive.")
    text: Optional[str] = Field(None, description="The evidence text (article views only).")


class Event(BaseModel):
    id: str
    article_id: str
    type: str
    mode: Optional[str] = None
    date: Optional[str] = None
    certainty: Optional[str] = None
    confidence: Optional[float] = None
    summary: Optional[str] = None
    actor: Optional[Party] = None
    recipient: Optional[Party] = None
    items: list[Optional[str]] = []
    origin: Optional[Place] = None
    destination: Optional[Place] = None
    location: Optional[Place] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    precision: Optional[str] = None
    position: Optional[Position] = None
    evidence: Evidence
    source: Optional[str] = Field(None, description="The article's outlet.")
    source_url: Optional[str] = Field(None, description="The address the article was read from, if known.")
    article_title: Optional[str] = None
    story_id: Optional[str] = Field(None, description="The story of the event's article.")
    cluster_id: Optional[str] = Field(None, description="The event cluster of the event's article.")


class EventPage(BaseModel):
    items: list[Event]
    next_cursor: Optional[str] = Field(None, description="Pass as `cursor` for the next page; null on the last.")
    limit: int


class Mention(BaseModel):
    entity_id: str
    roles: list[str] = Field(description="Roles of the entity in this event (actor, origin, item, ...).")
    start: int
    end: int
    text: str
    label: str
    sentence: Optional[int] = None


class EventSpan(BaseModel):
    id: int
    event_id: str
    article_id: str
    role: str = Field(description="event | trigger | actor | recipient | item | means | origin | destination | "
                      "location | attribution | caveat")
    ordinal: int
    sentence: Optional[int] = None
    start: int
    end: int
    text: str
    name: Optional[str] = None
    kind: Optional[str] = None
    entity_id: Optional[str] = None
    country: Optional[str] = None
    source: Optional[str] = Field(None, description="The article's outlet.")
    certainty: Optional[str] = None
    confidence: Optional[float] = None


class EventDetail(BaseModel):
    event: Event
    record: dict = Field(description="The stored event record (see docs/record.md).")
    evidence_text: Optional[str] = None
    mentions: list[Mention]
    spans: list[EventSpan] = Field(description="Where the event is said: its evidence sentence, trigger, "
                                   "participants, attribution and caveats (docs/record.md).")


class ArticleSummary(BaseModel):
    id: str
    title: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = None
    category: Optional[str] = None
    uri: Optional[str] = None
    ingested_at: str
    entity_count: int
    event_count: int
    story_id: Optional[str] = None
    cluster_id: Optional[str] = None


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    next_cursor: Optional[str] = None
    limit: int


class Span(BaseModel):
    start: int
    end: int
    text: Optional[str] = None
    label: Optional[str] = None


class ArticleEntity(BaseModel):
    id: str
    name: str
    type: str
    kb_id: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    precision: Optional[str] = None
    mentions: list[Span]


class Issue(BaseModel):
    code: str
    message: str
    severity: Optional[str] = None


class ArticleDetail(BaseModel):
    id: str
    title: Optional[str] = None
    source: Optional[str] = None
    uri: Optional[str] = None
    published: Optional[str] = None
    category: Optional[str] = None
    language: Optional[str] = None
    text: str = Field(description="The clean text; every offset refers to it.")
    entities: list[ArticleEntity]
    events: list[Event]
    key_points: list[Span]
    issues: list[Issue]


class Entity(BaseModel):
    id: str
    name: str
    type: str
    kb_id: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    article_count: int
    mention_count: int


class EntityPage(BaseModel):
    items: list[Entity]
    next_cursor: Optional[str] = None
    limit: int


class EntityArticle(BaseModel):
    id: str
    title: Optional[str] = None
    source: Optional[str] = None
    published: Optional[str] = None
    mention_count: int


class EntityDetail(BaseModel):
    entity: Entity
    articles: list[EntityArticle]


class Count(BaseModel):
    value: str
    count: int


class Facets(BaseModel):
    total: int
    type: list[Count]
    country: list[Count]
    actor: list[Count]
    source: list[Count]
    language: list[Count] = []


class Day(BaseModel):
    date: str
    count: int


class Timeline(BaseModel):
    days: list[Day]
    undated: int = Field(description="Matching events that have no date.")


class ArticleIn(BaseModel):
    """One JSONL-style record; exactly the fields `sitrep ingest` reads from a .jsonl line."""

    model_config = ConfigDict(extra="allow")
    id: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    text: Optional[str] = Field(None, description="Already-clean text, kept as given.")
    raw: Optional[str] = Field(None, description="Scraped page text, cleaned first.")
    html: Optional[str] = Field(None, description="An HTML page, extracted first.")


class IngestResult(BaseModel):
    stored: int
    updated: int
    unchanged: int
    failed: int
    ids: list[str]


class StorySummary(BaseModel):
    id: str
    title: Optional[str] = None
    articles: int = Field(description="Reports in the story.")
    clusters: int = Field(description="Event clusters in the story.")
    outlets: int
    languages: int
    first_report: Optional[str] = Field(None, description="Earliest publication (or ingest) time of a report.")
    last_report: Optional[str] = None
    created_at: str
    updated_at: str


class StoryPage(BaseModel):
    items: list[StorySummary]
    next_cursor: Optional[str] = None
    limit: int


class StoryReport(BaseModel):
    article_id: str
    outlet: Optional[str] = None
    language: Optional[str] = None
    date: Optional[str] = None
    title: Optional[str] = None
    event: Optional[dict[str, Any]] = Field(None, description="The report's main event: id, type, certainty, attribution.")
    sentence: Optional[dict[str, Any]] = Field(None, description="Its evidence (or lead) sentence: text, start, end.")
    cites: list[str] = Field(description="Outlets the report cites.")
    origin: list[str] = Field(description="The outlets the report comes from, following citations.")


class EventCluster(BaseModel):
    id: str
    type: Optional[str] = Field(None, description="The commonest event type of its reports.")
    report_count: int
    independent_sources: int = Field(description="Distinct origins: re-reports of one outlet count once.")
    origins: list[str]
    outlets: list[str]
    languages: list[str]
    first_report: Optional[str] = None
    last_report: Optional[str] = None
    reports: list[StoryReport]


class StorySpan(BaseModel):
    article_id: str
    outlet: Optional[str] = None
    start: int
    end: int
    text: str
    role: str


class StoryIssue(BaseModel):
    code: str = Field(description="different_source | different_items | different_numbers | different_place | "
                                  "denial_vs_assertion")
    message: str
    cluster_id: str
    spans: list[StorySpan]


class TimelineArticle(BaseModel):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    language: Optional[str] = None
    published: Optional[str] = None
    day: Optional[str] = None
    cluster_id: str
    events: list[str]


class StoryDetail(StorySummary):
    timeline: list[TimelineArticle]
    event_clusters: list[EventCluster]
    issues: list[StoryIssue]
