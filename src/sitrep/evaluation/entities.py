"""Predictions for the re3d entity scorer (``eval_ner.py``) from the sitrep pipeline.

re3d's schema is not OntoNotes: persons include titles, offices and pronouns ("Hamas
commander", "the governor of Texas" are one Person), organisations include common-noun groups
and countries acting as actors, weapons include "strikes". The mapping
from sitrep labels to re3d types, and those schema conventions, live here and only here;
recognition itself (:mod:`sitrep.nlp.recognize`) stays schema-neutral.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from sitrep.knowledge.countries import country_index
from sitrep.nlp.recognize import WHOLES

RE3D_TYPES = {
    "PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
    "FAC": "Location", "NORP": "Nationality", "DATE": "Temporal", "TIME": "Temporal",
    "MONEY": "Money", "QUANTITY": "Quantity", "CARDINAL": "Quantity", "WEAPON": "Weapon",
    "PLATFORM": "MilitaryPlatform", "VEHICLE": "Vehicle",
}
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "compound", "poss", "nmod"})
GROUP_PRONOUNS = frozenset({"we", "them"})  # "they"/"us" are mostly not marked (CENTCOM)
PERSON_PRONOUNS = frozenset({"i", "me", "he", "him", "she"})
APPROXIMATORS = frozenset({"more", "than", "about", "approximately", "around", "nearly", "almost",
                           "over", "at", "least", "roughly", "some", "up", "to", "fewer", "less",
                           "an", "additional", "another"})
STRIKE_LEMMAS = frozenset({"strike", "airstrike"})


@dataclass(frozen=True)
class Re3dOptions:
    """Which re3d schema conventions to apply (all on by default)."""

    actors: bool = True  # a country that acts (grammatical subject) is an Organisation
    pronouns: bool = True  # personal pronouns are Person / Organisation mentions
    strikes: bool = True  # counted "strikes" and "airstrikes" are Weapon mentions
    nationality_nouns: bool = True  # "the Iraqis" is an Organisation; adjectives are dropped
    wholes: bool = True  # an office or 'of' phrase holding a name is one span ("UN envoy")


def re3d_entities(doc: Doc, options: Re3dOptions = Re3dOptions()) -> list[dict]:
    """The doc's entities as re3d-typed spans ``{start, end, label, text}``."""
    ents = _with_wholes(doc) if options.wholes else list(doc.ents)
    spans = [_typed(ent, options) for ent in ents]
    out = [s for s in spans if s is not None]
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    out.extend(_extra_mentions(doc, taken, options))
    return _join_place_pairs(doc.text, sorted(out, key=lambda s: (s["start"], s["end"])))


def _with_wholes(doc: Doc) -> list[Span]:
    """The entities, each whole that recognition kept aside (``doc.spans[WHOLES]``: "Hamas
    commander", "the governor of Texas", "the members of the Security Council") in place of
    the entities inside it; a whole that would cut an entity in two is left out."""
    ents = list(doc.ents)
    for whole in filter_spans(doc.spans[WHOLES]) if WHOLES in doc.spans else []:
        overlapping = [e for e in ents if e.start < whole.end and whole.start < e.end]
        if all(whole.start <= e.start and e.end <= whole.end for e in overlapping):
            ents = [e for e in ents if e not in overlapping] + [whole]
    return sorted(ents, key=lambda e: e.start)


def _join_place_pairs(text: str, spans: list[dict]) -> list[dict]:
    """re3d marks "Palmyra, Syria" as one Location: join a place and the place after a comma."""
    out: list[dict] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev and prev["label"] == span["label"] == "Location" and text[prev["end"]:span["start"]] == ", " \
                and country_index().lookup(prev["text"]) is None:  # a list of countries stays apart
            out[-1] = {**prev, "end": span["end"], "text": text[prev["start"]:span["end"]]}
        else:
            out.append(span)
    return out


def _typed(ent: Span, options: Re3dOptions) -> Optional[dict]:
    label = RE3D_TYPES.get(ent.label_)
    if label is None:
        return None
    if options.actors and ent.label_ == "GPE" and _acts(ent):
        label = "Organisation"
    if options.nationality_nouns and ent.label_ == "NORP":
        if ent.root.pos_ not in ("NOUN", "PROPN") or ent.root.dep_ in ("amod", "compound"):
            return None
        label = "Organisation"
    if label == "Organisation" and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the":
        ent = ent.doc[ent.start - 1:ent.end]
    if label in ("Quantity", "Money"):
        ent = _bare_number(ent)
        if ent is None:
            return None
    return _span(ent, label)


def _bare_number(ent: Span) -> Optional[Span]:
    """re3d counts the amount itself: "more than 850" -> "850"; a pronoun-like "one" is none."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_ in APPROXIMATORS:
        start += 1
    span = ent.doc[start:ent.end]
    if span.text.lower() == "one" and span.root.dep_ != "nummod":
        return None
    return span


def _acts(ent: Span) -> bool:
    """A country named as the doer, owner or addressee of something, not as a location."""
    match = country_index().lookup(ent.text)
    if match is None or match.via not in ("name", "seat"):
        return False
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ in ACTOR_DEPS


def _extra_mentions(doc: Doc, taken: set[int], options: Re3dOptions) -> Iterator[dict]:
    for token in doc:
        if token.i in taken:
            continue
        lower = token.lower_
        if options.pronouns and token.pos_ == "PRON" and lower in GROUP_PRONOUNS:
            yield _span(doc[token.i:token.i + 1], "Organisation")
        elif options.pronouns and token.pos_ == "PRON" and lower in PERSON_PRONOUNS:
            yield _span(doc[token.i:token.i + 1], "Person")
        elif options.strikes and _counted_strike(token):
            yield _span(doc[token.i:token.i + 1], "Weapon")


def _counted_strike(token: Token) -> bool:
    """ "five strikes engaged ...": a counted strike is a weapon use in re3d."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in STRIKE_LEMMAS:
        return False
    return any(child.dep_ == "nummod" for child in token.children)


def _span(span: Span, label: str) -> dict:
    return {"start": span.start_char, "end": span.end_char, "label": label, "text": span.text}


def write_re3d_predictions(inputs_jsonl: Path, pred_jsonl: Path, nlp: Language,
                           options: Re3dOptions = Re3dOptions()) -> int:
    """Run ``nlp`` over the scorer's exported inputs and write re3d predictions; returns rows."""
    rows = list(_read_jsonl(Path(inputs_jsonl)))
    docs = nlp.pipe(row["text"] for row in rows)
    Path(pred_jsonl).parent.mkdir(parents=True, exist_ok=True)
    with Path(pred_jsonl).open("w", encoding="utf-8") as out:
        for row, doc in zip(rows, docs):
            record = {"id": row["id"], "entities": re3d_entities(doc, options)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(rows)


def _read_jsonl(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def main(argv: Optional[list[str]] = None) -> int:
    """``python -m sitrep.evaluation.entities INPUTS.jsonl PRED.jsonl [--no-re3d-conventions]``."""
    import argparse

    from sitrep.nlp.recognize import load_pipeline

    parser = argparse.ArgumentParser(description="write re3d entity predictions for eval_ner.py")
    parser.add_argument("inputs", type=Path)
    parser.add_argument("pred", type=Path)
    parser.add_argument("--no-re3d-conventions", action="store_true",
                        help="label map only: no actor, pronoun, strike, nationality or office rules")
    args = parser.parse_args(argv)
    options = Re3dOptions(False, False, False, False, False) if args.no_re3d_conventions else Re3dOptions()
    write_re3d_predictions(args.inputs, args.pred, load_pipeline(), options)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
