"""Bytes to text: size cap, binary sniffing and encoding detection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..errors import InputError

_TEXT_CONTROLS = {9, 10, 12, 13}
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool  # True when the encoding was detected rather than declared UTF-8


def check_size(size: int, max_bytes: int, name: str) -> None:
    """Refuse inputs over the cap before reading them whole."""
    if size > max_bytes:
        raise InputError("E104", input=name, detail=f"{size:,} bytes (cap {max_bytes:,})")


def decode_bytes(data: bytes, name: str, max_bytes: int) -> Decoded:
    """Text from bytes, or an InputError that names ``name`` and the problem."""
    check_size(len(data), max_bytes, name)
    if not data.strip():
        raise InputError("E101", input=name)
    kind = binary_kind(data)
    if kind:
        raise InputError("E102", input=name, detail=kind)
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8", guessed=False)
    except UnicodeDecodeError as exc:
        return _detect(data, name, exc)


def binary_kind(data: bytes) -> Optional[str]:
    """A description when ``data`` is not text (magic numbers, NUL bytes, control bytes)."""
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:4096]
    if b"\x00" in head and not _looks_utf16(head):
        return "NUL bytes"
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if head and controls / len(head) > 0.05:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def _looks_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _detect(data: bytes, name: str, exc: UnicodeDecodeError) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.chaos > 0.3:
        raise InputError("E103", input=name, detail=f"not UTF-8 at byte {exc.start}, no other encoding fits")
    return Decoded(str(best), best.encoding, guessed=True)
