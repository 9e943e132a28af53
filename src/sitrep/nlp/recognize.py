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
    ``PERSON`` right after in/near/around/inside/outside, or a one-word ``PERSON``/``ORG``
    that is a city name and not acting ("isolate Raqqah"), becomes a ``GPE``; a capitalised
    name the model left unlabelled after one of those prepositions ("Near Rawah, ...") is a
    ``GPE`` when the knowledge base or the geo gazetteer knows it as a place (a name that is
    also an English noun, such as "God" or "Hope", only when it is a country, region or
    large city there).
``sitrep_noun_phrases``
    Labels noun phrases headed by a generic actor, place, vehicle, weapon or platform noun
    ("coalition forces", "the town of Tel Tamer", "a heavy machine gun") with ``ORG``, ``LOC``,
    ``VEHICLE``, ``WEAPON`` or ``PLATFORM``, and a singular office ("the secretary") with
    ``PERSON``; the phrase absorbs entities inside it, and runs on over an "of" phrase when its
    head is one the gold writes that way ("the families of the victims"), unless the noun
    phrase after "of" holds an entity or has an "of" phrase of its own. Capitalised plurals
    are looked up singular ("Members"). Head nouns: the hand list plus the lists mined from
    re3d gold (:mod:`sitrep.evaluation.entities_crossval`).

Offices that hold a name are not entities: an organisation followed by an office noun
("Hamas commander", "Central Command spokesman"), an office + "of" + a name ("the Secretary
of State", "the governor of Texas") and an office noun phrase with a name inside ("the UN
envoy") keep the organisation, country or place as its own entity (linked, and geocoded when
a place), and a bare office noun phrase ("the governor") as a ``PERSON`` (a ``PERSON`` never
keeps a KB id that is not a person's). So does a phrase that would run on over an "of" phrase
holding a name ("the members of the Security Council": "the members" and "the Security
Council"). The wholes are kept in ``doc.spans["sitrep_wholes"]``, which only the re3d
evaluation (:mod:`sitrep.evaluation.entities`) writes as one span, as re3d's schema does.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Iterable, Mapping, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sitrep.knowledge.countries import country_index
from sitrep.knowledge.kb import KBEntry, KnowledgeBase, load_knowledge_base
from sitrep.knowledge.places import is_city_name
from sitrep.vocabulary import WHOLES

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

ROLE_NOUNS = frozenset("""
president minister secretary spokesperson spokesman spokeswoman ambassador envoy commander
director chairman governor mayor king queen prince emir
""".split())
PLACE_PREPOSITIONS = frozenset({"in", "near", "around", "outside", "inside"})
PLACE_KB_TYPES = frozenset({"place", "country", "facility"})
NUMBER_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "npadvmod", "det", "advmod", "nsubj"})
QUANTIFIERS = frozenset({"all", "multiple", "several", "many", "some", "more", "than", "numerous", "few", "dozens", "hundreds"})
SHIP_PREFIXES = ["USS", "HMS", "FS", "HMAS", "HMCS", "INS", "RFS", "TCG", "ITS", "ESPS", "HNLMS", "FGS"]
HULL_CODES = ["DDG", "CVN", "CV", "LHD", "LHA", "LPD", "FFG", "CG", "SSN", "SSBN", "LCS", "T-AO"]
SHIP_PATTERNS = [
    {"label": "PLATFORM", "pattern": [{"ORTH": {"IN": SHIP_PREFIXES}}, {"IS_TITLE": True, "OP": "+"}]},
    {"label": "PLATFORM", "pattern": [{"ORTH": {"IN": HULL_CODES}}, {"LIKE_NUM": True}]},
]


def add_entity_patterns(nlp: Language, kb: KnowledgeBase, generic: bool = True,
                        heads: Optional[Mapping[str, str]] = None) -> None:
    """Add the knowledge-base ruler, title extension and (optionally) common-noun phrases;
    ``heads`` (lemma -> label) replaces the shipped head-noun lexicon (:func:`generic_heads`)."""
    after = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="sitrep_kb_ruler", after=after,
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    ruler.add_patterns(kb_patterns(nlp, kb.entries()) + SHIP_PATTERNS)
    nlp.add_pipe("sitrep_persons", after="sitrep_kb_ruler")
    if generic:
        phrases = nlp.add_pipe("sitrep_noun_phrases", after="sitrep_persons")
        if heads is not None:
            phrases.heads = dict(heads)


