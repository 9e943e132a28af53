"""High-precision event rules for news prose, read off the dependency parse.

The sentence classifier was trained on sentences that each hold an event; news articles are
full of sentences that hold none (background, descriptions, caveats). These rules fire on a
verb (or a verb + object pair) whose meaning is unambiguous in conflict and diplomacy news —
withdraw, deliver, sever ties, negotiate, insist — and give type, mode and trigger; actors and
recipients come from the shared role finder. When a rule fires, it decides the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Span, Token

from ..knowledge.countries import country_index
from .roles import find_roles, phrase_country
from .sentence import ActorGuess, EventGuess

RULE_CONFIDENCE = 0.85


@dataclass(frozen=True)
class Rule:
    type: str
    mode: Optional[str]
    lemmas: frozenset[str]
    objects: frozenset[str] = frozenset()  # one of these nouns must be an object or in the VP
    particle: Optional[str] = None  # "pull out", "break off"


MILITARY = frozenset({
    "system", "equipment", "radar", "weapon", "arm", "troop", "soldier", "force", "aircraft", "jet", "plane",
    "helicopter", "drone", "missile", "rocket", "tank", "vehicle", "artillery", "ammunition", "munition",
    "warship", "ship", "personnel", "mercenary", "fighter", "component", "battery", "defense", "defence",
    "unit", "asset", "hardware", "S-400", "S-300",
})
TIES = frozenset({"tie", "relation", "contact", "link", "diplomatic"})
BASES = frozenset({"base", "basis", "facility", "outpost", "garrison"})
CONDITIONS = frozenset({"condition", "demand", "list", "ultimatum", "request"})

RULES: tuple[Rule, ...] = (
    Rule("RETREAT", "withdraw", frozenset({"withdraw", "evacuate", "retreat", "relocate"})),
    Rule("RETREAT", "withdraw", frozenset({"pull"}), particle="out"),
    Rule("RETREAT", "withdraw", frozenset({"close", "shut", "abandon", "vacate", "dismantle"}), BASES),
    Rule("MOBILIZE", "weapons", frozenset({"transfer", "deliver", "move", "ship", "fly", "airlift", "transport",
                                           "redeploy", "deploy", "send", "bring"}), MILITARY),
    Rule("SANCTION", "discontinue", frozenset({"sever", "cut", "suspend", "freeze", "downgrade"}), TIES),
    Rule("SANCTION", "discontinue", frozenset({"break"}), TIES, particle="off"),
    Rule("SANCTION", None, frozenset({"sanction", "embargo", "blacklist"})),
    Rule("REQUEST", None, frozenset({"insist", "demand", "urge", "request"})),
    Rule("REQUEST", None, frozenset({"present", "set", "issue", "give", "hand"}), CONDITIONS),
    Rule("REQUEST", None, frozenset({"call"}), particle="on"),
    Rule("CONSULT", None, frozenset({"negotiate", "consult", "discuss", "meet"})),
    Rule("ASSAULT", None, frozenset({"attack", "strike", "bomb", "shell", "shoot", "kill", "raid", "invade"})),
    Rule("THREATEN", None, frozenset({"threaten"})),
    Rule("ACCUSE", None, frozenset({"accuse", "blame", "condemn", "denounce"})),
    Rule("AGREE", None, frozenset({"sign", "agree", "ratify"})),
    Rule("REJECT", None, frozenset({"reject", "refuse", "veto"})),
)
_TRIGGER_POS = {"VERB"}
MEETING_NOUNS = frozenset({"meeting", "talk", "negotiation", "consultation", "summit"})
REPORTING = frozenset({"say", "note", "state", "report", "tell", "announce", "claim", "add", "write", "confirm"})
MEETING_RULE = Rule("CONSULT", None, MEETING_NOUNS)
_BACKGROUND = re.compile(r"\b(ha(s|ve|d) (had )?(close |long-standing |strong )?(ties|presence|relations|links)|"
                         r"(ties|links|relations) (to|with))\b", re.IGNORECASE)


def rule_events(sent: Span) -> list[EventGuess]:
    """Events the rules find in ``sent``, in trigger order; empty when no rule fires."""
    guesses = []
    for token in sent:
        rule = _matching_rule(token)
        if rule is not None:
            guesses.append(_guess(sent, token, rule))
    return _one_per_type(guesses)


def is_background(sent: Span) -> bool:
    """A sentence that states a standing relation ("has close ties to"), not an event."""
    return bool(_BACKGROUND.search(sent.text))


def _main_predicate(token: Token) -> bool:
    """The sentence's own event: its root, a clause reported by it, or a verb conjoined to those.

    Verbs under another predicate ("refused to meet", "willing to withdraw", "threatened to
    break relations") and promises ("will withdraw") carry the stance of the main verb instead,
    which the classifier codes.
    """
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in token.children):
        return False
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ == "ROOT":
        return True
    return token.dep_ == "ccomp" and token.head.dep_ == "ROOT" and token.head.lemma_ in REPORTING


def _matching_rule(token: Token) -> Optional[Rule]:
    if token.pos_ == "NOUN" and token.lemma_.lower() in MEETING_NOUNS and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in token.children) and token.head.dep_ == "prep" \
            and token.head.head.dep_ == "ROOT":
        return MEETING_RULE
    if token.pos_ in _TRIGGER_POS and not _main_predicate(token):
        return None
    if token.pos_ not in _TRIGGER_POS and not (token.pos_ == "AUX" and token.lemma_ == "close"):
        return None
    lemma = token.lemma_.lower()
    for rule in RULES:
        if lemma not in rule.lemmas:
            continue
        if rule.particle and not any(c.dep_ in ("prt", "prep") and c.lower_ == rule.particle for c in token.children):
            continue
        if rule.objects and not _has_object(token, rule.objects):
            continue
        return rule
    return None


def _has_object(token: Token, nouns: frozenset[str]) -> bool:
    """One of ``nouns`` among the verb's objects or passive subject; a pronoun object counts
    when the sentence names such a noun elsewhere ("withdrawing troops ... and moving them")."""
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "dative", "prep", "pobj", "conj"):
            for word in child.subtree:
                if word.lemma_.lower() in nouns or word.text in nouns:
                    return True
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "PRON":
            return any(w.lemma_.lower() in nouns for w in token.sent)
    return False


def _guess(sent: Span, trigger: Token, rule: Rule) -> EventGuess:
    bearer = _subject_bearer(trigger)
    actor = _role_phrase(_subject(bearer))
    recipient = _role_phrase(_recipient(trigger, rule))
    if trigger.pos_ == "NOUN":
        return _event_guess(trigger, rule, None, recipient)
    if actor is None or recipient is None:
        found_actor, found_recipient = find_roles(sent, bearer)
        actor = actor or _actor(sent.doc, found_actor)
        recipient = recipient if recipient is not None or rule.type in ("RETREAT", "MOBILIZE") else \
            _actor(sent.doc, found_recipient)
    return _event_guess(trigger, rule, actor, recipient)


def _event_guess(trigger: Token, rule: Rule, actor: Optional[ActorGuess], recipient: Optional[ActorGuess]) -> EventGuess:
    return EventGuess(
        type=rule.type, mode=rule.mode, actor=actor, recipient=recipient,
        trigger_start=trigger.idx, trigger_end=trigger.idx + len(trigger.text),
        negated=any(c.dep_ == "neg" for c in trigger.children), confidence=RULE_CONFIDENCE,
    )


def _subject_bearer(trigger: Token) -> Token:
    """A conjoined verb with no subject of its own shares its head's ("... and moving them")."""
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)
    return trigger.head if trigger.dep_ == "conj" and not has_subject and trigger.head.pos_ in ("VERB", "AUX") else trigger


