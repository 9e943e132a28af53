"""Every dev story page through the product path: its language is detected, and no stage that
does not declare the page's language runs on it or gives it an event (the pages are read from
the shared eval kit at test time, never copied here)."""

from __future__ import annotations

import json

import pytest

from sitrep.evaluation.kit import eval_kit
from sitrep.ingest.jsonl import record_to_document

PAGES = eval_kit() / "stories_dev"
pytestmark = pytest.mark.skipif(not (PAGES / "manifest.json").exists(), reason="dev story pages absent")


@pytest.fixture(scope="module")
def records(pipeline):
    """(page id, labelled language, record) for every dev story page, read as a scraped page."""
    manifest = json.loads((PAGES / "manifest.json").read_text("utf-8"))
    out = []
    for page in manifest["articles"]:
        raw = (PAGES / page["file"]).read_text("utf-8")
        document = record_to_document({"id": page["id"], "url": page.get("url"), "raw": raw}, "stories.jsonl")
        out.append((page["id"], page["language"], pipeline.process(document)))
    return out


def _declared(pipeline) -> dict[str, frozenset[str] | None]:
    """The languages each pipeline stage declares (None: any; cleaning is no pipeline stage)."""
    return {stage.name: getattr(stage, "languages", None) for stage in pipeline.stages}


def test_every_dev_page_gets_its_language(records):
    wrong = [(page, language, article.language) for page, language, article in records if article.language != language]
    assert len(records) >= 50 and not wrong, wrong


def test_no_stage_runs_on_a_page_in_a_language_it_does_not_declare(pipeline, records):
    declared = _declared(pipeline)
    wrong = [(page, stage.name, article.language) for page, _language, article in records for stage in article.stages
             if declared.get(stage.name) is not None and article.language not in declared[stage.name]]
    assert not wrong, wrong


def test_no_event_on_a_non_english_page_comes_from_a_stage_without_its_language(pipeline, records):
    declared = _declared(pipeline)
    events, wrong = 0, []
    for page, language, article in records:
        if language == "en":
            continue
        ran = {stage.name for stage in article.stages}
        for event in article.events:
            events += 1
            stage = event.coder.split("@")[0]
            said_in = article.sentences[event.sentence].language or article.language
            if stage not in ran or declared.get(stage) is None or said_in not in declared[stage]:
                wrong.append((page, event.type, event.coder, said_in))
    assert events >= 40, "the non-English pages are coded"
    assert not wrong, wrong
