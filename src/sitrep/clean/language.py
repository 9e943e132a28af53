"""A small, dependency-free guess of an article's language from its function words."""

from __future__ import annotations

import re
from typing import Optional

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FUNCTION_WORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "as", "by", "it"},
    "fr": {"le", "la", "les", "et", "des", "du", "un", "une", "est", "dans", "pour", "que", "qui", "sur"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "auf", "sich"},
    "es": {"el", "la", "los", "las", "y", "de", "que", "en", "un", "una", "por", "con", "para", "es"},
    "it": {"il", "la", "di", "che", "e", "un", "una", "per", "non", "sono", "del", "della", "con", "gli"},
    "pt": {"o", "a", "os", "as", "de", "que", "e", "do", "da", "em", "um", "uma", "para", "com"},
    "nl": {"de", "het", "een", "en", "van", "is", "dat", "op", "te", "niet", "zijn", "met", "voor", "die"},
    "ru": {"и", "в", "не", "на", "что", "с", "по", "как", "это", "из", "для", "от", "о", "к"},
    "uk": {"і", "в", "не", "на", "що", "з", "та", "як", "це", "до", "для", "від", "у", "й"},
}


def guess_language(text: str, sample: int = 4000) -> Optional[str]:
    """ISO 639-1 code of the language whose function words cover most tokens, or None."""
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    if len(words) < 5:
        return None
    scores = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 0.08 else None
