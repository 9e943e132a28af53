"""These tests run articles through their own pipeline, so the session pipeline's entity
memory (which the golden seed record depends on) is left as it was."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def pipeline():
    from sitrep.pipeline import default_pipeline

    return default_pipeline()
