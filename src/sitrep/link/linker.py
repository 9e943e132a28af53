"""Entity linking: group an article's mentions into entities and tie them to the knowledge base.

For each mention, in order, the first rule that answers decides (the Entity's ``reason``):

1. ``country``: a country name, capital or seat ("Moscow", "the Kremlin") -> ``country:ISO3``;
   a demonym ("Russian") -> ``nationality:ISO3``.
2. ``alias``: an exact knowledge-base alias (case, accents, apostrophes, hyphens folded) whose
   type fits the mention's label.
3. ``short form``: a person's surname or an organisation's shorter name that a fuller mention in
   the same article already resolved ("Haftar" after "Khalifa Haftar").
4. ``memory``: a name an earlier article linked (:class:`EntityMemory`).
5. ``fuzzy``: a close spelling of one alias of the right type (rapidfuzz ratio >= ``cutoff``).

A mention nothing resolves gets a stable local id ``local:<type>:<normalised name>`` and an
``unresolved`` reason. Dates, quantities and money are grouped by text and never linked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Optional

from sitrep.knowledge.countries import country_index
from sitrep.knowledge.kb import KBEntry, KnowledgeBase
from sitrep.vocabulary import LEADING_WORDS, alias_key, local_id
from sitrep.model import Entity, Mention

LABEL_TYPES = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "facility",
    "NORP": "nationality", "WEAPON": "weapon", "PLATFORM": "platform", "VEHICLE": "platform",
    "DATE": "date", "TIME": "date", "MONEY": "money", "QUANTITY": "quantity", "CARDINAL": "quantity",
    "PERCENT": "quantity",
}
UNLINKED_TYPES = frozenset({"date", "quantity", "money"})
COMPATIBLE = {
    "person": {"person"},
    "organisation": {"organisation", "armed_group", "country"},
    "place": {"place", "country", "facility", "organisation"},
    "facility": {"facility", "place"},
    "nationality": {"nationality", "armed_group", "organisation"},
    "weapon": {"weapon", "platform"},
    "platform": {"platform", "weapon"},
}
FUZZY_CUTOFF = 90.0


@dataclass(frozen=True)
class Resolution:
    """Where one mention points, and why."""

    id: str
    type: str
    entry: Optional[KBEntry] = None
    reason: str = ""
    unresolved: Optional[str] = None


class EntityMemory:
    """Names seen in earlier articles and the ids they were linked to.

    The memory is state the caller owns: the process that writes the database loads it, gives
    each article a :meth:`layer` over it (the link stage recalls from the layer and remembers
    into it), and merges what each layer learned, in input order, as it stores the article.
    """

    def __init__(self, base: Optional["EntityMemory"] = None) -> None:
        self._ids: dict[tuple[str, str], str] = {}
        self._unsaved: list[tuple[str, str]] = []
        self._base = base

    def layer(self) -> "EntityMemory":
        """A memory that recalls from this one and keeps what it learns to itself."""
        return EntityMemory(base=self)

    def remember(self, entity: Entity, names: Optional[Iterable[str]] = None) -> None:
        """Remember the entity under its name and ``names`` (by default its mentions' texts)."""
        for name in [*((m.text for m in entity.mentions) if names is None else names), entity.name]:
            key = (entity.type, alias_key(name))
            if self._get(key) is None:
                self._ids[key] = entity.id
                self._unsaved.append(key)

    def recall(self, type_: str, surface: str) -> Optional[str]:
        return self._get((type_, alias_key(surface)))

    def _get(self, key: tuple[str, str]) -> Optional[str]:
        found = self._base._get(key) if self._base is not None else None
        return found if found is not None else self._ids.get(key)

    def to_rows(self) -> list[dict]:
        """Plain rows ``{type, alias, id}`` for the database."""
        return [{"type": t, "alias": a, "id": i} for (t, a), i in sorted(self._ids.items())]

    def take_unsaved(self) -> list[dict]:
        """Rows learned since the last call, for the database (saved with each article)."""
        rows = [{"type": t, "alias": a, "id": self._ids[(t, a)]} for t, a in self._unsaved]
        self._unsaved = []
        return rows

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> "EntityMemory":
        memory = cls()
        for row in rows:
            memory._ids[(row["type"], row["alias"])] = row["id"]
        return memory


class Linker:
    """Links mentions to :class:`KnowledgeBase` entries; see the module docstring for the rules."""

    def __init__(self, kb: KnowledgeBase, fuzzy_cutoff: float = FUZZY_CUTOFF) -> None:
        self.kb = kb
        self.fuzzy_cutoff = fuzzy_cutoff

    def link(self, text: str, mentions: list[Mention], memory: Optional[EntityMemory] = None,
             wholes: Optional[Mapping[tuple[int, int], str]] = None) -> list[Entity]:
        """The article's entities, each with all its mentions, in order of first mention.
        ``wholes`` maps a mention's ``(start, end)`` to the phrase that names it when the mention
        is a bare office cut from it ("The governor" -> "The governor of Kherson"): the mention
        is resolved, named and remembered by that phrase, so office-holders stay apart."""
        wholes = wholes or {}
        typed = [(m, LABEL_TYPES[m.label]) for m in mentions if m.label in LABEL_TYPES]
        names = {id(m): wholes.get((m.start, m.end), m.text) for m, _ in typed}
        resolved = {id(m): self._resolve(names[id(m)], t, memory) for m, t in typed}
        self._resolve_short_forms(typed, resolved, names)
        entities = self._group(typed, resolved, names)
        if memory is not None:
            for entity in entities:
                if entity.type not in UNLINKED_TYPES:
                    memory.remember(entity, [names.get(id(m), m.text) for m in entity.mentions])
        return entities

    def _resolve(self, surface: str, type_: str, memory: Optional[EntityMemory]) -> Resolution:
        if type_ in UNLINKED_TYPES:
            return Resolution(local_id(type_, surface), type_, reason="not linked: value")
        found = self._by_country(surface, type_) or self._by_alias(surface, type_)
        if found is None and memory is not None and (remembered := memory.recall(type_, surface)):
            entry = self.kb.get(remembered)
            return Resolution(remembered, entry.type if entry else type_, entry, "memory")
        found = found or self._by_fuzzy(surface, type_)
        if found is not None:
            return found
        return Resolution(local_id(type_, surface), type_, reason="local",
                          unresolved="no knowledge-base entry matches this name")

    def _by_country(self, surface: str, type_: str) -> Optional[Resolution]:
        if type_ not in ("place", "organisation", "nationality", "facility"):
            return None
        match = country_index().lookup(surface)
        if match is None:
            return None
        if match.via == "seat":  # an institution with a seat ("the State Department") is itself
            institution = next((e for e in self.kb.candidates(surface) if e.type == "organisation"), None)
            if institution is not None:
                return Resolution(institution.id, institution.type, institution, "alias (an institution, not its country)")
        kind = "nationality" if match.via == "demonym" else "country"
        entry = self.kb.get(f"{kind}:{match.iso3}")
        if entry is None:
            return None
        return Resolution(entry.id, entry.type, entry, f"country ({match.via})")

    def _by_alias(self, surface: str, type_: str) -> Optional[Resolution]:
        fits = [e for e in self.kb.candidates(surface) if e.type in COMPATIBLE.get(type_, {type_})]
        if not fits:
            return None
        return Resolution(fits[0].id, fits[0].type, fits[0], "alias")

    def _by_fuzzy(self, surface: str, type_: str) -> Optional[Resolution]:
        if type_ not in COMPATIBLE or len(alias_key(surface)) < 5:
            return None
        for entry, score in self.kb.fuzzy(surface, cutoff=self.fuzzy_cutoff):
            if entry.type in COMPATIBLE[type_]:
                return Resolution(entry.id, entry.type, entry, f"fuzzy ({score:.0f})")
        return None

    def _resolve_short_forms(self, typed: list[tuple[Mention, str]], resolved: dict[int, Resolution],
                             names: Optional[Mapping[int, str]] = None) -> None:
        """A shorter, unresolved name takes the id of a fuller mention that ends or starts with it."""
        names = names or {}
        for mention, type_ in typed:
            res = resolved[id(mention)]
            if res.unresolved is None or type_ not in ("person", "organisation"):
                continue
            if names.get(id(mention), mention.text) != mention.text:
                continue  # a bare office named by its whole phrase
            fuller = _fuller_mention(mention, type_, typed)
            if fuller is not None:
                target = resolved[id(fuller)]
                resolved[id(mention)] = Resolution(target.id, target.type, target.entry,
                                                   f"short form of '{fuller.text}'", target.unresolved)

    def _group(self, typed: list[tuple[Mention, str]], resolved: dict[int, Resolution],
               names: Optional[Mapping[int, str]] = None) -> list[Entity]:
        names = names or {}
        groups: dict[str, list[Mention]] = {}
        first: dict[str, Resolution] = {}
        for mention, _type in sorted(typed, key=lambda mt: mt[0].start):
            res = resolved[id(mention)]
            groups.setdefault(res.id, []).append(mention)
            if res.id not in first or (first[res.id].reason.startswith("short") and not res.reason.startswith("short")):
                first[res.id] = res
        return [_entity(entity_id, tuple(ms), first[entity_id], [names.get(id(m), m.text) for m in ms])
                for entity_id, ms in groups.items()]


def _fuller_mention(mention: Mention, type_: str, typed: list[tuple[Mention, str]]) -> Optional[Mention]:
    words = alias_key(mention.text).split()
    best = None
    for other, other_type in typed:
        other_words = alias_key(other.text).split()
        if other_type != type_ or len(other_words) <= len(words):
            continue
        if other_words[-len(words):] == words or (type_ == "organisation" and other_words[:len(words)] == words):
            if best is None or len(other.text) > len(best.text):
                best = other
    return best


def _entity(entity_id: str, mentions: tuple[Mention, ...], res: Resolution,
            names: Optional[list[str]] = None) -> Entity:
    entry = res.entry
    name = entry.name if entry else max(names or [m.text for m in mentions], key=len)
    return Entity(
        id=entity_id, name=name, type=res.type, mentions=mentions,
        kb_id=entry.id if entry else None, unresolved=res.unresolved,
        country=entry.country if entry else None,
        latitude=entry.latitude if entry else None, longitude=entry.longitude if entry else None,
        precision=entry.precision if entry else None, reason=res.reason,
    )
