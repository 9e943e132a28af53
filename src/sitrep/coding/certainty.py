"""How surely a sentence states its event: asserted, reported, hedged, negated, speculative, historical.

The decision reads the trigger's own dependents first (a negation or modal on the verb that
carries the event), then cue phrases in the sentence. Order of precedence: negated,
speculative, hedged, historical, reported, asserted.
"""

from __future__ import annotations

import re
from typing import Any, Optional

NEGATION_WORDS = {"not", "never", "no", "n't", "neither", "nor", "without"}
MODALS = {"may", "might", "could", "would", "should"}
SPECULATIVE = re.compile(
    r"\b(may|might|could|would) (be|have|soon)\b|\b(plans?|planning|intends?|intending|expected|threaten(s|ed)?) to\b|"
    r"\b(possible|possibly|potential(ly)?|considering|consider(s|ed)? whether|likely to|if|unless)\b",
    re.IGNORECASE,
)
HEDGED = re.compile(
    r"\b(not (yet )?known whether|unclear|uncertain|reportedly|allegedly|alleged|apparently|"
    r"believed to|appears? to|seems? to|unconfirmed|unverified|rumou?red|is said to|are said to|"
    r"could not (be )?(independently )?(verif|confirm))",
    re.IGNORECASE,
)
HISTORICAL = re.compile(
    r"\b(previously|formerly|earlier this (year|month)|in the past|long-standing|once|used to|"
    r"(had|has) long|years ago|decades ago|since (19|20)\d\d|in (19|20)\d\d)\b",
    re.IGNORECASE,
)
REPORTED = re.compile(
    r"\b(according to|as (the )?\w+ (notes?|noted|reports?|reported|writes?|wrote|said|says)|"
    r"(said|says|say|stated|states|noted|notes|note|reported|reports|told|claimed|claims|believe[sd]?|insist(s|ed)?|"
    r"announced|confirmed)\b)",
    re.IGNORECASE,
)


def certainty_of(sentence_text: str, trigger: Optional[Any] = None, negated: bool = False) -> str:
    """The certainty class of an event triggered in a sentence (``trigger`` is a spaCy Token)."""
    if negated or (trigger is not None and _negated(trigger)):
        return "negated"
    if (trigger is not None and _modal(trigger)) or SPECULATIVE.search(sentence_text):
        return "speculative"
    if HEDGED.search(sentence_text):
        return "hedged"
    reported = bool(REPORTED.search(sentence_text))
    if HISTORICAL.search(sentence_text) or (trigger is not None and _past_perfect(trigger) and not reported):
        return "historical"
    if reported:
        return "reported"
    return "asserted"


def _negated(token: Any) -> bool:
    return any(child.dep_ == "neg" or child.lower_ in NEGATION_WORDS and child.dep_ in ("det", "advmod")
               for child in token.children)


def _modal(token: Any) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in MODALS for child in token.children)


def _past_perfect(token: Any) -> bool:
    return token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had" for c in token.children)


def tense_of(trigger: Optional[Any]) -> Optional[str]:
    """past, ongoing or future from the trigger verb's form and auxiliaries."""
    if trigger is None:
        return None
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "shall"} or "going" in aux:
        return "future"
    if trigger.tag_ == "VBG" and aux & {"is", "are", "am", "be", "been"}:
        return "ongoing"
    if trigger.tag_ in ("VBD", "VBN"):
        return "past"
    if trigger.tag_ in ("VBZ", "VBP", "VBG"):
        return "ongoing"
    return None
