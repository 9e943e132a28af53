"""The map in Chromium: clusters, country-level places, aggregated arrows, selection, labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlparse

import pytest

from sitrep import service
from sitrep.config import Settings
from sitrep.model import Attribution, Caveat, Event, Participant

from .conftest import live_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test extra: make setup-test")

# Three places in Lebanon a few kilometres apart, and two known only to their country, one of them
# on the other side of the world.
NEAR = {"ev-north": (33.90, 35.50, "Beirut"), "ev-mid": (33.75, 35.45, "Damour"), "ev-south": (33.60, 35.40, "Jiyeh")}
SAID_BY = (Attribution("outlet", "Harbour Ledger"), Attribution("official", "a port spokesman", 0, 6))
CAVEATS = (Caveat("the ministry did not confirm the talks", 0, 6),)
COUNTRY = {"ev-usa": (39.8, -98.6, "the United States"), "ev-egy": (26.5, 30.0, "Egypt")}


@pytest.fixture(scope="module")
def map_site(tmp_path_factory: pytest.TempPathFactory, pipeline: Any, db_tools: Any) -> Iterator[dict[str, Any]]:
    settings = Settings(db=str(tmp_path_factory.mktemp("map") / "page.db"))
    (seed_id,) = service.ingest([str(Path(__file__).parents[2] / "examples" / "seed.txt")], settings,
                                pipeline=pipeline).ids
    movement = db_tools.movement_row(settings.db, service.show(seed_id, settings))
    rows = [movement] + [copy_of(movement, f"ev-move-{n}") for n in (2, 3)]
    for ids, precision in ((NEAR, "city"), (COUNTRY, "country")):
        for event_id, (lat, lon, name) in ids.items():
            event = Event(id=event_id, type="CONSULT", sentence=0, start=0, end=10, summary=f"talks in {name}",
                          location=Participant(name), latitude=lat, longitude=lon, precision=precision,
                          confidence=0.7, attribution=SAID_BY, caveats=CAVEATS)
            rows.append(db_tools.event_row(seed_id, event, "2024-12-10"))
    db_tools.insert_events(settings.db, rows)
    with live_server(settings) as url, sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        tab = chromium.new_context(viewport={"width": 1400, "height": 900}).new_page()
        tab.goto(url + "/", wait_until="networkidle")
        tab.wait_for_selector("path.movement-arrow")
        yield {"tab": tab, "moves": [r["id"] for r in rows[:3]]}
        chromium.close()


def copy_of(row: dict[str, Any], event_id: str) -> dict[str, Any]:
    record = json.loads(row["record"])
    record["id"] = event_id
    return {**row, "id": event_id, "record": json.dumps(record)}


def zoom(tab: Any) -> float:
    return float(parse_qs(urlparse(tab.url).query)["view"][0].split(",")[2])


def test_country_level_places_are_dashed_rings_that_do_not_widen_the_view(map_site: dict[str, Any]) -> None:
    tab = map_site["tab"]
    rings = tab.locator("path.event-marker.country-place")
    assert rings.count() == 2 and all(rings.nth(i).get_attribute("stroke-dasharray") for i in range(2))
    assert zoom(tab) >= 4  # fitted to Syria, Libya and Lebanon, not pulled out to the United States


def test_movements_between_the_same_places_are_one_arrow_with_their_count(map_site: dict[str, Any]) -> None:
    tab = map_site["tab"]
    assert tab.locator("path.movement-arrow").count() == 1 and tab.locator(".arrow-count").text_content() == "×3"
    opened = []
    for _ in range(3):  # each click opens the next of the three
        tab.locator("path.movement-arrow").click(force=True)
        tab.wait_for_selector("path.movement-arrow.selected")
        tab.wait_for_function("ids => { const s = document.querySelector('#events li.selected button');"
                              " return s && !ids.includes(s.dataset.eventId); }", arg=opened)
        opened.append(tab.locator("#events li.selected button").get_attribute("data-event-id"))
    assert sorted(opened) == sorted(map_site["moves"])
    assert tab.locator(".place-label", has_text="Syria").count() == 1  # the arrow's ends are named


def test_nearby_markers_cluster_and_a_click_on_the_cluster_separates_them(map_site: dict[str, Any]) -> None:
    tab = map_site["tab"]
    tab.locator("#timeline-all, #filters button[type=reset]").first.click()
    cluster = tab.locator(".event-cluster", has_text="3")
    cluster.wait_for()
    fine = tab.locator("path.event-marker:not(.country-place)")
    assert fine.count() == 0  # all three in the cluster
    cluster.click()
    tab.wait_for_function("() => document.querySelectorAll('path.event-marker:not(.country-place)').length === 3")
    assert tab.locator(".event-cluster").count() == 0 and zoom(tab) >= 8
    for _, _, name in NEAR.values():
        assert tab.locator(".place-label", has_text=name).count() == 1


def test_the_reader_shows_the_attribution_chain_and_the_caveats(map_site: dict[str, Any]) -> None:
    tab = map_site["tab"]
    tab.locator("button.event-row[data-event-id='ev-north']").click()
    tab.locator(".attribution").wait_for()
    steps = tab.eval_on_selector_all(".attribution-step", "s => s.map(x => x.textContent)")
    assert steps == ["Harbour Ledger (outlet)", "a port spokesman (official)"]
    assert tab.locator(".caveats li").all_text_contents() == ["the ministry did not confirm the talks"]
