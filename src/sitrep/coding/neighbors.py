"""Nearest training sentences as a second opinion on the event type.

The coder's linear model reads words and the parse; this model reads meaning: each training
sentence is kept as its MiniLM embedding (:mod:`sitrep.nlp.embed`) with its type, and a new
sentence's type distribution is the similarity-weighted vote of its ``K`` nearest training
sentences (weights ``exp(TEMPERATURE * cosine)``). The coder mixes the two distributions
(``NEIGHBOR_WEIGHT``). Stored as one JSON file (``data/coding/plover_neighbors.json``): the
labels, and the vectors as int8 (unit vectors scaled by 127), zlib-compressed and base64.
No sentence text is stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

from sitrep.coding.classifier import pack_array, unpack_array
from sitrep.nlp.embed import DIM

NEIGHBORS_RESOURCE = "plover_neighbors.json"
FORMAT = "sitrep-plover-neighbors/1"
K = 10
TEMPERATURE = 20.0
NEIGHBOR_WEIGHT = 0.3  # share of the neighbour vote in the coder's type distribution


@dataclass(frozen=True)
class NeighborModel:
    labels: tuple[str, ...]  # the label set, in the linear model's order
    vectors: np.ndarray  # (n, DIM) float32 unit vectors
    targets: np.ndarray  # (n,) int index into labels
    meta: dict[str, Any]

    def scores(self, vector: np.ndarray) -> np.ndarray:
        """Type distribution over ``labels`` from the nearest training sentences."""
        sims = self.vectors @ vector
        k = min(K, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        votes = np.zeros(len(self.labels), np.float64)
        np.add.at(votes, self.targets[top], np.exp(TEMPERATURE * (sims[top] - sims[top].max())))
        return votes / votes.sum()


def build(labels: Sequence[str], vectors: np.ndarray, targets: Sequence[str],
          meta: Optional[dict[str, Any]] = None) -> NeighborModel:
    index = {label: i for i, label in enumerate(labels)}
    return NeighborModel(tuple(labels), np.asarray(vectors, np.float32),
                         np.asarray([index[t] for t in targets], np.int64), dict(meta or {}))


def save(model: NeighborModel, path: Path) -> int:
    """Write the neighbour file; returns its size in bytes."""
    quantised = np.clip(np.round(model.vectors * 127), -127, 127).astype(np.int8)
    doc = {"format": FORMAT, "dim": DIM, "labels": list(model.labels), "meta": model.meta,
           "targets": pack_array(model.targets.astype(np.uint8)), "vectors": pack_array(quantised)}
    text = json.dumps(doc, indent=1, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    return len(text) + 1


def load(path: Optional[Path] = None) -> NeighborModel:
    """Read a neighbour file (the packaged one by default)."""
    text = (path.read_text(encoding="utf-8") if path is not None else
            resources.files("sitrep.data.coding").joinpath(NEIGHBORS_RESOURCE).read_text())
    doc = json.loads(text)
    if doc.get("format") != FORMAT or doc.get("dim") != DIM:
        raise ValueError(f"{path or NEIGHBORS_RESOURCE}: not a {FORMAT} file of {DIM}-d vectors")
    vectors = unpack_array(doc["vectors"], np.int8).astype(np.float32).reshape(-1, DIM) / 127.0
    vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9, None)
    targets = unpack_array(doc["targets"], np.uint8).astype(np.int64)
    return NeighborModel(tuple(doc["labels"]), vectors, targets, doc["meta"])


def mix(linear: np.ndarray, neighbor: Optional[np.ndarray]) -> np.ndarray:
    """The coder's type distribution: the linear model's, with the neighbour vote mixed in."""
    if neighbor is None:
        return linear
    return (1.0 - NEIGHBOR_WEIGHT) * linear + NEIGHBOR_WEIGHT * neighbor

