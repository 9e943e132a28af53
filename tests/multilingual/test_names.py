"""Entities in German, Russian and Arabic link to the same ids as in the English seed record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.model import RawDocument, Source

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "seed.json"
SEED_NAMES = {"Russia", "Syria", "Libya", "Khalifa Haftar", "Tartus", "Hmeimim Air Base"}

# the founding story, written for this test in each language
ARTICLES = {
    "de": ("Russland verlegt Flugabwehrsysteme aus Syrien nach Libyen. Transportflugzeuge starteten vom "
           "Stützpunkt Hmeimim, Schiffe liegen weiter im Hafen von Tartus. Empfänger ist der General "
           "Chalifa Haftar im Osten Libyens; Haftars Truppen sollen die S-400 übernehmen."),
    "ru": ("Россия перебрасывает системы ПВО из Сирии в Ливию. Транспортные самолёты вылетели с авиабазы "
           "Хмеймим, корабли остаются в Тартусе. Получателем называют маршала Халифу Хафтара на востоке "
           "Ливии; его силам передадут С-400."),
    "ar": ("تنقل روسيا أنظمة دفاع جوي من سوريا إلى ليبيا. وأقلعت طائرات نقل من قاعدة حميميم، فيما تبقى "
           "سفن في ميناء طرطوس. والمستفيد هو المشير خليفة حفتر في شرق ليبيا، إذ تتسلم قواته منظومات إس-400."),
}


@pytest.fixture(scope="module")
def seed_ids():
    record = json.loads(GOLDEN.read_text(encoding="utf-8"))
    ids = {e["name"]: e["id"] for e in record["entities"] if e["name"] in SEED_NAMES}
    assert set(ids) == SEED_NAMES
    return ids


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_founding_story_links_to_the_english_ids(pipeline, seed_ids, language):
    text = ARTICLES[language]
    article = pipeline.process(RawDocument(Source(uri=f"{language}.txt"), text))
    assert article.language == language
    found = {e.id: e for e in article.entities}
    for name, entity_id in seed_ids.items():
        assert entity_id in found, f"{name} not linked in {language}"
    for entity in article.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    assert "weapon:s-400" in found
    haftar = found[seed_ids["Khalifa Haftar"]]
    assert haftar.country == "LBY" and len(haftar.mentions) >= 1


def test_transliterations_are_one_entity(seed_ids):
    from sitrep.link.multilingual import name_index

    index = name_index()
    for text, language in (("Hafter", "en"), ("Khalifa Haftar", "en"), ("Хафтар", "ru"), ("حفتر", "ar"),
                           ("Χαφτάρ", "el"), ("Chalifa Haftar", "de")):
        (found,) = index.find(f"{text} ", language)
        assert found.name.target.id == seed_ids["Khalifa Haftar"], text


def test_russian_case_forms_and_arabic_clitics_match():
    from sitrep.link.multilingual import name_index

    index = name_index()
    russian = "Из России в Ливию, а затем к Хафтару и в Тартусе."
    assert [f.name.target.id for f in index.find(russian, "ru")] == [
        "country:RUS", "country:LBY", "person:khalifa-haftar", "place:tartus"]
    arabic = "وروسيا ولليبيا وبطرطوس"
    assert [f.name.target.id for f in index.find(arabic, "ar")] == ["country:RUS", "country:LBY", "place:tartus"]
    assert [(f.start, f.end) for f in index.find(arabic, "ar")][0] == (0, 6)
