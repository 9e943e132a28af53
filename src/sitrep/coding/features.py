"""Sparse lexical and parse features of one sentence, hashed into a fixed-width vector.

The features are general (lemmas, the main predicate after reporting verbs, negation,
PLOVER lexicon hits and where they sit in the parse), so the linear model can learn the
codebook's wording rather than individual sentences.
"""

from __future__ import annotations

import zlib
from typing import Optional

import numpy as np
from spacy.tokens import Span, Token

from sitrep.coding.lexicon import REPORTING_VERBS, LexiconHit, find_hits

HASH_BITS = 15
HASH_DIM = 1 << HASH_BITS
FEATURE_VERSION = "lex-4"

MODALS = frozenset({"will", "would", "shall", "may", "might", "could", "'ll", "wo", "going"})
# modal auxiliaries on the predicate chain, normalised ("'ll" -> will, "wo" (won't) -> will)
MODAL_FORMS = {"will": "will", "'ll": "will", "wo": "will", "shall": "will", "would": "would",
               "'d": "would", "must": "must", "should": "should", "ought": "should",
               "can": "can", "ca": "can", "could": "could", "may": "may", "might": "may"}
CONDITIONALS = frozenset({"unless", "if", "otherwise", "else"})
PATH_WEIGHT = 2.0  # value of the predicate-chain (stance) features
# clause relations that put an event in the background ("after violent protests",
# "which killed ..."): lexicon hits below them describe circumstances, not the event
SUBORDINATE = frozenset({"advcl", "relcl", "acl", "pcomp", "npadvmod"})
BACKGROUND_PREPS = frozenset({"after", "following", "amid", "despite", "during", "before",
                              "because", "over", "since"})
PROSPECTIVE_WORDS = frozenset({"threaten", "warn", "plan", "vow", "pledge", "promise", "intend",
                               "prepare", "ready", "willing", "swear", "decide", "propose"})


def main_predicate(sent: Span) -> Token:
    """The sentence's main verb, looking through reporting verbs ("X said Y would ...")."""
    token = sent.root
    for _ in range(3):
        if token.lemma_.lower() not in REPORTING_VERBS:
            break
        clause = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
        if not clause:
            break
        token = clause[0]
    return token


def is_negated(token: Token) -> bool:
    """True when the token or its governing verb carries a negation."""
    for head in (token, token.head):
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in head.children):
            return True
    return False


def predicate_path(sent: Span, top: Token) -> list[Token]:
    """The main predicate and the clausal complements below it (to three levels)."""
    path = [top]
    token = top
    for _ in range(3):
        below = [c for c in token.children if c.dep_ in ("xcomp", "ccomp") and c.i < sent.end]
        if not below:
            break
        token = below[0]
        path.append(token)
    return path


def lexical_features(sent: Span, hits: Optional[list[LexiconHit]] = None) -> dict[str, float]:
    """Named feature values of one sentence (before hashing)."""
    feats: dict[str, float] = {"bias": 1.0}
    tokens = list(sent)
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if tok.is_alpha and not tok.is_stop:
            feats["l=" + lemma] = 1.0
        if tok.pos_ == "VERB":
            feats["v=" + lemma] = 1.0
    for a, b in zip(tokens, tokens[1:]):
        feats[f"bg={a.lemma_.lower()}_{b.lemma_.lower()}"] = 1.0
    top = main_predicate(sent)
    for depth, tok in enumerate(predicate_path(sent, top)):
        feats[f"p{min(depth, 2)}={tok.lemma_.lower()}"] = 1.0
        feats["pred=" + tok.lemma_.lower()] = 1.0
        for obj in (c for c in tok.children if c.dep_ in ("dobj", "attr", "nsubjpass")):
            feats["obj=" + obj.lemma_.lower()] = 1.0
            feats[f"vo={tok.lemma_.lower()}_{obj.lemma_.lower()}"] = 1.0
        if is_negated(tok):
            feats["neg"] = 1.0
            feats["negpred=" + tok.lemma_.lower()] = 1.0
    if sent.root.lemma_.lower() in REPORTING_VERBS:
        feats["reported"] = 1.0
    hits = hits if hits is not None else sentence_hits(sent)
    hit_feats = _hit_features(sent, hits, top)
    feats.update(hit_feats)
    prospective = is_prospective(sent, top)
    if prospective:
        feats["future"] = 1.0
        for name in [k for k in hit_feats if k.startswith(("lexpred=", "lexarg="))]:
            feats["future:" + name] = 1.0
    feats.update(stance_features(sent, hits, top, prospective))
    # lexicon types in the main clause vs. in background clauses ("after violent protests")
    for hit in hits:
        where = "sub" if _in_background(sent[hit.first], sent) else "main"
        feats[f"lex{where}={hit.type}"] = 1.0
    # prepositional objects of the predicate chain ("jailed on allegations", "for talks")
    for tok in predicate_path(sent, top):
        for prep in (c for c in tok.children if c.dep_ in ("prep", "agent")):
            for pobj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
                feats[f"pp={prep.lower_}_{pobj.lemma_.lower()}"] = 1.0
                for h in hits:
                    if h.first == pobj.i - sent.start:
                        feats[f"lexpp={prep.lower_}:{h.type}"] = 1.0
    return feats


