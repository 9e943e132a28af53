"""The offline web page: our own files, Leaflet from its PyPI package, country outlines from npm.

Nothing is fetched from elsewhere. The outlines (Natural Earth via npm's ``world-atlas``) and
``topojson-client`` are installed by ``make setup`` into ``build/web/node_modules``; when they
are missing the page still works and says how to get them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles

from ..errors import ApiError

STATIC = Path(__file__).parent / "static"
WEB_VENDOR_ENV = "SITREP_WEB_VENDOR"
VENDOR_FILES = {
    "countries-110m.json": "world-atlas/countries-110m.json",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
}

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def leaflet_folder() -> Optional[Path]:
    """The folder of leaflet.js and leaflet.css inside the xstatic-leaflet package."""
    try:
        from xstatic.pkg import leaflet
    except ImportError:
        return None
    return Path(leaflet.BASE_DIR)


def node_modules() -> Path:
    """Where ``make setup`` put the npm packages: $SITREP_WEB_VENDOR, else the checkout's build/web."""
    configured = os.environ.get(WEB_VENDOR_ENV)
    if configured:
        return Path(configured)
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = base / "build" / "web" / "node_modules"
        if candidate.is_dir():
            return candidate
    return Path.cwd() / "build" / "web" / "node_modules"


def mount_web(app: FastAPI) -> None:
    """/ (the page), /static (our JS and CSS), /vendor/leaflet and /vendor/<outline files>."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    leaflet = leaflet_folder()
    if leaflet is not None:
        app.mount("/vendor/leaflet", StaticFiles(directory=leaflet), name="leaflet")
    modules = node_modules()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        relative = VENDOR_FILES.get(name)
        path = modules / relative if relative else None
        if path is None or not path.is_file():
            raise ApiError("E601", input=f"/vendor/{name}", detail=": it is not installed; run `make setup`")
        return FileResponse(path)
