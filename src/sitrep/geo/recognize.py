"""Toponym recognition: the place names of a spaCy ``Doc`` as character spans.

Sources, in order of trust: the model's GPE, LOC and FAC entities; NORP entities that are a
country's demonym or a region's adjective ("Syrian forces", "European leaders"); well-known
places embedded in the names of organisations ("The Washington Post", "British Embassy");
and capitalised words the model missed that name a country, region or large city.
"""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Doc, Span

from sitrep.knowledge.gazetteer import Gazetteer, gazetteer, prominent

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
HOST_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
MAX_WINDOW = 4
JOINED_KINDS = ("country", "admin1", "region")
ADJECTIVE_KINDS = ("country", "continent", "region")  # kinds whose alternate names include demonyms  # kinds of place whose name may hold "and"
# capitalised words that name places somewhere but are mostly ordinary words in news text
GENERIC = frozenset("""north south east west northern southern eastern western central centre
center middle metro city state states island islands county district province region national
capital enterprise surprise liberty union independence unity progress orange bath car dr st
mission commerce justice harmony paradise eagle deal""".split())
PLACE_PREPOSITIONS = frozenset("in near across outside around throughout to from at".split())

Toponym = tuple[int, int, str]


def recognize(doc: Doc, places: Optional[Gazetteer] = None, embedded: bool = True,
              missed: bool = True, heads: bool = False) -> list[Toponym]:
    """Toponym spans ``(start, end, text)`` in character offsets of ``doc.text``, sorted.

    With ``heads`` (the place stage), a longer place name gives the place it is about, after
    its last "of" or at its end ("Belgorod" of "the Russian border region of Belgorod"),
    before any other part the gazetteer knows (the demonym "Russian")."""
    places = places or gazetteer()
    named = {ent.text for ent in doc.ents if ent.label_ in PLACE_LABELS}
    found: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            found.append(_known_part(_proper(_trim(ent)), places, heads))
        elif ent.label_ == "NORP" and places.has(ent.text):
            found.append(_trim(ent))
        elif ent.label_ in ("PERSON", "ORG") and _mislabelled(ent, named, places):
            found.append(ent)
    titled: list[Span] = []
    if embedded:
        for ent in doc.ents:
            if ent.label_ in HOST_LABELS:
                found.extend(_inside(ent, places, found))
            elif ent.label_ == "PERSON":
                titled.extend(_before_title(ent, places, found))
        found.extend(titled)
    if missed:
        found.extend(_missed(doc, places))
    found = [_joined(span, places) for span in found]
    surnames = _person_name_parts(doc)
    return _spans([span for span in found if span in titled or not _is_person_name(span, surnames, places)])


def _joined(span: Span, places: Gazetteer) -> Span:
    """The span with "and" and the next name when together they name one country or region
    ("Trinidad and Tobago", "Bosnia and Herzegovina", "Jammu and Kashmir")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("and", "&"):
        return span
    for size in (2, 1):
        longer = doc[span.start:span.end + 1 + size]
        if longer.end <= len(doc) and _capitalised(longer[-size:]) and any(
                c.primary and c.place.kind in JOINED_KINDS for c in places.lookup(longer.text)):
            return longer
    return span


def _person_name_parts(doc: Doc) -> set[str]:
    """The words of the article's full person names ("Jill Heiden" gives "Jill", "Heiden")."""
    return {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2
            for t in ent if t.text[:1].isupper()}


def _is_person_name(span: Span, parts: set[str], places: Gazetteer) -> bool:
    """A one-word "place" that is part of a person's name elsewhere in the article ("Heiden
    said"), unless the word names a country or region ("Georgia") or stands where places do
    ("in Riverdale")."""
    if len(span) != 1 or span.text not in parts or _in_place_slot(span):
        return False
    return not any((c.primary or c.place.kind in ADJECTIVE_KINDS) and
                   c.place.kind in ("country", "continent", "region", "admin1") for c in places.lookup(span.text))


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].lower_ in ("the", "'s", "’s"):
        start += 1
    while end > start + 1 and span.doc[end - 1].lower_ in ("'s", "’s", "'"):
        end -= 1
    return span.doc[start:end]


def _proper(span: Span) -> Span:
    """The capitalised name inside a place entity, without the common words around it ("the
    Fredericton area", "the Morris County gas station", "the growing Peruvian export market")."""
    start, end = span.start, span.end
    while start < end - 1 and span.doc[start].text[:1].islower():
        start += 1
    while end > start + 1 and span.doc[end - 1].text[:1].islower():
        end -= 1
    return span.doc[start:end] if span.doc[start].text[:1].isupper() else span


def _known_part(span: Span, places: Gazetteer, heads: bool = False) -> Span:
    """The span, or its longest part the gazetteer knows ("St. Louis" of "St. Louis Police");
    with ``heads``, its head place first (:func:`head_place`)."""
    if len(span) == 1 or places.has(span.text):
        return span
    head = head_place(span, places) if heads else None
    if head is not None:
        return head
    for window in _windows(span):
        if len(window) < len(span) and _capitalised(window) and not _generic(window) \
                and prominent(places, window.text):
            return window
    return span


