"""The words the record uses, in one place: event and entity types, and every normal form a
name is compared or grouped in, or an id is made of:

- :func:`normalize` and :func:`alias_key`, the look-up forms of the knowledge base, the
  countries and the gazetteer; :func:`local_id` and :func:`outlet_id`, the ids of what the
  knowledge base does not know;
- :func:`mention_key` (mentions grouped by the nlp stage), :func:`name_slug` (place mentions
  grouped by the place stage), :func:`spelling_form` (name variants the checks compare);
- the word keys that let a name match its inflected forms in several scripts
  (:func:`word_key`, :func:`name_key`, :func:`text_variants`):

  - every word: lower case, accents and other combining marks dropped (Arabic vowel signs,
    the hamza on alef, Greek tonos), ``ё`` as ``е``;
  - Cyrillic and Greek words: a case ending is cut off (Россия, России, Россией -> росс;
    Хафтара -> хафтар), keeping at least three letters;
  - Arabic words in text: also without up to two leading clitics (و ف, then ب ل ك) and
    without the article (وروسيا, ولليبيا, بطرطوس -> روسيا, ليبيا, طرطوس);
  - German and Dutch words in text: also without a genitive ``s`` (Russlands, Syriens).

Stages, the knowledge base and the read side take their vocabulary from here, so a type is
spelled once and "the same name" means the same thing in every stage.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

# The 16 PLOVER event types.
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Entity types that name a place on the map (the place stage places these).
PLACE_TYPES: frozenset[str] = frozenset({"country", "place", "region", "city", "facility"})

# doc.spans key where recognition keeps an office or of-phrase that holds a name, whole
WHOLES = "sitrep_wholes"

_ARTICLES = re.compile(r"^(the)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_PUNCT = re.compile(r"['’‘ʼ`´.]")
_DASHES = re.compile(r"[-‐‑–—/]+")
_NOT_WORD = re.compile(r"[^\w]+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
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


def outlet_id(name: str) -> str:
    """The id of an outlet an article cites ("The Wall Street Journal" -> outlet:the-wall-street-journal)."""
    return "outlet:" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def outlet_key(name: Optional[str]) -> str:
    """A comparable form of an outlet name or host ("The Wall Street Journal" ~ "wall street journal")."""
    text = (name or "").lower().strip()
    text = re.sub(r"^https?://", "", text).removeprefix("www.")
    text = re.sub(r"\.(com|org|net|co\.uk|ru|de|fr|info)(/.*)?$", "", text)
    text = re.sub(r"^the\s+", "", text)
    return _NOT_WORD.sub(" ", text).strip()


def mention_key(text: str) -> str:
    """The form the nlp stage groups mentions of one type by: lower case, no leading article or
    trailing possessive, every run of other characters than letters and digits one dash."""
    text = drop_article(text.strip()).lower()
    text = re.sub(r"(’s|'s)$", "", text)
    return _NOT_WORD.sub("-", text).strip("-")


def drop_article(text: str) -> str:
    """The words without a leading "the", "a" or "an"."""
    return _LEADING_ARTICLE.sub("", text)


def spelling_form(text: str) -> str:
    """The form two spellings of a name are compared in: lower case, no accents, leading "the"
    or trailing possessive, words separated by single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"^(the)\s+|('s|’s)$", "", text.strip())
    return _NOT_WORD.sub(" ", text).strip()


WORD = re.compile(r"\w+(?:[-‐‑]\w+)*")
_CYRILLIC_ENDINGS = tuple(sorted((
    "ями", "ами", "ией", "ией", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ий", "ый", "ая", "яя",
    "ое", "ее", "ые", "ие", "ом", "ем", "ам", "ям", "ах", "ях", "ии", "ия", "ию", "ью", "ов", "ев",
    "ою", "ею", "і", "ї", "ів", "ою", "а", "я", "у", "ю", "е", "и", "ы", "о", "ь", "й", "є"),
    key=len, reverse=True))
_GREEK_ENDINGS = ("ους", "ας", "ες", "ος", "ου", "ης", "ων", "α", "η", "ο", "ς", "ι")
_ARABIC_PREFIXES = ("و", "ف", "ب", "ل", "ك")
MIN_STEM = 3


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case without combining marks."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def script(word: str) -> str:
    for char in word:
        if char.isalpha():
            name = unicodedata.name(char, "")
            for family in ("CYRILLIC", "GREEK", "ARABIC"):
                if name.startswith(family):
                    return family.lower()
            return "latin"
    return "other"


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The key a word is indexed and looked up under (stemmed in Cyrillic and Greek)."""
    folded = fold(word)
    family = script(folded)
    endings = _CYRILLIC_ENDINGS if family == "cyrillic" else _GREEK_ENDINGS if family == "greek" else ()
    for ending in endings:
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_STEM:
            return folded[:-len(ending)]
    return folded


def name_key(name: str) -> tuple[str, ...]:
    return tuple(word_key(w) for w in WORD.findall(name))


def text_variants(word: str, language: str) -> tuple[str, ...]:
    """Keys a word of running text may match under: itself, then without clitics or a genitive s."""
    key = word_key(word)
    out = [key]
    if script(key) == "arabic":
        out.extend(_arabic_bare(key))
    elif language in ("de", "nl") and key.endswith("s") and len(key) > 4:
        out.append(key[:-1])
        if key.endswith("ns"):
            out.append(key[:-2])
    return tuple(dict.fromkeys(out))


def _arabic_bare(word: str) -> list[str]:
    """The word without up to two leading clitics (و/ف, then ب/ل/ك) and without the article."""
    forms, current = [], word
    for clitics in (("و", "ف"), _ARABIC_PREFIXES):
        if current[:1] in clitics and len(current) > 3:
            current = current[1:]
            forms.append(current)
    for form in list(forms) or [word]:
        if form.startswith("ل") and form[1:2] == "ل" and len(form) > 4:
            forms.append("ال" + form[2:])
    for form in list(forms) + [word]:
        if form.startswith("ال") and len(form) > 4:
            forms.append(form[2:])
    return forms
