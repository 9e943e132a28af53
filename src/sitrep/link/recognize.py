"""Entity recognition beyond the statistical model: knowledge-base names and common nouns.

:func:`add_entity_patterns` adds three components after spaCy's ``ner``:

``sitrep_kb_ruler`` / ``sitrep_kb_ruler_cased``
    EntityRulers built from every knowledge-base alias (case-insensitive phrases, and
    case-sensitive single capitalised words and acronyms such as "Patriot" or "UN"). They give
    the labels the model lacks (``WEAPON``, ``PLATFORM``) and catch names it misses
    ("Wagner PMC", "Khmeimim"). A knowledge-base match replaces an overlapping model entity.
``sitrep_titles``
    Extends a ``PERSON`` leftwards over titles and roles ("Defense Secretary Ash Carter").
``sitrep_noun_phrases``
    Labels noun phrases headed by a generic actor, place, vehicle, weapon or platform noun
    ("coalition forces", "the town of Tel Tamer", "a heavy machine gun") with ``ORG``, ``LOC``,
    ``VEHICLE``, ``WEAPON`` or ``PLATFORM``; the phrase absorbs entities inside it.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sitrep.link.countries import country_index
from sitrep.link.kb import KBEntry, KnowledgeBase

KB_LABELS = {
    "person": "PERSON", "organisation": "ORG", "armed_group": "ORG", "country": "GPE",
    "facility": "FAC", "nationality": "NORP", "weapon": "WEAPON", "platform": "PLATFORM",
}
TITLE_WORDS = frozenset("""
president vice prime minister secretary deputy assistant under foreign defense defence state
general gen gen. lt lt. lieutenant col col. colonel maj maj. major capt capt. captain adm adm.
admiral cmdr cmdr. commander brig brig. sgt sgt. sergeant cpl cpl. pvt pvt. chief petty officer
senior staff spokesperson spokesman spokeswoman ambassador envoy special advisor adviser
presidential king queen prince crown sheikh emir ayatollah dr dr. mr mr. mrs mrs. ms ms.
sen sen. senator rep rep. governor mayor field marshal navy army air force marine marines
director chairman acting senior minister-designate prime-minister-designate
""".split())

QUANTIFIERS = frozenset({"all", "multiple", "several", "many", "some", "more", "than", "numerous", "few", "dozens", "hundreds"})
SHIP_PREFIXES = ["USS", "HMS", "FS", "HMAS", "HMCS", "INS", "RFS", "TCG", "ITS", "ESPS", "HNLMS", "FGS"]
HULL_CODES = ["DDG", "CVN", "CV", "LHD", "LHA", "LPD", "FFG", "CG", "SSN", "SSBN", "LCS", "T-AO"]
SHIP_PATTERNS = [
    {"label": "PLATFORM", "pattern": [{"ORTH": {"IN": SHIP_PREFIXES}}, {"IS_TITLE": True, "OP": "+"}]},
    {"label": "PLATFORM", "pattern": [{"ORTH": {"IN": HULL_CODES}}, {"LIKE_NUM": True}]},
]


def add_entity_patterns(nlp: Language, kb: KnowledgeBase, generic: bool = True) -> None:
    """Add the knowledge-base ruler, title extension and (optionally) common-noun phrases."""
    after = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="sitrep_kb_ruler", after=after,
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(kb_patterns(nlp, kb.entries()) + SHIP_PATTERNS)
    nlp.add_pipe("sitrep_titles", after="sitrep_kb_ruler")
    if generic:
        nlp.add_pipe("sitrep_noun_phrases", after="sitrep_titles")


def kb_patterns(nlp: Language, entries: Iterable[KBEntry]) -> list[dict]:
    """EntityRuler patterns for every alias: phrases match any case, acronyms exact case."""
    patterns: list[dict] = []
    for entry in entries:
        label = _label_for(entry)
        if label is None or entry.type in ("country", "nationality"):
            continue
        for alias in sorted({entry.name, *entry.aliases}):
            patterns.append({"label": label, "pattern": _pattern(nlp, alias), "id": entry.id})
    for form, match in country_index().forms().items():
        if match.via == "seat":
            patterns.append({"label": "GPE", "pattern": form, "id": f"country:{match.iso3}"})
    return patterns


def _pattern(nlp: Language, alias: str) -> str | list[dict]:
    tokens = nlp.make_doc(alias)
    cased = any(c.isupper() for c in alias) and (len(tokens) == 1 or alias.replace(" ", "").isupper())
    return [{"ORTH": t.text} for t in tokens] if cased else alias


def _label_for(entry: KBEntry) -> Optional[str]:
    if entry.type == "place":
        return "LOC" if entry.precision == "region" else "GPE"
    return KB_LABELS.get(entry.type)


@Language.component("sitrep_titles")
def extend_person_titles(doc: Doc) -> Doc:
    """Grow each PERSON leftwards over the titles and roles that precede the name."""
    spans = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            ent = Span(doc, _title_start(doc, ent.start), ent.end, label="PERSON")
        spans.append(ent)
    doc.ents = filter_spans(spans)
    return doc


def _title_start(doc: Doc, start: int) -> int:
    i = start
    while i > 0 and _is_title(doc[i - 1]):
        i -= 1
    while i < start and doc[i].lower_ in ("of", "for", "and", "-"):
        i += 1
    return i


def _is_title(token: Token) -> bool:
    lower = token.lower_
    if lower in TITLE_WORDS and (token.is_title or token.is_upper or lower.endswith(".")):
        return True
    if lower in ("of", "for") and token.i > 0:
        return token.nbor(-1).lower_ in TITLE_WORDS and token.nbor(1).lower_ in TITLE_WORDS
    return token.ent_type_ in ("NORP", "GPE") and token.is_title and token.nbor(1).lower_ in TITLE_WORDS


@Language.component("sitrep_noun_phrases")
def label_noun_phrases(doc: Doc) -> Doc:
    """Label noun phrases headed by a generic actor, place, vehicle, weapon or platform noun."""
    heads = generic_heads()
    found = [span for chunk in doc.noun_chunks if (span := _phrase_entity(doc, chunk, heads)) is not None]
    doc.ents = _merge(doc, found)
    return doc


def _phrase_entity(doc: Doc, chunk: Span, heads: dict[str, str]) -> Optional[Span]:
    root = chunk.root
    if root.ent_type_ in ("WEAPON", "PLATFORM"):
        label = root.ent_type_
    elif root.ent_type_ or root.pos_ not in ("NOUN", "PROPN"):
        return None
    else:
        label = heads.get(root.lemma_.lower())
    if label is None:
        return None
    end = _of_phrase_end(doc, chunk.end) if label in ("ORG", "LOC") else chunk.end
    return Span(doc, _phrase_start(chunk, label), end, label=label)


def _phrase_start(chunk: Span, label: str) -> int:
    """Numbers and quantifiers stay outside the phrase; so do articles of equipment."""
    start = chunk.start
    for token in chunk:
        if token.i >= chunk.root.i:
            break
        if token.like_num or token.ent_type_ in ("CARDINAL", "QUANTITY") or token.lower_ in QUANTIFIERS:
            start = token.i + 1
    while label in ("WEAPON", "PLATFORM", "VEHICLE") and start < chunk.root.i and chunk.doc[start].pos_ == "DET":
        start += 1
    return start


def _of_phrase_end(doc: Doc, end: int) -> int:
    """Extend 'the city' to 'the city of Mosul' when a named entity follows 'of'."""
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_iob_ == "B":
        i = end + 1
        while i < len(doc) and doc[i].ent_iob_ in ("B", "I") and (i == end + 1 or doc[i].ent_iob_ == "I"):
            i += 1
        return i
    return end


def _merge(doc: Doc, found: list[Span]) -> list[Span]:
    """Phrases absorb the entities inside them; partial overlaps keep the old entity."""
    kept = []
    for phrase in found:
        inside = [e for e in doc.ents if e.start < phrase.end and phrase.start < e.end]
        if all(phrase.start <= e.start and e.end <= phrase.end for e in inside):
            kept.append(phrase)
    absorbed = [e for e in doc.ents if not any(p.start <= e.start and e.end <= p.end for p in kept)]
    return filter_spans(kept + absorbed)


_HEADS: dict[str, str] = {}


def generic_heads() -> dict[str, str]:
    """Head-noun lemma -> label, from ``data/kb/generic_nouns.json`` (read once)."""
    if not _HEADS:
        path = resources.files("sitrep.data").joinpath("kb", "generic_nouns.json")
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, label in (("organisation", "ORG"), ("place", "LOC"), ("vehicle", "VEHICLE")):
            _HEADS.update({lemma: label for lemma in data[key]})
    return _HEADS
