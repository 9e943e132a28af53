"""The one data model of sitrep: an article and everything found in it.

Every stage receives an :class:`Article` and returns a new one with its own fields filled
(the dataclasses are frozen; stages use :func:`dataclasses.replace`). Sub-records point into
``Article.text`` by character offsets (``start``/``end``, end exclusive) and at each other by
id, never by copies. :func:`to_dict` and :func:`from_dict` give the JSON record and back.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Optional, TypeVar

RECORD_VERSION = "1.0"

T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """Where an article came from."""

    uri: Optional[str] = None  # file path, URL or "stdin"
    outlet: Optional[str] = None  # publisher name or host, when known
    input_id: Optional[str] = None  # the id given in a JSONL record, kept verbatim
    kind: str = "text"  # how the content arrived: text | raw | html
    line: Optional[int] = None  # line number inside a JSONL file
    # the metadata fields a JSONL record named (title, published), even null or empty: with a
    # `text` body a title or date is expected only when the record has its field
    declared: tuple[str, ...] = field(default=(), metadata={"record": False})


@dataclass(frozen=True)
class RawDocument:
    """One input before cleaning: what a reader found in a file, a record or stdin."""

    source: Source
    content: str
    title: Optional[str] = None
    published: Optional[str] = None
    guessed_encoding: Optional[str] = None  # set when the bytes were not UTF-8
    nul_removed: int = 0  # NUL characters taken out of the content
    origin: Optional[str] = None  # where it was read ("dump.jsonl:7", "stdin"), for error messages

    def describe(self) -> str:
        return self.origin or self.source.uri or "<input>"


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: str = "body"  # lede | key_point | heading | body


@dataclass(frozen=True)
class Section:
    """A headed part of the article; ``start``/``end`` cover heading and body."""

    heading: Optional[str]
    start: int
    end: int
    heading_start: Optional[int] = None
    heading_end: Optional[int] = None


@dataclass(frozen=True)
class KeyPoint:
    """One of the page's own summary bullets, kept as a span of the clean text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Credit:
    """A photo or media credit removed from the body ("Photo — www.wsj.com")."""

    text: str
    source: Optional[str] = None  # the credited outlet or host
    kind: str = "photo"
    offset: Optional[int] = None  # where in the clean text it stood


@dataclass(frozen=True)
class CitedSource:
    """An outlet or document the article cites as its source."""

    name: str
    domain: Optional[str] = None
    via: str = "credit"  # credit | text
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    language: Optional[str] = None  # set only where the sentence is surely in another language than the article


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    sentence: Optional[int] = None


@dataclass(frozen=True)
class Entity:
    """One thing the article names, with every mention of it.

    ``kb_id`` is the knowledge-base id when linked; otherwise ``unresolved`` says why.
    """

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...] = ()
    kb_id: Optional[str] = None
    unresolved: Optional[str] = None
    country: Optional[str] = None  # ISO 3166-1 alpha-3 where the entity is or belongs
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    precision: Optional[str] = None  # facility | city | region | country
    reason: Optional[str] = None  # why this link or place was chosen


@dataclass(frozen=True)
class Placement:
    """Where a toponym is: its span, point, precision (facility | city | region | country),
    GeoNames id when the place has one, ISO-3 country, and why this place was chosen."""

    start: int
    end: int
    text: str
    latitude: float
    longitude: float
    precision: str
    geonameid: Optional[int]
    country: Optional[str]
    reason: str


@dataclass(frozen=True)
class PlaceReadings:
    """What the geoparser read in one article, for the stage that places its entities (the
    fact ``places``, in the per-article scratch; not part of the record).

    ``toponyms`` are all the names it resolved, ``recognised`` those it found in the text
    itself (not only as an entity's mention), ``found`` their readings; ``own_names`` are the
    read names a place is known by as its own primary name, ``own_places`` those that name a
    place themselves, not as a demonym ("Russian"); ``country_points`` the point of each
    country an entity of the article belongs to."""

    toponyms: tuple[tuple[int, int, str], ...] = ()
    recognised: tuple[tuple[int, int, str], ...] = ()
    found: tuple[Placement, ...] = ()
    own_names: frozenset[str] = frozenset()
    own_places: frozenset[str] = frozenset()
    country_points: tuple[tuple[str, float, float], ...] = ()


@dataclass(frozen=True)
class SpanRef:
    start: int
    end: int
    role: Optional[str] = None


@dataclass(frozen=True)
class ArticleIssue:
    """A check a careful reader makes, with the spans involved."""

    code: str
    message: str
    severity: str = "warning"  # info | warning | error
    spans: tuple[SpanRef, ...] = ()


