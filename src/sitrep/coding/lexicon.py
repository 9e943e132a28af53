"""PLOVER trigger lexicon: the words and phrases that typically express each event type.

Written from the PLOVER codebook's type and mode definitions (and CAMEO's verb families),
not from any annotated sentence. The learned model in :mod:`sitrep.coding.classifier` uses
lexicon hits as features; :func:`find_triggers` also gives the trigger span and the mode.

Entries are lemmas (single words) or lemma sequences (phrases, space-separated). A phrase
matches consecutive lemmas, or a verb with a particle/object head after it ("pull out").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# type -> mode (or "") -> trigger lemmas / lemma phrases
LEXICON: dict[str, dict[str, tuple[str, ...]]] = {
    "AGREE": {"": (
        "agree", "agreement", "accord", "deal", "treaty", "sign", "pledge", "promise", "vow",
        "commit", "commitment", "willing", "ready to", "offer", "accept", "endorse a",
        "settle", "ceasefire agreement", "reach", "consent", "approve", "ratify", "guarantee",
        "assure", "intend", "plan to", "prepared to", "undertake", "consider", "will",
    )},
    "CONSULT": {
        "visit": ("visit", "trip", "tour", "arrive", "travel"),
        "host": ("host", "receive", "welcome"),
        "phone": ("phone", "call", "telephone", "phone call"),
        "multilateral": ("summit", "conference", "convene"),
        "third-party": ("mediate", "mediation", "mediator", "broker"),
        "": ("meet", "meeting", "talk", "talks", "discuss", "discussion", "consult",
             "consultation", "negotiate", "negotiation", "hold talk", "confer", "dialogue"),
    },
    "SUPPORT": {"": (
        "support", "praise", "welcome", "endorse", "back", "commend", "applaud", "congratulate",
        "hail", "defend", "recognize", "recognise", "thank", "appreciate", "laud", "approve of",
        "side with", "stand by", "sympathy", "condolence", "apologize", "apologise", "forgive",
    )},
    "CONCEDE": {"": (
        "concede", "apologize", "apologise", "apology", "admit", "acknowledge", "yield",
        "give in", "back down", "compromise", "ease", "relax", "soften", "retract", "accede",
        "allow", "permit", "grant", "amnesty", "pardon", "capitulate", "accept demand",
        # easing administrative restrictions is CONCEDE (CAMEO 081x); easing a military
        # blockade or siege is RETREAT (CAMEO 0872), see "lift siege" below
        "lift",
    )},
    "COOPERATE": {"": (
        "cooperate", "cooperation", "collaborate", "collaboration", "partner", "partnership",
        "joint", "jointly", "together", "share", "exchange", "alliance", "ally", "coordinate",
        "normalize", "normalise", "restore relation", "establish relation", "extradite",
        "work with", "team up", "join forces", "integrate",
    )},
    "AID": {"": (
        "aid", "assistance", "assist", "donate", "donation", "grant", "loan", "fund",
        "funding", "provide", "supply", "send", "deliver", "relief", "humanitarian", "help",
        "food", "medicine", "shelter", "refugee", "peacekeeper", "peacekeeping", "train",
        "contribute", "airlift", "finance", "invest", "million", "billion",
    )},
    "RETREAT": {
        "withdraw": ("withdraw", "withdraw troop", "withdraw force", "withdraw soldier",
                     "troop withdrawal", "withdrawal of troop", "withdrawal", "pull out", "pull back", "retreat", "evacuate",
                     "leave", "redeploy", "pullout", "pull"),
        "release": ("release", "free", "set free", "freed", "hand over", "repatriate",
                    "return"),
        "disarm": ("disarm", "demobilize", "demobilise", "disband", "decommission",
                   "lay down", "surrender weapon", "dismantle"),
        "": ("reopen", "lift siege", "lift blockade", "end", "abandon", "cease", "ceasefire", "truce", "resign",
             "step down", "surrender", "abdicate", "compensation", "compensate", "open",
             "access", "de-escalate"),
    },
    "REQUEST": {"": (
        "request", "ask", "urge", "call for", "call on", "call", "appeal", "demand", "seek",
        "plead", "press", "insist", "require", "petition", "invite", "want", "must",
        "should", "need", "implore", "beg", "push for",
    )},
    "ACCUSE": {"": (
        "accuse", "accusation", "allege", "allegation", "blame", "charge", "criticize",
        "criticise", "criticism", "condemn", "condemnation", "denounce", "censure", "deplore",
        "investigate", "investigation", "probe", "inquiry", "sue", "lawsuit", "indict",
        "convict", "complain", "complaint", "slam", "fault", "rebuke", "disapprove",
        "attack", "lash out", "decry", "protest", "object", "inquire", "examine", "audit",
    )},
    "REJECT": {"": (
        "reject", "refuse", "deny", "decline", "rebuff", "dismiss", "oppose", "veto",
        "spurn", "turn down", "resist", "defy", "ignore", "boycott", "block", "not",
        "never", "refusal", "rejection", "repudiate", "disagree", "no", "vote against",
    )},
    "THREATEN": {
        "violence": ("attack", "strike", "force", "military action", "war", "retaliate",
                     "retaliation", "kill", "bomb"),
        "relations": ("break relation", "sever", "cut tie", "break off", "downgrade"),
        "restrict": ("restrict", "ban", "close", "impose"),
        "": ("threaten", "threat", "warn", "warning", "ultimatum", "vow", "menace",
             "intimidate", "unless", "or else", "consequence"),
    },
    "PROTEST": {
        "demo-org": ("demonstrate", "demonstration", "demonstrator", "rally", "march",
                     "protester", "protestor", "protest"),
        "riot": ("riot", "rioter", "clash", "stone", "loot", "unrest"),
        "strike-gen": ("strike", "walkout", "walk out", "stoppage"),
        "strike-hun": ("hunger strike", "hunger", "fast"),
        "obstruct": ("blockade", "block", "barricade", "sit-in", "occupy", "picket",
                     "obstruct", "roadblock"),
        "": ("boycott", "dissent"),
    },
    "SANCTION": {
        "discontinue": ("suspend", "cut", "halt", "freeze", "withdraw", "cancel", "recall",
                        "expel", "break", "sever", "downgrade", "terminate", "stop", "end"),
        "": ("sanction", "embargo", "boycott", "penalty", "punitive", "restriction",
             "impose", "tariff", "ban", "blacklist"),
    },
    "MOBILIZE": {
        "troops": ("deploy", "deployment", "mobilize", "mobilise", "mass", "troop",
                   "reinforcement", "reinforce", "station", "amass", "send troop",
                   "mobilization", "alert", "put on alert"),
        "weapons": ("test", "missile", "weapon", "nuclear", "arm", "launch", "enrich",
                    "warship", "military exercise", "exercise", "drill"),
        "police": ("police", "riot police", "security force"),
    },
    "COERCE": {
        "arrest": ("arrest", "capture", "apprehend", "round up", "seize", "nab"),
        "detain": ("detain", "detention", "jail", "imprison", "hold", "custody", "abduct",
                   "kidnap", "hostage", "prisoner"),
        "deport": ("deport", "expel", "expulsion", "exile", "evict"),
        "ban": ("ban", "outlaw", "prohibit", "dissolve"),
        "censor": ("censor", "shut down", "close", "silence", "jam", "confiscate"),
        "curfew": ("curfew", "lockdown"),
        "martial-law": ("martial law", "state of emergency", "emergency rule"),
        "restrict": ("restrict", "restriction", "blockade", "seal", "crackdown", "crack",
                     "suppress", "repress", "raid", "search", "border"),
        "confiscate": ("confiscate", "seize", "expropriate", "nationalize"),
    },
    "ASSAULT": {
        "heavy-weapons": ("shell", "shelling", "bomb", "bombard", "bombing", "airstrike",
                          "air strike", "strike", "artillery", "rocket", "missile", "mortar",
                          "jet", "warplane", "tank", "helicopter", "air raid", "fire"),
        "explosives": ("explode", "explosion", "blast", "bomber", "device", "ied", "mine",
                       "detonate", "car bomb", "grenade"),
        "firearms": ("shoot", "shot", "gunman", "gunfire", "gun", "rifle", "sniper",
                     "open fire", "ambush"),
        "assassinate": ("assassinate", "assassination", "murder", "execute", "behead"),
        "torture": ("torture", "abuse", "mistreat"),
        "sexual": ("rape", "sexual"),
        "destroy": ("destroy", "burn", "demolish", "raze", "blow up", "sabotage", "arson"),
        "suicide-attack": ("suicide", "suicide bomber"),
        "beat": ("beat", "beating", "stab", "club"),
        "": ("attack", "kill", "killing", "fight", "fighting", "clash", "battle", "wound",
             "injure", "massacre", "invade", "invasion", "assault", "raid", "offensive",
             "casualty", "dead", "death", "die", "war", "combat", "storm", "capture"),
    },
}

REPORTING_VERBS = frozenset({"say", "tell", "report", "announce", "state", "claim", "add",
                             "declare", "quote", "according", "note", "insist"})


@dataclass(frozen=True)
class LexiconHit:
    """One lexicon entry found in a sentence: token indices are relative to the span."""

    type: str
    mode: Optional[str]
    entry: str
    first: int
    last: int


def _index() -> dict[str, list[tuple[str, Optional[str], tuple[str, ...]]]]:
    """First lemma -> [(type, mode, full lemma tuple)], built once per process."""
    table: dict[str, list[tuple[str, Optional[str], tuple[str, ...]]]] = {}
    for etype, modes in LEXICON.items():
        for mode, entries in modes.items():
            for entry in entries:
                words = tuple(entry.split())
                table.setdefault(words[0], []).append((etype, mode or None, words))
    return table


_INDEX: dict[str, list[tuple[str, Optional[str], tuple[str, ...]]]] = {}


def find_hits(lemmas: list[str]) -> list[LexiconHit]:
    """Every lexicon entry whose lemmas occur in ``lemmas`` (consecutively or one gap)."""
    if not _INDEX:
        _INDEX.update(_index())
    hits: list[LexiconHit] = []
    for i, lemma in enumerate(lemmas):
        for etype, mode, words in _INDEX.get(lemma, ()):
            last = _match_rest(lemmas, i, words)
            if last is not None:
                hits.append(LexiconHit(etype, mode, " ".join(words), i, last))
    return hits


def _match_rest(lemmas: list[str], i: int, words: tuple[str, ...]) -> Optional[int]:
    """Index of the last matched lemma when ``words`` match from ``i`` (gap of 1 allowed)."""
    pos = i
    for word in words[1:]:
        if pos + 1 < len(lemmas) and lemmas[pos + 1] == word:
            pos += 1
        elif pos + 2 < len(lemmas) and lemmas[pos + 2] == word:
            pos += 2
        else:
            return None
    return pos
