from __future__ import annotations

from sitrep.link.linker import EntityMemory, Linker, local_id
from sitrep.model import Mention


def _mentions(text, spans):
    out = []
    for surface, label in spans:
        start = text.index(surface)
        out.append(Mention(start, start + len(surface), surface, label))
    return out


def test_short_form_of_an_unknown_person_joins_the_full_name(kb):
    text = "Colonel Jamal Qudsi spoke. Qudsi said the base was hit."
    entities = Linker(kb).link(text, _mentions(text, [("Jamal Qudsi", "PERSON"), ("Qudsi", "PERSON")]))
    assert len(entities) == 1 and len(entities[0].mentions) == 2
    assert entities[0].id == local_id("person", "Jamal Qudsi")


def test_fuzzy_spelling_links_with_a_reason(kb):
    text = "Volodimir Zelensky met envoys."
    entity = Linker(kb).link(text, _mentions(text, [("Volodimir Zelensky", "PERSON")]))[0]
    assert entity.id == "person:volodymyr-zelensky" and entity.reason.startswith("fuzzy")


def test_values_are_grouped_but_never_linked(kb):
    text = "On Monday two drones flew."
    entities = Linker(kb).link(text, _mentions(text, [("Monday", "DATE"), ("two", "CARDINAL")]))
    assert {e.type for e in entities} == {"date", "quantity"}
    assert all(e.kb_id is None for e in entities)


def test_memory_links_a_later_article_to_the_same_local_id(kb):
    memory = EntityMemory()
    linker = Linker(kb)
    first = "The Tiger Brigade of Qasr al-Nur attacked."
    [e1] = linker.link(first, _mentions(first, [("Tiger Brigade of Qasr al-Nur", "ORG")]), memory)
    restored = EntityMemory.from_rows(memory.to_rows())
    second = "Fighters of the tiger brigade of qasr al nur withdrew."
    [e2] = linker.link(second, _mentions(second, [("tiger brigade of qasr al nur", "ORG")]), restored)
    assert e2.id == e1.id and e2.reason == "memory"


def test_memory_rows_round_trip():
    memory = EntityMemory.from_rows([{"type": "person", "alias": "abu x", "id": "local:person:abu x"}])
    assert EntityMemory.from_rows(memory.to_rows()).to_rows() == memory.to_rows()
