"""The event stage: every sentence coded, then each event given its evidence and context.

The sentence coder proposes types, actors and recipients; this stage adds what the record
needs around them: movement (items, origin, destination, means), location with coordinates,
time resolved against the publication date, attribution layers, certainty, caveats from
nearby hedged sentences, and a one-line summary. Key points are skipped (the body carries
the same events) and so are headings that contradict their body. A headline that names an
event type (a trigger word: "detained", "explosion") backs that type in the lede, the first
body sentences, which then need less of the classifier: the headline and the lede report the
same main event, and the headline is coded nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Optional

from ..model import Article, Attribution, Caveat, Event, Participant, Relation, SpanRef
from .attribution import attribution_layers
from .features import sentence_hits
from .relations import relations_in
from .rules import is_background, rule_events
from .certainty import HEDGED, certainty_of, tense_of
from .movement import PLACE_TYPES, Movement, read_movement
from .participants import acts_politically, participant
from .summary import article_summary, event_line
from .timing import resolve_time

VERSION = "events@1.0"
CLASSIFIER_MIN = 0.5  # the classifier has no "no event" class: below this a sentence holds none
HEADLINE_MIN = 0.3  # the threshold for a lede sentence's guess of a type its headline names
LEDE_SENTENCES = 2  # the body sentences a headline speaks for
RULE_OVERRIDE_MIN = 0.75  # the classifier's type replaces a news-prose rule's only when this sure
WEAK_TRIGGERS = frozenset({"will", "according", "close", "should", "need", "not", "would", "can", "may"})
# a trigger that is only one of these words carries no event of its own
HOLLOW_TRIGGERS = frozenset({"not", "n't", "no", "never", "can", "may", "should", "need", "needed", "according",
                             "million", "millions", "billion", "close"})
MOVEMENT_TYPES = {"MOBILIZE", "AID", "RETREAT"}


class EventStage:
    name = "events"
    requires = ("doc", "entities:placed", "sentences", "paragraphs", "issues")
    provides = ("events", "relations", "summary")
    languages = frozenset({"en"})  # an English model or English rules

    def __init__(self, coder: Any) -> None:
        self.coder = coder

    @property
    def version(self) -> str:
        return f"{VERSION}+{getattr(self.coder, 'name', type(self.coder).__name__)}"

    def __call__(self, article: Article, scratch: Any) -> Article:
        events: list[Event] = []
        relations: list[Relation] = []
        previous: Optional[Attribution] = None
        plans = [self._worth_coding(p) for p in self._plan(article, scratch.doc, headline_types(scratch.title_doc))]
        vectors = self._vectors([p.sent for p in plans if p.ask])
        for plan in plans:
            guesses = decide(plan, self.coder.code(plan.sent, vectors.pop(0)) if plan.ask else [])
            if not guesses and plan.background:
                relations.extend(relations_in(article, plan.sent, plan.index))
            for number, guess in enumerate(guesses):
                event = build_event(article, plan.sent, plan.index, number, guess, previous)
                if not reportable(article, event, guess.confidence < CLASSIFIER_MIN):
                    continue
                events.append(event)
                previous = next((a for a in reversed(event.attribution) if a.kind != "outlet"), previous)
        events = _attach_caveats(article, scratch.doc, events)
        events = [replace(e, summary=event_line(e, _names(article))) for e in events]
        article = replace(article, events=tuple(events), relations=tuple(relations))
        return replace(article, summary=article_summary(article))

    def _plan(self, article: Article, doc: Any, headline: frozenset[str]) -> list["_Plan"]:
        """What each codable sentence gets: rule events, or the classifier (with its triggers
        and, in the lede, the types its headline backs)."""
        plans: list[_Plan] = []
        skipped = _contradicted_headings(article)
        for index, sent in enumerate(doc.sents):
            kind = _paragraph_kind(article, sent.start_char)
            if kind == "key_point" or sent.start_char in skipped or not sent.text.strip():
                continue
            if not _in_english(article, index):
                continue
            plan = _plan_sentence(sent, index)
            if len(plans) < LEDE_SENTENCES:
                plan = replace(plan, backed=plan.triggers & headline)
            plans.append(plan)
        return plans

    def _worth_coding(self, plan: "_Plan") -> "_Plan":
        """No classifier call (nor embedding) for a sentence whose guesses could not reach
        CLASSIFIER_MIN: the result is the same, at a fraction of the cost."""
        bound = getattr(self.coder, "max_confidence", None)
        lowest = HEADLINE_MIN if plan.backed else CLASSIFIER_MIN
        if plan.ask and bound is not None and bound(plan.sent) < lowest - 5e-5:  # guesses keep round(p, 4)
            return replace(plan, ask=False)
        return plan

    def _vectors(self, sents: list[Any]) -> list[Any]:
        """The classifier sentences' embeddings in one batch, when the coder votes with them."""
        batch = getattr(self.coder, "vectors", None)
        return list(batch(sents)) if batch is not None else [None] * len(sents)


