"""The parts of entity recognition learned from re3d gold, and their leave-one-folder-out score.

Head nouns are mined from gold spans rather than written by hand: a common-noun head lemma
whose noun phrases are gold Organisation or Location spans (weapons, platforms and vehicles
come from the knowledge base)
at least ``MIN_HITS`` times and in at least ``MIN_PRECISION`` of its occurrences is added to
the hand list in ``generic_nouns.json``; a hand-listed head whose phrases are seldom entities
(under ``DROP_BELOW`` of at least ``DROP_MIN_SEEN``) is dropped.
A head whose gold spans run on over the "of" phrase after it ("the families of the victims")
at least ``OF_MIN_HITS`` times, and more often than not, joins ``of_heads`` (one example is
not evidence: "people" or "area" learned from one would make "people of all ages" a group).

``python -m sitrep.evaluation.entities_crossval`` mines from two of re3d's three dev source folders (CENTCOM,
US State Department, Australian DFAT), scores the third with ``eval_ner.py``'s scorer, and
prints each fold, the mean of the folds and the pooled score (all three folds' counts
together; the DFAT folder has four documents, so its F1 swings), beside the same folds
scored without the mined parts. ``--write PATH`` mines from all three folders into PATH (in a
checkout, ``src/sitrep/data/kb/mined_heads.json``, what ships), versioned by the day and a digest of its lists.
Mining reads spaCy's own parse (no sitrep components), so it does not depend on itself.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from sitrep.evaluation.entities import Re3dOptions, re3d_entities
from sitrep.nlp.recognize import combine_heads, hand_heads, head_lemma, load_pipeline

from sitrep.evaluation.kit import eval_kit
LABELS = {"Organisation": "ORG", "Location": "LOC"}  # weapons, platforms, vehicles: the KB
MIN_HITS, MIN_PRECISION, DROP_BELOW, DROP_MIN_SEEN = 2, 0.5, 0.25, 4
OF_MIN_HITS = 2
SITREP_PIPES = ("sitrep_kb_ruler", "sitrep_persons", "sitrep_noun_phrases")

Gold = list[tuple[int, int, str]]


@dataclass(frozen=True)
class Lexicon:
    """What mining learned: heads to add (lemma -> label) and hand-listed heads to drop."""

    heads: dict[str, str]
    dropped: tuple[str, ...]
    of_heads: tuple[str, ...] = ()

    def combined_heads(self) -> dict[str, str]:
        return combine_heads(hand_heads(), self.heads, self.dropped)


def mine(examples: Iterable[tuple[Doc, Gold]]) -> Lexicon:
    """Learn a :class:`Lexicon` from (spaCy doc without sitrep components, gold spans) pairs."""
    seen, hits, runs_on = Counter(), defaultdict(Counter), defaultdict(Counter)
    for doc, gold in examples:
        _count_heads(doc, gold, seen, hits)
        _count_of_phrases(doc, gold, runs_on)
    return Lexicon(_added_heads(seen, hits), _dropped_heads(seen, hits), _of_heads(runs_on))


def _count_of_phrases(doc: Doc, gold: Gold, runs_on: defaultdict) -> None:
    """For each entity noun phrase followed by its own 'of' phrase: does the gold span run on?
    A name right after 'of' ("the people of Iraq") does not count: any head runs on over that."""
    for chunk in doc.noun_chunks:
        root = chunk.root
        if chunk.end + 1 >= len(doc) or doc[chunk.end].lower_ != "of" or doc[chunk.end].head.i != root.i:
            continue
        if doc[chunk.end + 1].ent_iob_ == "B":
            continue
        span = next(((b, e) for b, e, lab in gold if b <= root.idx < e and lab in LABELS), None)
        if span is not None:
            runs_on[head_lemma(root)][span[1] > doc[chunk.end].idx] += 1


def _of_heads(runs_on: defaultdict) -> tuple[str, ...]:
    return tuple(sorted(lemma for lemma, counts in runs_on.items()
                        if counts[True] >= OF_MIN_HITS and counts[True] > counts[False]))


def _count_heads(doc: Doc, gold: Gold, seen: Counter, hits: defaultdict) -> None:
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ != "NOUN":
            continue
        lemma = root.lemma_.lower()
        seen[lemma] += 1
        label = next((lab for b, e, lab in gold if b <= root.idx < e), None)  # a gold span holds the head
        if label in LABELS:
            hits[lemma][LABELS[label]] += 1


def _added_heads(seen: Counter, hits: defaultdict) -> dict[str, str]:
    added = {}
    for lemma, counts in hits.items():
        label, n = counts.most_common(1)[0]
        if n >= MIN_HITS and n / seen[lemma] >= MIN_PRECISION:
            added[lemma] = label
    return dict(sorted(added.items()))


def _dropped_heads(seen: Counter, hits: defaultdict) -> tuple[str, ...]:
    return tuple(sorted(lemma for lemma, label in hand_heads().items()
                        if label in LABELS.values() and seen[lemma] >= DROP_MIN_SEEN
                        and hits[lemma][label] / seen[lemma] < DROP_BELOW))


def load_gold(eval_dir: Optional[Path] = None) -> tuple[dict, dict[str, Gold]]:
    """re3d dev documents ``{id: {text, source, ...}}`` and gold spans, via the scorer's loader."""
    common = _evalcommon(eval_dir)
    docs, ents = common.load_re3d()
    ids = set(common.split_ids("re3d", "dev"))
    return {d: docs[d] for d in ids}, common.re3d_gold(docs, ents, ids)


def _evalcommon(eval_dir: Optional[Path]):
    eval_dir = eval_kit(eval_dir)
    if str(eval_dir) not in sys.path:
        sys.path.insert(0, str(eval_dir))
    import evalcommon

    return evalcommon


