"""Actor and recipient of an event trigger from the dependency parse, with their countries.

Actor: the grammatical subject of the trigger (or of the clause that governs it; the
``by`` agent of a passive). Recipient: the direct object, a dative, or the object of a
directional preposition (against, on, to, with, from, ...); the passive subject when the
actor came from ``by``. Countries come from :func:`sitrep.knowledge.countries.country_index`,
looked up on the phrase's entities and words; when the phrase names none, the nearest
country mention in the sentence stands in (marked by a lower confidence upstream).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Optional

from spacy.tokens import Span, Token

from sitrep.knowledge.countries import country_index

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})
TARGET_PREPS = ("against", "on", "to", "with", "from", "at", "into", "upon", "toward",
                "towards", "for", "in", "of", "over")
_TRIM_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "prep", "advcl"})


@dataclass(frozen=True)
class Role:
    """A participant phrase: token span within the Doc and the country it names, if any."""

    start: int  # token index in the Doc
    end: int
    country: Optional[str]
    inferred: bool = False  # country taken from elsewhere in the sentence


def find_roles(sent: Span, trigger: Token) -> tuple[Optional[Role], Optional[Role]]:
    """(actor, recipient) of the event whose trigger is ``trigger``."""
    subj, passive = _subject(trigger)
    agent = _agent(trigger)
    obj = _object(trigger)
    if passive and agent is not None:
        actor_head, recipient_head = agent, subj
    elif passive:
        actor_head, recipient_head = None, subj
    else:
        actor_head, recipient_head = subj, obj
    actor = _role(actor_head) if actor_head is not None else None
    recipient = _role(recipient_head) if recipient_head is not None else None
    if recipient is None or recipient.country is None:
        recipient = _with_fallback(recipient, _prep_object(trigger))
    if actor is None or actor.country is None:
        actor = _fill_country(sent, actor, recipient)
    if recipient is None or recipient.country is None:
        recipient = _fill_recipient(sent, recipient, actor)
    return actor, recipient


def _subject(trigger: Token) -> tuple[Optional[Token], bool]:
    token: Optional[Token] = trigger
    for _ in range(4):
        if token is None:
            break
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and not (child.pos_ == "PRON" and token.dep_ == "ccomp"):
                return child, child.dep_ == "nsubjpass"
        if token.dep_ in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "acomp") or token.pos_ != "VERB":
            token = token.head if token.head is not token else None
        else:
            token = None
    return None, False


def _agent(trigger: Token) -> Optional[Token]:
    for child in trigger.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _object(trigger: Token) -> Optional[Token]:
    for child in trigger.children:
        if child.dep_ in OBJECT_DEPS:
            return child
    return None


def _prep_object(trigger: Token) -> Optional[Token]:
    for prep in TARGET_PREPS:
        for head in (trigger, *[c for c in trigger.children if c.dep_ in OBJECT_DEPS]):
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == prep:
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
    return None


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``head`` without clauses and PPs."""
    start, end = head.i, head.i + 1
    for child in head.children:
        if child.dep_ in _TRIM_DEPS:
            continue
        start, end = min(start, child.left_edge.i), max(end, child.right_edge.i + 1)
    doc = head.doc
    while start < end - 1 and doc[start].dep_ in ("det", "punct", "cc"):
        start += 1
    return start, end


def _role(head: Token) -> Role:
    start, end = phrase_bounds(head)
    doc = head.doc
    country = _located_in(head) or phrase_country(doc[start:end]) or phrase_country(doc[head.left_edge.i:head.right_edge.i + 1])
    return Role(start, end, country)


def _located_in(head: Token) -> Optional[str]:
    """The country of an "in"/"of" place attached to a group ("Albanians in Serbia")."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_ in ("GPE", "LOC"):
                return phrase_country(head.doc[pobj.left_edge.i:pobj.right_edge.i + 1])
    return None


def phrase_country(span: Span) -> Optional[str]:
    """The first country a span names: entities first, then single words and word pairs."""
    for text in _candidates(span):
        match = country_index().lookup(text) or _demonym_of(text)
        if match is not None:
            return match.iso3
    return None


# regular English demonyms: country name + suffix ("Ghana-ian", "Gambia-n", "Burundi-an",
# "Fiji-an", "Sudan-ese"); only full country names count, never capitals or cities
_DEMONYM_STRIPS = (("ian", ""), ("an", ""), ("n", ""), ("ese", ""), ("an", "a"), ("i", ""))


_AMBIGUOUS_DEMONYMS = frozenset({"Dominican"})  # Dominica or the Dominican Republic


def _demonym_of(text: str) -> Optional[Any]:
    if text in _AMBIGUOUS_DEMONYMS or " " in text or not text.isalpha() or not text[:1].isupper() or len(text) < 6:
        return None
    for suffix, add in _DEMONYM_STRIPS:
        if text.endswith(suffix) and len(text) - len(suffix) >= 4:
            match = country_index().lookup(text[: -len(suffix)] + add)
            if match is not None and match.via == "name":
                return match
    return None


def _candidates(span: Span) -> Iterator[str]:
    for ent in span.ents:
        yield ent.text
    for i, tok in enumerate(span):
        if i + 1 < len(span):
            yield f"{tok.text} {span[i + 1].text}"
        if tok.is_alpha and (tok.is_title or tok.is_upper) or tok.text in ("U.S.", "U.K."):
            yield tok.text


def sentence_countries(sent: Span) -> list[tuple[int, str]]:
    """(token index, ISO-3) of every country mention in the sentence, in order."""
    found: list[tuple[int, str]] = []
    for tok in sent:
        if not (tok.is_title or tok.is_upper or tok.text.endswith(".")):
            continue
        for text in (f"{tok.text} {tok.nbor().text}" if tok.i + 1 < sent.end else "", tok.text):
            match = (country_index().lookup(text) or _demonym_of(text)) if text else None
            if match is not None:
                found.append((tok.i, match.iso3))
                break
    return found


def _with_fallback(role: Optional[Role], pobj: Optional[Token]) -> Optional[Role]:
    if pobj is not None:
        candidate = _role(pobj)
        if role is None or candidate.country is not None:
            role = candidate
    return role


def _fill_country(sent: Span, actor: Optional[Role], recipient: Optional[Role]) -> Optional[Role]:
    """Give a country-less actor the first country mentioned outside the recipient phrase."""
    taken = set(range(recipient.start, recipient.end)) if recipient is not None else set()
    named = actor is not None and any(t.pos_ == "PROPN" for t in sent.doc[actor.start:actor.end])
    other = recipient.country if recipient is not None and named else None
    for index, iso3 in sentence_countries(sent):
        if index in taken or iso3 == other:
            continue
        if actor is None:
            return Role(index, index + 1, iso3, inferred=True)
        return Role(actor.start, actor.end, iso3, inferred=True)
    return actor


def _fill_recipient(sent: Span, recipient: Optional[Role], actor: Optional[Role]) -> Optional[Role]:
    """Give a country-less recipient the first other country mentioned outside the actor."""
    taken = set(range(actor.start, actor.end)) if actor is not None else set()
    own = actor.country if actor is not None else None
    mentions = [(i, c) for i, c in sentence_countries(sent) if i not in taken]
    choice = next(((i, c) for i, c in mentions if c != own), None)
    if choice is None:
        return recipient
    index, iso3 = choice
    if recipient is None:
        return Role(index, index + 1, iso3, inferred=True)
    return Role(recipient.start, recipient.end, iso3, inferred=True)
