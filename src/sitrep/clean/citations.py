"""Outlets an article cites: from its media credits and from reporting phrases in the text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional
from urllib.parse import urlparse

from ..model import CitedSource, Credit

_ANAPHOR = re.compile(r"\b(the (publication|newspaper|outlet|paper|agency|journal|broadcaster))\b", re.IGNORECASE)
_CUE = r"(according to|reported by|cited by|told|quoted by|citing|writes|wrote|reported|reports|reported that|said)"


@dataclass(frozen=True)
class Outlet:
    name: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """The curated outlet list (data/outlets.json)."""
    data = json.loads(resources.files("sitrep.data").joinpath("outlets.json").read_text())
    return tuple(Outlet(o["name"], tuple(o["domains"]), tuple(o["aliases"])) for o in data["outlets"])


def outlet_for_host(host: Optional[str]) -> Optional[Outlet]:
    """The outlet that owns a host name or URL ("www.wsj.com" -> The Wall Street Journal)."""
    if not host:
        return None
    host = (urlparse(host).hostname or host) if "//" in host else host
    host = host.lower().strip().rstrip("/").removeprefix("www.")
    for outlet in outlets():
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet
    return None


def find_cited_sources(text: str, credits: Iterable[Credit]) -> tuple[CitedSource, ...]:
    """Cited outlets, credited ones first, then those the text names, then anaphors."""
    found: list[CitedSource] = []
    for credit in credits:
        outlet = outlet_for_host(credit.source)
        name = outlet.name if outlet else (credit.source or credit.text)
        if not any(c.name == name for c in found):
            found.append(CitedSource(name=name, domain=credit.source, via="credit"))
    found.extend(_named_in_text(text, {c.name for c in found}))
    found.extend(_anaphors(text, found))
    return tuple(found)


def _named_in_text(text: str, known: set[str]) -> list[CitedSource]:
    out = []
    for outlet in outlets():
        for alias in outlet.aliases:
            match = re.search(rf"\b{_CUE}\s+([Tt]he\s+)?{re.escape(alias)}\b|\b{re.escape(alias)}\s+{_CUE}\b", text)
            if match and outlet.name not in known:
                start = text.index(alias, match.start())
                out.append(CitedSource(outlet.name, outlet.domains[0], "text", start, start + len(alias)))
                known.add(outlet.name)
                break
    return out


def _anaphors(text: str, found: list[CitedSource]) -> list[CitedSource]:
    """"As the publication notes": bound to the one outlet cited, when there is exactly one."""
    names = {c.name for c in found}
    if len(names) != 1:
        return []
    (name,) = names
    domain = next(c.domain for c in found if c.name == name)
    return [CitedSource(name, domain, "text", m.start(1), m.end(1)) for m in _ANAPHOR.finditer(text)]
