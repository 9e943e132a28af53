"""Database rows shaped into the JSON every interface prints (the API validates it by its schemas).

An event's places come from its own coordinates when it has them and otherwise from the
entities it names (origin, destination, location), so the API gets richer as the geo and
coding stages fill those in, and works with partial data meanwhile.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional

from sqlalchemy import Connection, Row

from ..store.event_mentions import event_mentions

from . import sql

PLACE_ROLES = ("origin", "destination", "location")
POSITION_ORDER = ("location", "destination", "origin")


def event_items(conn: Connection, rows: Iterable[Row[Any]]) -> list[dict[str, Any]]:
    """JSON for event rows, with the coordinates of their origin/destination/location entities."""
    rows = list(rows)
    records = [json.loads(row.record) for row in rows]
    pairs = [(row.article_id, part["entity"]) for row, record in zip(rows, records)
             for part in _participants(record) if part.get("entity")]
    points = sql.entity_points(conn, pairs)
    return [event_json(row, record, points) for row, record in zip(rows, records)]


def _participants(record: dict[str, Any]) -> list[dict[str, Any]]:
    found = [record.get(role) for role in ("actor", "recipient", *PLACE_ROLES)]
    found.extend(record.get("items") or [])
    return [p for p in found if isinstance(p, dict)]


def event_json(row: Row[Any], record: dict[str, Any], points: dict[tuple[str, str], Row[Any]]) -> dict[str, Any]:
    places = {role: _place(row.article_id, record.get(role), points) for role in PLACE_ROLES}
    return {
        "id": row.id, "article_id": row.article_id, "type": row.type, "mode": row.mode,
        "date": row.event_date, "certainty": row.certainty, "confidence": row.confidence,
        "summary": row.summary,
        "actor": _party(row.actor_text, row.actor_country, record.get("actor")),
        "recipient": _party(row.recipient_text, row.recipient_country, record.get("recipient")),
        "items": [p.get("text") for p in record.get("items") or [] if isinstance(p, dict)],
        **places,
        "latitude": row.latitude, "longitude": row.longitude, "precision": row.precision,
        "position": _position(row, places),
        "evidence": {"sentence": row.sentence, "start": row.start, "end": row.end, "text": None},
        "source": row.source, "source_url": row.source_url, "article_title": row.article_title,
        "story_id": row.story_id, "cluster_id": row.cluster_id,
    }


def _party(text: Optional[str], country: Optional[str], part: Any) -> Optional[dict[str, Any]]:
    if text is None and country is None:
        return None
    entity = part.get("entity") if isinstance(part, dict) else None
    return {"text": text, "country": country, "entity": entity}


def _place(article_id: str, part: Any, points: dict[tuple[str, str], Row[Any]]) -> Optional[dict[str, Any]]:
    """A participant with coordinates: its entity's, else any the participant carries itself."""
    if not isinstance(part, dict):
        return None
    entity = part.get("entity")
    point = points.get((article_id, entity)) if entity else None
    lat = point.latitude if point is not None and point.latitude is not None else _number(part.get("latitude"))
    lon = point.longitude if point is not None and point.longitude is not None else _number(part.get("longitude"))
    country = part.get("country") or (point.country if point is not None else None)
    return {"text": part.get("text"), "entity": entity, "country": country,
            "latitude": lat if lon is not None else None, "longitude": lon if lat is not None else None}


def _number(value: Any) -> Optional[float]:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _position(row: Row[Any], places: dict[str, Optional[dict[str, Any]]]) -> Optional[dict[str, Any]]:
    """Where to draw the event: its own point, else its location, destination or origin."""
    if row.latitude is not None and row.longitude is not None:
        return {"latitude": row.latitude, "longitude": row.longitude, "basis": "event"}
    for role in POSITION_ORDER:
        place = places.get(role)
        if place and place["latitude"] is not None:
            return {"latitude": place["latitude"], "longitude": place["longitude"], "basis": role}
    return None


def article_summary(row: Row[Any]) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "source": row.outlet, "published": row.published,
            "category": row.category, "uri": row.uri, "ingested_at": row.ingested_at,
            "entity_count": int(row.entity_count), "event_count": int(row.event_count),
            "story_id": row.story_id, "cluster_id": row.cluster_id}


