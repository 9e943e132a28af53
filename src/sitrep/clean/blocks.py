"""The shape every cleaner produces, and how it becomes one clean text with offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import Credit, KeyPoint, Paragraph, Section

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    """One paragraph-level piece of the story: lede, key_point, heading or body."""

    kind: str
    text: str


@dataclass(frozen=True)
class PendingCredit:
    text: str
    source: Optional[str]
    kind: str
    after_block: int  # index of the block it followed (-1: before the first)


@dataclass
class CleanPage:
    """What a cleaner found on a page, before offsets are assigned."""

    title: Optional[str] = None
    category: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    language: Optional[str] = None
    blocks: list[Block] = field(default_factory=list)
    credits: list[PendingCredit] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # boilerplate lines taken out


@dataclass(frozen=True)
class Layout:
    text: str
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    key_points: tuple[KeyPoint, ...]
    credits: tuple[Credit, ...]


def lay_out(page: CleanPage) -> Layout:
    """Join the blocks into one text and give every block, section and credit its offsets."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    cursor = 0
    for block in page.blocks:
        if parts:
            cursor += len(PARAGRAPH_SEPARATOR)
        paragraphs.append(Paragraph(cursor, cursor + len(block.text), block.kind))
        parts.append(block.text)
        cursor += len(block.text)
    text = PARAGRAPH_SEPARATOR.join(parts)
    key_points = tuple(KeyPoint(text[p.start:p.end], p.start, p.end) for p in paragraphs if p.kind == "key_point")
    return Layout(text, tuple(paragraphs), _sections(paragraphs, text), key_points, _credits(page, paragraphs))


def _sections(paragraphs: list[Paragraph], text: str) -> tuple[Section, ...]:
    sections: list[Section] = []
    for i, para in enumerate(paragraphs):
        if para.kind != "heading":
            continue
        end = next((p.start for p in paragraphs[i + 1:] if p.kind == "heading"), len(text))
        end = _trim_end(text, end)
        sections.append(Section(text[para.start:para.end], para.start, end, para.start, para.end))
    return tuple(sections)


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1] in "\n ":
        end -= 1
    return end


def _credits(page: CleanPage, paragraphs: list[Paragraph]) -> tuple[Credit, ...]:
    out = []
    for credit in page.credits:
        offset = paragraphs[credit.after_block].end if 0 <= credit.after_block < len(paragraphs) else 0
        out.append(Credit(credit.text, credit.source, credit.kind, offset))
    return tuple(out)
