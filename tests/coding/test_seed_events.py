"""The founding article's events, with evidence, certainty and attribution."""

from __future__ import annotations

import pytest


def _events(article, etype):
    return [e for e in article.events if e.type == etype]


def _sentence(article, event):
    return article.text[event.start:event.end]


def test_every_event_points_at_its_evidence(seed_article):
    assert seed_article.events
    for event in seed_article.events:
        sentence = _sentence(seed_article, event)
        assert sentence.strip() and event.trigger is not None
        assert event.start <= event.trigger.start < event.trigger.end <= event.end
        for part in (event.actor, event.recipient, event.origin, event.destination, *event.items):
            if part is not None and part.start is not None:
                assert seed_article.text[part.start:part.end] == part.text


def test_russia_withdraws_from_syria_per_the_wsj(seed_article):
    retreats = [e for e in _events(seed_article, "RETREAT") if e.certainty != "speculative"]
    assert retreats and all(e.mode == "withdraw" and e.actor.country == "RUS" for e in retreats)
    assert any(e.origin and e.origin.country == "SYR" for e in retreats)
    assert all("The Wall Street Journal" in [a.text for a in e.attribution] for e in retreats)


def test_radars_move_from_syria_to_eastern_libya_by_cargo_plane(seed_article):
    moves = [e for e in _events(seed_article, "MOBILIZE") if e.destination and "eastern" in e.destination.text]
    assert len(moves) == 1
    move = moves[0]
    assert move.actor.country == "RUS" and move.mode == "weapons"
    assert move.origin.country == "SYR" and move.destination.country == "LBY"
    assert {"S-400", "S-300 systems"} <= {i.text for i in move.items}
    assert move.means and "cargo plane" in move.means[0].text
    assert move.precision == "region" and 30 < move.latitude < 33 and 19 < move.longitude < 25
    assert move.certainty == "reported"
    assert any(a.kind == "cited_outlet" and a.text == "The Wall Street Journal" for a in move.attribution)
    assert move.caveats and "not yet known" in move.caveats[0].text and move.caveats[0].source == "American officials"
    assert "eastern Libya" in move.summary and "cargo plane" in move.summary


def test_eu_requests_and_kallas_is_the_source(seed_article):
    requests = _events(seed_article, "REQUEST")
    assert len(requests) >= 2
    to_syria = next(e for e in requests if e.recipient and e.recipient.country == "SYR" and "EU" in e.actor.text)
    assert any(a.kind == "person" and a.text == "Kaja Kallas" for a in to_syria.attribution)
    rebels = next(e for e in requests if e.recipient and "rebels" in e.recipient.text)
    assert rebels.actor.text == "EU" and rebels.certainty == "reported"


def test_severed_contacts_is_a_historical_sanction(seed_article):
    (cut,) = _events(seed_article, "SANCTION")
    assert cut.mode == "discontinue" and cut.certainty == "historical"
    assert cut.recipient.country == "SYR" and "Assad" in cut.recipient.text


def test_russia_negotiates_with_the_new_leadership(seed_article):
    talks = [e for e in _events(seed_article, "CONSULT") if e.actor and e.actor.country == "RUS"]
    assert talks and talks[0].recipient.country == "SYR"


def test_base_closure_is_speculative_not_asserted(seed_article):
    closures = [e for e in seed_article.events if "may be closed" in _sentence(seed_article, e)]
    assert closures and all(e.certainty == "speculative" for e in closures)


def test_nothing_is_placed_in_lebanon_and_the_heading_is_flagged(seed_article):
    for event in seed_article.events:
        assert "LBN" not in {p.country for p in (event.location, event.destination, event.origin) if p}
        assert "Lebanon" not in _sentence(seed_article, event)
    issue = next(i for i in seed_article.issues if i.code == "heading_contradicts_body")
    heading, body = issue.spans
    assert seed_article.text[heading.start:heading.end] == "Lebanon"
    assert "Libya" in seed_article.text[body.start:body.end]


def test_wagner_ties_are_background_not_an_event(seed_article):
    assert not [e for e in seed_article.events if "Wagner" in _sentence(seed_article, e)]
    (ties,) = [r for r in seed_article.relations if r.subject.entity == "org:wagner-group"]
    assert ties.object.entity == "person:khalifa-haftar"


def test_article_summary_names_the_movement(seed_article):
    assert seed_article.summary and "Russia" in seed_article.summary
