"""The web page in real headless Chromium (Debian's /usr/bin/chromium), served by uvicorn locally."""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlparse

import pytest

from sitrep import service
from sitrep.config import Settings
from sitrep.model import Event, Participant
from sitrep.serve import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                "(apt-get install -y chromium); .ci/run installs it")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test extra: make setup-test")


@pytest.fixture(scope="module")
def page_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Any, db_tools: Any) -> dict[str, Any]:
    """The seed article with its movement event, plus an article whose title is a script payload."""
    settings = Settings(db=str(tmp_path_factory.mktemp("browser") / "page.db"))
    (seed_id,) = service.ingest([str(Path(__file__).parents[2] / "examples" / "seed.txt")], settings,
                                pipeline=pipeline).ids
    seed = service.show(seed_id, settings)
    movement = db_tools.movement_row(settings.db, seed)
    dump = Path(settings.db).with_suffix(".jsonl")
    dump.write_text(json.dumps({"id": "xss", "title": PAYLOAD, "text": "Protesters gathered in Tunis on Friday."}) + "\n")
    (hostile_id,) = service.ingest([str(dump)], settings, pipeline=pipeline).ids
    hostile = Event(id="ev-hostile", type="PROTEST", sentence=0, start=0, end=10, summary=PAYLOAD,
                    actor=Participant(PAYLOAD), latitude=36.8, longitude=10.2, confidence=0.5)
    db_tools.insert_events(settings.db, [movement, db_tools.event_row(hostile_id, hostile, "2024-12-20")])
    evidence = seed.text[movement["start"]:movement["end"]]
    return {"settings": settings, "movement": movement["id"], "evidence": evidence, "hostile": hostile.id}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(page_db: dict[str, Any]) -> Iterator[str]:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(page_db["settings"]), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.requests = []  # every URL the page asked for
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.goto(base_url + "/", wait_until="networkidle")
    tab.wait_for_selector("button.event-row")
    yield tab
    context.close()


def test_page_loads_with_no_request_to_another_origin(page: Any, base_url: str) -> None:
    local = urlparse(base_url).netloc
    foreign = [u for u in page.requests if not u.startswith("data:") and urlparse(u).netloc != local]
    assert page.requests and foreign == []
    assert page.locator("#map svg path").count() > 100  # the country outlines


def test_map_draws_the_movement_as_an_arrow(page: Any) -> None:
    arrow = page.locator("path.movement-arrow")
    arrow.wait_for()
    assert arrow.count() == 1 and page.locator("path.movement-arrowhead").count() == 1
    (x1, y1), (x2, y2) = path_points(arrow.get_attribute("d"))
    assert x2 < x1 - 30 and y2 > y1  # drawn from Syria towards eastern Libya, to the south-west
    head = path_points(page.locator("path.movement-arrowhead").get_attribute("d"))
    assert (x2, y2) in head  # the head sits on the destination
    save_screenshot(page)


def path_points(d: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[::2], numbers[1::2]))


def save_screenshot(page: Any) -> None:
    target = os.environ.get("SITREP_SCREENSHOT")
    if target:
        page.locator(f"button.event-row[data-event-id='ev-s400-syria-libya']").click()
        page.locator(".evidence.selected").first.wait_for()
        page.screenshot(path=target)


def test_clicking_an_event_opens_its_article_with_the_evidence_highlighted(page: Any, page_db: dict[str, Any]) -> None:
    page.locator(f"button.event-row[data-event-id='{page_db['movement']}']").click()
    selected = page.locator("#reader .evidence.selected")
    selected.first.wait_for()
    assert "".join(selected.all_text_contents()) == page_db["evidence"]
    assert page.locator("#reader h2").text_content().startswith("Russia transfers air defense systems")
    assert page.locator("#reader mark.entity").count() > 10


def test_clicking_the_arrow_opens_the_same_article(page: Any, page_db: dict[str, Any]) -> None:
    page.locator("path.movement-arrow").click(force=True)
    page.locator("#reader .evidence.selected").first.wait_for()
    assert "".join(page.locator("#reader .evidence.selected").all_text_contents()) == page_db["evidence"]


