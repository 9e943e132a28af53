"""The one module that knows the order of the stages.

A stage is any object with ``name``, ``version``, ``requires`` and ``provides`` and a call
``stage(article, scratch) -> article``. ``scratch`` carries per-article working state that is
not part of the record (the spaCy ``Doc``). Needs and gifts are facts: an
:class:`~sitrep.model.Article` field (``sentences``, ``issues``), ``doc`` (the parsed Doc in
``scratch``), or a finer fact about a field, ``field:stage-of-it`` — ``entities:recognized``
(nlp), ``entities:linked`` (link: ids, types, knowledge-base links), ``place-readings`` (geo:
what each toponym is read as, in ``scratch``), ``entities:placed`` (places: coordinates). Providing ``entities:linked`` also provides ``entities``. :class:`Pipeline`
checks when it is built that every stage's needs are met by the cleaning step or an earlier
stage, so a pipeline in a wrong order (geo before link) raises :class:`PipelineOrderError`.

Routing by language: a stage may declare ``languages`` (ISO 639-1 codes it reads; absent means
any text). A stage is run only on articles in one of its languages (an article of unknown
language goes the English way); the others are skipped and named in one
``language_not_supported`` issue. A stage that declares ``replaces`` (the name of the stage it
stands in for, on other languages) is not named when the stage it replaces ran.
"""

from __future__ import annotations

import logging
import time
from functools import lru_cache
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Optional, Protocol, Sequence, Union

from .clean.build import build_article
from .errors import InputError, SitrepError
from .model import Article, ArticleIssue, RawDocument, StageVersion

log = logging.getLogger(__name__)

CLEAN_PROVIDES = frozenset({
    "id", "source", "text", "title", "category", "published", "language", "language_confidence", "key_points",
    "sections", "paragraphs", "credits", "cited_sources",
})


@dataclass
class Scratch:
    """Working state for one article while it passes through the stages."""

    doc: Any = None
    title_doc: Any = None  # the parsed title, when the article has one
    memory: Any = None  # the entity memory the link stage recalls from and learns into
    place_readings: Any = None  # what the geoparser read (PlaceReadings), for the place stage
    values: dict[str, Any] = field(default_factory=dict)


class Stage(Protocol):
    name: str
    version: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, article: Article, scratch: Scratch) -> Article: ...


class PipelineOrderError(ValueError):
    """A stage needs a field that no earlier stage provides (a programming error)."""


