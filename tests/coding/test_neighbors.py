"""The neighbour vote: file round trip, label order, and how the coder mixes it in."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sitrep.coding import classifier, neighbors
from sitrep.coding.sentence import SentenceCoder, load_nlp
from sitrep.nlp.embed import shared_encoder


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _toy() -> neighbors.NeighborModel:
    texts = ["Troops withdrew from the town.", "The army pulled out of the city.",
             "Police fired tear gas at protesters.", "Soldiers shelled the village."]
    vecs = shared_encoder().encode(texts)
    return neighbors.build(("ASSAULT", "YIELD"), vecs, ["YIELD", "YIELD", "ASSAULT", "ASSAULT"])


def test_vote_follows_the_nearest_sentences():
    model = _toy()
    query = shared_encoder().encode(["Forces withdrew from the region."])[0]
    votes = model.scores(query)
    assert votes.sum() == pytest.approx(1.0)
    assert votes[model.labels.index("YIELD")] > 0.5


def test_file_round_trip_keeps_the_vote(tmp_path: Path):
    model = _toy()
    path = tmp_path / "near.json"
    neighbors.save(model, path)
    again = neighbors.load(path)
    assert again.labels == model.labels and (again.targets == model.targets).all()
    query = shared_encoder().encode(["Artillery hit the village."])[0]
    assert np.allclose(again.scores(query), model.scores(query), atol=0.02)
    assert "Troops" not in path.read_text()  # vectors only, no sentence text


def test_packaged_files_agree_on_labels():
    assert neighbors.load().labels == classifier.load().labels


def test_mix_keeps_a_distribution():
    linear = np.array([0.9, 0.1])
    assert neighbors.mix(linear, None) is linear
    mixed = neighbors.mix(linear, np.array([0.0, 1.0]))
    assert mixed.sum() == pytest.approx(1.0) and mixed[1] == pytest.approx(
        neighbors.NEIGHBOR_WEIGHT + (1 - neighbors.NEIGHBOR_WEIGHT) * 0.1)


def test_coder_with_and_without_the_vote(nlp):
    doc = nlp("Russia withdrew its troops from Syria.")
    with_vote = SentenceCoder().code(doc[:])[0]
    linear = SentenceCoder(use_neighbors=False).code(doc[:])[0]
    assert with_vote.type == linear.type == "RETREAT"
    vec = shared_encoder().encode([doc.text])[0]
    assert SentenceCoder().code(doc[:], vec)[0].confidence == with_vote.confidence


def test_batch_vectors_match_single_ones(nlp):
    doc = nlp("Russia withdrew its troops from Syria. Police fired tear gas at protesters.")
    sents = list(doc.sents)
    coder = SentenceCoder()
    batch = coder.vectors(sents)
    assert len(batch) == 2
    for sent, vec in zip(sents, batch):
        assert float(vec @ shared_encoder().encode([sent.text])[0]) > 0.999
    assert SentenceCoder(use_neighbors=False).vectors(sents) == [None, None]


def test_vote_can_change_the_type_against_the_linear_model(nlp):
    """A vote built from sentences labelled AID pulls an ambiguous sentence towards AID."""
    doc = nlp("The convoy reached the town on Monday.")
    linear = SentenceCoder(use_neighbors=False)
    base = linear.code(doc[:])[0]
    vec = shared_encoder().encode([doc.text])[0]
    labels = linear.model.labels
    target = "AID" if base.type != "AID" else "ASSAULT"
    vote = neighbors.build(labels, np.vstack([vec] * 10), [target] * 10)
    mixed = SentenceCoder(model=linear.model, neighbor_model=vote).code(doc[:], vec)[0]
    assert mixed.confidence != base.confidence
    assert mixed.type == target or mixed.confidence < base.confidence


def test_a_broken_encoder_falls_back_to_the_linear_model(nlp, tmp_path: Path, caplog):
    from sitrep.nlp.embed import SentenceEncoder

    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not a model")
    coder = SentenceCoder(encoder=SentenceEncoder(model_path=fake))
    doc = nlp("Russia withdrew its troops from Syria.")
    with caplog.at_level("WARNING"):
        guess = coder.code(doc[:])[0]
    assert guess.type == "RETREAT" and "linear-only" in coder.name
    assert "sentence encoder unavailable" in caplog.text
    assert coder.vectors(list(doc.sents)) == [None]


def test_a_custom_model_file_is_not_mixed_with_the_packaged_vote():
    coder = SentenceCoder(model_path=Path("custom.json"))
    assert coder.neighbor_model is None
