"""Sentence languages: where a page mixes languages, each sentence in another language is marked.

A sentence gets ``language`` only when the detector is sure it is not the article's language
(:func:`sitrep.clean.language.sentence_language`); stages that read one language skip the
sentences marked with another.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..clean.language import sentence_language
from ..model import Article

VERSION = "sentence-languages@1.0"


class SentenceLanguages:
    name = "sentence-languages"
    version = VERSION
    requires = ("sentences", "language")
    provides = ("sentences",)

    def __call__(self, article: Article, scratch: Any) -> Article:
        sentences = tuple(
            replace(s, language=sentence_language(article.text[s.start:s.end], article.language))
            for s in article.sentences)
        return replace(article, sentences=sentences)