def test_a_script_payload_in_a_title_renders_as_text(page: Any, page_db: dict[str, Any]) -> None:
    row = page.locator(f"button.event-row[data-event-id='{page_db['hostile']}']")
    assert PAYLOAD in row.text_content()
    row.click()
    page.locator("#reader h2").wait_for()
    assert page.locator("#reader h2").text_content() == PAYLOAD
    assert page.locator("#reader img, #reader script, #events img, #events script").count() == 0
    assert page.evaluate("window.__pwned") is None



def start_server(settings: Settings) -> tuple[str, Any, threading.Thread]:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


@pytest.fixture(scope="module")
def story_site(tmp_path_factory: pytest.TempPathFactory, pipeline: Any, db_tools: Any,
               story_rows: list[dict[str, str]]) -> Iterator[dict[str, Any]]:
    """A page over one event told in four languages and one other story, each with a placed event."""
    settings = Settings(db=str(tmp_path_factory.mktemp("story-page") / "page.db"))
    dump = Path(settings.db).with_suffix(".jsonl")
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in story_rows), encoding="utf-8")
    ids = dict(zip([r["id"] for r in story_rows], service.ingest([str(dump)], settings, pipeline=pipeline).ids))
    convoy = Event(id="ev-convoy", type="MOBILIZE", sentence=0, start=0, end=20, summary="Chad moves armour to Abeche",
                   latitude=13.83, longitude=20.83, confidence=0.9)
    vote = Event(id="ev-vote", type="CONSULT", sentence=0, start=0, end=20, summary="Uruguay votes",
                 latitude=-34.9, longitude=-56.2, confidence=0.9)
    db_tools.insert_events(settings.db, [db_tools.event_row(ids["convoy-fr"], convoy, "2024-03-04"),
                                         db_tools.event_row(ids["election"], vote, "2024-03-03")])
    url, server, thread = start_server(settings)
    yield {"url": url, "convoy": service.show(ids["convoy-en"], settings).story.id}
    server.should_exit = True
    thread.join(timeout=10)


def test_choosing_a_story_filters_the_map_and_the_list(browser: Any, story_site: dict[str, Any]) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.goto(story_site["url"] + "/", wait_until="networkidle")
    tab.wait_for_selector("button.event-row[data-event-id='ev-vote']")
    assert tab.locator("path.event-marker").count() == 2
    tab.locator(f"button.story-row[data-story-id='{story_site['convoy']}']").click()
    tab.wait_for_selector("button.event-row[data-event-id='ev-vote']", state="detached")
    rows = tab.locator("button.event-row")
    assert [rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())] == ["ev-convoy"]
    assert tab.locator("path.event-marker").count() == 1
    tab.wait_for_selector(".story-cluster")
    reports = tab.locator(".story-cluster .story-report")
    assert reports.count() == 4 and "independent sources" in tab.locator(".cluster-head").first.text_content()
    tab.locator("button.story-all").click()
    tab.wait_for_selector("button.event-row[data-event-id='ev-vote']")
    assert tab.locator("path.event-marker").count() == 2
    context.close()


TIMELINE_DATES = {"ev-y2019": "2019", "ev-m2024-11": "2024-11", "ev-d1": "2024-12-01", "ev-d2": "2024-12-01",
                  "ev-d3": "2024-12-15T08:30:00", "ev-u1": None, "ev-u2": None}


@pytest.fixture(scope="module")
def timeline_site(tmp_path_factory: pytest.TempPathFactory, pipeline: Any, db_tools: Any) -> Iterator[str]:
    """The seed article with events dated to a year, a month, days and not at all."""
    settings = Settings(db=str(tmp_path_factory.mktemp("timeline") / "page.db"))
    (seed_id,) = service.ingest([str(Path(__file__).parents[2] / "examples" / "seed.txt")], settings,
                                pipeline=pipeline).ids
    rows = [db_tools.event_row(seed_id, Event(id=i, type="CONSULT", sentence=0, start=0, end=10, summary=i,
                                              latitude=33.0, longitude=36.0, confidence=0.7), d)
            for i, d in TIMELINE_DATES.items()]
    db_tools.insert_events(settings.db, rows)
    url, server, thread = start_server(settings)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def listed(tab: Any) -> list[str]:
    rows = tab.locator("button.event-row")
    return sorted(rows.nth(i).get_attribute("data-event-id") for i in range(rows.count()))


