"""``python -m sitrep`` runs the command line."""

from .cli.main import run

run()