def _subject(verb: Token) -> Optional[Token]:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    return agent or subject or _owner(verb)


def _owner(verb: Token) -> Optional[Token]:
    """For "Russian bases may be closed": the demonym that owns the passive subject."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is None:
        return None
    return next((c for c in passive.children if c.dep_ == "amod" and _is_demonym(c.text)), None)


def _is_demonym(word: str) -> bool:
    match = country_index().lookup(word)
    return match is not None and match.via == "demonym"



def _recipient(trigger: Token, rule: Rule) -> Optional[Token]:
    """Who the event is aimed at: the subject of a demanded clause, a "with" partner, a direct object."""
    for child in trigger.children:
        if rule.type == "REQUEST" and child.dep_ == "ccomp":
            inner = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if inner is not None:
                return inner
    for word in trigger.subtree:
        if word.dep_ == "pobj" and word.head.lower_ == "with" and rule.type in ("SANCTION", "CONSULT"):
            return word
    direct = next((c for c in trigger.children if c.dep_ in ("dobj", "dative")), None)
    if direct is not None and rule.type not in ("RETREAT", "MOBILIZE", "SANCTION"):
        return direct
    return None


def _role_phrase(head: Optional[Token]) -> Optional[ActorGuess]:
    """The whole noun phrase under ``head`` (with its "of" and relative clauses), and its country."""
    if head is None or head.pos_ == "PRON":
        return None
    if head.dep_ == "amod":
        return ActorGuess(head.text, head.idx, head.idx + len(head.text), country_index().lookup(head.text).iso3)
    kept = sorted(_phrase_tokens(head))
    start, end = kept[0], kept[0] + 1
    while end in kept:
        end += 1
    doc = head.doc
    while start < end - 1 and doc[start].dep_ in ("det", "predet") and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    span = doc[start:end]
    return ActorGuess(span.text, span.start_char, span.end_char, phrase_country(span))


def _phrase_tokens(token: Token) -> set[int]:
    """Token indices of the phrase: every dependent except prepositional phrases (but "of") and punctuation."""
    kept = {token.i}
    for child in token.children:
        if child.dep_ in ("punct", "cc", "conj", "appos", "advcl") or (child.dep_ == "prep" and child.lower_ != "of"):
            continue
        kept |= _phrase_tokens(child)
    return kept


def _actor(doc: object, role: object) -> Optional[ActorGuess]:
    if role is None:
        return None
    span = doc[role.start:role.end]  # type: ignore[index]
    return ActorGuess(span.text, span.start_char, span.end_char, role.country)  # type: ignore[attr-defined]


def _one_per_type(guesses: Iterable[EventGuess]) -> list[EventGuess]:
    seen, out = set(), []
    for guess in guesses:
        if guess.type not in seen:
            seen.add(guess.type)
            out.append(guess)
    return out
