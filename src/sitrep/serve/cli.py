"""``sitrep serve``: the REST API and the web page on one port (registered in the main CLI)."""

from __future__ import annotations

import ipaddress
import os
from typing import Optional

import typer

from ..config import Settings
from ..errors import UsageError
from .limits import API_KEY_ENV


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: Optional[str] = typer.Option(None, "--db", envvar="SITREP_DB", help="Database file or URL [default: sitrep.db]."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on; 0.0.0.0 exposes it to the network."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    insecure: bool = typer.Option(False, "--insecure", help="Serve a non-loopback interface without an API key."),
) -> None:
    """Serve the REST API (/events, /articles, ...) and the map page at http://HOST:PORT/.

    A host other than the loopback interface needs SITREP_API_KEY set (or --insecure)."""
    import uvicorn

    from .app import create_app

    if not (is_loopback(host) or os.environ.get(API_KEY_ENV) or insecure):
        raise UsageError("E301", input=host)

    app = create_app(Settings.from_env(db=db))
    uvicorn.run(app, host=host, port=port, log_level="info")
