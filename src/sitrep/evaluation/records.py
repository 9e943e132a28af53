"""Record-level evaluation: what users get is what is measured.

The scorer's exported inputs (a JSONL file of ``{id, title?, url?, text}``) go through the
product path, :func:`sitrep.service.extract`, exactly as ``sitrep extract inputs.jsonl``
would read them; each record is turned into the public JSON record (``to_dict``, what the
command prints) and one adapter per scorer reads that record and nothing else:

- :func:`ner_row` for ``eval_ner.py`` (record entity types mapped to re3d types),
- :func:`geo_row` for ``eval_geo.py`` (every mention of every place entity, with its point),
- :func:`events_row` for ``eval_events.py`` (type, actor, recipient of every event).

The JSONL ``text`` body is kept exactly as given, so record offsets are the scorer's offsets.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from ..config import Settings
from ..errors import SitrepError
from ..model import to_dict
from ..vocabulary import PLACE_TYPES

Adapter = Callable[[dict[str, Any]], dict[str, Any]]

# record entity type -> re3d type; a country acting as subject is still a Location here,
# because the record does not say how a mention is used
RE3D_TYPES = {
    "person": "Person", "organisation": "Organisation", "armed_group": "Organisation",
    "country": "Location", "place": "Location", "region": "Location", "city": "Location",
    "facility": "Location", "nationality": "Nationality", "date": "Temporal", "time": "Temporal",
    "money": "Money", "quantity": "Quantity", "weapon": "Weapon", "platform": "MilitaryPlatform",
    "vehicle": "Vehicle",
}


def records(inputs_jsonl: Path, pipeline: Any = None) -> Iterator[tuple[str, Optional[dict[str, Any]]]]:
    """``(input id, public record or None)`` for every input line, through ``service.extract``."""
    from ..service import extract

    for result in extract([str(inputs_jsonl)], Settings(), pipeline):
        if isinstance(result, SitrepError):
            yield _failed_id(result), None
        else:
            yield result.source.input_id or "", to_dict(result)


def _failed_id(error: SitrepError) -> str:
    return f"line {error.line}" if error.line is not None else str(error.input)


def ner_row(record: dict[str, Any]) -> dict[str, Any]:
    """re3d spans: every mention of every entity whose record type has a re3d type, but for a
    mention inside another entity's longer one (re3d keeps the longest of nested spans)."""
    spans = []
    for entity in record["entities"]:
        label = RE3D_TYPES.get(entity["type"])
        if label is None:
            continue
        for mention in entity["mentions"]:
            spans.append({"start": mention["start"], "end": mention["end"], "label": label,
                          "text": mention["text"]})
    outer = [(m["start"], m["end"]) for e in record["entities"] if e["type"] in RE3D_TYPES for m in e["mentions"]]
    spans = [s for s in spans if not any(a <= s["start"] and s["end"] <= b and (a, b) != (s["start"], s["end"])
                                         for a, b in outer)]
    return {"entities": sorted(spans, key=lambda s: (s["start"], s["end"]))}


def geo_row(record: dict[str, Any]) -> dict[str, Any]:
    """GeoWebNews places: every mention of every place entity, and of every demonym placed at
    the place it names, with the entity's point; an unplaced mention that holds a placed one
    ("the Sacramento area" around "Sacramento") gives way to it."""
    places = []
    for entity in record["entities"]:
        located = entity.get("latitude") is not None and entity.get("longitude") is not None
        if entity["type"] not in PLACE_TYPES and not (entity["type"] == "nationality" and located):
            continue
        for mention in entity["mentions"]:
            row = {"start": mention["start"], "end": mention["end"], "text": mention["text"]}
            if located:
                row.update(lat=entity["latitude"], lon=entity["longitude"], precision=entity.get("precision"))
            places.append(row)
    return {"places": sorted(_most_specific(places), key=lambda p: (p["start"], p["end"]))}


def _most_specific(places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    placed = [p for p in places if "lat" in p]
    return [p for p in places if "lat" in p or not any(
        p["start"] <= q["start"] and q["end"] <= p["end"] for q in placed)]


def events_row(record: dict[str, Any]) -> dict[str, Any]:
    """PLOVER events: type, mode, actor and recipient of every event in the record."""
    return {"events": [{"type": e["type"], "mode": e.get("mode"), "actor": _party(e.get("actor")),
                        "recipient": _party(e.get("recipient")), "confidence": e.get("confidence")}
                       for e in record["events"]]}


def _party(participant: Optional[dict[str, Any]]) -> Optional[dict[str, Any]]:
    if not participant:
        return None
    return {"text": participant.get("text"), "country": participant.get("country")}


def write_record_predictions(inputs_jsonl: Path, pred_jsonl: Path, adapter: Adapter,
                             pipeline: Any = None, mode: str = "w") -> int:
    """Run the product path over the inputs and write the adapter's row per record."""
    count = 0
    Path(pred_jsonl).parent.mkdir(parents=True, exist_ok=True)
    with open(pred_jsonl, mode, encoding="utf-8") as out:
        for input_id, record in records(Path(inputs_jsonl), pipeline):
            if record is None:
                continue  # the scorer counts a missing row as an empty prediction
            out.write(json.dumps({"id": input_id, **adapter(record)}, ensure_ascii=False) + "\n")
            count += 1
    return count
