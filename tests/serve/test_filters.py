"""/events, /facets and /timeline return exactly the rows a plain Python filter selects."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any, Optional

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from sitrep.serve import create_app

FILTER_VALUES: dict[str, Any] = {
    "type": st.sampled_from(["AID", "MOBILIZE", "assault", "CONSULT", "SANCTION", "THREATEN"]),
    "actor": st.sampled_from(["Russia", "RUS", "rus", "libyan national", "TUR", "Nobody"]),
    "recipient": st.sampled_from(["France", "FRA", "LBY", "Turkey"]),
    "country": st.sampled_from(["RUS", "lby", "FRA", "TUR", "USA"]),
    "date_from": st.dates(date(2024, 11, 28), date(2025, 1, 5)),
    "date_to": st.dates(date(2024, 11, 28), date(2025, 1, 5)),
    "bbox": st.sampled_from(["-20,-30,60,60", "170,-90,-170,90", "0,0,180,90", "-180,-90,180,90"]),
    "q": st.sampled_from(["radars", "convoy border", "Paris ceasefire", "port", "absent"]),
    "source": st.sampled_from(["alpha-news.example", "beta-wire", "nowhere.example"]),
    "min_confidence": st.sampled_from([0, 0.25, 0.5, 0.9, 1]),
}


def matches(row: dict[str, Any], f: dict[str, Any], articles: dict[str, dict[str, Any]]) -> bool:
    """The documented meaning of each filter, written out plainly."""
    checks = {
        "type": lambda v: row["type"] == v.upper(),
        "actor": lambda v: v.lower() in (row["actor_text"] or "").lower() or row["actor_country"] == v.upper(),
        "recipient": lambda v: (v.lower() in (row["recipient_text"] or "").lower()
                                or row["recipient_country"] == v.upper()),
        "country": lambda v: v.upper() in (row["actor_country"], row["recipient_country"]),
        "date_from": lambda v: row["event_date"] is not None and row["event_date"] >= v.isoformat(),
        "date_to": lambda v: row["event_date"] is not None and row["event_date"] < (v + timedelta(days=1)).isoformat(),
        "bbox": lambda v: in_bbox(row, [float(x) for x in v.split(",")]),
        "q": lambda v: has_words(articles[row["article_id"]], v),
        "source": lambda v: v.lower() in (row["source"] or "").lower(),
        "min_confidence": lambda v: row["confidence"] is not None and row["confidence"] >= v,
    }
    return all(checks[name](value) for name, value in f.items())


def in_bbox(row: dict[str, Any], box: list[float]) -> bool:
    lat, lon = row["latitude"], row["longitude"]
    if lat is None or lon is None or not box[1] <= lat <= box[3]:
        return False
    return box[0] <= lon <= box[2] if box[0] <= box[2] else (lon >= box[0] or lon <= box[2])


def has_words(article: dict[str, Any], q: str) -> bool:
    words = set(re.findall(r"\w+", f"{article['title']} {article['text']}".lower()))
    return all(w in words for w in re.findall(r"\w+", q.lower()))


def expected_ids(db: Any, f: dict[str, Any]) -> list[str]:
    rows = [r for r in db.events if matches(r, f, db.articles)]
    dated = sorted((r for r in rows if r["event_date"]), key=lambda r: (r["event_date"], r["id"]), reverse=True)
    undated = sorted((r for r in rows if not r["event_date"]), key=lambda r: r["id"], reverse=True)
    return [r["id"] for r in dated + undated]


def all_pages(client: TestClient, f: dict[str, Any], limit: int) -> list[str]:
    ids: list[str] = []
    cursor: Optional[str] = None
    for _ in range(200):
        page = client.get("/events", params={**f, "limit": limit, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= limit
        ids.extend(item["id"] for item in body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return ids
    raise AssertionError("pagination did not end")


@pytest.fixture(scope="module")
def client(catalogue_db: Any) -> TestClient:
    return TestClient(create_app(catalogue_db.settings))


filters = st.fixed_dictionaries({}, optional=FILTER_VALUES).filter(
    lambda f: not ("date_from" in f and "date_to" in f and f["date_from"] > f["date_to"]))


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters, limit=st.sampled_from([1, 7, 50, 500]))
def test_filtered_pages_hold_exactly_the_matching_rows(client: TestClient, catalogue_db: Any,
                                                       f: dict[str, Any], limit: int) -> None:
    assert all_pages(client, f, limit) == expected_ids(catalogue_db, f)


def test_unfiltered_paging_visits_every_event_once_newest_first(client: TestClient, catalogue_db: Any) -> None:
    ids = all_pages(client, {}, 9)
    assert len(ids) == len(set(ids)) == len(catalogue_db.events)
    assert ids == expected_ids(catalogue_db, {})


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters)
def test_facets_and_timeline_count_the_matching_rows(client: TestClient, catalogue_db: Any, f: dict[str, Any]) -> None:
    rows = [r for r in catalogue_db.events if matches(r, f, catalogue_db.articles)]
    facets = client.get("/facets", params={**f, "size": 100}).json()
    assert facets["total"] == len(rows)
    assert {c["value"]: c["count"] for c in facets["type"]} == Counter(r["type"] for r in rows)
    assert {c["value"]: c["count"] for c in facets["source"]} == Counter(r["source"] for r in rows)
    countries = Counter(c for r in rows for c in {r["actor_country"], r["recipient_country"]} if c)
    assert {c["value"]: c["count"] for c in facets["country"]} == countries
    timeline = client.get("/timeline", params=f).json()
    days = Counter(r["event_date"][:10] for r in rows if r["event_date"])
    assert {d["date"]: d["count"] for d in timeline["days"]} == days
    assert timeline["undated"] == sum(1 for r in rows if not r["event_date"])


def test_page_size_has_a_hard_cap(client: TestClient) -> None:
    response = client.get("/events", params={"limit": 501})
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "limit"
