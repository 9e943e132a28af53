"""The published OpenAPI schema: ``python -m sitrep.serve.openapi_doc [PATH] [--check]``.

Writes the schema the app serves at /openapi.json to PATH (docs/openapi.json), or with
``--check`` exits 1 when the file there differs from what the code would write.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..config import Settings
from .app import create_app

DEFAULT_PATH = Path("docs/openapi.json")


def openapi_schema() -> dict[str, Any]:
    """The schema of the app, built over an in-memory database."""
    app = create_app(Settings(db="sqlite://"))
    try:
        return app.openapi()
    finally:
        app.state.store.close()


def openapi_text() -> str:
    return json.dumps(openapi_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    expected = openapi_text()
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != expected:
            sys.stderr.write(f"{path} is out of date: run `make openapi`\n")
            return 1
        return 0
    path.write_text(expected, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
