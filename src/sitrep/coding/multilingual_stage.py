"""The event step for articles not in English (the English event stage's stand-in).

Each sentence with a trigger stem of its language (:func:`~sitrep.coding.crosslingual.trigger_hits`)
is embedded by the multilingual encoder and typed by the cross-lingual model; a type is kept
only when a trigger backs it and the model is sure enough (:func:`~sitrep.coding.crosslingual.choose_type`).
A negation just before the trigger means no event. Actor and recipient come from the names
in the sentence (:mod:`sitrep.coding.multilingual_roles`). Dates are the article's own (the text gives the
publication date; relative day words resolve against it, :mod:`sitrep.coding.daywords`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from ..model import Article, Event, Participant, Sentence, SpanRef
from ..vocabulary import PLACE_TYPES
from . import crosslingual
from .daywords import event_day
from .multilingual_roles import denied, mentions_in, roles
from .summary import article_summary, event_line

VERSION = "events-multilingual@1.0"
# the encoder's languages (USE multilingual v3) that have trigger words, and the Cyrillic
# and Romance neighbours its sub-word vocabulary reads well enough (uk, bg, ro)
LANGUAGES = frozenset({"fr", "de", "es", "it", "pt", "nl", "tr", "ru", "ar", "uk", "bg", "ro"})


class MultilingualEvents:
    name = "events-multilingual"
    requires = ("sentences", "entities", "language")
    provides = ("events", "summary")
    languages = LANGUAGES
    replaces = "events"

    def __init__(self, encoder: Any = None, model: Optional[crosslingual.MultilingualTypeModel] = None) -> None:
        self._encoder = encoder
        self._model = model

    @property
    def version(self) -> str:
        return f"{VERSION}+triggers={crosslingual.trigger_version()}"

    def __call__(self, article: Article, scratch: Any) -> Article:
        language = article.language or ""
        todo = []
        for index, sent in enumerate(article.sentences):
            own = sent.language or language
            hits = crosslingual.trigger_hits(article.text[sent.start:sent.end], own) if own in LANGUAGES else []
            if hits:
                todo.append((index, sent, hits))
        events = self._code(article, todo)
        names = {e.country: e.name for e in article.entities if e.type == "country" and e.country}
        events = [replace(e, summary=event_line(e, names)) for e in events]
        article = replace(article, events=tuple(events))
        return replace(article, summary=article_summary(article))

    def _code(self, article: Article, todo: list[tuple[int, Sentence, list[crosslingual.TriggerHit]]]) -> list[Event]:
        if not todo:
            return []
        model = self._model or crosslingual.load_model()
        vectors = self._encoder_or_shared().encode([article.text[s.start:s.end] for _i, s, _h in todo])
        events = []
        for (index, sent, hits), probs in zip(todo, model.probabilities(vectors)):
            guess = crosslingual.choose_type(probs, model.labels, hits)
            if guess is not None:
                guess = crosslingual.threat_of(guess, hits, article.text[sent.start:sent.end])
            if guess is not None and not denied(article.text, sent.start + guess.trigger.start, article.language):
                events.append(_event(article, index, sent, guess))
        return events

    def _encoder_or_shared(self) -> Any:
        if self._encoder is None:
            from ..nlp.multilingual import shared_multilingual_encoder

            self._encoder = shared_multilingual_encoder()
        return self._encoder


def _event(article: Article, index: int, sent: Sentence, guess: crosslingual.TypeGuess) -> Event:
    trigger = (sent.start + guess.trigger.start, sent.start + guess.trigger.end)
    actor, recipient = roles(article, sent, trigger)
    place = _place(article, sent, actor)
    date, precision = event_day(article.text[sent.start:sent.end], article.language or "", article.published)
    return Event(
        id=f"{article.id}-{index}-0", type=guess.type, sentence=index, start=sent.start, end=sent.end,
        actor=actor, recipient=recipient, location=place,
        latitude=_entity_field(article, place, "latitude"), longitude=_entity_field(article, place, "longitude"),
        precision=_entity_field(article, place, "precision"), date=date, date_precision=precision,
        trigger=SpanRef(trigger[0], trigger[1], "trigger"), confidence=round(guess.confidence, 3), coder=VERSION,
    )


def _place(article: Article, sent: Sentence, actor: Optional[Participant]) -> Optional[Participant]:
    for mention, entity in mentions_in(article, sent, PLACE_TYPES):
        if entity.latitude is not None and (actor is None or mention.start != actor.start):
            return Participant(mention.text, entity.id, entity.country, None, mention.start, mention.end)
    return None


def _entity_field(article: Article, place: Optional[Participant], field: str) -> Any:
    if place is None:
        return None
    entity = next((e for e in article.entities if e.id == place.entity), None)
    return getattr(entity, field) if entity is not None else None