def load_pipeline(generic: bool = True, heads: Optional[Mapping[str, str]] = None) -> Language:
    """spaCy's ``en_core_web_sm`` with the sitrep components added (built on each call)."""
    from .spacy_stage import load_spacy

    nlp = load_spacy()
    add_entity_patterns(nlp, load_knowledge_base(), generic=generic, heads=heads)
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


class PersonFixer:
    """The ``sitrep_persons`` component; ``common_nouns`` (lower case) are ordinary English
    nouns, which an unlabelled name after a place preposition may be ("in God")."""

    def __init__(self, common_nouns: Iterable[str] = ()) -> None:
        self.common_nouns = frozenset(common_nouns)

    def __call__(self, doc: Doc) -> Doc:
        return fix_persons(doc, self.common_nouns)


@Language.factory("sitrep_persons", requires=["doc.ents", "token.tag"], assigns=["doc.ents", "doc.spans"])
def make_person_fixer(nlp: Language, name: str) -> PersonFixer:
    return PersonFixer(english_nouns(nlp))


def english_nouns(nlp: Language) -> frozenset[str]:
    """The lemmatizer's index of English nouns (WordNet's), or none if the model has no table."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))


def fix_persons(doc: Doc, common_nouns: frozenset[str] = frozenset()) -> Doc:
    """Grow each PERSON over the titles before it; a PERSON after 'in'/'near' is a place, and
    so is a model PERSON or ORG that is a known city name and not acting ("isolate Raqqah").
    An organisation before an office noun ("Hamas commander") stays an organisation; the office
    goes to ``doc.spans[WHOLES]``."""
    spans, offices = [], []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            ent = _place_or_person(doc, ent)
        if ent.label_ in ("PERSON", "ORG") and not ent.ent_id_ and _city_not_actor(ent):
            ent = Span(doc, ent.start, ent.end, label="GPE")
        elif ent.label_ == "ORG" and _role_after(ent):
            offices.append(Span(doc, ent.start, ent.end + 1, label="PERSON"))
        spans.append(ent)
    doc.ents = filter_spans(spans + _unlabelled_places(doc, common_nouns))
    doc.spans[WHOLES] = offices
    return _persons_keep_person_ids(doc)


def _persons_keep_person_ids(doc: Doc) -> Doc:
    """A span relabelled as a ``PERSON`` keeps its tokens' KB ids (spaCy does not clear them):
    clear any that is not a person's, so a person never carries an organisation's id."""
    kb = load_knowledge_base()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        for token in ent:
            entry = kb.get(token.ent_id_) if token.ent_id_ else None
            if token.ent_id_ and (entry is None or entry.type != "person"):
                token.ent_id = 0
    return doc


def _unlabelled_places(doc: Doc, common_nouns: frozenset[str] = frozenset()) -> list[Span]:
    """Capitalised names right after in/near/around/inside/outside that the model left
    unlabelled ("Near Rawah, two strikes ..."), as places when :func:`known_place`."""
    places = []
    for token in doc[:-1]:
        if token.lower_ not in PLACE_PREPOSITIONS or token.ent_type_:
            continue
        end = token.i + 1
        while end < len(doc) and _name_word(doc[end]):
            end += 1
        if end > token.i + 1 and (end == len(doc) or not doc[end].is_alpha or doc[end].is_lower):
            name = Span(doc, token.i + 1, end, label="GPE")
            if known_place(name.text, common_nouns):
                places.append(name)
    return places


def known_place(name: str, common_nouns: frozenset[str] = frozenset()) -> bool:
    """The knowledge base knows ``name`` as a place, country or facility, or the geo gazetteer
    has it; a name that is also an English noun ("God", "Hope": there are towns so named) only
    when the gazetteer has it as a country, region, continent or large city."""
    if country_index().lookup(name) is not None:
        return True
    if any(entry.type in PLACE_KB_TYPES for entry in load_knowledge_base().candidates(name)):
        return True
    from sitrep.knowledge.gazetteer import gazetteer, prominent

    places = gazetteer()
    if name.lower() in common_nouns:
        return prominent(places, name)
    return bool(places.lookup(name))


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and not token.ent_type_ and token.lower_ not in TITLE_WORDS


def _role_after(ent: Span) -> bool:
    """An organisation named before its officer: "U.S. Central Command commander"."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].ent_type_ or doc[ent.end].lower_ not in ROLE_NOUNS:
        return False
    return ent.end + 1 == len(doc) or doc[ent.end + 1].pos_ not in ("NOUN", "PROPN") or doc[ent.end + 1].ent_type_ == "PERSON"


