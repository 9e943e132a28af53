"""Sentence event coder: one English sentence -> PLOVER event guesses.

A linear model over hashed lexical and parse features (:mod:`sitrep.coding.classifier`)
picks the type; the PLOVER lexicon (:mod:`sitrep.coding.lexicon`) gives the trigger and
the mode; the dependency parse (:mod:`sitrep.coding.roles`) gives actor and recipient.
The model's YIELD class (CONCEDE + RETREAT, as in ZSP) is split by the lexicon: a
material retreat word (withdraw, release, disarm, ...) makes it RETREAT, else CONCEDE.
A few codebook stance rules on the main predicate chain (:func:`stance_type`: "threatened
to", "must", "will ... unless", a planned hostile act) override the model's type.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Optional

import numpy as np
from spacy.tokens import Span

from sitrep.coding import classifier, neighbors
from sitrep.coding.features import is_negated, is_prospective, lexical_features, main_predicate, \
    predicate_path, sentence_hits
from sitrep.coding.lexicon import LexiconHit
from sitrep.coding.roles import Role, find_roles

logger = logging.getLogger(__name__)

CODER_VERSION = "plover-sentence-2"
# PLOVER codes a refusal to agree, support or cooperate as REJECT
NEGATED_AS_REJECT = frozenset({"AGREE", "SUPPORT", "COOPERATE"})
SECOND_EVENT_MIN = 0.4  # a second type is reported only when the model is this sure of it
# codebook stance rules on the main predicate chain (see stance_type)
DEONTIC = frozenset({"must", "ought"})
# a planned or promised act of these types is a threat of it (PLOVER THREATEN)
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "PROTEST"})


@dataclass(frozen=True)
class ActorGuess:
    text: str
    start: int  # character offsets into doc.text
    end: int
    country: Optional[str] = None
    inferred: bool = False  # no participant in the parse: a country named elsewhere in the sentence


@dataclass(frozen=True)
class EventGuess:
    type: str
    mode: Optional[str]
    actor: Optional[ActorGuess]
    recipient: Optional[ActorGuess]
    trigger_start: int
    trigger_end: int
    negated: bool
    confidence: float


class SentenceCoder:
    """Codes sentences; the model files and the sentence encoder load on first use.

    The type distribution is the linear model's mixed with the vote of the nearest training
    sentences (:mod:`sitrep.coding.neighbors`). ``use_neighbors=False``, or a custom linear
    model (``model`` or ``model_path``) without a ``neighbor_model``, codes with the linear
    model alone. If the sentence encoder cannot load, the coder warns once (logging) and goes
    on with the linear model; its ``name`` then says so.
    """

    def __init__(self, model_path: Optional[Path] = None,
                 model: Optional[classifier.LinearModel] = None,
                 neighbor_model: Optional[neighbors.NeighborModel] = None,
                 use_neighbors: Optional[bool] = None, encoder: Any = None) -> None:
        self._model_path = model_path
        self._model = model
        self._neighbors = neighbor_model
        if use_neighbors is None:
            use_neighbors = neighbor_model is not None or (model is None and model_path is None)
        self._use_neighbors = use_neighbors
        self._encoder = encoder
        self._encoder_failure: Optional[str] = None

    @property
    def name(self) -> str:
        """The coder's version and a digest of its model files, so a retrained model is a new version."""
        digest = model_digest(str(self._model_path) if self._model_path else None)
        return f"{CODER_VERSION}+model-{digest}" + ("+linear-only" if self._encoder_failure else "")

    @property
    def model(self) -> classifier.LinearModel:
        if self._model is None:
            self._model = classifier.load(self._model_path)
        return self._model

    @property
    def neighbor_model(self) -> Optional[neighbors.NeighborModel]:
        if not self._use_neighbors or self._encoder_failure:
            return None
        if self._neighbors is None:
            self._neighbors = neighbors.load()
        return self._neighbors

    def max_confidence(self, sent: Span) -> float:
        """The highest confidence any guess for ``sent`` could get, from the linear model alone.

        With the vote, a type's confidence is at most ``(1 - w) * linear + w``; a caller that
        drops guesses under a threshold can skip sentences (and their embeddings) below it.
        """
        if not any(t.is_alpha for t in sent):
            return 0.0
        top = float(self.model.scores(lexical_features(sent)).max())
        return top if self.neighbor_model is None else neighbors.mix(np.array([top]), np.array([1.0]))[0]

    def vectors(self, sents: list[Span]) -> list[Optional[np.ndarray]]:
        """Embeddings of the sentences, in one batch, for :meth:`code` (None when not voting)."""
        if not sents or self.neighbor_model is None:
            return [None] * len(sents)
        found = self._encode([s.text for s in sents])
        return [None] * len(sents) if found is None else list(found)

    def code(self, sent: Span, vector: Optional[np.ndarray] = None) -> list[EventGuess]:
        """Event guesses for one sentence (a Span of a parsed Doc), most likely first.

        ``vector`` is the sentence's embedding when the caller already has it.
        """
        if not any(t.is_alpha for t in sent):
            return []
        hits = sentence_hits(sent)
        probs = neighbors.mix(self.model.scores(lexical_features(sent, hits)),
                              self._neighbor_scores(sent, vector))
        chosen = _chosen(self.model.labels, probs)
        stance = stance_type(sent, hits)
        if stance is not None and stance in self.model.labels and chosen[0][0] != stance:
            chosen = [(stance, self.model.labels.index(stance))]
        return [self._guess(sent, hits, label, float(probs[i]))
                for label, i in chosen]

    def _encode(self, texts: list[str]) -> Optional[np.ndarray]:
        from sitrep.nlp.embed import EncoderUnavailable, shared_encoder

        try:
            self._encoder = self._encoder or shared_encoder()
            return self._encoder.encode(texts)
        except EncoderUnavailable as exc:
            self._encoder_failure = str(exc)
            logger.warning("sentence encoder unavailable, event types from the linear model "
                           "alone: %s", exc)
            return None

    def _neighbor_scores(self, sent: Span, vector: Optional[np.ndarray]) -> Optional[np.ndarray]:
        model = self.neighbor_model
        if model is None:
            return None
        if vector is None:
            found = self._encode([sent.text])
            if found is None:
                return None
            vector = found[0]
        votes = model.scores(vector)
        if model.labels == self.model.labels:
            return votes
        index = {label: i for i, label in enumerate(model.labels)}
        mapped = np.array([votes[index[label]] if label in index else 0.0
                           for label in self.model.labels])
        return mapped / mapped.sum() if mapped.sum() > 0 else None

    def _guess(self, sent: Span, hits: list[LexiconHit], label: str, prob: float) -> EventGuess:
        etype = split_yield(hits) if label == classifier.YIELD else label
        hit = best_hit(sent, hits, etype)
        trigger = sent[hit.first] if hit is not None else main_predicate(sent)
        last = sent[hit.last] if hit is not None else trigger
        actor, recipient = find_roles(sent, trigger)
        if etype == "REQUEST":
            actor, recipient = _reported_demand(sent, actor, recipient)
        negated = is_negated(trigger)
        if negated and etype in NEGATED_AS_REJECT:
            etype, hit = "REJECT", None
        return EventGuess(type=etype, mode=hit.mode if hit is not None else None,
                          actor=_actor_guess(sent, actor), recipient=_actor_guess(sent, recipient),
                          trigger_start=trigger.idx, trigger_end=last.idx + len(last.text),
                          negated=negated, confidence=round(prob, 4))


