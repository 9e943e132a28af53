"""Who an event's actor and recipient are, as written: a name, an agent, or nobody.

The parse gives a phrase. The phrase is kept when it names someone: an entity of the article
(a person, an organisation, a country, a weapon or platform that acts), a proper name, or a
common noun for people or bodies ("troops", "officials", "the ministry", "protesters"). A
personal pronoun ("he", "they") or a bare title ("the minister") takes the nearest earlier
mention in the article of an entity it can refer to (a person for he/she and titles, a group or
country for it/they/we). Anything else (a verb, a date, a thing or a happening: "end",
"meeting", "attacks", "the truce") and a pronoun with nothing to refer to give no participant:
an event without actor text is better than one whose actor is a fragment.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable, Optional

from ..model import Article, Entity, Mention, Participant

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "we", "us", "our"})
OTHER_PRONOUNS = frozenset({"i", "me", "my", "you", "your", "this", "that", "these", "those", "which", "who",
                            "whom", "what", "one", "itself", "themselves", "himself", "herself", "there"})
PERSON_TITLES = frozenset({"president", "minister", "premier", "chancellor", "leader", "commander", "spokesman",
                           "spokeswoman", "spokesperson", "envoy", "ambassador", "secretary", "general", "king",
                           "prince", "governor", "mayor", "chief", "senator"})
AGENT_NOUNS = PERSON_TITLES | frozenset({
    "official", "officials", "government", "governments", "ministry", "army", "armies", "military", "police",
    "navy", "parliament", "congress", "senate", "court", "council", "cabinet", "administration", "regime",
    "coalition", "alliance", "militia", "militias", "group", "groups", "party", "parties", "agency", "agencies",
    "authority", "authorities", "state", "states", "country", "countries", "nation", "nations", "embassy",
    "committee", "commission", "union", "company", "companies", "organization", "organisation", "force",
    "forces", "troops", "junta", "opposition", "guard", "guards", "delegation", "office", "department",
    "tribunal", "legislature", "lawmakers", "people", "public", "community", "soldiers", "fighters",
    "insurgents", "rebels", "militants", "residents", "civilians", "students", "activists", "crowd", "crowds",
    "gunmen", "terrorists", "settlers", "media", "press", "side", "sides", "team", "board", "body", "bank",
    "allies", "ally", "neighbours", "neighbors", "partners", "members", "staff", "personnel", "units",
    "unit", "battalion", "brigade", "division", "regiment", "jets", "aircraft", "warplanes", "drones",
    "ships", "warships", "vessels", "tanks", "missiles", "planes", "helicopters", "ministers", "leaders",
    "agents", "opponents", "supporters", "refugees", "migrants", "workers", "men", "women", "family",
    "families", "voters", "citizens", "nationals", "diplomats", "envoys", "representatives", "judges",
    "prosecutors", "monitors", "inspectors", "observers", "hackers", "spies", "clerics", "tribes", "clans",
    "guerrillas", "guerillas", "youths", "mob", "mobs", "separatists", "jihadists", "extremists",
    "officers", "demonstrators", "protesters", "protestors", "legislators", "mps",
})
AGENT_SUFFIXES = ("ers", "ors", "ists", "ians", "ants", "eers")
ACTING_TYPES = frozenset({"person", "organisation", "armed_group", "country", "nationality", "weapon",
                          "platform", "facility", "place", "city", "region"})
GROUP_TYPES = frozenset({"organisation", "armed_group", "country"})
PERSON_TYPES = frozenset({"person"})


def participant(article: Article, sent: Any, guess: Any) -> Optional[Participant]:
    """The participant the coder's phrase ``guess`` names (see the module doc), or None."""
    if guess is None:
        return None
    span = sent.doc.char_span(guess.start, guess.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    words = [t for t in span if not t.is_punct and t.lower_ not in ("the", "a", "an")]
    if not words:
        return None
    head = _counted(span.root)
    if head is not span.root and head.idx + len(head.text) > guess.end:  # the phrase takes what is counted
        guess = replace(guess, end=head.idx + len(head.text), text=sent.doc.text[guess.start:head.idx + len(head.text)])
    if _inside_date(article, head.idx, head.idx + len(head.text)):
        return None
    pronoun = _pronoun(words[0]) if len(words) == 1 else None
    if pronoun in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return _antecedent(article, guess.start, PERSON_TYPES if pronoun in PERSON_PRONOUNS else GROUP_TYPES)
    if pronoun is not None:
        return None
    if len(words) == 1 and words[0].lower_ in PERSON_TITLES and span[0].lower_ == "the":
        return _antecedent(article, guess.start, PERSON_TYPES) or _plain(article, guess)
    entity = _entity_over(article.entities, head.idx, head.idx + len(head.text))  # the entity the head is in
    if entity is not None and entity.type in ACTING_TYPES or _names_someone(head):
        return _plain(article, guess, entity)
    if head.pos_ == "NOUN" and _named_modifier(article, head):  # "Hezbollah guerrillas", "Irish gunmen"
        return _plain(article, guess)
    return None


POLITICAL_NOUNS = PERSON_TITLES | frozenset({
    "official", "officials", "government", "governments", "ministry", "ministries", "army", "military", "police",
    "navy", "parliament", "congress", "senate", "court", "council", "cabinet", "administration", "regime",
    "coalition", "alliance", "militia", "militias", "junta", "opposition", "troops", "forces", "force", "soldiers",
    "fighters", "insurgents", "rebels", "militants", "guerrillas", "guerillas", "protesters", "protestors",
    "demonstrators", "embassy", "delegation", "diplomats", "lawmakers", "legislators", "authorities",
    "prosecutors", "judges", "tribunal", "presidency", "kremlin", "pentagon", "ministers", "leaders",
    "rebel", "elders", "wing", "front", "movement", "party", "parties", "faction", "factions", "amnesty",
    "watchdog", "union", "committee", "commission", "agency", "students", "workers", "residents", "villagers",
})


def acts_politically(actor: Optional[Participant]) -> bool:
    """An actor PLOVER codes: a state (a country code), a known entity of the knowledge base, or a
    phrase headed by a word for a government, armed or political body or office ("the ministry",
    "troops", "protesters"). A company, a sports team or a private person is none of these."""
    if actor is None:
        return False
    if actor.country is not None or (actor.entity is not None and not actor.entity.startswith("local:")):
        return True
    return any(word.lower() in POLITICAL_NOUNS for word in re.findall(r"[^\W\d_]+", actor.text))


COUNTS = frozenset({"thousand", "hundred", "dozen", "million", "score", "ten", "number", "group"})


def _counted(head: Any) -> Any:
    """"Thousands of students": the students are who acts, not the count."""
    if head.lemma_.lower() not in COUNTS:
        return head
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return pobj if pobj is not None else head


def _pronoun(word: Any) -> Optional[str]:
    """The word in lower case when it is a pronoun ("US" in capitals is a country, not "us")."""
    if word.text.isupper() and len(word.text) > 1:
        return None
    lower = word.lower_
    return lower if lower in PERSON_PRONOUNS | GROUP_PRONOUNS | OTHER_PRONOUNS or word.pos_ == "PRON" else None


def _named_modifier(article: Article, head: Any) -> bool:
    """A common noun for people named by an acting entity before it: a group, a country or a nationality."""
    for child in head.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < head.i:
            entity = _entity_over(article.entities, child.idx, child.idx + len(child.text))
            if entity is not None and entity.type in ACTING_TYPES - {"weapon", "platform", "facility"}:
                return True
    return False



def _names_someone(head: Any) -> bool:
    """A proper name, or a common noun for people or bodies."""
    if head.pos_ == "PROPN":
        return True
    if head.pos_ not in ("NOUN", "ADJ"):
        return False
    lower = head.lower_
    return lower in AGENT_NOUNS or head.lemma_.lower() in AGENT_NOUNS or lower.endswith(AGENT_SUFFIXES) \
        or head.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")


def _plain(article: Article, guess: Any, entity: Optional[Entity] = None) -> Participant:
    """The phrase as written; a phrase cut out of a longer name ("Tel" of "Tel Aviv") takes the name."""
    entity = entity or _entity_over(article.entities, guess.start, guess.end)
    country = guess.country or (entity.country if entity else None)
    start, end, text = guess.start, guess.end, guess.text
    whole = next((m for m in entity.mentions if m.start <= start and end <= m.end and m.end - m.start > end - start),
                 None) if entity else None
    if whole is not None:
        start, end, text = whole.start, whole.end, whole.text
    return Participant(text, entity.id if entity else None, country, sector(entity), start, end)


def _antecedent(article: Article, before: int, types: frozenset[str]) -> Optional[Participant]:
    """The nearest earlier mention of an entity of one of ``types``: what the pronoun refers to."""
    best: Optional[tuple[Mention, Entity]] = None
    for entity in article.entities:
        if entity.type not in types or entity.id.startswith("local:") and entity.type != "person":
            continue
        for mention in entity.mentions:
            if mention.label == "PRON":  # a pronoun the link stage resolved names no one by itself
                continue
            if mention.end <= before and (best is None or mention.start > best[0].start):
                best = mention, entity
    if best is None:
        return None
    mention, entity = best
    return Participant(mention.text, entity.id, entity.country, sector(entity), mention.start, mention.end)


def _inside_date(article: Article, start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for e in article.entities if e.type in ("date", "time")
               for m in e.mentions)


def sector(entity: Optional[Entity]) -> Optional[str]:
    if entity is None:
        return None
    return {"armed_group": "rebel", "country": "government"}.get(entity.type)


def _entity_over(entities: Iterable[Entity], start: int, end: int) -> Optional[Entity]:
    best, best_len = None, 0
    for entity in entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_len:
                best, best_len = entity, overlap
    return best
