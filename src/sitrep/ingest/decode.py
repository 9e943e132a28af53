"""Bytes to text: size cap, byte-order marks, binary sniffing, encoding detection, NUL removal."""

from __future__ import annotations

import codecs
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
# Longest first: the UTF-32 little-endian mark begins with the UTF-16 one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool  # True when the encoding was detected rather than declared (UTF-8 or a byte-order mark)
    nul_removed: int = 0  # NUL characters taken out of the text


def check_size(size: int, max_bytes: int, name: str) -> None:
    """Refuse inputs over the cap before reading them whole."""
    if size > max_bytes:
        raise InputError("E104", input=name, detail=f"{size:,} bytes (cap {max_bytes:,})")


def bom_encoding(head: bytes) -> Optional[str]:
    """The encoding a byte-order mark at the start of ``head`` declares, if any."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if head.startswith(mark):
            return encoding
    return None


def decode_bytes(data: bytes, name: str, max_bytes: int) -> Decoded:
    """Text from bytes, or an InputError that names ``name`` and the problem."""
    check_size(len(data), max_bytes, name)
    declared = bom_encoding(data)
    if declared and declared != "utf-8-sig":
        return without_nul(_decode_declared(data, declared, name))
    if not data.strip():
        raise InputError("E101", input=name)
    kind = binary_kind(data)
    if kind:
        raise InputError("E102", input=name, detail=kind)
    try:
        return without_nul(Decoded(data.decode("utf-8-sig"), "utf-8", guessed=False))
    except UnicodeDecodeError as exc:
        return without_nul(_detect(data, name, exc))


def _decode_declared(data: bytes, encoding: str, name: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError("E103", input=name, detail=f"not {encoding.upper()} at byte {exc.start}") from None
    if not text.strip():
        raise InputError("E101", input=name)
    return Decoded(text, encoding, guessed=False)


def without_nul(decoded: Decoded) -> Decoded:
    """``decoded`` with every NUL character removed and counted (they are never text)."""
    count = decoded.text.count("\x00")
    if not count:
        return decoded
    return Decoded(decoded.text.replace("\x00", ""), decoded.encoding, decoded.guessed, count)


def binary_kind(data: bytes) -> Optional[str]:
    """A description when ``data`` is not text (magic numbers, NUL bytes, control bytes)."""
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:4096]
    if b"\x00" in head:
        return "NUL bytes"
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if head and controls / len(head) > 0.05:
        return f"{controls} control bytes in the first {len(head)}"
    return None


def _detect(data: bytes, name: str, exc: UnicodeDecodeError) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.chaos > 0.3:
        raise InputError("E103", input=name, detail=f"not UTF-8 at byte {exc.start}, no other encoding fits")
    return Decoded(str(best), best.encoding, guessed=True)