def _city_not_actor(ent: Span) -> bool:
    """A one-word name that is a city (GeoNames) and is not a speaker, doer or owner."""
    token = ent[0]
    if len(ent) != 1 or token.is_upper or not is_city_name(token.text):
        return False
    if token.dep_ in ("nsubj", "nsubjpass", "poss", "appos") or (token.i > 0 and _is_title(token.nbor(-1))):
        return False
    surname = any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == token.text for e in token.doc.ents)
    return not surname


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


class NounPhraseLabeller:
    """Labels noun phrases headed by a generic actor, place, vehicle, weapon or platform noun;
    ``heads`` maps head lemmas to labels (by default :func:`generic_heads`), ``of_heads`` are
    heads whose phrases run on over an 'of' phrase (by default :func:`of_phrase_heads`)."""

    def __init__(self, heads: Optional[Mapping[str, str]] = None,
                 of_heads: Optional[Iterable[str]] = None, common_nouns: Iterable[str] = ()) -> None:
        self.heads = dict(generic_heads() if heads is None else heads)
        self.of_heads = frozenset(of_phrase_heads() if of_heads is None else of_heads)
        self.common_nouns = frozenset(common_nouns)

    def __call__(self, doc: Doc) -> Doc:
        chunks = {chunk.root.i: chunk for chunk in doc.noun_chunks}
        wholes = list(doc.spans[WHOLES]) if WHOLES in doc.spans else []
        in_whole = {i for whole in wholes for i in range(whole.start, whole.end)}
        found, chunk_ends, runs_on = [], {}, {}
        for chunk in chunks.values():
            span = None if chunk.root.i in in_whole else _phrase_entity(doc, chunk, self.heads, self.of_heads, chunks)
            if span is not None:
                found.append(span)
                chunk_ends[(span.start, span.end)] = chunk.end
                runs_on.update(_run_on_whole(span, chunk, self.of_heads, chunks))
        doc.ents = _keep_names(doc, _merge(doc, found), chunk_ends, runs_on, wholes, self.common_nouns)
        doc.spans[WHOLES] = wholes
        return _persons_keep_person_ids(doc)


def _run_on_whole(span: Span, chunk: Span, of_heads: frozenset[str],
                  chunks: Mapping[int, Span]) -> dict[tuple[int, int], Span]:
    """The phrase run on over an 'of' phrase that holds a name ("The Members of the Security
    Council"), which the labeller does not make an entity, keyed by the phrase's own bounds."""
    after = _of_chunk(chunk, chunks) if span.end == chunk.end and _runs_on(span, of_heads) else None
    if after is None or not _holds_name(after):
        return {}
    return {(span.start, span.end): Span(span.doc, span.start, after.end, label=span.label_)}


