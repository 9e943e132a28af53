"""Dask worker processes give the same records as one process, and keep failures apart."""

from __future__ import annotations

import json
from dataclasses import replace

from sitrep import service
from sitrep.errors import SitrepError


def test_parallel_run_matches_the_serial_one(tmp_path, settings):
    path = tmp_path / "batch.jsonl"
    rows = [{"id": f"d{i}", "text": f"Turkey moved {i + 2} tanks to the Syrian border on Monday."} for i in range(3)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    serial = list(service.extract([str(path)], settings))
    parallel = list(service.extract([str(path)], replace(settings, workers=2)))
    assert [getattr(r, "id", None) for r in parallel] == [getattr(r, "id", None) for r in serial]
    assert isinstance(parallel[-1], SitrepError) and parallel[-1].code == "E106" and parallel[-1].line == 4
    assert [r.source.input_id for r in parallel[:3]] == ["d0", "d1", "d2"]
