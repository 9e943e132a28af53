"""A headline that names an event backs that event type in the lede (sentences written for this test)."""

from __future__ import annotations

from sitrep.ingest.jsonl import record_to_document

TITLE = "Blast reported at fuel depot near Mombasa port"
LEDE = "There were reports of a large explosion at a fuel depot near the port of Mombasa late on Tuesday."
REST = "Witnesses said thick smoke rose over the harbour. Port officials gave no cause."


def _types(pipeline, text: str, title: str | None) -> list[tuple[str, int]]:
    record = {"id": "t", "text": text} | ({"title": title} if title else {})
    article = pipeline.process(record_to_document(record, "test.jsonl"))
    return [(e.type, e.sentence) for e in article.events]


def test_the_headline_backs_its_event_in_the_lede(pipeline) -> None:
    assert ("ASSAULT", 0) in _types(pipeline, f"{LEDE} {REST}", TITLE)


def test_without_the_headline_the_same_lede_sentence_is_too_unsure(pipeline) -> None:
    assert not [t for t in _types(pipeline, f"{LEDE} {REST}", None) if t[0] == "ASSAULT"]


def test_the_headline_speaks_for_the_lede_only(pipeline) -> None:
    late = "Port officials gave no cause on Wednesday. Witnesses said thick smoke rose over the harbour. " + LEDE
    assert not [t for t in _types(pipeline, late, TITLE) if t[0] == "ASSAULT"]


def test_a_headline_backed_event_borrows_no_actor_from_a_place_in_its_sentence(pipeline) -> None:
    lede = "There were reports of a large explosion at a fuel depot in Kenya late on Tuesday."
    article = pipeline.process(record_to_document({"id": "t", "text": f"{lede} {REST}", "title": TITLE}, "test.jsonl"))
    blasts = [e for e in article.events if e.type == "ASSAULT" and e.sentence == 0]
    assert blasts and all(e.actor is None for e in blasts)
