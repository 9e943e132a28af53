"""Databases with real rows for the API and browser tests.

Articles go in through the service API (the real pipeline); events, which no stage produces
yet, are inserted as rows of the events table the way the store writes them.
"""

from __future__ import annotations

import json
import random
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest
from sqlalchemy import update

from sitrep import service
from sitrep.config import Settings
from sitrep.model import Event, Participant, to_dict
from sitrep.store import schema
from sitrep.store.database import Store
from sitrep.store.event_mentions import backfill

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed.txt"
TYPES = ("AID", "MOBILIZE", "ASSAULT", "CONSULT", "SANCTION")
ACTORS = (("Russia", "RUS"), ("Turkey", "TUR"), ("Libyan National Army", "LBY"), ("France", "FRA"), (None, None))
DATES = (None, "2024-12-01", "2024-12-02", "2024-12-02", "2024-12-15", "2025-01-03", "2025-01-03T08:30:00")


def event_row(article_id: str, event: Event, event_date: Optional[str]) -> dict[str, Any]:
    """The events-table row for ``event``, column for column as the store writes it."""
    return dict(
        id=event.id, article_id=article_id, type=event.type, mode=event.mode,
        actor_text=event.actor.text if event.actor else None, actor_country=event.actor.country if event.actor else None,
        recipient_text=event.recipient.text if event.recipient else None,
        recipient_country=event.recipient.country if event.recipient else None,
        event_date=event_date, latitude=event.latitude, longitude=event.longitude, precision=event.precision,
        certainty=event.certainty, confidence=event.confidence, summary=event.summary, sentence=event.sentence,
        start=event.start, end=event.end, record=json.dumps(to_dict(event), ensure_ascii=False),
    )


def insert_events(db: str, rows: list[dict[str, Any]]) -> None:
    with Store(db) as store, store.engine.begin() as conn:
        conn.execute(schema.events.insert(), rows)
        backfill(conn)  # their event_mentions rows, as the store writes them


def place(db: str, article_id: str, entity_id: str, latitude: float, longitude: float) -> None:
    """Give an entity coordinates, as the geo stage will."""
    with Store(db) as store, store.engine.begin() as conn:
        conn.execute(update(schema.entities).where(schema.entities.c.article_id == article_id,
                                                   schema.entities.c.entity_id == entity_id)
                     .values(latitude=latitude, longitude=longitude))


@dataclass(frozen=True)
class SeedDb:
    settings: Settings
    article_id: str
    event_id: str
    evidence: str
    origin_entity: Optional[str]
    actor_entity: Optional[str]


ORIGIN, DESTINATION = (35.0, 38.5), (31.0, 22.0)  # Syria; eastern Libya


def entity_named(article: Any, text: str) -> Optional[str]:
    """The id of the entity the linker made of the words ``text`` (ids change as linking improves)."""
    for entity in article.entities:
        if entity.name == text or any(m.text == text for m in entity.mentions):
            return str(entity.id)
    return None


def movement_event(article: Any) -> Event:
    """Russia moves S-400 radars from Syria (origin) to eastern Libya (destination)."""
    text = article.text
    start = text.index("In Libya, Russian cargo planes")
    end = text.index(".", start) + 1
    return Event(
        id="ev-s400-syria-libya", type="AID", mode="military", sentence=2, start=start, end=end,
        actor=Participant("Russia", entity=entity_named(article, "Russia"), country="RUS"),
        recipient=Participant("Libyan National Army", entity=entity_named(article, "Libyan National Army"),
                              country="LBY"),
        items=(Participant("S-400", entity=entity_named(article, "S-400")),),
        origin=Participant("Syria", entity=entity_named(article, "Syria"), country="SYR"),
        destination=Participant("eastern Libya", entity=entity_named(article, "Libya"), country="LBY"),
        certainty="reported", confidence=0.8, summary="Russia moves S-400 radars from Syria to eastern Libya",
        coder="test",
    )


