"""These tests run articles through a pipeline of their own module."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def pipeline():
    from sitrep.pipeline import default_pipeline

    return default_pipeline()
