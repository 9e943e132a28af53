"""Sentences for text the English pipeline does not read, by punctuation and line breaks.

A sentence ends at a line break, or at ``. ! ? ؟ …`` followed by white space and then not a
lower-case letter; a full stop after a one- or two-digit number ("17. Dezember"), a single letter or a short abbreviation
("z.B.", "г.", "Dr.") does not end one. Offsets are into the article text; no model is needed,
so this works in every script.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..clean.language import LANGUAGES
from ..model import Article, Sentence

VERSION = "segment@1.0"
_END = re.compile(r"(?<=[.!?؟…])[\"'»”)]*\s+(?=[^\s\W\d_]|[\"'«“(\d-])|\n+")
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:\w|\w\.\w|[A-ZА-ЯЁ][a-zа-яё]{1,2}|\d{1,2})\.$")


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text``, white space trimmed, empty ones left out."""
    spans, start = [], 0
    for match in _END.finditer(text):
        before = text[start:match.start()]
        following = text[match.end():match.end() + 1]
        if "\n" not in match.group() and (_ABBREVIATION.search(before[-6:]) or following.islower()):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for begin, end in spans:
        chunk = text[begin:end]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            out.append(Sentence(begin + lead, begin + lead + len(chunk.strip())))
    return out


class SentenceSplitter:
    """The sentence step for articles in any language but English (the spaCy stage's stand-in)."""

    name = "segment"
    version = VERSION
    requires = ("text",)
    provides = ("sentences",)
    languages = frozenset(LANGUAGES) - {"en"}
    replaces = "nlp"

    def __call__(self, article: Article, scratch: Any) -> Article:
        return replace(article, sentences=tuple(split_sentences(article.text)))