def movement_row(db: str, article: Any) -> dict[str, Any]:
    """The movement's events row; its two ends get the test's coordinates, on their entities
    (as the geo stage would place them) or, when the linker made no entity, on the participant."""
    event = movement_event(article)
    row = event_row(article.id, event, "2024-12-18")
    record = json.loads(row["record"])
    for role, (lat, lon) in (("origin", ORIGIN), ("destination", DESTINATION)):
        entity = record[role]["entity"]
        if entity:
            place(db, article.id, entity, lat, lon)
        else:
            record[role].update(latitude=lat, longitude=lon)
    return {**row, "record": json.dumps(record)}


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> SeedDb:
    """The seed article plus one movement event, its ends placed on the map."""
    settings = Settings(db=str(tmp_path_factory.mktemp("seed") / "seed.db"))
    report = service.ingest([str(SEED)], settings, pipeline=pipeline)
    (article_id,) = report.ids
    article = service.show(article_id, settings)
    row = movement_row(settings.db, article)
    insert_events(settings.db, [row])
    record = json.loads(row["record"])
    return SeedDb(settings, article_id, row["id"], article.text[row["start"]:row["end"]],
                  record["origin"]["entity"], record["actor"]["entity"])


ARTICLES = (
    {"id": "a-north", "url": "https://www.alpha-news.example/1", "title": "Convoy crosses the northern border",
     "text": "A convoy of armoured vehicles crossed the northern border at dawn. Officials in Ankara confirmed it."},
    {"id": "a-port", "url": "https://beta-wire.example/2", "title": "Ships unload radars at the port",
     "text": "Cargo ships unloaded radars and missiles at the port of Benghazi, witnesses said."},
    {"id": "a-talks", "url": "https://beta-wire.example/3", "title": "Talks in Paris",
     "text": "Diplomats met in Paris to discuss a ceasefire and the withdrawal of foreign fighters."},
)


@dataclass(frozen=True)
class CatalogueDb:
    settings: Settings
    events: list[dict[str, Any]]  # inserted rows plus the article's outlet, title and text
    articles: dict[str, dict[str, Any]]


def synthetic_events(article_ids: list[str], count: int, seed: int = 7) -> list[tuple[str, Event, Optional[str]]]:
    rng = random.Random(seed)
    made = []
    for number in range(count):
        actor, recipient = rng.choice(ACTORS), rng.choice(ACTORS)
        lat, lon = (rng.uniform(-60, 70), rng.uniform(-179, 179)) if rng.random() < 0.8 else (None, None)
        event = Event(
            id=f"ev-{number:04d}", type=rng.choice(TYPES), sentence=0, start=0, end=10,
            actor=Participant(actor[0], country=actor[1]) if actor[0] else None,
            recipient=Participant(recipient[0], country=recipient[1]) if recipient[0] else None,
            latitude=lat, longitude=lon, confidence=round(rng.random(), 2), summary=f"synthetic event {number}",
        )
        made.append((rng.choice(article_ids), event, rng.choice(DATES)))
    return made


@pytest.fixture(scope="session")
def catalogue_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> CatalogueDb:
    """Three articles from two outlets and 160 events with every filterable field varied."""
    folder = tmp_path_factory.mktemp("catalogue")
    dump = folder / "articles.jsonl"
    dump.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    settings = Settings(db=str(folder / "catalogue.db"))
    report = service.ingest([str(dump)], settings, pipeline=pipeline)
    assert report.failed == 0
    articles = {}
    for article_id in report.ids:
        article = service.show(article_id, settings)
        articles[article_id] = {"outlet": article.source.outlet, "title": article.title, "text": article.text}
    made = synthetic_events(sorted(articles), 160)
    rows = [event_row(article_id, event, date) for article_id, event, date in made]
    insert_events(settings.db, rows)
    enriched = [{**row, "source": articles[row["article_id"]]["outlet"]} for row in rows]
    return CatalogueDb(settings, enriched, articles)


@dataclass(frozen=True)
class DbTools:
    """The row writers above, for tests that build a database of their own."""

    event_row: Any = staticmethod(event_row)
    insert_events: Any = staticmethod(insert_events)
    place: Any = staticmethod(place)
    movement_row: Any = staticmethod(movement_row)


@pytest.fixture(scope="session")
def db_tools() -> DbTools:
    return DbTools()


@pytest.fixture(scope="session")
def pipeline() -> Any:
    """The real pipeline without its event stage: these tests write the events table themselves,
    so that filters, pages and the map can be checked against rows they know exactly."""
    from sitrep.pipeline import Pipeline, default_pipeline

    return Pipeline([stage for stage in default_pipeline().stages if stage.name != "events"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(settings: Settings) -> Iterator[str]:
    """The app over ``settings`` served by uvicorn on a free loopback port; yields its base URL."""
    import uvicorn

    from sitrep.serve import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
