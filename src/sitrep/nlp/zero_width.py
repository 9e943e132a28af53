"""Parse a text with zero-width characters as if they were not there, offsets intact.

A zero-width space inside a word ("Lib\\u200bya") hides the word from the tokenizer, the models
and the knowledge-base patterns. The text is parsed without those characters; the parse is
then laid back onto the text as given (each zero-width character joins the token it touches),
so every offset still points into the original text.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from spacy.attrs import DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, TAG
from spacy.tokens import Doc, Span

ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_COPIED = [TAG, POS, MORPH, LEMMA, NORM, HEAD, DEP, ENT_IOB, ENT_TYPE, ENT_ID, ENT_KB_ID]


def parse(nlp: Any, text: str) -> Any:
    """``nlp(text)``, with zero-width characters ignored by the parse but kept in ``doc.text``."""
    if not ZERO_WIDTH.search(text):
        return nlp(text)
    kept = [i for i, char in enumerate(text) if not ZERO_WIDTH.match(char)]
    parsed = nlp("".join(text[i] for i in kept))
    doc = _laid_onto(parsed, text, kept) if len(parsed) else None
    return doc if doc is not None else nlp(text)


def _laid_onto(parsed: Any, text: str, kept: list[int]) -> Optional[Any]:
    bounds = [[kept[t.idx], kept[t.idx + len(t.text) - 1] + 1] for t in parsed]
    bounds[0][0] = 0
    for i, token in enumerate(parsed):
        end = bounds[i][1]
        while end < len(text) and ZERO_WIDTH.match(text[end]):
            end += 1
        bounds[i][1] = end
        if i + 1 < len(bounds):
            bounds[i + 1][0] = end + len(token.whitespace_)
    words = [text[start:end] for start, end in bounds]
    doc = Doc(parsed.vocab, words=words, spaces=[bool(t.whitespace_) for t in parsed])
    if doc.text != text:
        return None  # a zero-width character after the last space: parse the text as given
    doc.from_array(_COPIED, parsed.to_array(_COPIED))
    for key, group in parsed.spans.items():
        doc.spans[key] = [Span(doc, span.start, span.end, label=span.label_) for span in group]
    return doc
