"""sitrep: news reports in, a sourced, geocoded, queryable record of events out."""

__version__ = "0.1.0"
