"""The linear event-type model: hashed sentence features -> type probabilities.

Stored as one JSON file (``data/coding/plover_linear.json``): labels, feature version, hash
width, and the non-zero weight columns as zlib-compressed, base64-encoded float16 arrays.
Only numpy is needed to run it; training (scikit-learn) lives in :mod:`sitrep.evaluation.training`.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Optional

import numpy as np

from sitrep.coding.features import FEATURE_VERSION, HASH_DIM, hash_features, lexical_features

MODEL_RESOURCE = "plover_linear.json"
YIELD = "YIELD"  # CONCEDE + RETREAT, split after classification (see sentence.py)


class ModelFileError(RuntimeError):
    """The model file is missing or was built for other features; retrain it."""


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    columns: np.ndarray  # int64 feature indices with non-zero weights
    weights: np.ndarray  # float32, shape (len(columns), len(labels))
    bias: np.ndarray  # float32, shape (len(labels),)
    meta: dict[str, Any]

    def scores(self, feats: dict[str, float]) -> np.ndarray:
        """Probabilities over ``labels`` for one sentence's named features."""
        idx, vals = hash_features(feats)
        pos = np.searchsorted(self.columns, idx)
        pos = np.clip(pos, 0, max(len(self.columns) - 1, 0))
        known = self.columns[pos] == idx if len(self.columns) else np.zeros(len(idx), bool)
        logits = self.bias + vals[known] @ self.weights[pos[known]]
        logits = logits - logits.max()
        exp = np.exp(logits)
        return exp / exp.sum()

    def predict(self, sent: Any) -> np.ndarray:
        return self.scores(lexical_features(sent))


def from_dense(labels: list[str], coef: np.ndarray, bias: np.ndarray,
               meta: dict[str, Any]) -> LinearModel:
    """A model from a dense (labels x HASH_DIM) coefficient matrix, dropping zero columns."""
    cols = np.flatnonzero(np.abs(coef).sum(axis=0) > 1e-6)
    return LinearModel(tuple(labels), cols.astype(np.int64), coef[:, cols].T.astype(np.float32),
                       bias.astype(np.float32), dict(meta))


def save(model: LinearModel, path: Path) -> int:
    """Write the model file; returns its size in bytes."""
    doc = {"format": "sitrep-plover-linear/1", "feature_version": FEATURE_VERSION,
           "hash_dim": HASH_DIM, "labels": list(model.labels), "meta": model.meta,
           "bias": [round(float(b), 5) for b in model.bias],
           "columns": pack_array(model.columns.astype(np.int32)),
           "weights": pack_array(model.weights.astype(np.float16))}
    text = json.dumps(doc, indent=1, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    return len(text) + 1


def load(path: Optional[Path] = None) -> LinearModel:
    """Read a model file (the packaged one by default) and check it fits these features."""
    try:
        text = (path.read_text(encoding="utf-8") if path is not None else
                resources.files("sitrep.data.coding").joinpath(MODEL_RESOURCE).read_text())
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelFileError(f"event model file not found ({path or MODEL_RESOURCE}); "
                             "run scripts/train_coder.py") from exc
    doc = json.loads(text)
    if doc.get("feature_version") != FEATURE_VERSION or doc.get("hash_dim") != HASH_DIM:
        raise ModelFileError(f"event model {path or MODEL_RESOURCE} was built for features "
                             f"{doc.get('feature_version')}, code has {FEATURE_VERSION}; "
                             "run scripts/train_coder.py")
    labels = tuple(doc["labels"])
    cols = unpack_array(doc["columns"], np.int32).astype(np.int64)
    weights = unpack_array(doc["weights"], np.float16).astype(np.float32).reshape(len(cols), len(labels))
    return LinearModel(labels, cols, weights, np.asarray(doc["bias"], np.float32), doc["meta"])


def pack_array(arr: np.ndarray) -> str:
    return base64.b64encode(zlib.compress(np.ascontiguousarray(arr).tobytes(), 9)).decode("ascii")


def unpack_array(text: str, dtype: type) -> np.ndarray:
    return np.frombuffer(zlib.decompress(base64.b64decode(text)), dtype=dtype).copy()
