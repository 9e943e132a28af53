"""Read inputs (files, folders, JSONL dumps, Parquet, fsspec URLs, stdin) into :class:`RawDocument` values.

Readers never stop on a bad input: each problem is yielded as an :class:`InputError` in the
stream, in order, so the caller records it and goes on with the rest. Inside a folder, symbolic
links that leave the folder are not read (unless ``follow_links``), links to folders are not
walked, and anything but a regular file (a FIFO, a device) is skipped with a coded error.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Union

from ..errors import InputError
from ..model import RawDocument, Source
from .bulk import is_url, packed_kind, read_bulk, read_url
from .decode import bom_encoding, check_size, decode_bytes
from .jsonl import read_jsonl, record_to_document

__all__ = ["read_inputs", "record_to_document", "sniff_kind", "SUPPORTED"]

Item = Union[RawDocument, InputError]
log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
_SNIFF_BYTES = 4096


def read_inputs(paths: Iterable[str], max_bytes: int, stdin: Optional[BinaryIO] = None,
                follow_links: bool = False) -> Iterator[Item]:
    """Every document in ``paths`` ("-" reads stdin), folders walked recursively."""
    for name in paths:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from guarded("stdin", _read_stream(stream, "stdin", "", max_bytes))
        elif is_url(name):
            yield from guarded(name, read_url(name, max_bytes))
        else:
            yield from _read_path(Path(name), max_bytes, follow_links)


def guarded(name: str, items: Iterator[Item]) -> Iterator[Item]:
    """``items``, with an unexpected failure of the reader turned into a coded error for ``name``."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - the isolation boundary of one input
        log.exception("reading %s failed", name)
        yield InputError("E112", input=name, detail=f"{type(exc).__name__}: {exc}")


def _read_path(path: Path, max_bytes: int, follow_links: bool) -> Iterator[Item]:
    if path.is_dir():
        root = path.resolve()
        for child in _walk(path):
            yield from guarded(str(child), _read_file(child, max_bytes, root, follow_links))
    elif path.exists() or path.is_symlink():
        yield from guarded(str(path), _read_file(path, max_bytes, None, True))
    else:
        yield InputError("E109", input=str(path))


def _walk(folder: Path) -> Iterator[Path]:
    """Supported files under ``folder``, sorted, hidden files and folders skipped (links to folders too)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(root, d)))
        for name in sorted(files):
            if not name.startswith(".") and (Path(name).suffix.lower() in SUPPORTED or packed_kind(name)):
                yield Path(root) / name


def _read_file(path: Path, max_bytes: int, root: Optional[Path], follow_links: bool) -> Iterator[Item]:
    name = str(path)
    try:
        handle = open_input(path, root, follow_links)
    except InputError as err:
        yield err
        return
    except OSError as exc:
        yield InputError("E100", input=name, detail=exc.strerror or str(exc))
        return
    with handle:
        kind = packed_kind(name)
        if kind:
            yield from read_bulk(handle, name, kind, max_bytes)
        else:
            yield from _read_stream(handle, name, path.suffix.lower(), max_bytes)


def open_input(path: Path, root: Optional[Path], follow_links: bool) -> BinaryIO:
    """``path`` opened for reading; within a folder (``root``) only regular files, and links only
    to files inside it unless ``follow_links``. Opening never blocks (a FIFO is refused, not waited on)."""
    target = path
    if root is not None and path.is_symlink():
        target = path.resolve()
        if not follow_links and not target.is_relative_to(root):
            raise InputError("E113", input=str(path), detail=str(target))
    nofollow = getattr(os, "O_NOFOLLOW", 0) if root is not None and not follow_links else 0
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | nofollow)
    mode = os.fstat(fd).st_mode
    if root is not None and not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError("E114", input=str(path), detail=_file_kind(mode))
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return kind
    return "not a regular file"


def _read_stream(stream: BinaryIO, name: str, suffix: str, max_bytes: int) -> Iterator[Item]:
    """The documents of one file or stream: a JSONL dump record by record, anything else whole."""
    kind = _kind_for(suffix)
    head = b""
    if kind is None and not suffix:
        head = stream.read(_SNIFF_BYTES)
        kind = sniff_kind(head)
    if kind is None:
        yield InputError("E110", input=name, detail=repr(suffix))
    elif kind == "jsonl":
        yield from read_jsonl(stream, name, max_bytes, head)
    else:
        yield _document(stream, name, kind, max_bytes, head)


def _document(stream: BinaryIO, name: str, kind: str, max_bytes: int, head: bytes) -> Item:
    try:
        if hasattr(stream, "fileno") and not head:
            _check_file_size(stream, name, max_bytes)
        data = head + stream.read(max_bytes + 1 - len(head))
        decoded = decode_bytes(data, name, max_bytes)
    except InputError as err:
        return err
    guessed = decoded.encoding if decoded.guessed else None
    return RawDocument(source=Source(uri=name, kind=kind), content=decoded.text, guessed_encoding=guessed,
                       nul_removed=decoded.nul_removed, origin=name)


def _check_file_size(stream: BinaryIO, name: str, max_bytes: int) -> None:
    """Refuse a regular file over the cap before reading it."""
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return
    if stat.S_ISREG(info.st_mode):
        check_size(info.st_size, max_bytes, name)


def _kind_for(suffix: str) -> Optional[str]:
    if suffix in TEXT_SUFFIXES:
        return "raw"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    return None


def sniff_kind(data: bytes) -> str:
    """Guess the kind of an unnamed input (stdin) from its first bytes."""
    encoding = bom_encoding(data)
    if encoding:
        data = data.decode(encoding, errors="ignore").encode("utf-8")
    head = data.lstrip().removeprefix(b"\xef\xbb\xbf").lstrip()[:512].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype", b"<html", b"<")):
        return "html"
    return "raw"