@dataclass(frozen=True)
class _Plan:
    index: int
    sent: Any
    found: list[Any]  # rule events (or none)
    triggers: frozenset[str]  # the lexicon types the sentence has a trigger word of
    background: bool = False  # states a standing relation ("has close ties to")
    ask: bool = True  # ask the classifier (False when it could not reach its threshold)
    backed: frozenset[str] = frozenset()  # types the headline names: kept from HEADLINE_MIN

    def threshold(self, etype: str) -> float:
        return HEADLINE_MIN if etype in self.backed else CLASSIFIER_MIN


def _plan_sentence(sent: Any, index: int) -> _Plan:
    triggers = frozenset(h.type for h in sentence_hits(sent) if h.entry.split()[0] not in WEAK_TRIGGERS)
    return _Plan(index, sent, rule_events(sent), triggers, is_background(sent), any(t.is_alpha for t in sent))


def decide(plan: _Plan, coded: list[Any]) -> list[Any]:
    """The sentence's events: the classifier's guesses of at least CLASSIFIER_MIN (a lede guess of
    a type its headline names from HEADLINE_MIN), unless a news-prose rule fired and the classifier
    is not RULE_OVERRIDE_MIN sure of another type; a background sentence ("has close ties to")
    holds an event only when the classifier is sure of one.

    Measured on the PLOVER sentences held out as articles (5-fold, ``sitrep eval events``):
    the classifier's type beats the rule's where they disagree (GSR 21 of 23 sentences, ZSP
    39 of 42; at RULE_OVERRIDE_MIN rather than CLASSIFIER_MIN, so that the rules keep news prose
    such as "insist that ..." and "delivered radars"), and requiring a lexicon trigger word of
    the guessed type lost more right events than wrong ones (GSR 14 / 5, ZSP 89 / 14)."""
    sure = [_backed(g) for g in coded if g.confidence >= plan.threshold(g.type)
            and (g.confidence >= CLASSIFIER_MIN or g.type in plan.triggers)]
    rule_types = {g.type for g in plan.found}
    if plan.found and not (sure and sure[0].type not in rule_types and sure[0].confidence >= RULE_OVERRIDE_MIN):
        return plan.found
    return sure


def reportable(article: Article, event: Event, headline_backed: bool = False) -> bool:
    """Precision first on news prose, where most sentences report no political event: an event is
    emitted only when someone who acts in PLOVER's sense does it (a state, a known organisation,
    group or person, a government, armed or political body: :func:`acts_politically`; a lede event
    its headline backs may leave the actor open) and its trigger is a word of the event, not a
    negation, a modal or an amount ("not", "can", "million"; "will" stays: "X will return the
    weapons" is a promise, PLOVER AGREE)."""
    trigger = article.text[event.trigger.start:event.trigger.end].lower() if event.trigger else ""
    return (headline_backed or acts_politically(event.actor)) and trigger not in HOLLOW_TRIGGERS


def _backed(guess: Any) -> Any:
    """A guess kept only for its headline takes no actor borrowed from a country named
    elsewhere in the sentence ("an explosion on a bridge in Ukraine" is not Ukraine's)."""
    if guess.confidence >= CLASSIFIER_MIN or guess.actor is None or not guess.actor.inferred:
        return guess
    return replace(guess, actor=None)


def headline_types(title: Any) -> frozenset[str]:
    """The event types a parsed headline names by a trigger word (none without a title)."""
    if title is None:
        return frozenset()
    return frozenset(h.type for h in sentence_hits(title[:]) if h.entry.split()[0] not in WEAK_TRIGGERS)


def build_event(article: Article, sent: Any, index: int, number: int, guess: Any,
                previous: Optional[Attribution]) -> Event:
    """One Event from a coder guess in sentence ``sent``."""
    doc = sent.doc
    trigger = doc.char_span(guess.trigger_start, guess.trigger_end, alignment_mode="expand")
    trigger_token = trigger.root if trigger is not None else None
    movement = read_movement(sent, article.entities, guess.actor) if guess.type in MOVEMENT_TYPES else Movement()
    if guess.type == "RETREAT":
        movement = replace(movement, destination=None)
    actor = participant(article, sent, guess.actor)
    location = movement.destination or movement.origin or _place_in(article, sent, guess.actor, actor)
    latitude, longitude, precision = _coordinates(article, location)
    date, date_precision = resolve_time(_dates_in(article, sent), article.published)
    certainty = certainty_of(sent.text, trigger_token, guess.negated)
    return Event(
        id=f"{article.id}-{index}-{number}", type=guess.type, sentence=index,
        start=sent.start_char, end=sent.start_char + len(sent.text.rstrip()), mode=guess.mode,
        actor=actor, recipient=participant(article, sent, guess.recipient),
        items=movement.items, means=movement.means, origin=movement.origin, destination=movement.destination,
        location=location, latitude=latitude, longitude=longitude, precision=precision,
        date=date, date_precision=date_precision, tense=tense_of(trigger_token), certainty=certainty,
        attribution=attribution_layers(article, sent, previous),
        trigger=SpanRef(guess.trigger_start, guess.trigger_end, "trigger"),
        confidence=round(_confidence(guess.confidence, certainty), 3), coder=VERSION,
    )


