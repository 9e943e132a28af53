"""Many rows into one table with one prepared statement, straight through the database driver.

SQLAlchemy Core compiles and processes every parameter set of an ``executemany``; the store's
tables hold plain text and numbers, so the write path hands the driver tuples instead (about
ten times less work per row, which is most of the cost of storing an article's ~100 rows).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

from sqlalchemy import Connection, Table


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every row of ``rows`` (dicts with the same keys) into ``table`` in one executemany."""
    if not rows:
        return
    columns = tuple(rows[0])
    conn.exec_driver_sql(_insert_sql(conn.dialect.name, conn.dialect.paramstyle, table.name, columns),
                         [tuple(row[c] for c in columns) for row in rows])


@lru_cache(maxsize=64)
def _insert_sql(dialect: str, paramstyle: str, table: str, columns: tuple[str, ...]) -> str:
    mark = "?" if paramstyle == "qmark" else "%s"
    names = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({", ".join(mark for _ in columns)})'