class Pipeline:
    """Clean, then run each stage in order; one failed article never stops the others."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = tuple(stages)
        self.timings: dict[str, float] = {}  # seconds spent per stage, summed over articles
        self._check_order()

    def _check_order(self) -> None:
        available = set(CLEAN_PROVIDES)
        for number, stage in enumerate(self.stages):
            missing = [r for r in stage.requires if r not in available]
            if missing:
                raise PipelineOrderError(_order_message(stage, missing, self.stages[number + 1:]))
            available.update(stage.provides)
            available.update(fact.split(":")[0] for fact in stage.provides)

    def process(self, raw: RawDocument, memory: Any = None) -> Article:
        """The full record for one raw document (raises SitrepError for bad input); ``memory``
        is the entity memory the link stage reads and writes (none: names are not remembered)."""
        began = time.perf_counter()
        article = build_article(raw)
        self._tick("clean", began)
        scratch = Scratch(memory=memory)
        skipped: list[Stage] = []
        for stage in self.stages:
            if not runs_on(stage, article.language):
                skipped.append(stage)
                continue
            began = time.perf_counter()
            article = stage(article, scratch)
            self._tick(stage.name, began)
            article = replace(article, stages=article.stages + (StageVersion(stage.name, stage.version),))
        return _note_skipped(article, skipped, [s for s in self.stages if s not in skipped])

    def _tick(self, name: str, began: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - began

    def process_many(self, items: Iterable[Union[RawDocument, SitrepError]]) -> Iterator[Union[Article, SitrepError]]:
        """Records for every document; inputs that failed, or fail here, come out as errors."""
        for item in items:
            yield item if isinstance(item, SitrepError) else self.process_isolated(item)

    def process_learning(self, items: Iterable[Union[RawDocument, SitrepError]],
                         memory: Any = None) -> Iterator[tuple[Union[Article, SitrepError], list[dict]]]:
        """Each record (or error) with the entity-memory rows it taught. Every article reads a
        fresh layer over ``memory``, so its record depends only on ``memory`` and not on the
        articles beside it in the batch: one process, many, or a server give the same records."""
        for item in items:
            if isinstance(item, SitrepError):
                yield item, []
                continue
            layer = memory.layer() if memory is not None else None
            result = self.process_isolated(item, layer)
            yield result, (layer.take_unsaved() if layer is not None and isinstance(result, Article) else [])

    def process_isolated(self, raw: RawDocument, memory: Any = None) -> Union[Article, SitrepError]:
        """The record for ``raw``, or a coded error for it whatever went wrong: the isolation
        boundary of one input (an unexpected exception is logged and becomes E112 naming its class)."""
        try:
            return self.process(raw, memory)
        except SitrepError as err:
            if err.input == raw.describe():
                return err
            return type(err)(err.code, input=raw.describe(), detail=err.detail, line=err.line)
        except Exception as exc:  # noqa: BLE001 - one input's failure never stops the batch
            log.exception("processing %s failed", raw.describe())
            return unexpected_error(raw.describe(), exc)

    def versions(self) -> tuple[StageVersion, ...]:
        return tuple(StageVersion(s.name, s.version) for s in self.stages)


def _order_message(stage: Stage, missing: list[str], later: Sequence[Stage]) -> str:
    providers = {fact: [s.name for s in later if fact in s.provides] for fact in missing}
    hints = [f"{fact} comes from {', '.join(names)}, which runs after it" for fact, names in providers.items() if names]
    return (f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage provides"
            + (f" ({'; '.join(hints)}): put {stage.name!r} after it" if hints else ""))


def unexpected_error(name: str, exc: BaseException) -> InputError:
    """The coded error for an input whose processing raised ``exc`` (a bug, reported with its class)."""
    return InputError("E112", input=name, detail=f"{type(exc).__name__}: {exc}"[:500])


def runs_on(stage: Stage, language: Optional[str]) -> bool:
    """Whether ``stage`` reads text in ``language`` (unknown counts as English)."""
    languages = getattr(stage, "languages", None)
    return languages is None or (language or "en") in languages


def _note_skipped(article: Article, skipped: list[Stage], ran: list[Stage]) -> Article:
    """One issue naming the stages the article's language kept from running (a warning when
    no stage coded its events)."""
    names = {s.name for s in ran}
    named = [s.name for s in skipped if getattr(s, "replaces", None) not in names]
    if not named:
        return article
    unread = not any("events" in s.provides for s in ran)
    issue = ArticleIssue(
        "language_not_supported",
        f"Not run on text in {article.language or 'an unknown language'}: {', '.join(named)}",
        severity="warning" if unread else "info")
    return replace(article, issues=article.issues + (issue,))


def default_pipeline(model: Optional[str] = None, coder: Any = None) -> Pipeline:
    """The standard pipeline: NLP with knowledge-base patterns, linking, places, checks, events
    for English; sentences, multilingual names and cross-lingual events for other languages."""
    from .checks.basic import BasicChecks
    from .checks.content import ContentChecks
    from .coding.multilingual_stage import MultilingualEvents
    from .geo.stage import GeoStage
    from .link.multilingual import MultilingualNames
    from .link.places import PlaceEntities
    from .link.stage import LinkStage
    from .nlp.languages import SentenceLanguages
    from .nlp.segment import SentenceSplitter

    stages: list[Stage] = [shared_spacy_stage(model), SentenceSplitter(), SentenceLanguages(),
                           LinkStage(), MultilingualNames(), GeoStage(), PlaceEntities(), ContentChecks()]
    stages += [_event_stage(coder), MultilingualEvents(), BasicChecks()]
    return Pipeline(stages)


def _event_stage(coder: Any) -> Any:
    from .coding.sentence import SentenceCoder
    from .coding.stage import EventStage

    return EventStage(coder or SentenceCoder())


@lru_cache(maxsize=2)
def shared_spacy_stage(model: Optional[str] = None) -> Any:
    """The spaCy stage with the knowledge-base patterns added, built once per process."""
    from .knowledge.kb import load_knowledge_base
    from .nlp.recognize import add_entity_patterns
    from .nlp.spacy_stage import DEFAULT_MODEL, SpacyStage, load_pipeline

    nlp = load_pipeline(model or DEFAULT_MODEL)
    if "sitrep_kb_ruler" not in nlp.pipe_names:
        add_entity_patterns(nlp, load_knowledge_base())
    return SpacyStage(nlp)
