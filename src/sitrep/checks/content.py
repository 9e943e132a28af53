"""Content checks: a heading that contradicts its body, name variants, unsupported key points."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Any, Iterable, Optional

from ..model import Article, ArticleIssue, Entity, Mention, Section, SpanRef
from ..vocabulary import PLACE_TYPES, spelling_form

VERSION = "content-checks@1.0"
NAMED_TYPES = {"person", "organisation", "armed_group", "facility", "place", "weapon", "platform"}
SUPPORT_THRESHOLD = 0.5
_PREP = re.compile(r"\b(to|from|into|at|for)\b", re.IGNORECASE)


def heading_contradictions(article: Article) -> Iterable[ArticleIssue]:
    """A place named in a heading that the body never names, with the body's likely counterpart."""
    headings = [s for s in article.sections if s.heading_start is not None]
    for section in headings:
        for entity, mention in _places_in(article.entities, section.heading_start, section.heading_end):
            if _mentioned_outside_headings(article, entity, headings):
                continue
            counterpart = _counterpart(article, section, mention)
            yield _contradiction_issue(article, mention, counterpart)


def _contradiction_issue(article: Article, mention: Mention, counterpart: Optional[Mention]) -> ArticleIssue:
    spans = [SpanRef(mention.start, mention.end, "heading")]
    message = f"the heading names {mention.text}, which the body never mentions"
    if counterpart is not None:
        spans.append(SpanRef(counterpart.start, counterpart.end, "body"))
        message += f"; the body says {counterpart.text} in its place"
    return ArticleIssue("heading_contradicts_body", message, "warning", tuple(spans))


def _places_in(entities: Iterable[Entity], start: int, end: int) -> Iterable[tuple[Entity, Mention]]:
    for entity in entities:
        if entity.type in PLACE_TYPES:
            for m in entity.mentions:
                if start <= m.start and m.end <= end:
                    yield entity, m


def _mentioned_outside_headings(article: Article, entity: Entity, headings: list[Section]) -> bool:
    return any(not any(h.heading_start <= m.start < h.heading_end for h in headings) for m in entity.mentions)


def _counterpart(article: Article, section: Section, mention: Mention) -> Optional[Mention]:
    """The body place that fills the heading's slot: same preposition, beside the heading's other names."""
    word = _slot(article.text, mention.start)
    named = [e for e, m in _places_in(article.entities, section.heading_start or 0, section.heading_end or 0)
             if m.start != mention.start]
    others = {e.id for e in named}
    their_countries = {e.country for e in named if e.country}  # "Moscow" in the heading names Russia too
    body = [(e, m) for e, m in _places_in(article.entities, section.heading_end or section.start, section.end)
            if (e.type == "country" or e.country) and e.id not in others
            and not (e.type == "country" and e.country in their_countries)]
    if not body:
        return None
    counts = Counter(e.id for e, _ in body)

    def score(pair: tuple[Entity, Mention]) -> tuple[int, int, int]:
        entity, m = pair
        same_slot = int(word is not None and _slot(article.text, m.start) == word)
        return (same_slot, int(_near_any(article, m, others)), counts[entity.id])

    return max(body, key=score)[1]


def _near_any(article: Article, mention: Mention, entity_ids: set[str]) -> bool:
    """True when one of ``entity_ids`` is named in the same sentence as ``mention``."""
    sentence = next((s for s in article.sentences if s.start <= mention.start < s.end), None)
    if sentence is None:
        return False
    return any(e.id in entity_ids and any(sentence.start <= m.start < sentence.end for m in e.mentions)
               for e in article.entities)


def _slot(text: str, start: int) -> Optional[str]:
    """The preposition that governs a mention ("to" in "to military bases in eastern Libya")."""
    window = text[max(0, start - 60):start]
    matches = list(_PREP.finditer(window))
    if not matches or len(window[matches[-1].end():].split()) > 4:
        return None
    return matches[-1].group(1).lower()


