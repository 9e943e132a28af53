"""sitrep.serve: the REST API and the offline web page over a sitrep database."""

from .app import create_app

__all__ = ["create_app"]
