"""The timeline in Chromium over the dev story pages as the product reads them.

The 50 pages are read from the shared eval kit at test time (never copied here) and ingested
once through the full pipeline; the expected events of each bar come from `GET /events`, so a
click on a year, month or day bar must list exactly the events dated inside that period (at any
precision), a drag the events of the dragged range, and the undated toggle the undated ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest

from sitrep import service
from sitrep.config import Settings
from sitrep.evaluation.kit import eval_kit

from .conftest import live_server

PAGES = eval_kit() / "stories_dev"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.skipif(not (PAGES / "manifest.json").exists(), reason="dev story pages absent"),
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test extra: make setup-test")


@pytest.fixture(scope="module")
def dev_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The dev pages ingested as scraped pages in one batch; the served URL and every stored event."""
    from sitrep.pipeline import default_pipeline

    settings = Settings(db=str(tmp_path_factory.mktemp("dev-pages") / "dev.db"))
    manifest = json.loads((PAGES / "manifest.json").read_text("utf-8"))
    dump = Path(settings.db).with_suffix(".jsonl")
    dump.write_text("".join(json.dumps({"id": p["id"], "url": p.get("url"), "raw": (PAGES / p["file"]).read_text(
        "utf-8")}, ensure_ascii=False) + "\n" for p in manifest["articles"]), encoding="utf-8")
    report = service.ingest([str(dump)], settings, pipeline=default_pipeline())
    assert len(report.ids) == len(manifest["articles"])
    with live_server(settings) as url, sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        tab = context.new_page()
        body = tab.request.get(url + "/events?limit=500").json()
        assert body["next_cursor"] is None
        yield {"url": url, "tab": tab, "dates": {e["id"]: e["date"] for e in body["items"]}, "events": body["items"]}
        chromium.close()


def listed(tab: Any) -> list[str]:
    return sorted(tab.eval_on_selector_all("button.event-row", "rows => rows.map(r => r.dataset.eventId)"))


def shows(tab: Any, expected: list[str]) -> None:
    """Waits for the page to finish loading (the status leaves "Loading…") and compares the list."""
    tab.wait_for_function("n => !document.getElementById('status').textContent.startsWith('Loading') && "
                          "document.querySelectorAll('button.event-row').length === n", arg=len(expected))
    assert listed(tab) == sorted(expected)


def within(dates: dict[str, Any], first: str, last: str) -> list[str]:
    """Events whose date (year, month or day) lies inside the periods ``first`` .. ``last``."""
    return [i for i, d in dates.items() if d and first <= d[:len(first)] and d[:len(last)] <= last]


def bar_keys(tab: Any) -> list[str]:
    return tab.eval_on_selector_all("rect.timeline-bar", "bars => bars.map(b => b.dataset.key)")


def click_bar(tab: Any, dates: dict[str, Any], key: str) -> None:
    bar = tab.locator(f"rect.timeline-bar[data-key='{key}']")
    expected = within(dates, key, key)
    assert expected and int(bar.get_attribute("data-count")) == len(expected), key
    bar.click()
    shows(tab, expected)


def visit(tab: Any, dates: dict[str, Any], path: list[str], clicked: dict[int, int]) -> None:
    """From all dates, click each bar of ``path`` (a year, then a month or day inside it, ...),
    then every finer bar the chart zooms into, each from all dates again."""
    tab.locator("#timeline-all").click()
    shows(tab, list(dates))
    for key in path:
        click_bar(tab, dates, key)
    clicked[len(path[-1])] += 1
    for finer in [k for k in bar_keys(tab) if len(k) > len(path[-1])]:
        visit(tab, dates, path + [finer], clicked)


