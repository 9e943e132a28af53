"""The language of an article and of its sentences, from the lingua detector.

lingua ships its n-gram models inside its package (nothing is downloaded). The detector is
restricted to :data:`LANGUAGES` (the languages the news we read comes in, and their close
neighbours, so that a Bulgarian page is not called Russian) and runs in lingua's
low-accuracy mode: trigram models only, about 35 MB and a fraction of a millisecond per
sentence, right on every page of the shared dev stories. It is built on first use.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, Optional

LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "ro", "pl", "tr", "ru", "uk", "bg", "el", "ar", "fa", "he")
ARTICLE_MIN = 0.5  # below this the article's language is unknown (None)
SENTENCE_MIN = 0.9  # a sentence is marked as another language only when lingua is this sure
SENTENCE_MIN_WORDS = 6
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class LanguageGuess:
    code: Optional[str]  # ISO 639-1, None when no language reaches ARTICLE_MIN
    confidence: float


class _Detector:
    def __init__(self) -> None:
        self._detector: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        if self._detector is None:
            with self._lock:
                if self._detector is None:
                    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

                    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in LANGUAGES]
                    self._detector = LanguageDetectorBuilder.from_languages(*chosen).with_low_accuracy_mode().build()
        return self._detector


_DETECTOR = _Detector()


def detect_language(text: str, sample: int = 3000) -> LanguageGuess:
    """The most likely language of ``text`` (its first ``sample`` characters) and lingua's confidence."""
    words = _WORD.findall(text[:sample])
    if len(words) < 2:
        return LanguageGuess(None, 0.0)
    values = _DETECTOR.get().compute_language_confidence_values(text[:sample])
    if not values:
        return LanguageGuess(None, 0.0)
    top = values[0]
    confidence = round(float(top.value), 3)
    code = top.language.iso_code_639_1.name.lower()
    return LanguageGuess(code if confidence >= ARTICLE_MIN else None, confidence)


def sentence_language(text: str, article_language: Optional[str]) -> Optional[str]:
    """The language of one sentence when it is surely not the article's, else None."""
    if len(_WORD.findall(text)) < SENTENCE_MIN_WORDS:
        return None
    guess = detect_language(text)
    if guess.code is None or guess.code == article_language or guess.confidence < SENTENCE_MIN:
        return None
    return guess.code
