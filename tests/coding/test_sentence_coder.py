"""Behaviour of the PLOVER sentence coder on hand-written sentences, plus a dev-score gate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.coding import classifier
from sitrep.evaluation.events import cross_corpus, cross_validate
from sitrep.coding.sentence import EventGuess, SentenceCoder, code_texts, load_nlp
from sitrep.evaluation.kit import eval_kit


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def code_one(nlp, coder: SentenceCoder, text: str) -> EventGuess:
    doc = nlp(text)
    guesses = coder.code(doc[:])
    assert guesses, text
    return guesses[0]


def test_withdrawal_is_retreat_by_russia(nlp, coder):
    guess = code_one(nlp, coder, "Russia withdrew its troops from Syria.")
    assert guess.type == "RETREAT"
    assert guess.mode == "withdraw"
    assert guess.actor is not None and guess.actor.country == "RUS"


def test_cutting_aid_is_sanction_discontinue(nlp, coder):
    guess = code_one(nlp, coder, "The United States cut off economic aid to Pakistan.")
    assert guess.type == "SANCTION"
    assert guess.mode == "discontinue"
    assert guess.actor is not None and guess.actor.country == "USA"
    assert guess.recipient is not None and guess.recipient.country == "PAK"


def test_eu_is_not_given_the_recipients_country(nlp, coder):
    guess = code_one(nlp, coder, "The EU imposed sanctions on Iran.")
    assert guess.actor is not None and guess.actor.text == "EU" and guess.actor.country is None
    assert guess.recipient is not None and guess.recipient.country == "IRN"


@pytest.mark.xfail(reason="ZSP's training labels code 'imposed sanctions' as COERCE "
                          "(docs/events-coder.md, known weaknesses)", strict=False)
def test_imposed_sanctions_is_sanction(nlp, coder):
    guess = code_one(nlp, coder, "The EU imposed sanctions on Iran.")
    assert guess.type == "SANCTION"


def test_airstrike_is_assault_with_israeli_actor(nlp, coder):
    guess = code_one(nlp, coder, "Israeli jets struck targets in Gaza.")
    assert guess.type == "ASSAULT"
    assert guess.actor is not None and guess.actor.country == "ISR"


def test_threat_of_force_is_threaten(nlp, coder):
    guess = code_one(nlp, coder, "North Korea threatened to attack South Korea.")
    assert guess.type == "THREATEN"
    assert guess.actor is not None and guess.actor.country == "PRK"
    assert guess.recipient is not None and guess.recipient.country == "KOR"


def test_condemnation_is_accuse(nlp, coder):
    guess = code_one(nlp, coder, "China condemned Japan for the visit to the shrine.")
    assert guess.type == "ACCUSE"
    assert guess.actor.country == "CHN"


def test_kremlin_resolves_to_russia(nlp, coder):
    guess = code_one(nlp, coder, "The Kremlin rejected the American proposal for a ceasefire.")
    assert guess.type == "REJECT"
    assert guess.actor is not None and guess.actor.country == "RUS"


def test_passive_agent_is_actor(nlp, coder):
    guess = code_one(nlp, coder, "Three Afghan soldiers were killed by Pakistani troops.")
    assert guess.type == "ASSAULT"
    assert guess.actor is not None and guess.actor.country == "PAK"
    assert guess.recipient is not None and guess.recipient.country == "AFG"


def test_negated_trigger_is_flagged(nlp, coder):
    guess = code_one(nlp, coder, "Iran did not agree to the inspection of its nuclear sites.")
    assert guess.negated


def test_offsets_point_into_the_text(nlp, coder):
    text = "Yesterday evening, Turkish police arrested forty protesters in Istanbul."
    guess = code_one(nlp, coder, text)
    assert guess.type == "COERCE"
    assert text[guess.trigger_start:guess.trigger_end] == "arrested"
    assert guess.actor is not None
    assert text[guess.actor.start:guess.actor.end] == guess.actor.text
    assert 0.0 <= guess.confidence <= 1.0


def test_code_texts_codes_every_sentence():
    out = code_texts(["Protesters marched through Paris. Police fired tear gas at them.", ""])
    assert len(out) == 2
    assert len(out[0]) >= 2 and out[1] == []


def test_model_file_round_trips(tmp_path: Path):
    model = classifier.load()
    path = tmp_path / "m.json"
    classifier.save(model, path)
    again = classifier.load(path)
    assert again.labels == model.labels
    assert (again.columns == model.columns).all()


def test_shipped_model_is_small():
    size = Path(classifier.__file__).parents[1].joinpath("data", "coding", classifier.MODEL_RESOURCE)
    assert size.stat().st_size < 2_000_000


SCORER = eval_kit() / "eval_events.py"


def _summary(pred: Path, split: str) -> float:
    out = subprocess.run([sys.executable, str(SCORER), "--split", split, "--pred", str(pred)],
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1].split("=")[1])


@pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval (dev data)")
@pytest.mark.gate
def test_held_out_score_gate(tmp_path: Path):
    """Trained on PLOVER GSR only, scored on ZSP it never saw: floor from the measured score."""
    pred = cross_corpus("dev", out_dir=tmp_path)
    assert _summary(pred, "dev-zsp") >= GATE_PLOVER_TO_ZSP


GATE_PLOVER_TO_ZSP = 0.65  # measured 0.690 (docs/events-coder.md), minus about 0.04
GATE_DEV_CV = 0.785  # 5-fold CV +other on PLOVER dev: measured 0.801 (seed 0)
GATE_DEV_ACTOR_COUNTRY = 0.85  # measured 0.879


@pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval (dev data)")
@pytest.mark.gate
def test_cross_validated_dev_gate(tmp_path: Path):
    """The documented `sitrep eval events` recipe: every sentence coded by a model without it."""
    pred = cross_validate("dev", 5, out_dir=tmp_path)
    out = subprocess.run([sys.executable, str(SCORER), "--split", "dev", "--pred", str(pred)],
                         check=True, capture_output=True, text=True).stdout
    assert float(out.strip().splitlines()[-1].split("=")[1]) >= GATE_DEV_CV
    actor = next(line for line in out.splitlines() if line.startswith("actor"))
    assert float(actor.split("country acc=")[1].split()[0]) >= GATE_DEV_ACTOR_COUNTRY


@pytest.mark.parametrize("text, etype", [
    ("Iran threatened to shell Iraqi towns in retaliation for an air raid.", "THREATEN"),
    ("Russia said that Sudan must return the captured helicopter.", "REQUEST"),
    ("The party said it will boycott the elections unless the president resigns.", "THREATEN"),
])
def test_main_predicate_stance_decides(nlp, coder, text, etype):
    assert code_one(nlp, coder, text).type == etype
