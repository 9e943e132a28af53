"""GeoWebNews predictions: the scorer's exported inputs in, its prediction format out.

:func:`write_gwn_predictions` is the geoparser alone: every toponym
:func:`~sitrep.geo.recognize.recognize` finds, with its own placement (``sitrep eval
geo-component``). What users get, the places of the records ``sitrep extract`` writes, is
scored by ``sitrep eval geo`` through :func:`sitrep.evaluation.records.geo_row`.

    python ../shared/eval/eval_geo.py --export-inputs build/eval/gwn_dev.jsonl
    python -m sitrep.evaluation.geo build/eval/gwn_dev.jsonl build/eval/gwn_pred.jsonl
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


def geo_pipeline(model: Optional[str] = None) -> Any:
    """The article pipeline up to its place stage: the stages that make the places users get."""
    from sitrep.pipeline import Pipeline, default_pipeline

    stages = default_pipeline(model).stages
    names = [stage.name for stage in stages]
    return Pipeline(stages[:names.index("places") + 1])


def main(argv: list[str]) -> int:
    """Command line: ``INPUTS PRED``; reports timings on stderr."""
    from sitrep.nlp.spacy_stage import load_spacy

    timing = Timing()
    started = time.perf_counter()
    nlp = load_spacy()
    timing.extra["load_model"] = time.perf_counter() - started
    count = write_gwn_predictions(Path(argv[0]), Path(argv[1]), nlp, timing=timing)
    share = timing.geo / timing.nlp if timing.nlp else 0.0
    sys.stderr.write(f"articles={count} nlp_s={timing.nlp:.2f} geo_s={timing.geo:.2f} "
                     f"geo/nlp={share:.1%} gazetteer_build_s={timing.setup:.2f} "
                     f"model_load_s={timing.extra['load_model']:.2f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
