"""``sitrep serve``: the REST API and the web page on one port (registered in the main CLI)."""

from __future__ import annotations

from typing import Optional

import typer

from ..config import Settings


def serve(
    db: Optional[str] = typer.Option(None, "--db", envvar="SITREP_DB", help="Database file or URL [default: sitrep.db]."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on; 0.0.0.0 exposes it to the network."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
) -> None:
    """Serve the REST API (/events, /articles, ...) and the map page at http://HOST:PORT/."""
    import uvicorn

    from .app import create_app

    app = create_app(Settings.from_env(db=db))
    uvicorn.run(app, host=host, port=port, log_level="info")
