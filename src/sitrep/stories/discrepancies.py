"""Where the reports of one event disagree: story-level issues, each with the spans that show it.

Within an event cluster, reports are compared pairwise, each pair once:

* ``different_source``: they credit the claim to different outlets;
* ``different_items``: events of one type list different items (weapons, goods);
* ``different_numbers``: the evidence sentences of events of one type give different numbers;
* ``different_place``: events of one type happen in (or move to) differently named places;
* ``denial_vs_assertion``: one report states the event, another reports it denied.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any, Iterator, Optional

from .provenance import cited_outlets

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
_YEAR = re.compile(r"^(19|20)\d\d$")
ASSERTED = {"asserted", "reported"}


def story_discrepancies(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every disagreement between two reports of the same event cluster."""
    issues: list[dict[str, Any]] = []
    for first, second in combinations(members, 2):
        if first["cluster_id"] != second["cluster_id"] or first["article_id"] == second["article_id"]:
            continue
        issues.extend(_source_issue(first, second))
        for ev_a, ev_b in _same_type_events(first, second):
            issues.extend(_event_issues(first, ev_a, second, ev_b))
    return issues


def _span(member: dict[str, Any], start: Optional[int], end: Optional[int], role: str) -> Optional[dict[str, Any]]:
    if start is None or end is None:
        return None
    return {"article_id": member["article_id"], "outlet": member["outlet"], "start": start, "end": end,
            "text": member["record"]["text"][start:end], "role": role}


def _issue(code: str, message: str, cluster: str, spans: list[Optional[dict[str, Any]]]) -> dict[str, Any]:
    return {"code": code, "message": message, "cluster_id": cluster, "spans": [s for s in spans if s]}


def _source_issue(a: dict[str, Any], b: dict[str, Any]) -> Iterator[dict[str, Any]]:
    cites_a, cites_b = cited_outlets(a["record"]), cited_outlets(b["record"])
    keys_a, keys_b = {c["key"] for c in cites_a}, {c["key"] for c in cites_b}
    if not keys_a or not keys_b or keys_a & keys_b:
        return
    one, two = cites_a[0], cites_b[0]
    message = (f"{a['outlet'] or a['article_id']} credits the report to {one['name']}; "
               f"{b['outlet'] or b['article_id']} credits it to {two['name']}")
    yield _issue("different_source", message, a["cluster_id"],
                 [_span(a, one["start"], one["end"], "source"), _span(b, two["start"], two["end"], "source")])


def _same_type_events(a: dict[str, Any], b: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    seen: set[str] = set()
    for ev_a in a["record"].get("events", []):
        for ev_b in b["record"].get("events", []):
            if ev_a["type"] == ev_b["type"] and ev_a["type"] not in seen:
                seen.add(ev_a["type"])
                yield ev_a, ev_b


def _event_issues(a: dict[str, Any], ev_a: dict[str, Any], b: dict[str, Any],
                  ev_b: dict[str, Any]) -> Iterator[dict[str, Any]]:
    cluster = a["cluster_id"]
    yield from _items_issue(a, ev_a, b, ev_b, cluster)
    yield from _numbers_issue(a, ev_a, b, ev_b, cluster)
    yield from _place_issue(a, ev_a, b, ev_b, cluster)
    negated = {ev_a.get("certainty") == "negated", ev_b.get("certainty") == "negated"}
    asserted = {ev_a.get("certainty") in ASSERTED, ev_b.get("certainty") in ASSERTED}
    if negated == {True, False} and True in asserted:
        yield _issue("denial_vs_assertion", f"one report denies the {ev_a['type']} event that the other states",
                     cluster, [_span(a, ev_a["start"], ev_a["end"], "evidence"),
                               _span(b, ev_b["start"], ev_b["end"], "evidence")])


def _items_issue(a: dict[str, Any], ev_a: dict[str, Any], b: dict[str, Any], ev_b: dict[str, Any],
                 cluster: str) -> Iterator[dict[str, Any]]:
    items_a = {i["text"].lower(): i for i in ev_a.get("items", [])}
    items_b = {i["text"].lower(): i for i in ev_b.get("items", [])}
    if not items_a or not items_b or set(items_a) == set(items_b):
        return
    only_a, only_b = sorted(set(items_a) - set(items_b)), sorted(set(items_b) - set(items_a))
    spans = [_span(a, items_a[k].get("start"), items_a[k].get("end"), "item") for k in only_a] + \
        [_span(b, items_b[k].get("start"), items_b[k].get("end"), "item") for k in only_b]
    message = f"the reports list different items: {', '.join(only_a) or '-'} versus {', '.join(only_b) or '-'}"
    yield _issue("different_items", message, cluster, spans)


def _numbers(member: dict[str, Any], event: dict[str, Any]) -> dict[str, tuple[int, int]]:
    text = member["record"]["text"]
    found = {}
    for match in _NUMBER.finditer(text, event["start"], event["end"]):
        if not _YEAR.match(match.group()):
            found[match.group().replace(",", ".")] = (match.start(), match.end())
    return found


def _numbers_issue(a: dict[str, Any], ev_a: dict[str, Any], b: dict[str, Any], ev_b: dict[str, Any],
                   cluster: str) -> Iterator[dict[str, Any]]:
    nums_a, nums_b = _numbers(a, ev_a), _numbers(b, ev_b)
    if not nums_a or not nums_b or set(nums_a) & set(nums_b):
        return
    spans = [_span(a, *nums_a[k], "number") for k in sorted(nums_a)] + \
        [_span(b, *nums_b[k], "number") for k in sorted(nums_b)]
    message = (f"the reports of the {ev_a['type']} event give different numbers: "
               f"{', '.join(sorted(nums_a))} versus {', '.join(sorted(nums_b))}")
    yield _issue("different_numbers", message, cluster, spans)


def _place(event: dict[str, Any]) -> Optional[dict[str, Any]]:
    return event.get("location") or event.get("destination")


def _place_issue(a: dict[str, Any], ev_a: dict[str, Any], b: dict[str, Any], ev_b: dict[str, Any],
                 cluster: str) -> Iterator[dict[str, Any]]:
    place_a, place_b = _place(ev_a), _place(ev_b)
    if not place_a or not place_b:
        return
    same_entity = place_a.get("entity") and place_a.get("entity") == place_b.get("entity")
    if same_entity or place_a["text"].lower() == place_b["text"].lower():
        return
    message = f"the reports place the {ev_a['type']} event differently: {place_a['text']} versus {place_b['text']}"
    yield _issue("different_place", message, cluster, [_span(a, place_a.get("start"), place_a.get("end"), "place"),
                                                         _span(b, place_b.get("start"), place_b.get("end"), "place")])