def _reported_demand(sent: Span, actor: Optional[Role],
                     recipient: Optional[Role]) -> tuple[Optional[Role], Optional[Role]]:
    """"X said (that) Y must Z": X demands of Y (PLOVER REQUEST: the speaker is the source)."""
    for tok in predicate_path(sent, sent.root)[1:]:
        if tok.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in tok.children):
            speaker, _ = find_roles(sent, tok.head)
            target, _ = find_roles(sent, tok)
            if speaker is not None and target is not None and speaker.start != target.start:
                return speaker, target
    return actor, recipient


def _chosen(labels: tuple[str, ...], probs: np.ndarray) -> list[tuple[str, int]]:
    order = np.argsort(-probs)
    chosen = [(labels[order[0]], int(order[0]))]
    if len(order) > 1 and probs[order[1]] >= SECOND_EVENT_MIN:
        chosen.append((labels[order[1]], int(order[1])))
    return chosen


def stance_type(sent: Span, hits: Optional[list[LexiconHit]] = None) -> Optional[str]:
    """The type the main predicate's stance fixes, whatever event it governs (codebook rules).

    "X threatened to shell Y" is THREATEN; "X will withdraw unless Y ..." is THREATEN;
    "Y must return the helicopter" (as said or demanded by X) is REQUEST; "X would blockade
    Paris" (a planned hostile act, no agreement or demand word on the chain) is THREATEN.
    Negated stances are left to the model.
    """
    top = main_predicate(sent)
    path = predicate_path(sent, top)
    if any(is_negated(t) for t in path):
        return None
    if any(t.lemma_.lower() == "threaten" for t in path[:2]):
        return "THREATEN"
    prospective = is_prospective(sent, top)
    if prospective and any(t.lower_ == "unless" for t in sent):
        return "THREATEN"
    if any(c.dep_ == "aux" and c.lower_ in DEONTIC for t in path for c in t.children):
        return "REQUEST"
    if prospective:
        hits = hits if hits is not None else sentence_hits(sent)
        last = {h.type for h in hits if h.first == path[-1].i - sent.start}
        gov = {h.type for h in hits if h.first == path[0].i - sent.start}
        if last & HOSTILE and not (last | gov) & {"AGREE", "REQUEST"}:
            return "THREATEN"
    return None