def wait_for_list(tab: Any, expected: list[str]) -> None:
    tab.wait_for_function("n => document.querySelectorAll('button.event-row').length === n", arg=len(expected))
    assert listed(tab) == sorted(expected)


def test_each_timeline_bar_filters_to_exactly_its_own_dates(browser: Any, timeline_site: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.goto(timeline_site + "/", wait_until="networkidle")
    wait_for_list(tab, list(TIMELINE_DATES))
    bars = tab.locator("rect.timeline-bar")
    assert [bars.nth(i).get_attribute("data-key") for i in range(bars.count())] == ["2019", "2024"]
    assert tab.locator(".timeline-label", has_text="2019").count() == 1  # real dates on the axis
    for key, expected in (("2024", ["ev-m2024-11", "ev-d1", "ev-d2", "ev-d3"]), ("2024-12-01", ["ev-d1", "ev-d2"]),
                          ("2019", ["ev-y2019"])):
        if key == "2019":
            tab.locator("#timeline-all").click()  # zoomed into 2024's days, out again
            wait_for_list(tab, list(TIMELINE_DATES))
        bar = tab.locator(f"rect.timeline-bar[data-key='{key}']")
        assert int(bar.get_attribute("data-count")) == len(expected)
        bar.click()
        wait_for_list(tab, expected)
        if key == "2024":  # the chart zooms into 2024: the month-only date keeps a whole-month bar
            assert "coarse" in tab.locator("rect.timeline-bar[data-key='2024-11']").get_attribute("class")
    tab.locator("#undated-toggle").click()
    wait_for_list(tab, ["ev-u1", "ev-u2"])
    first, last = (tab.locator(f"rect.timeline-bar[data-key='{k}']").bounding_box() for k in ("2019", "2024"))
    tab.mouse.move(first["x"] + first["width"] / 2, first["y"] + first["height"] - 1)
    tab.mouse.down()
    tab.mouse.move(last["x"] + last["width"] / 2, last["y"] + last["height"] - 1, steps=5)
    tab.mouse.up()
    wait_for_list(tab, [i for i, d in TIMELINE_DATES.items() if d])
    assert (tab.locator("input[name=date_from]").input_value(), tab.locator("input[name=date_to]").input_value()) == (
        "2019-01-01", "2024-12-31")
    month = tab.request.get(timeline_site + "/events?date_from=2024-11-01&date_to=2024-11-30").json()["items"]
    part = tab.request.get(timeline_site + "/events?date_from=2024-11-05&date_to=2024-12-01").json()["items"]
    assert [e["id"] for e in month] == ["ev-m2024-11"] and sorted(e["id"] for e in part) == ["ev-d1", "ev-d2"]
    context.close()


def test_at_phone_size_map_list_and_reader_each_fill_the_screen(browser: Any, base_url: str,
                                                                 page_db: dict[str, Any]) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(base_url + "/", wait_until="networkidle")
    tab.wait_for_selector("path.movement-arrow")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390  # nothing runs off the side
    box = tab.locator("#map").bounding_box()
    assert box["width"] >= 380 and box["height"] >= 300
    assert tab.locator("#timeline").bounding_box()["width"] >= 380
    assert not tab.locator("#list-panel").is_visible()
    tab.locator("#tabs [data-tab=list]").click()
    rows = tab.locator("button.event-row")
    assert not tab.locator("#map").is_visible() and rows.first.bounding_box()["width"] >= 380
    assert tab.locator("#list-panel").bounding_box()["height"] >= 300
    rows.first.wait_for()
    tab.locator(f"button.event-row[data-event-id='{page_db['movement']}']").click()
    tab.locator("#reader .evidence.selected").first.wait_for()  # opening an event shows the reader
    reader = tab.locator("#reader").bounding_box()
    assert reader["width"] >= 380 and reader["height"] >= 500 and not tab.locator("#list-panel").is_visible()
    target = os.environ.get("SITREP_SCREENSHOT_PHONE")
    if target:
        tab.screenshot(path=target)
    context.close()


def test_arrow_keys_move_through_the_list_and_an_empty_filter_clears_the_reader(page: Any) -> None:
    rows = page.locator("button.event-row")
    ids = [rows.nth(i).get_attribute("data-event-id") for i in range(rows.count())]
    rows.first.click()
    page.locator("#events").focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_selector(f"li.selected button[data-event-id='{ids[1]}']")
    page.keyboard.press("ArrowUp")
    page.wait_for_selector(f"li.selected button[data-event-id='{ids[0]}']")
    page.locator("input[name=q]").fill("zzzznothingmatches")
    page.locator("input[name=q]").press("Enter")
    page.wait_for_selector("button.event-row", state="detached")
    assert page.locator("#reader h2").count() == 0


def test_the_page_follows_a_dark_system_theme(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme="dark")
    tab = context.new_page()
    tab.goto(base_url + "/", wait_until="networkidle")
    assert tab.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(20, 25, 30)"
    context.close()


def test_a_copied_address_restores_filters_selection_and_map_view(browser: Any, page: Any, base_url: str,
                                                                   page_db: dict[str, Any]) -> None:
    page.locator("select[name=type]").select_option("AID")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_selector(f"button.event-row[data-event-id='{page_db['hostile']}']", state="detached")
    page.locator(f"button.event-row[data-event-id='{page_db['movement']}']").click()
    page.locator("#reader .evidence.selected").first.wait_for()
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('event')")
    page.wait_for_timeout(400)  # the zoom's moveend
    copied = page.url
    params = dict(p.split("=", 1) for p in urlparse(copied).query.split("&"))
    assert params["type"] == "AID" and params["event"] == page_db["movement"]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.goto(copied, wait_until="networkidle")
    tab.locator("#reader .evidence.selected").first.wait_for()
    assert tab.locator("select[name=type]").input_value() == "AID"
    assert listed(tab) == [page_db["movement"]]
    assert "".join(tab.locator("#reader .evidence.selected").all_text_contents()) == page_db["evidence"]
    tab.wait_for_function("v => new URLSearchParams(location.search).get('view') === v", arg=params["view"].replace("%2C", ","))
    context.close()


@pytest.mark.parametrize("fmt", ["csv", "geojson", "jsonl"])
def test_export_downloads_the_rows_of_the_list(page: Any, fmt: str) -> None:
    page.locator("select[name=type]").select_option("PROTEST")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_function("() => document.querySelectorAll('button.event-row').length === 1")
    with page.expect_download() as info:
        page.locator(f"#export a[data-format={fmt}]").click()
    download = info.value
    assert download.suggested_filename == f"sitrep-events_type-PROTEST.{fmt}"
    text = Path(download.path()).read_text(encoding="utf-8")
    if fmt == "csv":
        ids = [line.split(",")[0] for line in text.splitlines()[1:]]
    elif fmt == "geojson":
        ids = [f["properties"]["id"] if "id" in f["properties"] else f["id"] for f in json.loads(text)["features"]]
    else:
        ids = [json.loads(line)["id"] for line in text.splitlines() if line.strip()]
    assert ids == listed(page)


def test_reader_shows_the_source_and_the_event_and_certainty_filters(page: Any, page_db: dict[str, Any]) -> None:
    page.locator(f"button.event-row[data-event-id='{page_db['movement']}']").click()
    page.locator("#reader .evidence.selected").first.wait_for()
    assert "reported" in page.locator("#reader .event-meta").text_content()
    page.locator("select[name=certainty]").select_option("reported")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_function("() => document.querySelectorAll('button.event-row').length === 1")
    assert listed(page) == [page_db["movement"]]
