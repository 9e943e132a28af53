"""The JSON Schema of the article record, generated from the data model.

``docs/record.schema.json`` is this function's output; a test keeps the two equal, so the
published schema cannot drift from the code. Regenerate with ``python -m sitrep.record_schema``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from typing import Any

from .model import RECORD_VERSION, Article

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def record_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) for one article record."""
    defs: dict[str, Any] = {}
    root = _object_schema(Article, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://sitrep.invalid/schema/record-{RECORD_VERSION}.json",
        "title": "sitrep article record",
        "description": "One article and everything sitrep found in it. Offsets are Python string "
                       "indices (code points, end exclusive) into `text`.",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties, required = {}, []
    for f in dataclasses.fields(cls):
        if not f.metadata.get("record", True):
            continue
        properties[f.name] = _type_schema(hints[f.name], defs)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    doc = (cls.__doc__ or "").strip().split("\n\n")[0]
    schema: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
    if doc and not doc.startswith(cls.__name__ + "("):
        schema["description"] = " ".join(doc.split())
    return schema


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(a, defs) for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": options + [{"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object"}
    if dataclasses.is_dataclass(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}
            defs[tp.__name__] = _object_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if tp in _SCALARS:
        return {"type": _SCALARS[tp]}
    return {}


def main() -> None:
    sys.stdout.write(json.dumps(record_schema(), indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
