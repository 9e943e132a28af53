"""Writing one article: its identity, an atomic claim of it, and the version it replaces.

Identity (what makes two inputs "the same article"): the input's ``id``, else its canonical URL,
else the hash of its clean text; never a file path or a line number. The same identity with the
same content is ``unchanged``; with different content it is ``updated`` and the record it
replaces is kept in ``article_versions``. Content already stored under another identity is
``unchanged`` (one copy of an article).

Writers of one identity are serialised (SQLite: the write lock taken by ``BEGIN IMMEDIATE``;
PostgreSQL: a transaction advisory lock on the identity) and the article row is claimed with
``INSERT ... ON CONFLICT DO NOTHING``, so two processes writing the same article at once both
succeed and one copy is kept.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timezone
from typing import Any, Iterable, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit

from sqlalchemy import Connection, Table, delete, literal, select, text
from sqlalchemy.dialects import postgresql, sqlite

from ..model import Article, to_dict
from . import schema
from .stories import drop_empty, membership
from .event_mentions import insert_article_mentions, insert_mentions_of
from .rows import insert_rows

STORED, UPDATED, UNCHANGED = "stored", "updated", "unchanged"
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|smid)$", re.I)


def identity_key(article: Article) -> str:
    """``id:`` the input id, else ``url:`` the canonical URL, else ``text:`` the clean text's hash."""
    source = article.source
    if source.input_id is not None:
        return f"id:{source.input_id}"
    url = canonical_url(source.uri)
    if url is not None:
        return f"url:{url}"
    return "text:" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:32]


