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
import re
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from ..config import Settings
from ..errors import SitrepError
from ..knowledge.countries import country_index
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
    """re3d spans from the record's entities, with re3d's conventions applied to the record's
    own mentions and events (:func:`_re3d_span`): a mention inside another entity's longer one
    is left out (re3d keeps the longest of nested spans), and a place followed by ", " and
    another place is one span ("Palmyra, Syria")."""
    text = record.get("text") or ""
    acting = {(p["start"], p["end"]) for e in record.get("events") or () for p in (e.get("actor"), e.get("recipient"))
              if p and p.get("start") is not None}
    mentions = [(m, e) for e in record["entities"] if e["type"] in RE3D_TYPES for m in e["mentions"]]
    outer = [(m["start"], m["end"]) for m, _e in mentions]
    spans = []
    for mention, entity in mentions:
        if any(a <= mention["start"] and mention["end"] <= b and (a, b) != (mention["start"], mention["end"])
               for a, b in outer):
            continue
        span = _re3d_span(text, mention, entity, acting)
        if span is not None:
            spans.append(span)
    return {"entities": _join_place_pairs(text, sorted(spans, key=lambda s: (s["start"], s["end"])))}


def _re3d_span(text: str, mention: dict[str, Any], entity: dict[str, Any],
               acting: set[tuple[int, int]]) -> Optional[dict[str, Any]]:
    """One mention as re3d marks it: a vehicle is a Vehicle; a country that acts in an event
    or owns something ("Syria's") is an Organisation; a people named as a group ("the
    Iraqis") is an Organisation and a nationality adjective is not marked; an organisation
    takes the "the" before it; an amount is the number without "more than", "about" ..."""
    label = "Vehicle" if mention["label"] == "VEHICLE" else RE3D_TYPES[entity["type"]]
    start, end = mention["start"], mention["end"]
    if entity["type"] == "country" and ((start, end) in acting or _ACTS.match(text, end)):
        label = "Organisation"
    if entity["type"] == "nationality":
        if not mention["text"].endswith("s"):
            return None
        label = "Organisation"
    if label == "Organisation" and text[max(0, start - 4):start].lower() == "the ":
        start -= 4
    if label == "MilitaryPlatform" and re.match(r"an?\s", mention["text"]):  # re3d marks "tank" of "a tank"
        start += len(re.match(r"an?\s+", mention["text"]).group(0))
    if label in ("Quantity", "Money"):
        start += len(_APPROXIMATE.match(text, start, end).group(0))
    return {"start": start, "end": end, "label": label, "text": text[start:end]}


_ACTS = re.compile(r"['’]s\b|\s+(?!(?:and|or|in|on|at|to|from|into|of|for|with|by|as|near|between|since|"
                   r"during|after|before|itself|alone|that|which|who)\b)[A-Za-z]")
_APPROXIMATE = re.compile(r"(?:(?:more|fewer|less|than|about|approximately|around|nearly|almost|over|at|least|"
                          r"roughly|some|up|to|an|additional|another)\s+)*", re.IGNORECASE)


def _join_place_pairs(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev and prev["label"] == span["label"] == "Location" and text[prev["end"]:span["start"]] == ", " \
                and country_index().lookup(prev["text"]) is None:  # a list of countries stays apart
            out[-1] = {**prev, "end": span["end"], "text": text[prev["start"]:span["end"]]}
        else:
            out.append(span)
    return out


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
