"""The seed article's whole record, compared field by field with a hand-checked golden file.

When a change moves the record on purpose, run `python scripts/update_golden.py`, read the
diff of tests/golden/seed.json by hand, and commit it with the change.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitrep.model import to_dict

GOLDEN = Path(__file__).with_name("seed.json")


def _record(seed_article):
    record = to_dict(seed_article)
    record["source"]["uri"] = "examples/seed.txt"
    return record


def test_seed_record_matches_the_golden_file(seed_article):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    record = _record(seed_article)
    for field in golden:
        assert record[field] == golden[field], f"field {field!r} differs from tests/golden/seed.json"
    assert set(record) == set(golden)
