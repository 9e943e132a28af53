"""Who reports an event, in layers: the outlet, a cited outlet, officials, a named person.

The outermost layer is the outlet that published the article; next an outlet the article
cites as its source ("as the publication notes" bound to the WSJ credit); then the sources
named in the sentence itself ("according to Kallas", "American officials note").
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from ..model import Article, Attribution, Entity

REPORT_LEMMAS = {
    "say", "state", "note", "report", "tell", "claim", "announce", "confirm", "believe", "add", "write",
    "argue", "estimate",
}
OFFICIAL = re.compile(r"\b(officials?|spokes(man|woman|person)|ministry|ministers?|diplomats?|sources?|"
                      r"authorities|government|military|army|command)\b", re.IGNORECASE)
ACCORDING = re.compile(r"\b(according to|as stated by|as reported by|as said by)\s+", re.IGNORECASE)
ANAPHOR = re.compile(r"\bthe (publication|newspaper|outlet|paper|agency|journal)\b", re.IGNORECASE)
PRONOUNS = {"he", "she", "they", "we"}


def attribution_layers(article: Article, sent: Any, previous: Optional[Attribution] = None) -> tuple[Attribution, ...]:
    """Layers for an event in sentence ``sent`` (a spaCy Span over ``article.text``)."""
    layers: list[Attribution] = []
    if article.source.outlet:
        layers.append(Attribution("outlet", article.source.outlet))
    cited = _cited_outlet(article)
    if cited:
        layers.append(cited)
    layers.extend(_in_sentence(article, sent, previous))
    return tuple(_unique(layers))


def _cited_outlet(article: Article) -> Optional[Attribution]:
    """The outlet the article leans on: one cited outlet, bound by an anaphor or named in text."""
    names = {c.name for c in article.cited_sources}
    textual = [c for c in article.cited_sources if c.via == "text" and c.start is not None]
    if len(names) == 1 and textual:
        first = textual[0]
        return Attribution("cited_outlet", first.name, first.start, first.end)
    return None


def _in_sentence(article: Article, sent: Any, previous: Optional[Attribution]) -> list[Attribution]:
    found = list(_according_to(article, sent))
    found.extend(_reporting_subjects(article, sent, previous))
    return found


def _according_to(article: Article, sent: Any) -> Iterable[Attribution]:
    for match in ACCORDING.finditer(sent.text):
        start = sent.start_char + match.end()
        span = sent.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            continue
        root = span.root.head if span.root.dep_ in ("det", "poss", "amod", "compound") else span.root
        phrase = _phrase(root)
        named = _person_after(article, phrase.end_char)
        if named is not None:
            yield Attribution("person", named.name, phrase.start_char, _mention_end(named, phrase.end_char))
            continue
        yield _classify(article, phrase.text, phrase.start_char, phrase.end_char)


def _reporting_subjects(article: Article, sent: Any, previous: Optional[Attribution]) -> Iterable[Attribution]:
    for token in sent:
        if token.lemma_ not in REPORT_LEMMAS or token.pos_ != "VERB":
            continue
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                yield _subject(article, child, previous)
            elif child.dep_ == "agent":
                for grand in child.children:
                    yield _subject(article, grand, previous)
        for match in ANAPHOR.finditer(sent.text):
            cited = _cited_outlet(article)
            if cited:
                yield Attribution("cited_outlet", cited.text, sent.start_char + match.start(), sent.start_char + match.end())


def _subject(article: Article, token: Any, previous: Optional[Attribution]) -> Attribution:
    if token.lower_ in PRONOUNS:
        person = _last_person_before(article, token.idx)
        if person:
            return Attribution("person", person.name, token.idx, token.idx + len(token.text))
        if previous:
            return Attribution(previous.kind, previous.text, token.idx, token.idx + len(token.text))
    phrase = _phrase(token)
    return _classify(article, phrase.text, phrase.start_char, phrase.end_char)


def _phrase(token: Any) -> Any:
    """The noun phrase headed by ``token``, without trailing clauses."""
    words = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "punct") or t.i == token.i]
    left, right = min(t.i for t in words), max(t.i for t in words)
    right = min(right, token.i + 8)
    return token.doc[left:right + 1]


def _classify(article: Article, text: str, start: int, end: int) -> Attribution:
    entity = _entity_at(article.entities, start, end)
    if entity is not None and entity.type == "person":
        return Attribution("person", entity.name, start, end)
    if any(c.name == text or text in c.name for c in article.cited_sources):
        return Attribution("cited_outlet", text, start, end)
    if OFFICIAL.search(text):
        return Attribution("official", text, start, end)
    if entity is not None:
        return Attribution("organisation" if entity.type != "person" else "person", entity.name, start, end)
    return Attribution("source", text, start, end)


def _entity_at(entities: Iterable[Entity], start: int, end: int) -> Optional[Entity]:
    best = None
    for entity in entities:
        for m in entity.mentions:
            if m.start < end and start < m.end and (best is None or entity.type == "person"):
                best = entity
    return best


def _last_person_before(article: Article, offset: int) -> Optional[Entity]:
    best, best_start = None, -1
    for entity in article.entities:
        if entity.type != "person":
            continue
        for m in entity.mentions:
            if best_start < m.start < offset:
                best, best_start = entity, m.start
    return best


def _person_after(article: Article, offset: int) -> Optional[Entity]:
    """A person named in apposition right after a phrase ("the head of diplomacy, Kaia Kallas")."""
    for entity in article.entities:
        if entity.type == "person" and any(offset <= m.start <= offset + 3 for m in entity.mentions):
            return entity
    return None


def _mention_end(entity: Entity, offset: int) -> int:
    return next(m.end for m in entity.mentions if offset <= m.start <= offset + 3)


def _unique(layers: list[Attribution]) -> list[Attribution]:
    """Each source once; a description of a person already named ("the head of diplomacy") drops."""
    people = [a for a in layers if a.kind == "person" and a.start is not None]
    seen, out = set(), []
    for layer in layers:
        if layer.kind != "person" and layer.start is not None and any(
                p.start <= layer.start and layer.end <= p.end for p in people):
            continue
        key = (layer.kind, layer.text)
        if key not in seen:
            seen.add(key)
            out.append(layer)
    return out
