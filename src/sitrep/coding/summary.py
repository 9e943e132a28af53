"""One line per event and a short summary per article, built only from extracted fields."""

from __future__ import annotations

from typing import Iterable, Optional

from ..knowledge.countries import country_index
from ..model import Article, Event, Participant

VERBS = {
    "AGREE": "agreed with", "CONSULT": "held talks with", "SUPPORT": "backed", "CONCEDE": "made concessions to",
    "COOPERATE": "cooperated with", "AID": "gave aid to", "RETREAT": "withdrew", "REQUEST": "asked",
    "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened", "PROTEST": "protested against",
    "SANCTION": "sanctioned", "MOBILIZE": "moved", "COERCE": "coerced", "ASSAULT": "attacked",
}
MODE_VERBS = {
    ("SANCTION", "discontinue"): "cut ties with", ("RETREAT", "withdraw"): "withdrew",
    ("MOBILIZE", "weapons"): "moved", ("AID", "military"): "gave military aid to",
}
CERTAINTY_NOTES = {
    "reported": None, "asserted": None, "hedged": "unconfirmed", "negated": "denied or did not happen",
    "speculative": "possible, not confirmed", "historical": "earlier, background",
}


def event_line(event: Event, countries: Optional[dict[str, str]] = None) -> str:
    """"Russia moved radars from Syria to eastern Libya by cargo plane (per The Wall Street Journal)"."""
    actor = _actor_name(event.actor, countries or {})
    verb = MODE_VERBS.get((event.type, event.mode or ""), VERBS.get(event.type, event.type.lower()))
    parts = [actor, verb]
    if event.recipient and event.type not in ("RETREAT", "MOBILIZE"):
        parts.append(event.recipient.text)
    if event.items:
        parts.append(_join(p.text for p in event.items[:4]))
    if event.origin:
        parts.append(f"from {event.origin.text}")
    if event.destination:
        parts.append(f"to {event.destination.text}")
    if event.means:
        parts.append(f"by {event.means[0].text}")
    return " ".join(parts) + _notes(event)


def _actor_name(actor: Optional[Participant], countries: dict[str, str]) -> str:
    """The actor as a reader names it: a demonym phrase ("Russian cargo planes") acts for its country."""
    if actor is None:
        return "Someone"
    words = actor.text.split()
    if actor.country and actor.country in countries and words:
        match = country_index().lookup(words[0])
        if match is not None and match.via == "demonym":
            return countries[actor.country]
    return actor.text


def _notes(event: Event) -> str:
    notes = []
    sources = [a.text for a in event.attribution if a.kind != "outlet"]
    if sources:
        notes.append("per " + ", ".join(sources[:2]))
    note = CERTAINTY_NOTES.get(event.certainty)
    if note:
        notes.append(note)
    notes.extend(f"{c.source or 'sources'} unsure" for c in event.caveats[:1])
    return f" ({'; '.join(notes)})" if notes else ""


def _join(words: Iterable[str]) -> str:
    items = list(dict.fromkeys(words))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def article_summary(article: Article, limit: int = 3) -> Optional[str]:
    """The article's main events, most certain first, as two or three sentences."""
    ranked = sorted((e for e in article.events if e.certainty in ("asserted", "reported")),
                    key=lambda e: (-_richness(e), -e.confidence, e.start))
    chosen, seen = [], set()
    for event in ranked:
        key = (event.type, event.actor.country or event.actor.text if event.actor else None)
        if key not in seen:
            seen.add(key)
            chosen.append(event)
    lines = list(dict.fromkeys(e.summary or event_line(e) for e in sorted(chosen[:limit], key=lambda e: e.start)))
    if not lines:
        return None
    return " ".join(line[0].upper() + line[1:] + "." for line in lines)


def _richness(event: Event) -> int:
    """How much an event says: participants, movement, caveats."""
    parts = (event.actor, event.recipient, event.origin, event.destination)
    return sum(p is not None for p in parts) + min(len(event.items), 3) + len(event.means) + len(event.caveats)
