"""The packaged MiniLM sentence encoder: real model, real tokenizer, no network."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sitrep.nlp.embed import DIM, EncoderUnavailable, SentenceEncoder, model_file, shared_encoder


def test_vectors_are_unit_length_and_ordered_as_given():
    texts = ["Russia withdrew its troops from Syria.", "", "The EU imposed sanctions on Iran."]
    vecs = shared_encoder().encode(texts)
    assert vecs.shape == (3, DIM) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    single = shared_encoder().encode([texts[2]])[0]
    assert float(single @ vecs[2]) > 0.999


def test_paraphrases_are_closer_than_unrelated_sentences():
    a, b, c = shared_encoder().encode([
        "Russia withdrew its troops from Syria.",
        "Moscow pulled its soldiers out of Syria.",
        "Farmers in Kenya expect a record maize harvest."])
    assert float(a @ b) > float(a @ c) + 0.3


def test_no_texts_gives_an_empty_matrix():
    assert shared_encoder().encode([]).shape == (0, DIM)


def test_a_model_file_that_is_not_the_pinned_one_is_refused(tmp_path: Path):
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not a model")
    with pytest.raises(EncoderUnavailable, match="pinned"):
        SentenceEncoder(model_path=fake).encode(["text"])
    assert model_file().exists()
