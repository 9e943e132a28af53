from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.knowledge.kb import KnowledgeBase, load_knowledge_base

SEED = Path(__file__).resolve().parents[2] / "examples" / "seed.txt"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="session")
def nlp():
    from sitrep.nlp.recognize import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