def test_year_month_and_day_bars_list_exactly_their_events(dev_site: dict[str, Any]) -> None:
    tab, dates = dev_site["tab"], dev_site["dates"]
    tab.goto(dev_site["url"] + "/?date_from=2000-01-01&date_to=2000-01-02", wait_until="networkidle")
    years = tab.request.get(dev_site["url"] + "/timeline").json()["days"]
    clicked = {4: 0, 7: 0, 10: 0}
    for year in sorted({d["date"][:4] for d in years}):
        visit(tab, dates, [year], clicked)
    assert clicked[4] >= 3 and clicked[7] >= 1 and clicked[10] >= 3, clicked  # measured: 5 years, 6 months, 9 days
    tab.locator("#timeline-all").click()
    shows(tab, list(dates))
    assert bar_keys(tab) and all(len(k) == 4 for k in bar_keys(tab))  # zoomed out: 2010-2024, a bar per year


def test_a_drag_selects_a_range_and_the_toggle_shows_the_undated(dev_site: dict[str, Any]) -> None:
    tab, dates = dev_site["tab"], dev_site["dates"]
    tab.goto(dev_site["url"] + "/", wait_until="networkidle")
    shows(tab, list(dates))
    years = bar_keys(tab)
    first, last = years[-3], years[-1]
    a, b = (tab.locator(f"rect.timeline-bar[data-key='{k}']").bounding_box() for k in (first, last))
    tab.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] - 1)
    tab.mouse.down()
    tab.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] - 1, steps=5)
    tab.mouse.up()
    shows(tab, within(dates, first, last))
    assert (tab.locator("input[name=date_from]").input_value(), tab.locator("input[name=date_to]").input_value()) == (
        f"{first}-01-01", f"{last}-12-31")
    tab.locator("#undated-toggle").click()
    undated = [i for i, d in dates.items() if not d]
    assert undated
    shows(tab, undated)
    assert tab.locator("#undated-toggle").text_content() == f"undated: {len(undated)}"


def test_the_sources_panel_lists_the_outlets_in_view_with_links(dev_site: dict[str, Any]) -> None:
    tab, events = dev_site["tab"], dev_site["events"]
    tab.goto(dev_site["url"] + "/", wait_until="networkidle")
    shows(tab, [e["id"] for e in events])
    tab.locator("#sources-summary").click()
    outlets = {e["source"] for e in events if e["source"]}
    names = tab.eval_on_selector_all(".source-outlet", "bs => bs.map(b => b.dataset.outlet)")
    assert sorted(names) == sorted(outlets)
    assert tab.locator("#sources-summary").text_content() == f"Sources ({len(outlets)})"
    links = tab.eval_on_selector_all("a.source-article", "as => as.map(a => a.getAttribute('href'))")
    assert sorted(links) == sorted({e["source_url"] for e in events if (e["source_url"] or "").startswith("http")})
    top = names[0]  # the outlet with the most events
    tab.locator(f".source-outlet[data-outlet='{top}']").click()
    shows(tab, [e["id"] for e in events if top.lower() in (e["source"] or "").lower()])
    assert tab.eval_on_selector_all(".source-outlet", "bs => bs.map(b => b.dataset.outlet)") == [top]


def test_the_reader_shows_who_the_event_is_attributed_to(dev_site: dict[str, Any]) -> None:
    tab, events = dev_site["tab"], dev_site["events"]
    tab.goto(dev_site["url"] + "/", wait_until="networkidle")
    shows(tab, [e["id"] for e in events])
    for event in events:
        chain = tab.request.get(f"{dev_site['url']}/events/{event['id']}").json()["record"].get("attribution")
        if chain and len(chain) > 1:
            break
    else:
        pytest.skip("no event attributed beyond its outlet")
    tab.locator(f"button.event-row[data-event-id='{event['id']}']").click()
    tab.locator(".attribution").wait_for()
    steps = tab.eval_on_selector_all(".attribution-step", "s => s.map(x => [x.dataset.kind, x.textContent])")
    assert [kind for kind, _ in steps] == [a["kind"] for a in chain]
    assert all(text.startswith(a["text"]) for (_, text), a in zip(steps, chain))
