"""The multilingual encoder puts a sentence near its translation and far from another topic."""

import numpy as np

from sitrep.nlp.multilingual import DIM, shared_multilingual_encoder


def test_translations_are_closer_than_other_topics():
    vectors = shared_multilingual_encoder().encode([
        "The army withdrew its tanks from the northern city.",
        "L'armée a retiré ses chars de la ville du nord.",
        "Die Armee zog ihre Panzer aus der nördlichen Stadt ab.",
        "The bakery sells fresh bread every morning.",
    ])
    assert vectors.shape == (4, DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 3] + 0.3
    assert sims[0, 2] > sims[0, 3] + 0.3


def test_empty_input_gives_an_empty_matrix():
    assert shared_multilingual_encoder().encode([]).shape == (0, DIM)
