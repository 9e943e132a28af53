"""The words the record uses, in one place: event types and entity types.

Stages and the read side take their vocabulary from here, so a type is spelled once.
"""

from __future__ import annotations

# The 16 PLOVER event types.
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Entity types that name a place on the map (the geo stage places these).
PLACE_TYPES: frozenset[str] = frozenset({"country", "place", "region", "city", "facility"})
