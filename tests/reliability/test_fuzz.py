"""Random JSON values of every type in every JSONL field: each line becomes exactly one article
or one coded error, never an unexpected failure (E112), and every article can be stored."""

from __future__ import annotations

import functools
import io
import json

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from sitrep.errors import CATALOGUE, SitrepError
from sitrep.ingest.sources import read_inputs
from sitrep.model import Article
from sitrep.pipeline import Pipeline
from sitrep.store.database import Store

FIELDS = ("id", "url", "title", "published", "text", "raw", "html")
SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=10**300, max_value=10**900)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40))
JSON_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
WORDS = st.sampled_from(["Troops", "left", "Lib\u200bya", "on", "Monday", "\x00", "\ufeff", "<p>", "</p>", "<",
                         "&amp;", "\n\n", "2024-12-05", "http://x.test/a", "  ", "Кремль", "\u202e", "\r"])
PLAUSIBLE = st.lists(WORDS, max_size=30).map(" ".join) | st.text(max_size=300)
RECORDS = st.fixed_dictionaries({}, optional={f: JSON_VALUES | PLAUSIBLE for f in FIELDS})


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    with Store(str(tmp_path_factory.mktemp("fuzz") / "fuzz.db")) as opened:
        yield opened


def check_line(line: bytes, pipeline: Pipeline, store: Store) -> None:
    items = list(read_inputs(["-"], 5_000_000, stdin=io.BytesIO(line)))
    assert len(items) == 1, "one line, one result"
    result = items[0] if isinstance(items[0], SitrepError) else pipeline.process_isolated(items[0])
    if isinstance(result, SitrepError):
        assert result.code in CATALOGUE and result.code != "E112", result
        return
    assert isinstance(result, Article) and "\x00" not in result.text
    assert store.ingest(result) in ("stored", "updated", "unchanged")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=RECORDS, ascii_only=st.booleans())
@example(record={"id": 7, "title": "T\x00", "text": "Troops left Lib\u200bya on Monday."}, ascii_only=False)
def test_random_json_in_every_field_is_an_article_or_a_coded_error(record, ascii_only, store):
    check_line(json.dumps(record, ensure_ascii=ascii_only).encode(), Pipeline([]), store)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=JSON_VALUES)
def test_any_json_value_as_a_line_is_an_article_or_a_coded_error(value, store):
    check_line(json.dumps(value).encode() or b"null", Pipeline([]), store)


@pytest.mark.long
@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=RECORDS)
def test_random_records_through_the_full_pipeline(record, store):
    check_line(json.dumps(record).encode(), full_pipeline(), store)


@functools.cache
def full_pipeline() -> Pipeline:
    from sitrep.pipeline import default_pipeline

    return default_pipeline()