@dataclass(frozen=True)
class Participant:
    text: str
    entity: Optional[str] = None  # Entity.id in the same article
    country: Optional[str] = None
    sector: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass(frozen=True)
class Attribution:
    kind: str  # outlet | cited_outlet | official | person | organisation
    text: str
    start: Optional[int] = None
    end: Optional[int] = None


@dataclass(frozen=True)
class Caveat:
    """A qualification the article attaches to an event ("officials are unsure whether ...")."""

    text: str
    start: int
    end: int
    source: Optional[str] = None


@dataclass(frozen=True)
class Event:
    """One coded event: PLOVER type and mode, participants, place, time, source and certainty.

    ``start``/``end`` cover the evidence sentence; each participant carries its own span.
    """

    id: str
    type: str
    sentence: int
    start: int
    end: int
    mode: Optional[str] = None
    actor: Optional[Participant] = None
    recipient: Optional[Participant] = None
    items: tuple[Participant, ...] = ()
    means: tuple[Participant, ...] = ()
    origin: Optional[Participant] = None
    destination: Optional[Participant] = None
    location: Optional[Participant] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    precision: Optional[str] = None
    date: Optional[str] = None
    date_precision: Optional[str] = None
    tense: Optional[str] = None  # past | ongoing | future
    certainty: str = "asserted"  # asserted | reported | hedged | negated | speculative | historical
    attribution: tuple[Attribution, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    trigger: Optional[SpanRef] = None
    confidence: float = 0.0
    summary: Optional[str] = None
    coder: Optional[str] = None
    story_id: Optional[str] = None  # the story and event cluster of its article (from the database)
    cluster_id: Optional[str] = None


@dataclass(frozen=True)
class Relation:
    """A standing tie the article states ("Wagner has close ties to Haftar"): background, not an event."""

    kind: str
    subject: Participant
    object: Participant
    start: int
    end: int
    sentence: Optional[int] = None


@dataclass(frozen=True)
class StoryRef:
    """The story and the event cluster an article belongs to, as the database holds them."""

    id: str
    cluster_id: Optional[str] = None


@dataclass(frozen=True)
class StageVersion:
    name: str
    version: str


@dataclass(frozen=True)
class Article:
    id: str
    source: Source
    text: str
    title: Optional[str] = None
    category: Optional[str] = None
    published: Optional[str] = None  # ISO 8601 date or datetime; None when the page has none
    published_basis: Optional[str] = None  # field (the input's) | page (HTML metadata) | text | title | url
    published_span: Optional[SpanRef] = None  # where in the text, when the basis is text
    language: Optional[str] = None  # ISO 639-1, detected from the text; None when unsure
    language_confidence: Optional[float] = None  # the detector's confidence in ``language`` (0-1)
    summary: Optional[str] = None
    key_points: tuple[KeyPoint, ...] = ()
    sections: tuple[Section, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    credits: tuple[Credit, ...] = ()
    cited_sources: tuple[CitedSource, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    issues: tuple[ArticleIssue, ...] = ()
    story: Optional[StoryRef] = None  # filled when the article is read from a database
    stages: tuple[StageVersion, ...] = ()
    record_version: str = RECORD_VERSION
    # Working notes of the cleaning step (guessed encoding, boilerplate removed); not in the record.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, metadata={"record": False})


_PLAIN = (str, int, float, bool, type(None))


def to_dict(obj: Any) -> Any:
    """A dataclass tree as plain JSON-ready values (tuples become lists)."""
    if isinstance(obj, _PLAIN):
        return obj
    names = _record_fields(type(obj))
    if names is not None:  # plain values are kept inline: most fields are, and calls are the cost
        return {name: v if isinstance(v := getattr(obj, name), _PLAIN) else to_dict(v) for name in names}
    if isinstance(obj, (list, tuple)):
        return [v if isinstance(v, _PLAIN) else to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


@functools.lru_cache(maxsize=None)
def _record_fields(cls: type) -> Optional[tuple[str, ...]]:
    """The names of the fields of a dataclass that go into records; None for any other type."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("record", True))


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass tree from :func:`to_dict` output; unknown keys are ignored."""
    return _convert(cls, data)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(args[0], value) if len(args) == 1 else value
    if origin is tuple:
        (inner, _ellipsis) = typing.get_args(tp)
        return tuple(_convert(inner, v) for v in value)
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        return tp(**{k: _convert(hints[k], v) for k, v in value.items() if k in names})
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(tp: type) -> dict[str, Any]:
    if tp not in _HINTS:
        _HINTS[tp] = typing.get_type_hints(tp)
    return _HINTS[tp]
