"""The words the record uses, in one place: event and entity types, and the normal forms names
are compared in (:func:`normalize`, :func:`alias_key`) and local ids are made of (:func:`local_id`).

Stages, the knowledge base and the read side take their vocabulary from here, so a type is
spelled once and "the same name" means the same thing in every stage.
"""

from __future__ import annotations

import re
import unicodedata

# The 16 PLOVER event types.
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Entity types that name a place on the map (the geo stage places these).
PLACE_TYPES: frozenset[str] = frozenset({"country", "place", "region", "city", "facility"})

# doc.spans key where recognition keeps an office or of-phrase that holds a name, whole
WHOLES = "sitrep_wholes"

_ARTICLES = re.compile(r"^(the)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_PUNCT = re.compile(r"['’‘ʼ`´.]")
_DASHES = re.compile(r"[-‐‑–—/]+")
_NOT_WORD = re.compile(r"[^\w]+")
LEADING_WORDS = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "whose", "this",
                           "that", "these", "those"})


def normalize(text: str) -> str:
    """Lower-case, accent-free, article- and possessive-free form used for look-ups."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    text = text.strip().strip(".,;:")
    text = _POSSESSIVE.sub("", text)
    text = _ARTICLES.sub("", text)
    return _SPACES.sub(" ", text).lower()


def alias_key(text: str) -> str:
    """The form names are compared in: lower case, no accents, apostrophes, dots or dashes."""
    text = normalize(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _DASHES.sub(" ", _PUNCT.sub("", text))
    return re.sub(r"\s+", " ", text).strip()


def local_id(type_: str, surface: str) -> str:
    """The stable id of an entity the knowledge base does not know."""
    words = alias_key(surface).split()
    while len(words) > 1 and words[0] in LEADING_WORDS:
        words = words[1:]
    return f"local:{type_}:{' '.join(words)}"


def name_slug(text: str) -> str:
    """The form place mentions are grouped by: lower case, no leading "the", every run of
    other characters than letters and digits one dash ("the Gaza Strip" -> "gaza-strip")."""
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE).lower()
    return _NOT_WORD.sub("-", text).strip("-")
