"""sitrep.serve: the REST API and the offline web page over a sitrep database.

``create_app`` is imported on first use, so that importing ``sitrep.serve.cli`` (every CLI
start does) does not import FastAPI.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
