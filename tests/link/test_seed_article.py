"""Entity behaviour on the founding example article (Russian air defences from Syria to Libya)."""
from __future__ import annotations

import math

import pytest

from sitrep.link.linker import Linker
from sitrep.model import Mention


@pytest.fixture(scope="module")
def entities(nlp, kb, seed_text):
    doc = nlp(seed_text)
    mentions = [Mention(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
    return Linker(kb).link(seed_text, mentions)


def _by_mention(entities, text):
    found = [e for e in entities if any(m.text == text for m in e.mentions)]
    assert found, f"no entity has a mention {text!r}"
    return found[0]


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def test_hmeimim_and_khmeimim_are_one_air_base_with_coordinates(entities):
    base = _by_mention(entities, "Hmeimim")
    assert _by_mention(entities, "Khmeimim").id == base.id
    assert base.type == "facility"
    assert _km(base.latitude, base.longitude, 35.40, 35.95) < 10


def test_tartus_is_the_syrian_port(entities):
    tartus = _by_mention(entities, "Tartus")
    assert tartus.id == "place:tartus" and tartus.country == "SYR"


@pytest.mark.parametrize("name", ["S-400", "S-300 systems"])
def test_air_defence_systems_are_weapons(entities, name):
    assert _by_mention(entities, name).type == "weapon"


def test_s400_and_s300_stay_distinct(entities):
    assert _by_mention(entities, "S-400").id == "weapon:s-400"
    assert _by_mention(entities, "S-300 systems").id == "weapon:s-300"


def test_kaia_kallas_is_kaja_kallas(entities):
    kallas = _by_mention(entities, "Kaia Kallas")
    assert kallas.id == "person:kaja-kallas" and kallas.name == "Kaja Kallas"
    assert _by_mention(entities, "Kallas").id == kallas.id


def test_wagner_pmc_and_the_wagner_group_are_one_armed_group(entities):
    wagner = _by_mention(entities, "Wagner PMC")
    assert _by_mention(entities, "Wagner Group").id == wagner.id == "org:wagner-group"
    assert wagner.type == "armed_group"


def test_haftar_and_khalifa_haftar_are_one_person(entities):
    haftar = _by_mention(entities, "Khalifa Haftar")
    assert _by_mention(entities, "Haftar").id == haftar.id
    assert haftar.type == "person" and haftar.country == "LBY"


@pytest.mark.parametrize("name", ["Moscow", "Kremlin"])
def test_moscow_and_the_kremlin_act_as_russia(entities, name):
    assert _by_mention(entities, name).id == "country:RUS"


def test_the_assad_regime_is_syrias_former_government(entities):
    regime = _by_mention(entities, "Assad regime")
    assert regime.id == "org:syria-assad-government" and regime.country == "SYR"


def test_unlinked_entities_get_local_ids_and_a_reason(entities):
    local = [e for e in entities if e.kb_id is None and e.type not in ("date", "quantity", "money")]
    assert local
    assert all(e.id.startswith(f"local:{e.type}:") and e.unresolved for e in local)