def article_detail(record: dict[str, Any], outlet: Optional[str], events: list[dict[str, Any]]) -> dict[str, Any]:
    """The clean text with entity spans and the evidence span of each event."""
    text = record.get("text") or ""
    return {
        "id": record["id"], "title": record.get("title"), "source": outlet or (record.get("source") or {}).get("outlet"),
        "uri": (record.get("source") or {}).get("uri"), "published": record.get("published"),
        "category": record.get("category"), "language": record.get("language"), "text": text,
        "entities": [_entity_spans(e) for e in record.get("entities") or []],
        "events": [{**event, "evidence": _evidence(event["evidence"], text)} for event in events],
        "key_points": [{"start": k["start"], "end": k["end"]} for k in record.get("key_points") or []],
        "issues": [{"code": i["code"], "message": i["message"], "severity": i.get("severity")}
                   for i in record.get("issues") or []],
    }


def _entity_spans(entity: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "name", "type", "kb_id", "country", "latitude", "longitude", "precision")
    mentions = [{"start": m["start"], "end": m["end"], "text": m["text"], "label": m["label"]}
                for m in entity.get("mentions") or []]
    return {**{k: entity.get(k) for k in keep}, "mentions": mentions}


def _evidence(span: dict[str, Any], text: str) -> dict[str, Any]:
    start, end = span.get("start"), span.get("end")
    valid = isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)
    return {**span, "text": text[start:end] if valid else None}


def entity_json(row: Row[Any]) -> dict[str, Any]:
    return {"id": row.entity_id, "name": row.name, "type": row.type, "kb_id": row.kb_id, "country": row.country,
            "latitude": row.latitude, "longitude": row.longitude, "article_count": int(row.article_count),
            "mention_count": int(row.mention_count or 0)}


def mention_json(row: Row[Any], roles: dict[str, list[str]]) -> dict[str, Any]:
    return {"entity_id": row.entity_id, "roles": roles.get(row.entity_id, []), "start": row.start,
            "end": row.end, "text": row.text, "label": row.label, "sentence": row.sentence}


def event_roles(record: dict[str, Any]) -> dict[str, list[str]]:
    """Entity id -> the roles it plays in an event record (actor, origin, item, ...)."""
    roles: dict[str, list[str]] = {}
    for role in ("actor", "recipient", *PLACE_ROLES):
        part = record.get(role)
        if isinstance(part, dict) and part.get("entity"):
            roles.setdefault(part["entity"], []).append(role)
    for part in record.get("items") or []:
        if isinstance(part, dict) and part.get("entity"):
            roles.setdefault(part["entity"], []).append("item")
    return roles


def event_detail(conn: Connection, event_id: str) -> dict[str, Any]:
    """One event (a unique id prefix is enough): its view, its record, its evidence text, every
    mention of the entities it involves, and the spans that say it (``event_mentions`` rows)."""
    row = sql.event_by_id(conn, event_id)
    (item,) = event_items(conn, [row])
    record = json.loads(row.record)
    roles = event_roles(record)
    mentions = [mention_json(m, roles) for m in sql.mentions_of(conn, row.article_id, roles)]
    article = sql.article_by_id(conn, row.article_id)
    text = json.loads(article.record).get("text", "") if article is not None else ""
    valid = row.start is not None and row.end is not None and 0 <= row.start <= row.end <= len(text)
    return {"event": item, "record": record, "evidence_text": text[row.start:row.end] if valid else None,
            "mentions": mentions, "spans": event_mentions(conn, row.id)}


def facets(conn: Connection, f: Any, size: int) -> dict[str, Any]:
    """Counts of matching events by type, country, actor, source and language, commonest first."""
    def counts(pairs: list[tuple[Any, int]]) -> list[dict[str, Any]]:
        return [{"value": str(value), "count": n} for value, n in pairs]

    return {"total": sql.count_events(conn, f),
            "type": counts(sql.facet_counts(conn, f, sql.E.c.type, size)),
            "country": counts(sql.country_counts(conn, f, size)),
            "actor": counts(sql.facet_counts(conn, f, sql.E.c.actor_text, size)),
            "source": counts(sql.facet_counts(conn, f, sql.A.c.outlet, size)),
            "language": counts(sql.facet_counts(conn, f, sql.A.c.language, size))}


def timeline(conn: Connection, f: Any) -> dict[str, Any]:
    days, undated = sql.day_counts(conn, f)
    return {"days": [{"date": d, "count": n} for d, n in days], "undated": undated}


def entity_article(row: Row[Any]) -> dict[str, Any]:
    return {"id": row.id, "title": row.title, "source": row.outlet, "published": row.published,
            "mention_count": int(row.mention_count)}