def canonical_url(uri: Optional[str]) -> Optional[str]:
    """An http(s) URL as an identity: host lower-cased without ``www.``, no scheme, default port,
    fragment, trailing slash or tracking parameters (utm_*, fbclid, ...); None for anything else."""
    if not uri or "://" not in uri:
        return None
    try:
        parts = urlsplit(uri.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    port_text = f":{port}" if port and port not in (80, 443) else ""
    path = parts.path.rstrip("/") or "/"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return f"{host}{port_text}{path}" + (f"?{query}" if query else "")


def lock_for_writing(conn: Connection, name: str) -> None:
    """Serialise writers of ``name`` until the transaction ends; must be its first statement."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        number = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
        conn.execute(text("SELECT pg_advisory_xact_lock(:n)"), {"n": number})


def write_article(conn: Connection, article: Article, memory_rows: Iterable[dict[str, str]] = ()) -> str:
    """Store ``article`` in the open transaction ``conn``: stored, updated or unchanged."""
    key = identity_key(article)
    lock_for_writing(conn, key)
    status = _write(conn, article, key)
    remember_aliases(conn, memory_rows)
    return status


def write_articles(conn: Connection, articles: list[Article], memory_rows: Iterable[dict[str, str]] = ()) -> list[str]:
    """Store ``articles`` in the open transaction ``conn``, each as :func:`write_article` would, in
    order; the identities are locked first, in sorted order (two batches never wait on each other
    in a cycle). A batch of identities not stored yet is written with one statement per table;
    otherwise article by article. One status per article."""
    keys = [identity_key(a) for a in articles]
    if conn.dialect.name == "postgresql":
        for key in sorted(set(keys)):
            lock_for_writing(conn, key)
    elif keys:
        lock_for_writing(conn, keys[0])
    statuses = _write_new(conn, articles, keys)
    if statuses is None:
        statuses = [_write(conn, article, key) for article, key in zip(articles, keys)]
    remember_aliases(conn, memory_rows)
    return statuses


def _write_new(conn: Connection, articles: list[Article], keys: list[str]) -> Optional[list[str]]:
    """Statuses of a batch written at once, or None when an identity repeats or is stored already.

    Content stored under another identity (or earlier in the batch) is ``unchanged``, as one by one."""
    a = schema.articles
    if len(set(keys)) < len(keys) or _present(conn, a.c.source_key, keys):
        return None
    seen = _present(conn, a.c.id, [article.id for article in articles])
    fresh: list[tuple[Article, str]] = []
    statuses = []
    for article, key in zip(articles, keys):
        statuses.append(UNCHANGED if article.id in seen else STORED)
        if article.id not in seen:
            seen.add(article.id)
            fresh.append((article, key))
    created = now()
    records = [to_dict(article) for article, _ in fresh]
    insert_rows(conn, a, [_article_row(article, record, key, created) for (article, key), record in zip(fresh, records)])
    _insert_parts_of(conn, [article for article, _ in fresh], records)
    return statuses


def _present(conn: Connection, column: Any, values: list[str]) -> set[str]:
    return set(conn.execute(select(column).where(column.in_(values))).scalars()) if values else set()


def _write(conn: Connection, article: Article, key: str) -> str:
    a = schema.articles
    previous = conn.execute(select(a.c.id, a.c.ingested_at).where(a.c.source_key == key)).first()
    if previous is not None and previous.id == article.id:
        return UNCHANGED
    if previous is not None:
        keep_version(conn, previous.id, article.id)
        delete_article(conn, previous.id)
    created = previous.ingested_at if previous is not None else now()
    record = to_dict(article)
    if insert_ignoring_conflicts(conn, schema.articles, [_article_row(article, record, key, created)]):
        _insert_parts(conn, article, record)
    elif previous is None:
        return UNCHANGED  # the same content is stored under another identity
    return UPDATED if previous is not None else STORED


def insert_ignoring_conflicts(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> int:
    """INSERT ... ON CONFLICT DO NOTHING; the number of rows inserted (exact for one row)."""
    if not rows:
        return 0
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).on_conflict_do_nothing()
    if len(rows) > 1:
        return max(conn.execute(statement, rows).rowcount, 0)
    key = next(iter(table.primary_key.columns))
    return len(conn.execute(statement.returning(key), rows[0]).all())


def keep_version(conn: Connection, article_id: str, replaced_by: str) -> None:
    """Copy the stored record of ``article_id`` into ``article_versions`` before it is replaced."""
    a, v = schema.articles, schema.article_versions
    columns = ("source_key", "article_id", "title", "record", "ingested_at", "updated_at", "replaced_at", "replaced_by")
    source = select(a.c.source_key, a.c.id, a.c.title, a.c.record, a.c.ingested_at, a.c.updated_at,
                    literal(now()), literal(replaced_by)).where(a.c.id == article_id)
    conn.execute(v.insert().from_select([v.c[c] for c in columns], source))


def delete_article(conn: Connection, article_id: str) -> None:
    stories = membership(conn, article_id)
    for table in (schema.event_mentions, schema.mentions, schema.entities, schema.events,
                  schema.story_keys, schema.story_members):
        conn.execute(delete(table).where(table.c.article_id == article_id))
    drop_empty(conn, *stories)
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM articles_fts WHERE article_id = :id"), {"id": article_id})
    conn.execute(delete(schema.articles).where(schema.articles.c.id == article_id))


def remember_aliases(conn: Connection, rows: Iterable[dict[str, str]]) -> None:
    """Add learned aliases ``{type, alias, id}``; an alias already known keeps its first entity."""
    fresh = [{"type": r["type"], "alias": r["alias"], "entity_id": r["id"]} for r in rows]
    insert_ignoring_conflicts(conn, schema.kb_memory, fresh)


def _article_row(article: Article, record: dict[str, Any], key: str, created: str) -> dict[str, Any]:
    return dict(
        id=article.id, source_key=key, uri=article.source.uri, outlet=article.source.outlet,
        input_id=article.source.input_id, title=article.title, category=article.category,
        published=article.published, language=article.language, text=article.text,
        record=json.dumps(record, ensure_ascii=False), ingested_at=created, updated_at=now(),
    )


def _insert_parts(conn: Connection, article: Article, record: dict[str, Any]) -> None:
    insert_entities(conn, article)
    insert_events(conn, article, record)
    insert_article_mentions(conn, article)
    insert_search_rows(conn, [article])


def _insert_parts_of(conn: Connection, articles: list[Article], records: list[dict[str, Any]]) -> None:
    """The rows of several articles, one statement per table."""
    insert_entities_of(conn, articles)
    insert_events_of(conn, list(zip(articles, records)))
    insert_mentions_of(conn, articles)
    insert_search_rows(conn, articles)


def insert_search_rows(conn: Connection, articles: list[Article]) -> None:
    """The full-text index rows (SQLite FTS5; PostgreSQL searches the articles table itself)."""
    if conn.dialect.name == "sqlite" and articles:
        conn.exec_driver_sql("INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
                             [(a.id, a.title or "", a.text) for a in articles])


def insert_entities(conn: Connection, article: Article) -> None:
    insert_entities_of(conn, [article])


def insert_entities_of(conn: Connection, articles: list[Article]) -> None:
    rows, mention_rows = [], []
    for article in articles:
        for ent in article.entities:
            rows.append(dict(article_id=article.id, entity_id=ent.id, name=ent.name, type=ent.type, kb_id=ent.kb_id,
                             country=ent.country, latitude=ent.latitude, longitude=ent.longitude,
                             precision=ent.precision, mention_count=len(ent.mentions)))
            mention_rows.extend(dict(article_id=article.id, entity_id=ent.id, start=m.start, end=m.end,
                                     text=m.text, label=m.label, sentence=m.sentence) for m in ent.mentions)
    insert_rows(conn, schema.entities, rows)
    insert_rows(conn, schema.mentions, mention_rows)


def insert_events(conn: Connection, article: Article, record: dict[str, Any]) -> None:
    insert_events_of(conn, [(article, record)])


def insert_events_of(conn: Connection, pairs: list[tuple[Article, dict[str, Any]]]) -> None:
    rows = []
    for article, record in pairs:
        for ev, ev_record in zip(article.events, record["events"]):
            rows.append(dict(
                id=ev.id, article_id=article.id, type=ev.type, mode=ev.mode,
                actor_text=ev.actor.text if ev.actor else None, actor_country=ev.actor.country if ev.actor else None,
                recipient_text=ev.recipient.text if ev.recipient else None,
                recipient_country=ev.recipient.country if ev.recipient else None,
                event_date=ev.date or article.published, latitude=ev.latitude, longitude=ev.longitude,
                precision=ev.precision, certainty=ev.certainty, confidence=ev.confidence, summary=ev.summary,
                sentence=ev.sentence, start=ev.start, end=ev.end, record=json.dumps(ev_record, ensure_ascii=False),
            ))
    insert_rows(conn, schema.events, rows)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
