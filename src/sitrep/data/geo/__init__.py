"""Curated geographic facts used by sitrep.geo (country points, well-known regions)."""