def _names(article: Article) -> dict[str, str]:
    """Country names by ISO-3 code, for summaries ("Russian cargo planes" acts for Russia)."""
    return {e.country: e.name for e in article.entities if e.type == "country" and e.country}


def _place_in(article: Article, sent: Any, guess: Any, actor: Optional[Participant]) -> Optional[Participant]:
    """The first located place in the sentence that is not the actor itself."""
    taken = [(guess.start, guess.end)] if guess is not None else []
    for entity in article.entities:
        if entity.type not in PLACE_TYPES or entity.latitude is None or (actor and entity.id == actor.entity):
            continue
        for m in entity.mentions:
            inside = sent.start_char <= m.start and m.end <= sent.end_char
            if inside and not any(s < m.end and m.start < e for s, e in taken):
                return Participant(m.text, entity.id, entity.country, None, m.start, m.end)
    return None


def _coordinates(article: Article, place: Optional[Participant]) -> tuple[Optional[float], Optional[float], Optional[str]]:
    if place is None or place.entity is None:
        return None, None, None
    entity = next((e for e in article.entities if e.id == place.entity), None)
    if entity is None or entity.latitude is None:
        return None, None, None
    return entity.latitude, entity.longitude, entity.precision


def _dates_in(article: Article, sent: Any) -> list[str]:
    return [m.text for e in article.entities if e.type == "date" for m in e.mentions
            if sent.start_char <= m.start < sent.end_char]


def _confidence(coder_confidence: float, certainty: str) -> float:
    factor = {"asserted": 1.0, "reported": 0.95, "historical": 0.9, "hedged": 0.7,
              "speculative": 0.5, "negated": 0.5}[certainty]
    return max(0.0, min(1.0, coder_confidence * factor))


def _in_english(article: Article, index: int) -> bool:
    """False for a sentence marked as written in another language than English."""
    if index >= len(article.sentences):
        return True
    return article.sentences[index].language in (None, "en")


def _paragraph_kind(article: Article, offset: int) -> str:
    return next((p.kind for p in article.paragraphs if p.start <= offset < p.end), "body")


def _contradicted_headings(article: Article) -> set[int]:
    """Start offsets of headings flagged as contradicting their body: no events from them."""
    starts = set()
    for issue in article.issues:
        if issue.code != "heading_contradicts_body":
            continue
        for span in issue.spans:
            if span.role == "heading":
                starts.update(s.heading_start for s in article.sections
                              if s.heading_start is not None and s.heading_start <= span.start < (s.heading_end or 0))
    return starts


def _attach_caveats(article: Article, doc: Any, events: list[Event]) -> list[Event]:
    """A hedged sentence qualifies the earlier event it shares most with (items, places)."""
    out = list(events)
    for sent in doc.sents:
        if not HEDGED.search(sent.text) or _paragraph_kind(article, sent.start_char) == "key_point":
            continue
        scored = [(_overlap(article, out[i], sent), i) for i in range(len(out)) if out[i].start < sent.start_char]
        scored = [(score, i) for score, i in scored if score > 0]
        if not scored:
            continue
        _score, best = max(scored)
        caveat = Caveat(sent.text.strip(), sent.start_char, sent.start_char + len(sent.text.rstrip()),
                        _reporter(article, sent))
        out[best] = replace(out[best], caveats=out[best].caveats + (caveat,))
    return out


def _overlap(article: Article, event: Event, sent: Any) -> float:
    """Shared linked items and places count double; shared item words once; nearer events win ties."""
    inside = {e.id for e in article.entities for m in e.mentions if sent.start_char <= m.start < sent.end_char}
    linked = {p.entity for p in (*event.items, event.destination, event.origin) if p is not None and p.entity}
    words = {t.lemma_.lower().rstrip("s") for t in sent if t.pos_ in ("NOUN", "PROPN")}
    item_words = {w.lower().rstrip("s") for p in event.items for w in p.text.split()}
    score = 2 * len(linked & inside) + len(item_words & words)
    return score + event.start / 1e7 if score else 0.0


def _reporter(article: Article, sent: Any) -> Optional[str]:
    layers = attribution_layers(article, sent)
    named = [a.text for a in layers if a.kind in ("official", "person", "organisation")]
    return named[0] if named else None