def head_place(span: Span, places: Gazetteer) -> Optional[Span]:
    """The place a longer name is about: a place's own name (not a demonym) right after an
    "of" inside it ("Kobani" of "the Syrian border town of Kobani"), or a prominent one at its
    end ("Belgorod" of "Russian-held Belgorod")."""
    for window in _windows(span):
        if len(window) >= len(span) or not _capitalised(window) or _generic(window):
            continue
        after_of = window.start > span.start and span.doc[window.start - 1].lower_ == "of"
        at_end = window.end == span.end
        if not (after_of or at_end) or not own_place(places, window.text):
            continue
        if after_of or prominent(places, window.text):
            return window
    return None


def own_place(places: Gazetteer, text: str) -> bool:
    """Whether the words name a place themselves, not only as a demonym or an adjective of a
    country or region ("Russian", "U.S." in "U.S. Embassy"): a primary name, or an alternate
    name of a city or smaller place ("Kobani")."""
    return any(c.primary or c.place.kind not in ADJECTIVE_KINDS for c in places.lookup(text))


def _mislabelled(ent: Span, named: set[str], places: Gazetteer) -> bool:
    """A person or organisation that is a place: the model calls the same words a place
    elsewhere in the article, or they are exactly a country or first-level region."""
    if _generic(ent) or not places.has(ent.text):
        return False
    if ent.text in named:
        return True
    if ent.label_ == "PERSON" and any(
            c.primary and c.place.kind in ("country", "admin1", "region") for c in places.lookup(ent.text)):
        return True
    return _in_place_slot(ent) and any(c.primary for c in places.lookup(ent.text))


def _in_place_slot(ent: Span) -> bool:
    """Where news text puts places: after "in", "near", "across" ... ("people in Riverdale"),
    or before a comma and a region ("Thruxton, Hampshire")."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in PLACE_PREPOSITIONS:
        return True
    if ent.end + 1 < len(doc) and doc[ent.end].text == ",":
        follower = doc[ent.end + 1]
        return follower.ent_type_ == "GPE" and follower.text[:1].isupper()
    return False


def _capitalised(tokens: Span) -> bool:
    return all(t.text[:1].isupper() or t.lower_ in ("of", "de", "-") for t in tokens) and \
        tokens[0].text[:1].isupper() and tokens[-1].text[:1].isupper()


def _windows(tokens: Span) -> Iterable[Span]:
    for size in range(min(MAX_WINDOW, len(tokens)), 0, -1):
        for i in range(len(tokens) - size + 1):
            if tokens[i].lower_ != "the":
                yield tokens[i:i + size]


def _inside(host: Span, places: Gazetteer, taken: list[Span]) -> list[Span]:
    """Places named inside an organisation or facility name."""
    for window in _windows(host):
        if window.text == host.text and host.label_ != "ORG":
            continue
        if _overlaps(window, taken) or not _capitalised(window) or _generic(window):
            continue
        if prominent(places, window.text):
            return [window]
    return []


def _before_title(person: Span, places: Gazetteer, taken: list[Span]) -> list[Span]:
    """The place that opens a person named with a title ("British" of "British Prime Minister
    Theresa May", "Atlanta" of "Atlanta Mayor Kasim Reed"): at least two words follow it."""
    start = person.start + (person[0].lower_ == "the")
    for size in (2, 1):
        window = person.doc[start:start + size]
        if person.end - window.end >= 2 and _capitalised(window) and not _generic(window) \
                and not _overlaps(window, taken) and prominent(places, window.text):
            return [window]
    return []


def _missed(doc: Doc, places: Gazetteer) -> list[Span]:
    """Capitalised words outside any entity that name a country, region or large city."""
    covered = {t.i for ent in doc.ents for t in ent}
    out: list[Span] = []
    for sent in doc.sents:
        words = [(t.text[:1].isupper(), t.lower_ in ("of", "de", "-"), t.i in covered) for t in sent]
        for size in range(min(MAX_WINDOW, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                if not _capitalised_run(words[i:i + size]):
                    continue  # the cheap test first: only capitalised runs outside entities go on
                window = sent[i:i + size]
                if window[0].lower_ == "the" or _overlaps(window, out):
                    continue
                if window[0].is_sent_start and len(window) == 1 and window[0].pos_ != "PROPN":
                    continue
                if not _generic(window) and prominent(places, window.text):
                    out.append(window)
    return out


def _capitalised_run(words: list[tuple[bool, bool, bool]]) -> bool:
    """:func:`_capitalised` on (starts upper, joining word, inside an entity) triples, and no
    word inside an entity."""
    return words[0][0] and words[-1][0] and all((upper or joining) and not inside
                                                for upper, joining, inside in words)


def _generic(window: Span) -> bool:
    return len(window) == 1 and window[0].lower_.strip(".") in GENERIC


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


def _spans(found: list[Span]) -> list[Toponym]:
    seen: set[tuple[int, int]] = set()
    out: list[Toponym] = []
    for span in sorted(found, key=lambda s: (s.start_char, -s.end_char)):
        key = (span.start_char, span.end_char)
        if key in seen or any(s <= key[0] and key[1] <= e for s, e in seen):
            continue
        seen.add(key)
        out.append((span.start_char, span.end_char, span.text))
    return out
