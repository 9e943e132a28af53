"""Read inputs (files, folders, JSONL dumps, stdin) into :class:`RawDocument` values.

Readers never stop on a bad input: each problem is yielded as an :class:`InputError` in the
stream, in order, so the caller records it and goes on with the rest.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Optional, Union

from ..errors import InputError
from ..model import RawDocument, Source
from .decode import check_size, decode_bytes

Item = Union[RawDocument, InputError]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
CONTENT_FIELDS = ("text", "raw", "html")


def read_inputs(paths: Iterable[str], max_bytes: int, stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """Every document in ``paths`` ("-" reads stdin), folders walked recursively."""
    for name in paths:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, max_bytes)
        else:
            yield from _read_path(Path(name), max_bytes)


def _read_path(path: Path, max_bytes: int) -> Iterator[Item]:
    if path.is_dir():
        for child in _walk(path):
            yield from _read_file(child, max_bytes)
    elif path.exists() or path.is_symlink():
        yield from _read_file(path, max_bytes)
    else:
        yield InputError("E109", input=str(path))


def _walk(folder: Path) -> Iterator[Path]:
    """Supported files under ``folder``, sorted, hidden files and folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED:
                yield Path(root) / name


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    name = str(path)
    try:
        check_size(path.stat().st_size, max_bytes, name)
        data = path.read_bytes()
    except InputError as err:
        yield err
        return
    except OSError as exc:
        yield InputError("E100", input=name, detail=exc.strerror or str(exc))
        return
    yield from _parse_bytes(data, name, path.suffix.lower(), max_bytes)


def _read_stream(stream: BinaryIO, max_bytes: int) -> Iterator[Item]:
    data = stream.read(max_bytes + 1)
    yield from _parse_bytes(data, "stdin", "", max_bytes)


def _parse_bytes(data: bytes, name: str, suffix: str, max_bytes: int) -> Iterator[Item]:
    kind = _kind_for(suffix, data)
    if kind is None:
        yield InputError("E110", input=name, detail=repr(suffix))
        return
    if kind == "jsonl":
        yield from _read_jsonl(data, name, max_bytes)
        return
    try:
        decoded = decode_bytes(data, name, max_bytes)
    except InputError as err:
        yield err
        return
    source = Source(uri=name, kind=kind)
    guessed = decoded.encoding if decoded.guessed else None
    yield RawDocument(source=source, content=decoded.text, guessed_encoding=guessed)


def _kind_for(suffix: str, data: bytes) -> Optional[str]:
    if suffix in TEXT_SUFFIXES:
        return "raw"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix:
        return None
    return sniff_kind(data)


def sniff_kind(data: bytes) -> str:
    """Guess the kind of an unnamed input (stdin) from its first bytes."""
    head = data.lstrip()[:512].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype", b"<html", b"<")):
        return "html"
    return "raw"


def _read_jsonl(data: bytes, name: str, max_bytes: int) -> Iterator[Item]:
    try:
        check_size(len(data), max_bytes * 100, name)
    except InputError as err:
        yield err
        return
    if not data.strip():
        yield InputError("E101", input=name)
        return
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            yield _jsonl_record(line, name, number, max_bytes)


def _jsonl_record(line: bytes, name: str, number: int, max_bytes: int) -> Item:
    try:
        check_size(len(line), max_bytes, f"{name}:{number}")
        record = json.loads(line.decode("utf-8-sig"))
    except InputError as err:
        return err
    except UnicodeDecodeError as exc:
        return InputError("E103", input=name, line=number, detail=f"line {number} is not UTF-8 at byte {exc.start}")
    except json.JSONDecodeError as exc:
        return InputError("E106", input=name, line=number, detail=exc.msg)
    return record_to_document(record, name, number)


def record_to_document(record: object, name: str, number: Optional[int] = None) -> Item:
    """A JSONL record ({id?, url?, title?, published?, text|raw|html}) as a document."""
    if not isinstance(record, dict):
        return InputError("E108", input=name, line=number, detail="a record must be a JSON object")
    fields = [f for f in CONTENT_FIELDS if isinstance(record.get(f), str)]
    if not fields:
        return InputError("E107", input=name, line=number)
    kind = fields[0]
    if not record[kind].strip():
        return InputError("E108", input=name, line=number, detail=f"the '{kind}' field is empty")
    bad = [k for k in ("id", "url", "title", "published") if k in record and not _scalar(record[k])]
    if bad:
        return InputError("E108", input=name, line=number, detail=f"field {bad[0]!r} must be a string")
    rid = record.get("id")
    source = Source(uri=record.get("url") or name, input_id=None if rid is None else str(rid), kind=kind, line=number)
    return RawDocument(source=source, content=record[kind], title=record.get("title"),
                       published=record.get("published"))


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int)) and not isinstance(value, bool)
