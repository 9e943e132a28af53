from __future__ import annotations

from sitrep.evaluation.entities_crossval import Lexicon, mine
from sitrep.nlp.recognize import generic_heads, hand_heads, mined_lexicon


def test_mining_adds_a_head_that_gold_marks_and_drops_one_it_never_marks(nlp):
    text = "Officials met officials. The officials left. We hit a target, a target and targets, and one target."
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]):
        doc = nlp(text)
    gold = [(t.idx, t.idx + len(t), "Organisation") for t in doc if t.lower_ == "officials"]
    lexicon = mine([(doc, gold)])
    assert lexicon.heads.get("official") == "ORG"
    assert "target" in lexicon.dropped


def test_shipped_heads_are_the_hand_list_plus_the_mined_list():
    mined = mined_lexicon()
    heads = generic_heads()
    assert all(heads[lemma] == label for lemma, label in hand_heads().items() if lemma not in mined["dropped"])
    assert not set(mined["dropped"]) & set(heads)
    assert Lexicon(mined["heads"], tuple(mined["dropped"])).combined_heads() == heads


def test_mining_learns_which_heads_run_on_over_an_of_phrase(nlp):
    text = "The families of the victims met. The families of the victims left."
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]):
        doc = nlp(text)
    starts = [t.idx for t in doc if t.text == "The"]
    ends = [t.idx + len(t) for t in doc if t.text == "victims"]
    lexicon = mine([(doc, [(b, e, "Organisation") for b, e in zip(starts, ends)])])
    assert lexicon.of_heads == ("family",)


def test_shipped_of_heads_are_read_by_the_labeller():
    from sitrep.nlp.recognize import of_phrase_heads

    assert set(of_phrase_heads()) == set(mined_lexicon()["of_heads"])
