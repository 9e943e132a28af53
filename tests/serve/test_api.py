"""The REST API over the seed article and its movement event: shapes, errors, headers, writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.config import Settings
from sitrep.serve import create_app
from sitrep.serve.openapi_doc import openapi_text

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def client(seed_db: Any) -> TestClient:
    return TestClient(create_app(seed_db.settings))


@pytest.mark.parametrize(("query", "parameter"), [
    ("bbox=1,2,3", "bbox"), ("bbox=10,95,20,40", "bbox"), ("limit=0", "limit"), ("limit=100000", "limit"),
    ("date_from=2024-02-30", "date_from"), ("date_to=2023-02-29", "date_to"),
    ("min_confidence=2", "min_confidence"), ("min_confidence=nan", "min_confidence"), ("cursor=%%%", "cursor"),
    ("format=xml", "format"), ("cursor=WyJhIl0", "cursor"), ("typ=AID", "typ"), ("type=AID&limt=5", "limt"),
    ("certainty=sure", "certainty"), ("dated=perhaps", "dated"),
])
def test_bad_parameter_is_a_400_in_the_one_error_shape_naming_it(client: TestClient, query: str, parameter: str) -> None:
    response = client.get(f"/events?{query}")
    assert response.status_code == 400
    assert response.json() == {"error": {"code": "E300", "message": response.json()["error"]["message"],
                                         "parameter": parameter}}
    assert parameter in response.json()["error"]["message"]


@pytest.mark.parametrize(("method", "path", "status", "code"), [
    ("GET", "/events/no-such-event", 404, "E204"), ("GET", "/articles/0000", 404, "E200"),
    ("GET", "/entities/place:atlantis", 404, "E203"), ("GET", "/no/such/path", 404, "E601"),
    ("DELETE", "/articles", 405, "E604"), ("PUT", "/events", 405, "E604"),
])
def test_every_error_has_the_same_shape(client: TestClient, method: str, path: str, status: int, code: str) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code and body["error"]["message"]


def test_head_answers_wherever_get_does_with_headers_and_no_body(client: TestClient) -> None:
    for path in ("/", "/events", "/events?type=AID", "/facets", "/timeline", "/articles", "/static/app.css"):
        head, get = client.head(path), client.get(path)
        assert (head.status_code, head.content) == (200, b""), path
        assert head.headers["content-type"] == get.headers["content-type"]
    assert client.head("/events?typ=AID").status_code == 400


def test_the_page_takes_any_query_its_own_script_reads(client: TestClient) -> None:
    assert client.get("/?type=MOBILIZE&event=x").status_code == 200


def test_swapped_bounds_mean_the_range_between_them(client: TestClient) -> None:
    forward = client.get("/events?date_from=2024-12-01&date_to=2024-12-31").json()["items"]
    backward = client.get("/events?date_from=2024-12-31&date_to=2024-12-01").json()["items"]
    assert forward == backward and forward
    boxes = [client.get(f"/facets?bbox={box}").json()["total"] for box in ("-20,-30,60,60", "-20,60,60,-30")]
    assert boxes[0] == boxes[1]


@pytest.mark.parametrize("path", ["/", "/events", "/openapi.json", "/static/js/main.js", "/nothing", "/events?limit=0"])
def test_every_response_carries_a_strict_content_security_policy(client: TestClient, path: str) -> None:
    policy = client.get(path).headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe" not in policy


def test_article_gives_clean_text_entity_spans_and_event_evidence(client: TestClient, seed_db: Any) -> None:
    article = client.get(f"/articles/{seed_db.article_id}").json()
    text = article["text"]
    assert article["title"].startswith("Russia transfers air defense systems")
    syria = next(e for e in article["entities"] if e["id"] == seed_db.origin_entity)
    assert syria["mentions"] and all(text[m["start"]:m["end"]] == m["text"] for m in syria["mentions"])
    (event,) = article["events"]
    assert event["evidence"]["text"] == seed_db.evidence == text[event["evidence"]["start"]:event["evidence"]["end"]]


def test_event_has_its_places_and_every_mention_of_its_entities(client: TestClient, seed_db: Any) -> None:
    detail = client.get(f"/events/{seed_db.event_id}").json()
    event = detail["event"]
    assert (event["origin"]["latitude"], event["origin"]["longitude"]) == (35.0, 38.5)
    assert (event["destination"]["latitude"], event["destination"]["longitude"]) == (31.0, 22.0)
    assert event["position"]["basis"] == "destination"
    assert detail["evidence_text"] == seed_db.evidence
    roles = {m["entity_id"]: m["roles"] for m in detail["mentions"]}
    assert roles[seed_db.origin_entity] == ["origin"] and roles[seed_db.actor_entity] == ["actor"]
    syria_mentions = [m for m in detail["mentions"] if m["entity_id"] == seed_db.origin_entity]
    entity = client.get(f"/entities/{seed_db.origin_entity}").json()["entity"]
    assert len(syria_mentions) == entity["mention_count"]


def test_geojson_is_rfc7946_longitude_first(client: TestClient, seed_db: Any) -> None:
    response = client.get("/events", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "LineString", "coordinates": [[38.5, 35.0], [22.0, 31.0]]}
    assert feature["id"] == seed_db.event_id and feature["properties"]["type"] == "AID"


def test_csv_and_jsonl_hold_the_same_events_as_json(client: TestClient, seed_db: Any) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/events?format=csv").text)))
    lines = [json.loads(line) for line in client.get("/events?format=jsonl").text.splitlines()]
    assert [r["id"] for r in rows] == [line["id"] for line in lines] == [seed_db.event_id]
    assert rows[0]["origin_latitude"] == "35.0" and rows[0]["destination_longitude"] == "22.0"


def test_formats_link_to_the_next_page(catalogue_db: Any) -> None:
    client = TestClient(create_app(catalogue_db.settings))
    response = client.get("/events", params={"format": "csv", "limit": 5, "type": "AID"})
    assert 'rel="next"' in response.headers["link"] and "type=AID" in response.headers["link"]
    follow = client.get("/events", params={"limit": 5, "type": "AID", "cursor": response.headers["x-next-cursor"]})
    assert follow.status_code == 200 and all(item["type"] == "AID" for item in follow.json()["items"])


def test_entities_are_listed_once_across_articles(client: TestClient, seed_db: Any) -> None:
    origin = client.get(f"/entities/{seed_db.origin_entity}").json()
    assert origin["entity"]["latitude"] == 35.0 and len(origin["articles"]) == 1
    name, kind = origin["entity"]["name"], origin["entity"]["type"]
    page = client.get("/entities", params={"q": name[1:].upper(), "type": kind}).json()
    assert seed_db.origin_entity in [e["id"] for e in page["items"]]
    assert all(name[1:].lower() in e["name"].lower() and e["type"] == kind for e in page["items"])


def test_articles_list_counts_entities_and_events(client: TestClient, seed_db: Any) -> None:
    (item,) = client.get("/articles").json()["items"]
    assert item["id"] == seed_db.article_id and item["event_count"] == 1 and item["entity_count"] > 10
    assert client.get("/articles", params={"q": "radars Libya"}).json()["items"] == [item]
    assert client.get("/articles", params={"q": "submarine"}).json()["items"] == []


RECORD = {"id": "api-1", "url": "https://gamma.example/n/1", "title": "Talks resume",
          "text": "Negotiators from Egypt and Qatar resumed talks in Cairo on Monday."}


@pytest.fixture()
def write_client(tmp_path: Path, pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("SITREP_API_KEY", "s3cret-key")
    app = create_app(Settings(db=str(tmp_path / "w.db")))
    app.state.pipeline = pipeline
    return TestClient(app)


def test_post_article_needs_the_api_key(write_client: TestClient) -> None:
    missing = write_client.post("/articles", json=RECORD)
    wrong = write_client.post("/articles", json=RECORD, headers={"X-API-Key": "guess"})
    assert (missing.status_code, wrong.status_code) == (401, 401)
    assert wrong.json()["error"]["code"] == "E602"
    assert write_client.get("/articles").json()["items"] == []


def test_post_article_with_the_key_ingests_it(write_client: TestClient) -> None:
    response = write_client.post("/articles", json=RECORD, headers={"X-API-Key": "s3cret-key"})
    assert response.status_code == 201, response.text
    (article_id,) = response.json()["ids"]
    article = write_client.get(f"/articles/{article_id}").json()
    assert article["text"] == RECORD["text"] and article["source"] == "gamma.example"
    bad = write_client.post("/articles", json={"title": "no body"}, headers={"X-API-Key": "s3cret-key"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E107"


def test_malformed_json_is_answered_about_json(write_client: TestClient) -> None:
    headers = {"X-API-Key": "s3cret-key", "Content-Type": "application/json"}
    broken = write_client.post("/articles", content=b'{"text": "Talks resumed', headers=headers)
    assert broken.status_code == 400
    assert broken.json()["error"]["parameter"] == "body" and "not valid JSON" in broken.json()["error"]["message"]
    listed = write_client.post("/articles", content=b'[1, 2]', headers=headers)
    assert listed.status_code == 400 and "JSON object" in listed.json()["error"]["message"]


def test_writes_are_off_without_a_configured_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_API_KEY", raising=False)
    client = TestClient(create_app(Settings(db=str(tmp_path / "ro.db"))))
    response = client.post("/articles", json=RECORD, headers={"X-API-Key": ""})
    assert response.status_code == 403 and response.json()["error"]["code"] == "E603"


def test_published_openapi_schema_is_current() -> None:
    assert (DOCS / "openapi.json").read_text(encoding="utf-8") == openapi_text(), "run `make openapi`"


def test_the_page_and_its_vendored_files_are_served_locally(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/js/main.js" in page.text and "http" not in page.text
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200