def split_yield(hits: list[LexiconHit]) -> str:
    """RETREAT when the sentence has a material-retreat word, else CONCEDE."""
    return "RETREAT" if any(h.type == "RETREAT" for h in hits) else "CONCEDE"


def best_hit(sent: Span, hits: list[LexiconHit], etype: str) -> Optional[LexiconHit]:
    """The lexicon hit of ``etype`` nearest the main predicate (modes preferred on ties)."""
    path = {t.i - sent.start: d for d, t in enumerate(predicate_path(sent, main_predicate(sent)))}
    same = [h for h in hits if h.type == etype]
    if not same:
        return None

    def rank(hit: LexiconHit) -> tuple[int, int, int]:
        head = sent[hit.first].head.i - sent.start
        depth = path.get(hit.first, path.get(head, 9) + 1)
        return depth, 0 if hit.mode else 1, hit.first
    return min(same, key=rank)


def _actor_guess(sent: Span, role: Optional[Role]) -> Optional[ActorGuess]:
    if role is None:
        return None
    doc = sent.doc
    span = doc[role.start:role.end]
    return ActorGuess(text=span.text, start=span.start_char, end=span.end_char,
                      country=role.country, inferred=role.inferred)


def load_nlp() -> Any:
    """The spaCy pipeline the coder was trained with."""
    from sitrep.nlp.spacy_stage import load_spacy

    return load_spacy()


def code_texts(texts: list[str], coder: Optional[SentenceCoder] = None,
               nlp: Any = None) -> list[list[EventGuess]]:
    """Guesses for each text, coding every sentence of it (offsets into that text)."""
    coder = coder or SentenceCoder()
    nlp = nlp or load_nlp()
    out: list[list[EventGuess]] = []
    for doc in nlp.pipe(texts):
        out.append([g for sent in doc.sents for g in coder.code(sent)])
    return out



@lru_cache(maxsize=4)
def model_digest(model_path: Optional[str] = None) -> str:
    """The first 8 hex digits of the SHA-256 of the model files (the shipped ones by default)."""
    digest = hashlib.sha256()
    if model_path is not None:
        digest.update(Path(model_path).read_bytes())
    else:
        folder = resources.files("sitrep.data.coding")
        for name in (classifier.MODEL_RESOURCE, neighbors.NEIGHBORS_RESOURCE):
            if folder.joinpath(name).is_file():
                digest.update(folder.joinpath(name).read_bytes())
    return digest.hexdigest()[:8]