def _keep_names(doc: Doc, merged: list[Span], chunk_ends: Mapping[tuple[int, int], int],
                runs_on: Mapping[tuple[int, int], Span], wholes: list[Span],
                common_nouns: frozenset[str] = frozenset()) -> list[Span]:
    """The entities, with each office phrase that holds a name split back into the name and the
    bare office; the office phrases and run-on phrases are appended to ``wholes``. The link
    stage names a bare office by its whole (:func:`named_by_wholes`), so "the governor" of
    Kherson and "the governor" of Texas stay two people."""
    named = list(doc.ents)
    ents = []
    for span in merged:
        key = (span.start, span.end)
        inner = _names_inside(span, named) if span.label_ == "PERSON" else []
        if inner:
            wholes.append(span)
            ents.extend(_unnested(span, chunk_ends.get(key, span.end), inner, common_nouns))
        else:
            ents.append(span)
            wholes.extend([runs_on[key]] if key in runs_on else [])
    return ents


def _names_inside(phrase: Span, named: list[Span]) -> list[Span]:
    """The entities an office phrase absorbed ("the UN envoy"), if any is more than a number."""
    inside = [e for e in named if phrase.start <= e.start and e.end <= phrase.end
              and (e.start, e.end) != (phrase.start, phrase.end)]
    return inside if any(e.label_ not in NUMBER_LABELS for e in inside) else []


def _unnested(office: Span, chunk_end: int, inner: list[Span],
              common_nouns: frozenset[str] = frozenset()) -> list[Span]:
    """An office's own entities, plus the bare office ("the governor") when it holds none; a
    name after the office's "of" that is a known place is a place (:func:`_office_place`)."""
    inner = [_office_place(ent, common_nouns) for ent in inner]
    bare = Span(office.doc, office.start, chunk_end, label="PERSON")
    if any(e.start < bare.end and bare.start < e.end for e in inner):
        return inner
    return [bare, *inner]


def _office_place(ent: Span, common_nouns: frozenset[str] = frozenset()) -> Span:
    """A ``PERSON`` right after an office's "of" that the knowledge base or gazetteer knows as a
    place (:func:`known_place`) is the place the office is of: "the governor of Kherson" ->
    "Kherson" (``GPE``), so it is linked and geocoded as a place, not a person."""
    doc = ent.doc
    if ent.label_ != "PERSON" or ent.start == 0 or doc[ent.start - 1].lower_ != "of":
        return ent
    if not known_place(ent.text, common_nouns):
        return ent
    return Span(doc, ent.start, ent.end, label="GPE", kb_id=ent.kb_id, span_id=ent.id)


def _holds_name(span: Span) -> bool:
    return any(token.ent_type_ and token.ent_type_ not in NUMBER_LABELS for token in span)


@Language.factory("sitrep_noun_phrases", requires=["doc.ents", "token.tag", "token.dep", "token.lemma"],
                  assigns=["doc.ents", "doc.spans"])
def make_noun_phrase_labeller(nlp: Language, name: str) -> NounPhraseLabeller:
    return NounPhraseLabeller(common_nouns=english_nouns(nlp))


def _phrase_entity(doc: Doc, chunk: Span, heads: Mapping[str, str], of_heads: frozenset[str] = frozenset(),
                   chunks: Optional[Mapping[int, Span]] = None) -> Optional[Span]:
    root = chunk.root
    if root.ent_type_ in ("WEAPON", "PLATFORM"):
        label = root.ent_type_
    elif root.ent_type_ or root.pos_ not in ("NOUN", "PROPN"):
        return None
    elif _is_role(chunk):
        label = "PERSON"
    else:
        label = heads.get(head_lemma(root))
    if label is None:
        return None
    end = _of_phrase_end(doc, chunk.end) if label in ("ORG", "LOC", "PERSON") else chunk.end
    span = Span(doc, _phrase_start(chunk, label), end, label=label)
    if end == chunk.end and _runs_on(span, of_heads):
        after = _of_chunk(chunk, chunks or {})
        if after is not None and not _holds_name(after):
            span = Span(doc, span.start, after.end, label=label)
    return span


def _runs_on(span: Span, of_heads: frozenset[str]) -> bool:
    return span.label_ in ("ORG", "LOC", "PERSON") and head_lemma(span.root) in of_heads