def _in_background(tok: Token, sent: Span) -> bool:
    """True when the token sits in a subordinate clause or an after/following phrase."""
    for _ in range(8):
        if tok.dep_ in SUBORDINATE or (tok.dep_ == "prep" and tok.lower_ in BACKGROUND_PREPS):
            return True
        if tok.head.i == tok.i or not (sent.start <= tok.head.i < sent.end):
            return False
        tok = tok.head
    return False


def _token_types(sent: Span, hits: list[LexiconHit]) -> dict[int, set[str]]:
    """Span-relative token index -> lexicon types of the hits that start there."""
    out: dict[int, set[str]] = {}
    for hit in hits:
        out.setdefault(hit.first, set()).add(hit.type)
    return out


def stance_features(sent: Span, hits: list[LexiconHit], top: Token,
                    prospective: bool) -> dict[str, float]:
    """The main predicate's stance towards the event it governs.

    "refused to meet", "threatened to shell", "must return", "will boycott ... unless":
    the governing verb (its lemma and lexicon types), the verb it embeds, the modal
    auxiliaries on the chain and conditional clauses, each crossed with the lexicon types
    of the embedded event.
    """
    w = PATH_WEIGHT
    feats: dict[str, float] = {}
    types = _token_types(sent, hits)
    path = predicate_path(sent, top)
    lemmas = [t.lemma_.lower() for t in path]
    ptypes = [types.get(t.i - sent.start, set()) or {"none"} for t in path]
    gov, gov_types = lemmas[0], ptypes[0]
    for depth in range(1, len(path)):
        feats[f"ch={lemmas[depth - 1]}>{lemmas[depth]}"] = w
        for et in ptypes[depth]:
            feats[f"gov={gov}|embT={et}"] = w
            for gt in gov_types:
                feats[f"govT={gt}|embT={et}"] = w
    last_types = ptypes[-1]
    modals = set()
    for tok in path:
        for c in tok.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_FORMS:
                modals.add(MODAL_FORMS[c.lower_])
    for m in modals:
        feats["mod=" + m] = w
        for t in last_types | gov_types:
            feats[f"mod={m}|T={t}"] = w
    negated = any(is_negated(t) for t in path)
    conds = {t.lower_ for t in sent if t.lower_ in CONDITIONALS and t.dep_ in ("mark", "advmod", "cc")}
    for cond in conds:
        feats["cond=" + cond] = w
        if prospective:
            feats[f"cond={cond}|future"] = w
            for t in last_types:
                feats[f"cond={cond}|future|T={t}"] = w
    if prospective:
        for t in last_types | gov_types:
            feats[f"futT={t}|neg={negated}"] = w
    if negated:
        for t in last_types | gov_types:
            feats[f"negT={t}"] = w
    return feats


def is_prospective(sent: Span, top: Token) -> bool:
    """True when the main predicate is a plan, promise or threat rather than a done act."""
    for tok in predicate_path(sent, top):
        if tok.lemma_.lower() in PROSPECTIVE_WORDS:
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
            return True
    return False


def sentence_hits(sent: Span) -> list[LexiconHit]:
    """Lexicon hits over the sentence's lower-cased lemmas."""
    return find_hits([t.lemma_.lower() for t in sent])


def _hit_features(sent: Span, hits: list[LexiconHit], top: Token) -> dict[str, float]:
    feats: dict[str, float] = {}
    path = {t.i - sent.start: d for d, t in enumerate(predicate_path(sent, top))}
    for hit in hits:
        tok = sent[hit.first]
        feats["lex=" + hit.type] = feats.get("lex=" + hit.type, 0.0) + 0.5
        feats[f"lexe={hit.type}:{hit.entry}"] = 1.0
        if hit.mode:
            feats[f"lexm={hit.type}/{hit.mode}"] = 1.0
        if tok.pos_ in ("VERB", "AUX"):
            feats["lexv=" + hit.type] = 1.0
        depth = path.get(hit.first)
        if depth is not None:
            feats[f"lexp{min(depth, 2)}={hit.type}"] = 1.0
            feats["lexpred=" + hit.type] = 1.0
            if is_negated(tok):
                feats["lexneg=" + hit.type] = 1.0
        elif tok.head.i - sent.start in path:
            feats["lexarg=" + hit.type] = 1.0
            if tok.dep_ in ("dobj", "attr", "nsubjpass"):
                feats["lexobj=" + hit.type] = 1.0
    return feats


def hash_features(feats: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """(indices, values) of the hashed sparse vector; colliding features add up."""
    idx = np.fromiter((zlib.crc32(k.encode("utf-8")) & (HASH_DIM - 1) for k in feats),
                      dtype=np.int64, count=len(feats))
    vals = np.fromiter(feats.values(), dtype=np.float32, count=len(feats))
    return idx, vals


def dense_lexical(sent: Span) -> np.ndarray:
    """The hashed lexical vector of a sentence as a dense float32 array."""
    idx, vals = hash_features(lexical_features(sent))
    out = np.zeros(HASH_DIM, dtype=np.float32)
    np.add.at(out, idx, vals)
    return out
