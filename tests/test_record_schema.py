"""The published record schema is generated from the model and every record validates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from sitrep.model import to_dict
from sitrep.record_schema import record_schema

DOC = Path(__file__).resolve().parents[1] / "docs" / "record.schema.json"


def test_published_schema_matches_the_code():
    assert json.loads(DOC.read_text()) == record_schema(), "run: python -m sitrep.record_schema > docs/record.schema.json"


def test_seed_record_validates(seed_article):
    jsonschema.validate(to_dict(seed_article), record_schema())


def test_schema_rejects_a_broken_record(seed_article):
    record = to_dict(seed_article)
    record["entities"][0]["mentions"][0]["start"] = "ten"
    try:
        jsonschema.validate(record, record_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("a string offset should not validate")
