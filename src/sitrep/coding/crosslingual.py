"""Cross-lingual event typing: PLOVER types for sentences that are not in English.

A multinomial logistic model over the multilingual sentence encoder's vectors
(:mod:`sitrep.nlp.multilingual`, USE multilingual v3) is trained on the project's English
training sentences (``scripts/train_coder.py train-multilingual``); since the encoder puts a
sentence and its translation close together, it types sentences in the encoder's other
languages. The model has no "no event" class, so precision comes from the trigger words: a
type is kept only when the sentence has a trigger stem of that type in its language
(``data/coding/triggers_multilingual.json``) and the model ranks it among its
:data:`TOP_TYPES` most likely types with at least :data:`TYPE_MIN`, or when the trigger is a
strong one, the event's own name ("explosion", "Putsch", "cessez-le-feu"), and the model does
not all but rule the type out. Unsure means no event.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

MODEL_RESOURCE = "plover_multilingual.json"
TRIGGERS_RESOURCE = "triggers_multilingual.json"
YIELD = "YIELD"
TYPE_MIN = 0.15
TOP_TYPES = 3
STRONG_MIN = 0.03  # a strong trigger (the event's own name) needs only this much from the model
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")
_ARABIC_CLITICS = ("وال", "بال", "فال", "لل", "كال", "ال", "و", "ف", "ب", "ل", "س")


@dataclass(frozen=True)
class TriggerHit:
    type: str
    start: int  # offsets into the text given to :func:`trigger_hits`
    end: int
    stem: str
    strong: bool = False  # the stem names the event itself ("explosion", "coup", "ceasefire")


@dataclass(frozen=True)
class TypeGuess:
    type: str
    confidence: float
    trigger: TriggerHit


class MultilingualTypeModel:
    """Encoder vectors -> probabilities over the English training labels."""

    def __init__(self, labels: Sequence[str], weights: np.ndarray, bias: np.ndarray, meta: dict) -> None:
        self.labels = tuple(labels)
        self.weights = np.asarray(weights, np.float32)  # (dim, labels)
        self.bias = np.asarray(bias, np.float32)
        self.meta = dict(meta)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = vectors @ self.weights + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def to_json(self) -> dict:
        return {"labels": list(self.labels), "bias": [round(float(b), 5) for b in self.bias],
                "weights": [[round(float(w), 5) for w in row] for row in self.weights.T], "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict) -> "MultilingualTypeModel":
        return cls(data["labels"], np.asarray(data["weights"], np.float32).T, np.asarray(data["bias"]), data["meta"])


def save(model: MultilingualTypeModel, path: Path) -> int:
    text = json.dumps(model.to_json(), separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text)


@lru_cache(maxsize=1)
def load_model() -> MultilingualTypeModel:
    path = resources.files("sitrep.data").joinpath("coding", MODEL_RESOURCE)
    return MultilingualTypeModel.from_json(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def triggers() -> dict[str, dict[str, tuple[tuple[str, bool], ...]]]:
    """``{language: {type: (stem, strong) pairs}}`` from the curated trigger file (``!`` marks strong)."""
    path = resources.files("sitrep.data").joinpath("coding", TRIGGERS_RESOURCE)
    data = json.loads(path.read_text(encoding="utf-8"))
    return {lang: {t: tuple((_fold(s.lstrip("!")), s.startswith("!")) for s in stems) for t, stems in table.items()}
            for lang, table in data.items() if not lang.startswith("_") and isinstance(table, dict)}


def trigger_version() -> str:
    path = resources.files("sitrep.data").joinpath("coding", TRIGGERS_RESOURCE)
    return str(json.loads(path.read_text(encoding="utf-8")).get("version", ""))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().replace("’", "'")


def trigger_hits(text: str, language: str) -> list[TriggerHit]:
    """Every trigger stem of ``language`` found in ``text``, in text order."""
    table = triggers().get(language)
    if not table:
        return []
    folded = _fold(text)  # NFC lower-casing keeps the length of these scripts' text
    if len(folded) != len(text):
        return []
    hits = []
    for match in _TOKEN.finditer(folded):
        word = match.group()
        forms = _arabic_forms(word) if language == "ar" else (word,)
        for etype, stems in table.items():
            found = [(s, strong) for s, strong in stems if " " not in s and any(f.startswith(s) for f in forms)]
            if found:
                hits.append(TriggerHit(etype, match.start(), match.end(), found[0][0], any(st for _s, st in found)))
    for etype, stems in table.items():
        for stem, strong in (pair for pair in stems if " " in pair[0]):
            for found in re.finditer(r"(?<!\w)" + re.escape(stem.strip()), folded):
                hits.append(TriggerHit(etype, found.start(), found.end(), stem, strong))
    return sorted(hits, key=lambda h: (h.start, h.type))


def _arabic_forms(word: str) -> tuple[str, ...]:
    """An Arabic word and the word without each leading clitic (and, or, with, to, the)."""
    forms = [word]
    for clitic in _ARABIC_CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            forms.append(word[len(clitic):])
    return tuple(forms)


def threat_of(guess: TypeGuess, hits: Sequence[TriggerHit], text: str) -> TypeGuess:
    """A threat word just before the event's trigger makes it THREATEN ("menaçant de détruire",
    "drohte mit Angriffen"): PLOVER codes the threat, not the act threatened."""
    for hit in hits:
        gap = text[hit.end:guess.trigger.start]
        if hit.type == "THREATEN" and hit.end <= guess.trigger.start and len(gap.split()) <= 3:
            return TypeGuess("THREATEN", guess.confidence, hit)
    return guess


def choose_type(probs: np.ndarray, labels: Sequence[str], hits: Sequence[TriggerHit]) -> Optional[TypeGuess]:
    """The trigger-backed type the model finds most likely, when it is among the model's
    :data:`TOP_TYPES` most likely and has at least :data:`TYPE_MIN`; else the type of a strong
    trigger the model gives at least :data:`STRONG_MIN`; else None."""
    by_type: dict[str, TriggerHit] = {}
    for hit in hits:
        if hit.type not in by_type or (hit.strong and not by_type[hit.type].strong):
            by_type[hit.type] = hit
    for index in np.argsort(-probs)[:TOP_TYPES]:
        if probs[index] < TYPE_MIN:
            break
        label = labels[index]
        if label == YIELD:
            label = "RETREAT" if "RETREAT" in by_type else "CONCEDE"
        if label in by_type:
            return TypeGuess(label, round(float(probs[index]), 4), by_type[label])
    index_of = {label: i for i, label in enumerate(labels)}
    strong = [(float(probs[index_of[h.type]]), h) for h in by_type.values() if h.strong and h.type in index_of]
    strong = [(p, h) for p, h in strong if p >= STRONG_MIN]
    if strong:
        p, hit = max(strong, key=lambda pair: pair[0])
        return TypeGuess(hit.type, round(p, 4), hit)
    return None
