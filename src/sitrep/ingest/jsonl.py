"""JSONL dumps read record by record from any stream, with the size cap applied to each record.

Nothing is read whole: a dump of any length flows through in constant memory. Every line is
either a document or a coded error that names it (blank lines are neither); a broken line never
stops the lines after it.
"""

from __future__ import annotations

import io
import json
from typing import Any, BinaryIO, Callable, Iterator, Optional, Union

from ..errors import InputError
from ..model import RawDocument, Source
from .decode import bom_encoding

Item = Union[RawDocument, InputError]
Line = Union[bytes, str]

CONTENT_FIELDS = ("text", "raw", "html")
STRING_FIELDS = ("url", "title", "published")
MAX_ID_CHARS = 1000


class Prefixed(io.RawIOBase):
    """A raw stream that serves ``prefix`` (bytes already read) and then the rest of ``stream``."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self.prefix, self.stream = prefix, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.prefix:
            data, self.prefix = self.prefix[:len(buffer)], self.prefix[len(buffer):]
        else:
            read_some = getattr(self.stream, "read1", self.stream.read)
            data = read_some(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def read_jsonl(stream: BinaryIO, name: str, max_bytes: int, head: bytes = b"") -> Iterator[Item]:
    """Every record of the dump in ``stream`` (after ``head``, its first bytes if already read)."""
    head += stream.read(max(0, 4 - len(head)))
    encoding = bom_encoding(head)
    reader = io.BufferedReader(Prefixed(head, stream), buffer_size=1 << 16)
    if encoding in ("utf-16", "utf-32"):
        readline: Callable[[int], Line] = io.TextIOWrapper(reader, encoding=encoding).readline
    else:
        readline = reader.readline
    seen = False
    try:
        for number, line in numbered_lines(readline, max_bytes, name):
            if isinstance(line, InputError) or line.strip():
                seen = True
                yield line if isinstance(line, InputError) else parse_line(line, name, number, max_bytes)
    except UnicodeDecodeError as exc:
        yield InputError("E103", input=name, detail=f"not {encoding} at byte {exc.start} of a buffer; the rest is not read")
        return
    if not seen:
        yield InputError("E101", input=name)


def numbered_lines(readline: Callable[[int], Line], cap: int, name: str) -> Iterator[tuple[int, Union[Line, InputError]]]:
    """(line number, line) for every line; a line over ``cap`` becomes an E104 error and is skipped."""
    number = 0
    while True:
        line = readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) > cap and line[-1:] not in (b"\n", "\n"):
            size = len(line) + _skip_rest(readline)
            yield number, InputError("E104", input=f"{name}:{number}", line=number,
                                     detail=f"a record of over {size:,} bytes (cap {cap:,} per record)")
        else:
            yield number, line


def _skip_rest(readline: Callable[[int], Line]) -> int:
    skipped = 0
    while True:
        chunk = readline(1 << 16)
        skipped += len(chunk)
        if not chunk or chunk[-1:] in (b"\n", "\n"):
            return skipped


def parse_line(line: Line, name: str, number: int, max_bytes: int) -> Item:
    """The document in one JSONL line, or the coded error that says what is wrong with it."""
    try:
        text = line.decode("utf-8-sig") if isinstance(line, bytes) else line
    except UnicodeDecodeError as exc:
        return InputError("E103", input=name, line=number, detail=f"line {number} is not UTF-8 at byte {exc.start}")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputError("E106", input=name, line=number, detail=exc.msg)
    except RecursionError:
        return InputError("E106", input=name, line=number, detail="nested too deeply")
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        return InputError("E106", input=name, line=number, detail=str(exc))
    return record_to_document(record, name, number)


def record_to_document(record: object, name: str, number: Optional[int] = None) -> Item:
    """A JSONL record ({id?, url?, title?, published?, text|raw|html}) as a document."""
    if not isinstance(record, dict):
        return InputError("E108", input=name, line=number,
                          detail=f"a record must be a JSON object, not {_json_type(record)}")
    problem = _field_problem(record, name, number)
    if problem is not None:
        return problem
    kind = next(f for f in CONTENT_FIELDS if record.get(f) is not None)
    content, title = record[kind], record.get("title")
    removed = content.count("\x00") + (title.count("\x00") if title else 0)
    rid = record.get("id")
    source = Source(uri=record.get("url") or name, input_id=None if rid is None else str(rid), kind=kind, line=number,
                    declared=tuple(f for f in ("title", "published") if f in record))
    return RawDocument(source=source, content=content.replace("\x00", ""),
                       title=title.replace("\x00", "") if title else title, published=record.get("published"),
                       nul_removed=removed, origin=name if number is None else f"{name}:{number}")


def _field_problem(record: dict, name: str, number: Optional[int]) -> Optional[InputError]:
    present = [f for f in CONTENT_FIELDS if record.get(f) is not None]
    if not present:
        return InputError("E107", input=name, line=number)
    for field in [present[0], *STRING_FIELDS]:
        value = record.get(field)
        if value is not None and not isinstance(value, str):
            return InputError("E108", input=name, line=number,
                              detail=f"field {field!r} must be a string, not {_json_type(value)}")
    if not record[present[0]].strip():
        return InputError("E108", input=name, line=number, detail=f"the {present[0]!r} field is empty")
    return _id_problem(record.get("id"), name, number)


def _id_problem(value: object, name: str, number: Optional[int]) -> Optional[InputError]:
    if value is None or isinstance(value, str) and len(value) <= MAX_ID_CHARS:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() <= 3 * MAX_ID_CHARS:
        return None
    return InputError("E108", input=name, line=number,
                      detail=f"field 'id' must be a string or an integer of at most {MAX_ID_CHARS} characters, "
                             f"not {_json_type(value)}")


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a long string"
    return "an array" if isinstance(value, list) else "an object"
