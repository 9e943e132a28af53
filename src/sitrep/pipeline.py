"""The one module that knows the order of the stages.

A stage is any object with ``name``, ``version``, ``requires`` and ``provides`` (names of
:class:`~sitrep.model.Article` fields) and a call ``stage(article, scratch) -> article``.
``scratch`` carries per-article working state that is not part of the record (the spaCy
``Doc``). :class:`Pipeline` checks when it is built that every stage's needs are met by the
cleaning step or an earlier stage.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Optional, Protocol, Sequence, Union

from .clean.build import build_article
from .errors import InputError, SitrepError
from .model import Article, RawDocument, StageVersion

log = logging.getLogger(__name__)

CLEAN_PROVIDES = frozenset({
    "id", "source", "text", "title", "category", "published", "language", "key_points",
    "sections", "paragraphs", "credits", "cited_sources",
})


@dataclass
class Scratch:
    """Working state for one article while it passes through the stages."""

    doc: Any = None
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
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in available]
            if missing:
                raise PipelineOrderError(f"stage {stage.name} needs {missing}, which no earlier stage provides")
            available.update(stage.provides)

    def process(self, raw: RawDocument) -> Article:
        """The full record for one raw document (raises SitrepError for bad input)."""
        began = time.perf_counter()
        article = build_article(raw)
        self._tick("clean", began)
        scratch = Scratch()
        for stage in self.stages:
            began = time.perf_counter()
            article = stage(article, scratch)
            self._tick(stage.name, began)
            article = replace(article, stages=article.stages + (StageVersion(stage.name, stage.version),))
        return article

    def _tick(self, name: str, began: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - began

    def process_many(self, items: Iterable[Union[RawDocument, SitrepError]]) -> Iterator[Union[Article, SitrepError]]:
        """Records for every document; inputs that failed, or fail here, come out as errors."""
        for item in items:
            yield item if isinstance(item, SitrepError) else self.process_isolated(item)

    def process_isolated(self, raw: RawDocument) -> Union[Article, SitrepError]:
        """The record for ``raw``, or a coded error for it whatever went wrong: the isolation
        boundary of one input (an unexpected exception is logged and becomes E112 naming its class)."""
        try:
            return self.process(raw)
        except SitrepError as err:
            if err.input == raw.describe():
                return err
            return type(err)(err.code, input=raw.describe(), detail=err.detail, line=err.line)
        except Exception as exc:  # noqa: BLE001 - one input's failure never stops the batch
            log.exception("processing %s failed", raw.describe())
            return unexpected_error(raw.describe(), exc)

    def versions(self) -> tuple[StageVersion, ...]:
        return tuple(StageVersion(s.name, s.version) for s in self.stages)


def unexpected_error(name: str, exc: BaseException) -> InputError:
    """The coded error for an input whose processing raised ``exc`` (a bug, reported with its class)."""
    return InputError("E112", input=name, detail=f"{type(exc).__name__}: {exc}"[:500])


def default_pipeline(model: Optional[str] = None, coder: Any = None, memory: Any = None) -> Pipeline:
    """The standard pipeline: NLP with knowledge-base patterns, linking, places, checks, events."""
    from .checks.basic import BasicChecks
    from .checks.content import ContentChecks
    from .geo.stage import GeoStage
    from .link.stage import LinkStage

    stages: list[Stage] = [SpacyStageFactory.build(model), LinkStage(memory=memory), GeoStage(), ContentChecks()]
    stages.append(_event_stage(coder))
    stages.append(BasicChecks())
    return Pipeline(stages)


def _event_stage(coder: Any) -> Any:
    from .coding.sentence import SentenceCoder
    from .coding.stage import EventStage

    return EventStage(coder or SentenceCoder())


class SpacyStageFactory:
    """The spaCy stage with the knowledge-base patterns added, built once per process."""

    _cache: dict[str, Any] = {}

    @classmethod
    def build(cls, model: Optional[str] = None) -> Any:
        from .link.kb import load_knowledge_base
        from .link.recognize import add_entity_patterns
        from .nlp.spacy_stage import DEFAULT_MODEL, SpacyStage, load_pipeline

        name = model or DEFAULT_MODEL
        if name not in cls._cache:
            nlp = load_pipeline(name)
            if "sitrep_kb_ruler" not in nlp.pipe_names:
                add_entity_patterns(nlp, load_knowledge_base())
            cls._cache[name] = SpacyStage(nlp)
        return cls._cache[name]