def name_variants(article: Article) -> Iterable[ArticleIssue]:
    """One entity written in more than one way (not just a short form)."""
    for entity in article.entities:
        forms = _distinct_forms(entity)
        if len(forms) < 2 and not _differs_from_canonical(entity, forms):
            continue
        if not forms:
            forms = {spelling_form(m.text): m for m in entity.mentions if _spelling_variant(spelling_form(m.text), spelling_form(entity.name))}
        spans = tuple(SpanRef(m.start, m.end, "variant") for m in forms.values())
        names = sorted({m.text for m in forms.values()} | ({entity.name} if entity.kb_id else set()))
        yield ArticleIssue("name_variants", f"{entity.name} is written as " + ", ".join(repr(n) for n in names),
                           "info", spans)


def _distinct_forms(entity: Entity) -> dict[str, Mention]:
    """Proper-name spellings of the entity that are variants of each other, not short forms."""
    if entity.type not in NAMED_TYPES:
        return {}
    forms: dict[str, Mention] = {}
    for m in entity.mentions:
        key = spelling_form(m.text)
        if m.label != "PRON" and m.text[:1].isupper() and not any(_short_form(key, o) or _short_form(o, key) for o in forms):
            forms.setdefault(key, m)
    keys = list(forms)
    varied = {k for k in keys for o in keys if o != k and _spelling_variant(k, o)}
    return {k: forms[k] for k in keys if k in varied}


def _differs_from_canonical(entity: Entity, forms: dict[str, Mention]) -> bool:
    if not entity.kb_id or entity.type not in NAMED_TYPES:
        return False
    canonical = spelling_form(entity.name)
    return any(_spelling_variant(spelling_form(m.text), canonical) for m in entity.mentions if m.text[:1].isupper())


def _spelling_variant(a: str, b: str) -> bool:
    """Two spellings of one name: close in letters (Hmeimim/Khmeimim) or sharing a name word."""
    if a == b or _short_form(a, b) or _short_form(b, a):
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) >= 75 or fuzz.token_set_ratio(a, b) >= 90


def _short_form(short: str, full: str) -> bool:
    """True when ``short`` is a word subset of ``full`` ("haftar" of "khalifa haftar")."""
    return short == full or set(short.split()) < set(full.split())


def unsupported_key_points(article: Article, doc: Any) -> Iterable[ArticleIssue]:
    """A summary bullet whose content words no passage of the body covers."""
    body_sents = [s for s in doc.sents if _in_body(article, s.start_char)]
    windows = [_content(body_sents[i:i + 2]) for i in range(len(body_sents))]
    for point in article.key_points:
        span = doc.char_span(point.start, point.end, alignment_mode="expand")
        words = _content([span]) if span is not None else set()
        coverage = max((len(words & w) / len(words) for w in windows), default=0.0) if words else 1.0
        if coverage < SUPPORT_THRESHOLD:
            yield ArticleIssue("unsupported_key_point",
                               f"no passage of the body supports this key point ({coverage:.0%} of its words)",
                               "warning", (SpanRef(point.start, point.end, "key_point"),))


def _in_body(article: Article, offset: int) -> bool:
    return any(p.start <= offset < p.end and p.kind in ("body", "lede") for p in article.paragraphs)


def _content(spans: Iterable[Any]) -> set[str]:
    return {t.lemma_.lower() for s in spans for t in s
            if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM") and not t.is_stop and len(t.text) > 2}


class ContentChecks:
    """Adds the content checks to ``issues``; needs linked entities and the parsed Doc."""

    name = "content-checks"
    version = VERSION
    requires = ("entities:placed", "sections", "key_points")
    provides = ("issues",)
    languages = frozenset({"en"})  # an English model or English rules

    def __call__(self, article: Article, scratch: Any) -> Article:
        found = list(heading_contradictions(article)) + list(name_variants(article))
        if scratch.doc is not None:
            found.extend(unsupported_key_points(article, scratch.doc))
        return replace(article, issues=article.issues + tuple(found))