def _is_role(chunk: Span) -> bool:
    """One holder of an office, named by it: "the secretary", "a new Prime Minister-designate",
    "commander of U.S. Central Command"."""
    root = chunk.root
    if root.tag_ not in ("NN", "NNP") or root.lower_.split("-")[0] not in ROLE_NOUNS:
        return False
    doc = chunk.doc
    of_name = chunk.end + 1 < len(doc) and doc[chunk.end].lower_ == "of" and doc[chunk.end + 1].ent_iob_ == "B"
    return (chunk[0].lower_ in ("the", "a", "an") and (root.tag_ == "NN" or of_name)) or (len(chunk) == 1 and of_name)


def _phrase_start(chunk: Span, label: str) -> int:
    """Numbers and quantifiers stay outside the phrase ("two bridges" -> "bridges"), except a
    number after a determiner ("the two leaders") and "all" before a group ("all parties")."""
    start = chunk.start
    for token in chunk:
        if token.i >= chunk.root.i:
            break
        if label in ("ORG", "LOC", "PERSON") and token.i > chunk.start and token.nbor(-1).dep_ in ("det", "poss") and token.like_num:
            continue
        if label == "ORG" and token.lower_ == "all":
            continue
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


def _of_chunk(chunk: Span, chunks: Mapping[int, Span]) -> Optional[Span]:
    """The noun phrase right after the chunk's own 'of' ('the families' -> 'the victims'),
    which a phrase headed by an 'of' head runs on over; none when that phrase starts an 'of'
    phrase of its own that names an entity ("the people of [the town] of Tel Tamer": the
    town keeps its name). When it holds an entity ("the members of [the Security Council]"),
    :class:`NounPhraseLabeller` keeps the two apart and the whole in ``doc.spans[WHOLES]``."""
    doc = chunk.doc
    if chunk.end + 1 >= len(doc) or doc[chunk.end].lower_ != "of" or doc[chunk.end].head.i != chunk.root.i:
        return None
    target = next((child for child in doc[chunk.end].children if child.dep_ == "pobj"), None)
    after = chunks.get(target.i) if target is not None else None
    if after is None or after.start != chunk.end + 1 or _of_phrase_end(doc, after.end) != after.end:
        return None
    return after


def head_lemma(token: Token) -> str:
    """The lower-case lemma a head noun is listed under; a capitalised plural the tagger took
    for a name ("the Members of ...") is singularised."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and token.tag_ == "NNPS" and lemma.endswith("s") and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma


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
HEAD_KEYS = (("organisation", "ORG"), ("place", "LOC"), ("vehicle", "VEHICLE"))


def hand_heads() -> dict[str, str]:
    """Head-noun lemma -> label, from the hand-written ``data/kb/generic_nouns.json``."""
    data = json.loads(resources.files("sitrep.data").joinpath("kb", "generic_nouns.json").read_text(encoding="utf-8"))
    return {lemma: label for key, label in HEAD_KEYS for lemma in data[key]}


def mined_lexicon() -> dict:
    """``data/kb/mined_heads.json``: heads mined from re3d dev gold (see :mod:`sitrep.evaluation.entities_crossval`)."""
    return json.loads(resources.files("sitrep.data").joinpath("kb", "mined_heads.json").read_text(encoding="utf-8"))


def combine_heads(hand: Mapping[str, str], added: Mapping[str, str], dropped: Iterable[str]) -> dict[str, str]:
    """The hand list without the dropped heads, plus mined heads the hand list lacks."""
    heads = {lemma: label for lemma, label in hand.items() if lemma not in set(dropped)}
    heads.update({lemma: label for lemma, label in added.items() if lemma not in hand})
    return heads


def of_phrase_heads() -> list[str]:
    """Heads whose phrases run on over an 'of' phrase ("the families of the victims"), mined."""
    return list(mined_lexicon().get("of_heads", ()))


def generic_heads() -> dict[str, str]:
    """Head-noun lemma -> label: the hand list combined with the mined one (read once)."""
    if not _HEADS:
        mined = mined_lexicon()
        _HEADS.update(combine_heads(hand_heads(), mined["heads"], mined["dropped"]))
    return _HEADS