def base_docs(nlp: Language, docs: dict) -> dict[str, Doc]:
    """spaCy's own analysis of every document (the sitrep components switched off)."""
    ids = sorted(docs)
    with nlp.select_pipes(disable=[p for p in SITREP_PIPES if p in nlp.pipe_names]):
        return dict(zip(ids, nlp.pipe(docs[d]["text"] for d in ids)))


def score(nlp: Language, docs: dict, gold: dict[str, Gold], ids: list[str],
          eval_dir: Optional[Path] = None) -> float:
    """Typed exact micro F1 of the pipeline on ``ids``, with ``eval_ner.py``'s own counting."""
    return f1(*counts(nlp, docs, gold, ids, eval_dir))


def counts(nlp: Language, docs: dict, gold: dict[str, Gold], ids: list[str],
           eval_dir: Optional[Path] = None) -> tuple[int, int, int]:
    """(exact matches, predicted spans, gold spans) of the pipeline on ``ids``, as ``eval_ner.py`` counts."""
    _evalcommon(eval_dir)
    import eval_ner

    pred = {d: [(s["start"], s["end"], s["label"]) for s in re3d_entities(doc, Re3dOptions())]
            for d, doc in zip(ids, nlp.pipe(docs[d]["text"] for d in ids))}
    types = sorted({lab for d in ids for _, _, lab in gold[d]})
    total = eval_ner.score({d: gold[d] for d in ids}, pred, types)[0]["*"]
    return total["exact"], total["pred"], total["gold"]


def f1(exact: int, predicted: int, gold: int) -> float:
    p = exact / predicted if predicted else 0.0
    r = exact / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def cross_validate(eval_dir: Optional[Path] = None) -> list[dict]:
    """For each source folder: mine from the other two, score it with and without the mined parts."""
    docs, gold = load_gold(eval_dir)
    nlp = load_pipeline()
    parsed = base_docs(nlp, docs)
    phrases = nlp.get_pipe("sitrep_noun_phrases")
    rows = []
    for folder in sorted({doc["source"] for doc in docs.values()}):
        test = sorted(d for d in docs if docs[d]["source"] == folder)
        lexicon = mine((parsed[d], gold[d]) for d in docs if docs[d]["source"] != folder)
        phrases.heads, phrases.of_heads = hand_heads(), frozenset()
        plain = counts(nlp, docs, gold, test, eval_dir)
        phrases.heads, phrases.of_heads = lexicon.combined_heads(), frozenset(lexicon.of_heads)
        mined = counts(nlp, docs, gold, test, eval_dir)
        rows.append({"held_out": folder, "documents": len(test), "hand_rules_only": round(f1(*plain), 4),
                     "with_mined": round(f1(*mined), 4), "counts": {"hand_rules_only": plain, "with_mined": mined},
                     "added_heads": sorted(set(lexicon.heads) - set(hand_heads())),
                     "dropped": list(lexicon.dropped), "of_heads": list(lexicon.of_heads)})
    return rows


def write_lexicon(path: Path, eval_dir: Optional[Path] = None) -> Lexicon:
    """Mine from all of re3d dev and write the lexicon to ``path`` (in a checkout, the shipped
    ``src/sitrep/data/kb/mined_heads.json``; nothing here writes into an installed package)."""
    docs, gold = load_gold(eval_dir)
    parsed = base_docs(load_pipeline(), docs)
    lexicon = mine((parsed[d], gold[d]) for d in sorted(docs))
    record = {"_about": "Mined by `python -m sitrep.evaluation.entities_crossval --write PATH` from re3d dev gold (all three "
                        "source folders): head-noun lemma -> label, added to generic_nouns.json where "
                        "that lacks the lemma, hand-listed heads to drop, and heads whose phrases run on over "
                        "an 'of' phrase (of_heads). Do not edit by hand.",
              "version": lexicon_version(lexicon), "heads": lexicon.heads, "dropped": list(lexicon.dropped),
              "of_heads": list(lexicon.of_heads)}
    path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return lexicon


def lexicon_version(lexicon: Lexicon, day: Optional[date] = None) -> str:
    """The day it was mined and a digest of its lists ("2026-11-25.1a2b3c4d"), so that a
    lexicon mined again the same day with another outcome gets another version."""
    lists = json.dumps([lexicon.heads, list(lexicon.dropped), list(lexicon.of_heads)], sort_keys=True)
    return f"{(day or date.today()).isoformat()}.{hashlib.sha256(lists.encode()).hexdigest()[:8]}"


def main(argv: Optional[list[str]] = None) -> int:
    """``python -m sitrep.evaluation.entities_crossval [--write PATH] [--eval-dir DIR]``."""
    parser = argparse.ArgumentParser(description="leave-one-folder-out scores of the mined lexicon on re3d")
    parser.add_argument("--write", type=Path, metavar="PATH",
                        help="mine from all of dev into PATH (src/sitrep/data/kb/mined_heads.json to ship it)")
    parser.add_argument("--eval-dir", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.write:
        lexicon = write_lexicon(args.write, eval_dir=args.eval_dir)
        print(f"wrote {args.write}: {len(lexicon.heads)} heads, dropped {list(lexicon.dropped)}")
        return 0
    rows = cross_validate(args.eval_dir)
    for row in rows:
        print(json.dumps(row))
    for key in ("hand_rules_only", "with_mined"):
        pooled = [sum(r["counts"][key][i] for r in rows) for i in range(3)]
        print(f"mean {key}: {sum(r[key] for r in rows) / len(rows):.4f}  pooled: {f1(*pooled):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
