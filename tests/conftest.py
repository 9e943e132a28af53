"""Shared fixtures: the bundled seed article, a fresh database, the shared eval kit when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed.txt"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def pipeline():
    from sitrep.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def seed_article(pipeline):
    from sitrep.ingest.sources import read_inputs

    (item,) = list(read_inputs([str(SEED)], 5_000_000))
    return pipeline.process(item)


@pytest.fixture()
def settings(tmp_path):
    from sitrep.config import Settings

    return Settings(db=str(tmp_path / "test.db"))


CONVOY_REPORTS = {  # one event told in four languages, written for these tests
    "en": ("https://first.example/chad-convoy", "The army of Chad moved forty armoured vehicles to the border town "
           "of Abeche on Monday, officials said. The convoy left the capital N'Djamena at dawn and reached Abeche "
           "late in the evening. Officials did not say how long the vehicles would stay near the border with Sudan."),
    "fr": ("https://second.example/tchad-convoi", "L'armée tchadienne a déplacé lundi quarante véhicules blindés vers "
           "la ville frontalière d'Abéché, ont indiqué des responsables. Le convoi a quitté la capitale N'Djamena à "
           "l'aube et a atteint Abéché tard dans la soirée. Les autorités n'ont pas précisé combien de temps les "
           "véhicules resteraient près de la frontière avec le Soudan."),
    "es": ("https://third.example/chad-convoy", "El ejército de Chad trasladó el lunes cuarenta vehículos blindados a la "
           "ciudad fronteriza de Abéché, según dijeron funcionarios. El convoy salió de la capital, Yamena, al amanecer "
           "y llegó a Abéché a última hora de la tarde. Las autoridades no dijeron cuánto tiempo permanecerían los "
           "vehículos cerca de la frontera con Sudán."),
    "de": ("https://fourth.example/tschad-konvoi", "Die Armee des Tschad hat am Montag vierzig Panzerfahrzeuge in die "
           "Grenzstadt Abéché verlegt, wie Beamte mitteilten. Der Konvoi verließ die Hauptstadt N'Djamena im "
           "Morgengrauen und erreichte Abéché am späten Abend. Die Behörden sagten nicht, wie lange die Fahrzeuge an "
           "der Grenze zum Sudan bleiben sollen."),
}
ELECTION_REPORT = ("https://fifth.example/uruguay-vote", "Voters in Uruguay chose a new parliament on Sunday in a calm "
                   "election. Turnout was high and the count finished before midnight, the electoral court said.")


@pytest.fixture(scope="session")
def story_rows():
    """JSONL rows: one event told in four languages (convoy-en/fr/es/de) and an unrelated election."""
    rows = [{"id": f"convoy-{lang}", "url": url, "text": text} for lang, (url, text) in CONVOY_REPORTS.items()]
    return rows + [{"id": "election", "url": ELECTION_REPORT[0], "text": ELECTION_REPORT[1]}]


@pytest.fixture(scope="session")
def story_db(tmp_path_factory, pipeline, story_rows):
    """A database with one story told in four languages and one unrelated story, ingested as a dump."""
    import json as _json

    from sitrep import service
    from sitrep.config import Settings

    folder = tmp_path_factory.mktemp("stories")
    rows = story_rows
    dump = folder / "reports.jsonl"
    dump.write_text("".join(_json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    settings = Settings(db=str(folder / "stories.db"))
    report = service.ingest([str(dump)], settings, pipeline=pipeline)
    ids = dict(zip([r["id"] for r in rows], report.ids))
    convoy = service.show(ids["convoy-en"], settings).story
    election = service.show(ids["election"], settings).story
    return {"settings": settings, "ids": ids, "convoy": convoy.id, "election": election.id}
