"""The linking stage: every mention to a knowledge-base id, or a local id with a reason."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable, Optional

import re

from ..model import Article, Entity, Mention
from ..vocabulary import WHOLES, outlet_id
from ..knowledge.countries import country_index
from ..knowledge.kb import KnowledgeBase, kb_versions, load_knowledge_base
from .linker import EntityMemory, Linker
from .pronouns import with_pronouns

VERSION = "link@1.4"
_LOCATIVE = re.compile(r"\b(in|near|at|outside|around|from|to|into|across)\s+$", re.IGNORECASE)


class LinkStage:
    """Replaces the grouped mentions with linked entities. The entity memory is an input and an
    output: ``scratch.memory`` (given by the caller, see :meth:`Pipeline.process_learning`)
    recalls names from earlier articles and takes the names this one teaches."""

    name = "link"
    requires = ("entities:recognized", "doc", "text", "sentences", "cited_sources")
    provides = ("entities:linked",)
    languages = frozenset({"en"})  # an English model or English rules

    def __init__(self, kb: Optional[KnowledgeBase] = None) -> None:
        self.linker = Linker(kb or load_knowledge_base())
        data = ",".join(f"{k}={v}" for k, v in sorted(kb_versions().items()))
        self.version = f"{VERSION}+kb({data})"

    def __call__(self, article: Article, scratch: Any) -> Article:
        mentions = sorted((m for e in article.entities for m in e.mentions), key=lambda m: (m.start, m.end))
        memory: Optional[EntityMemory] = getattr(scratch, "memory", None)  # the caller's, per article
        wholes = office_wholes(scratch)
        entities = widened_to_wholes(article.text, self.linker.link(article.text, mentions, memory, wholes), wholes)
        entities = split_locative_capitals(article.text, entities) + list(cited_outlets(article))
        entities = seats_named_as_places(article.text, entities, self.linker.kb)
        entities = with_pronouns(entities, getattr(scratch, "doc", None))
        return replace(article, entities=tuple(entities))


def office_wholes(scratch: Any) -> dict[tuple[int, int], str]:
    """Bare offices and groups cut from a whole that holds a name ("The governor" of "The
    governor of Kherson"), by character span, from the parsed Doc in ``scratch`` if any."""
    doc = getattr(scratch, "doc", None)
    if doc is None or not hasattr(doc, "spans"):
        return {}
    return named_by_wholes(doc)


def widened_to_wholes(text: str, entities: list[Entity], wholes: dict[tuple[int, int], str]) -> list[Entity]:
    """A bare office cut from a whole that holds a name ("commander" of "commander of U.S.
    Central Command") is mentioned by the whole: the title with its name, as the entity is
    named. The names inside the whole keep their own mentions."""
    out = []
    for entity in entities:
        mentions = []
        for m in entity.mentions:
            whole = wholes.get((m.start, m.end))
            if whole is not None and text.startswith(whole, m.start):
                m = Mention(m.start, m.start + len(whole), whole, m.label, m.sentence)
            mentions.append(m)
        out.append(replace(entity, mentions=tuple(mentions)))
    return out


def named_by_wholes(doc: Any) -> dict[tuple[int, int], str]:
    """``(start_char, end_char)`` of each entity that begins a whole of its own label in
    ``doc.spans[WHOLES]`` and is shorter than it ("The governor" of "The governor of Kherson",
    "The Members" of "The Members of the Security Council") -> the whole's text. The link stage
    gives such a bare office or group the id of the whole, so two office-holders ("the governor"
    of Kherson, "the governor" of Texas) are never one entity."""
    if WHOLES not in doc.spans:
        return {}
    named: dict[tuple[int, int], str] = {}
    for whole in doc.spans[WHOLES]:
        for ent in doc.ents:
            if ent.start == whole.start and ent.end < whole.end and ent.label_ == whole.label_:
                named[(ent.start_char, ent.end_char)] = whole.text
    return named


def cited_outlets(article: Article) -> Iterable[Entity]:
    """Outlets the text refers to ("as the publication notes" -> The Wall Street Journal)."""
    spans: dict[str, list[Mention]] = {}
    for cited in article.cited_sources:
        if cited.start is not None and cited.end is not None:
            text = article.text[cited.start:cited.end]
            sentence = next((i for i, s in enumerate(article.sentences) if s.start <= cited.start < s.end), None)
            spans.setdefault(cited.name, []).append(Mention(cited.start, cited.end, text, "ORG", sentence))
    for name, mentions in spans.items():
        yield Entity(id=outlet_id(name), name=name, type="organisation", mentions=tuple(mentions),
                     reason="the outlet the article cites")


def split_locative_capitals(text: str, entities: list[Entity]) -> list[Entity]:
    """A capital named as a place ("in Moscow") is the city, not its country (metonymy is for actors)."""
    out: list[Entity] = []
    cities: dict[str, list[Mention]] = {}
    for entity in entities:
        if entity.type != "country":
            out.append(entity)
            continue
        keep = []
        for mention in entity.mentions:
            if _is_capital(mention.text) and _LOCATIVE.search(text[max(0, mention.start - 12):mention.start]):
                cities.setdefault(mention.text, []).append(mention)
            else:
                keep.append(mention)
        if keep:
            out.append(replace(entity, mentions=tuple(keep)))
    for name, mentions in cities.items():
        out.append(Entity(id=f"local:place:{name.lower()}", name=name, type="place", mentions=tuple(mentions),
                          reason="capital named as a place, not as its government"))
    return out


def seats_named_as_places(text: str, entities: list[Entity], kb: KnowledgeBase) -> list[Entity]:
    """An institution named as a place ("protesters outside the Pentagon") is its building, the
    knowledge base's facility of that name; as an actor ("the Pentagon said") it stays the
    organisation."""
    out: list[Entity] = []
    seats: dict[str, tuple[Any, list[Mention]]] = {}
    for entity in entities:
        keep = list(entity.mentions)
        if entity.type == "organisation" and (entity.reason or "").startswith("alias (an institution"):
            for mention in entity.mentions:
                site = next((e for e in kb.candidates(mention.text) if e.type == "facility"), None)
                if site is not None and _LOCATIVE.search(text[max(0, mention.start - 12):mention.start]):
                    seats.setdefault(site.id, (site, []))[1].append(mention)
                    keep.remove(mention)
        if keep:
            out.append(replace(entity, mentions=tuple(keep)))
    for site, mentions in seats.values():
        out.append(Entity(id=site.id, name=site.name, type="facility", mentions=tuple(mentions), kb_id=site.id,
                          country=site.country, latitude=site.latitude, longitude=site.longitude,
                          precision="facility", reason="an institution's seat named as a place"))
    return out


def _is_capital(surface: str) -> bool:
    match = country_index().lookup(surface)
    return match is not None and match.via == "capital"
