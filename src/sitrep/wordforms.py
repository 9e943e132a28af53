"""Word keys that let a name match its inflected forms, cheaply, in several scripts.

- every word: lower case, accents and other combining marks dropped (Arabic vowel signs,
  the hamza on alef, Greek tonos), ``ё`` as ``е``;
- Cyrillic and Greek words: a case ending is cut off (Россия, России, Россией -> росс;
  Хафтара -> хафтар), keeping at least three letters;
- Arabic words in text: also without up to two leading clitics (و ف, then ب ل ك) and
  without the article (وروسيا, ولليبيا, بطرطوس -> روسيا, ليبيا, طرطوس);
- German and Dutch words in text: also without a genitive ``s`` (Russlands, Syriens).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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
