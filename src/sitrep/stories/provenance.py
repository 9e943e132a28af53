"""Who reports an event cluster, and from whom: reports, outlets, languages, the origin chain.

Each report is one article of the cluster. A report that cites another outlet (a cited source
found in its text or credits, or an event attributed to a cited outlet) points to it; a report
that cites none is its own origin. Following the pointers through the cluster's reports gives
each report's origin, and the *independent sources* are the distinct origins: fifteen
re-tellings of one newspaper's story count once.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from ..vocabulary import outlet_key


def cited_outlets(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The outlets a record cites, each once, with the span where it says so (when known)."""
    found: dict[str, dict[str, Any]] = {}
    for source in record.get("cited_sources", []):
        _add(found, source.get("name"), source.get("start"), source.get("end"))
    for event in record.get("events", []):
        for layer in event.get("attribution", []):
            if layer.get("kind") == "cited_outlet":
                _add(found, layer.get("text"), layer.get("start"), layer.get("end"))
    return list(found.values())


def _add(found: dict[str, dict[str, Any]], name: Optional[str], start: Optional[int], end: Optional[int]) -> None:
    key = outlet_key(name)
    if key and (key not in found or found[key]["start"] is None):
        found[key] = {"name": name, "key": key, "start": start, "end": end}


def report_of(member: dict[str, Any]) -> dict[str, Any]:
    """One article as a report: outlet, language, time, its main event and what it cites."""
    record = member["record"]
    event = (record.get("events") or [None])[0]
    sentence = _lead_sentence(record) if event is None else \
        {"text": record["text"][event["start"]:event["end"]], "start": event["start"], "end": event["end"]}
    return {"article_id": member["article_id"], "outlet": member["outlet"], "language": member["language"],
            "date": member["date"], "title": record.get("title"),
            "event": None if event is None else {"id": event["id"], "type": event["type"],
                                                  "certainty": event.get("certainty"),
                                                  "attribution": [a["text"] for a in event.get("attribution", [])]},
            "sentence": sentence, "cites": [c["name"] for c in cited_outlets(record)]}


def _lead_sentence(record: dict[str, Any]) -> Optional[dict[str, Any]]:
    sentences = record.get("sentences") or []
    if not sentences:
        return None
    first = sentences[0]
    return {"text": record["text"][first["start"]:first["end"]], "start": first["start"], "end": first["end"]}


def origins(members: list[dict[str, Any]]) -> dict[str, list[str]]:
    """{article id: the outlet keys its report comes from}, following citations through the cluster."""
    own = {m["article_id"]: outlet_key(m["outlet"]) for m in members}
    cites = {m["article_id"]: [c["key"] for c in cited_outlets(m["record"]) if c["key"] != own[m["article_id"]]]
             for m in members}
    by_outlet: dict[str, list[str]] = {}
    for article, key in own.items():
        by_outlet.setdefault(key, []).append(article)
    return {article: sorted(_roots(article, own, cites, by_outlet)) for article in own}


def _roots(article: str, own: dict[str, str], cites: dict[str, list[str]],
           by_outlet: dict[str, list[str]]) -> set[str]:
    roots, seen, todo = set(), set(), [article]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if not cites[current]:
            roots.add(own[current])
        for key in cites[current]:
            upstream = [a for a in by_outlet.get(key, []) if a not in seen]
            if upstream:
                todo.extend(upstream)
            else:
                roots.add(key)
    return roots


def cluster_provenance(members: list[dict[str, Any]]) -> dict[str, Any]:
    """Reports, distinct outlets and languages, first and last report, origin chain, independent sources."""
    roots = origins(members)
    reports = []
    for member in members:
        report = report_of(member)
        report["origin"] = roots[member["article_id"]]
        reports.append(report)
    dates = sorted(m["date"] for m in members if m["date"])
    independent = sorted({key for keys in roots.values() for key in keys})
    return {"report_count": len(members), "outlets": _distinct(m["outlet"] for m in members),
            "languages": _distinct(m["language"] for m in members),
            "first_report": dates[0] if dates else None, "last_report": dates[-1] if dates else None,
            "independent_sources": len(independent), "origins": independent,
            "type": _main_type(reports), "reports": reports}


def _distinct(values: Iterable[Optional[str]]) -> list[str]:
    return sorted({v for v in values if v})


def _main_type(reports: list[dict[str, Any]]) -> Optional[str]:
    types = [r["event"]["type"] for r in reports if r["event"]]
    return max(sorted(set(types)), key=types.count) if types else None
