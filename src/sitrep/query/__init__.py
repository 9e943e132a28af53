"""The read side: one path from a question to an answer, for the CLI, the REST API and the page.

``filters`` parses and checks what is asked (event filters, keyset cursors), ``sql`` reads the
tables, ``views`` shapes rows into the JSON every interface prints, ``formats`` writes those
views as JSON Lines, CSV, GeoJSON or Parquet. :mod:`sitrep.service` is the one caller.
"""
