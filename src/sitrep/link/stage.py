"""The linking stage: every mention to a knowledge-base id, or a local id with a reason."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from ..model import Article
from .kb import KnowledgeBase, kb_versions, load_knowledge_base
from .linker import EntityMemory, Linker

VERSION = "link@1.0"


class LinkStage:
    """Replaces the grouped mentions with linked entities; remembers new names across articles."""

    name = "link"
    requires = ("entities", "text")
    provides = ("entities",)

    def __init__(self, kb: Optional[KnowledgeBase] = None, memory: Optional[EntityMemory] = None) -> None:
        self.linker = Linker(kb or load_knowledge_base())
        self.memory = memory if memory is not None else EntityMemory()
        data = ",".join(f"{k}={v}" for k, v in sorted(kb_versions().items()))
        self.version = f"{VERSION}+kb({data})"

    def __call__(self, article: Article, scratch: Any) -> Article:
        mentions = sorted((m for e in article.entities for m in e.mentions), key=lambda m: (m.start, m.end))
        entities = self.linker.link(article.text, mentions, self.memory)
        return replace(article, entities=tuple(entities))
