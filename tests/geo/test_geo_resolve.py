"""Behaviour of the geocoder on short texts: no shared evaluation data needed."""

from __future__ import annotations

import pytest

from sitrep.geo.resolve import Geocoder, Placement
from sitrep.geo.scoring import GeoContext
from sitrep.knowledge.gazetteer import haversine_km

TRIPOLI = (32.88743, 13.18733)


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder()


def place(geocoder: Geocoder, text: str, name: str, context: GeoContext = GeoContext()) -> Placement:
    start = text.index(name)
    (placement,) = geocoder.resolve(text, [(start, start + len(name), name)], context)
    return placement


def test_eastern_libya_is_a_region_of_libya_not_tripoli(geocoder: Geocoder) -> None:
    found = place(geocoder, "Fighting resumed in eastern Libya on Monday.", "eastern Libya")
    assert found.precision == "region"
    assert found.country == "LBY"
    assert haversine_km(found.latitude, found.longitude, *TRIPOLI) > 300
    assert "eastern" in found.reason


def test_direction_before_a_country_makes_a_region(geocoder: Geocoder) -> None:
    found = place(geocoder, "Strikes hit northern Syria.", "Syria")
    assert (found.precision, found.country) == ("region", "SYR")
    assert found.latitude > 35.0


def test_a_country_named_with_a_direction_stays_a_country(geocoder: Geocoder) -> None:
    found = place(geocoder, "Talks with South Korea resumed.", "South Korea")
    assert (found.precision, found.country) == ("country", "KOR")


def test_tartus_with_syria_context_is_the_syrian_port(geocoder: Geocoder) -> None:
    found = place(geocoder, "Russian ships docked at Tartus.", "Tartus", GeoContext(countries={"SYR": 3}))
    assert found.country == "SYR"
    assert found.precision == "city"
    assert haversine_km(found.latitude, found.longitude, 34.889, 35.887) < 20


def test_paris_alone_is_in_france(geocoder: Geocoder) -> None:
    found = place(geocoder, "Leaders met in Paris.", "Paris")
    assert (found.country, found.precision) == ("FRA", "city")


def test_paris_texas_is_in_the_united_states(geocoder: Geocoder) -> None:
    found = place(geocoder, "A storm hit Paris, Texas, overnight.", "Paris")
    assert found.country == "USA"
    assert "Texas" in found.reason


def test_country_gets_its_geonames_point_and_id(geocoder: Geocoder) -> None:
    found = place(geocoder, "Syria said on Monday.", "Syria")
    assert (found.latitude, found.longitude, found.geonameid) == (35.0, 38.0, 163843)


def test_demonym_resolves_to_its_country(geocoder: Geocoder) -> None:
    found = place(geocoder, "Syrian forces advanced.", "Syrian")
    assert (found.country, found.precision) == ("SYR", "country")


def test_curated_region_wins_over_a_small_namesake(geocoder: Geocoder) -> None:
    found = place(geocoder, "Shelling continued in the Donbas.", "Donbas")
    assert (found.country, found.precision) == ("UKR", "region")


def test_state_abbreviation_resolves_to_the_state(geocoder: Geocoder) -> None:
    found = place(geocoder, "RICHMOND, Va. -- Officials said", "Va.")
    assert (found.country, found.precision) == ("USA", "region")


def test_nearby_places_pull_an_ambiguous_name(geocoder: Geocoder) -> None:
    text = "From Latakia the convoy drove south to Tartus and Baniyas."
    toponyms = [(text.index(n), text.index(n) + len(n), n) for n in ("Latakia", "Tartus", "Baniyas")]
    placements = geocoder.resolve(text, toponyms, geocoder.context_for(toponyms))
    assert {p.country for p in placements} == {"SYR"}


def test_unknown_name_is_left_out(geocoder: Geocoder) -> None:
    assert geocoder.resolve("Zzyzxqq said", [(0, 6, "Zzyzxqq")], GeoContext()) == []


def test_county_resolves_to_the_county_of_the_article_state(geocoder: Geocoder) -> None:
    found = place(geocoder, "Police in Morris County said", "Morris County", GeoContext(countries={"USA": 2}))
    assert (found.country, found.precision) == ("USA", "region")
    assert haversine_km(found.latitude, found.longitude, 40.862, -74.544) < 50


def test_english_county_beats_american_namesakes_in_a_british_story(geocoder: Geocoder) -> None:
    found = place(geocoder, "Snetterton, Norfolk hosts the race.", "Norfolk", GeoContext(countries={"GBR": 4}))
    assert (found.country, found.precision) == ("GBR", "region")


def test_territory_by_its_geonames_name(geocoder: Geocoder) -> None:
    found = place(geocoder, "A storm hit the U.S. Virgin Islands.", "U.S. Virgin Islands")
    assert found.country == "VIR"


def test_airports_and_islands_come_from_the_landmark_table(geocoder: Geocoder) -> None:
    heathrow = place(geocoder, "Flights at Heathrow were cancelled.", "Heathrow")
    assert heathrow.precision == "facility" and heathrow.country == "GBR"
    assert haversine_km(heathrow.latitude, heathrow.longitude, 51.47, -0.45) < 20
    oahu = place(geocoder, "Surf was high on Oahu.", "Oahu")
    assert oahu.precision == "region" and oahu.country == "USA"


def test_a_state_inside_a_university_name_is_not_placed(geocoder: Geocoder) -> None:
    text = "She studied at Florida Atlantic University for two years."
    start = text.index("Florida")
    usa = GeoContext(countries={"USA": 3})
    assert geocoder.resolve(text, [(start, start + 7, "Florida")], usa) == []


def test_a_city_inside_a_university_name_is_still_placed(geocoder: Geocoder) -> None:
    found = place(geocoder, "She studied at Boston University.", "Boston")
    assert found.country == "USA" and found.precision == "city"


def spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    found = []
    for name in names:
        start = text.index(name, found[-1][1] if found else 0)
        found.append((start, start + len(name), name))
    return found


USA = GeoContext(countries={"USA": 3})
WASHINGTON_STATE = (47.5, -120.5)
DC = (38.895, -77.036)


def test_washington_state_by_its_own_words(geocoder: Geocoder) -> None:
    found = place(geocoder, "Wildfires spread across Washington state on Monday.", "Washington", USA)
    assert found.precision == "region"
    assert haversine_km(found.latitude, found.longitude, *WASHINGTON_STATE) < 161


def test_washington_listed_with_far_states_is_the_state(geocoder: Geocoder) -> None:
    text = "Tech jobs left western states such as California or Washington last year."
    placed = geocoder.resolve(text, spans(text, "California", "Washington"), USA)
    assert placed[-1].precision == "region"
    assert haversine_km(placed[-1].latitude, placed[-1].longitude, *WASHINGTON_STATE) < 161


def test_washington_in_a_politics_story_is_the_city(geocoder: Geocoder) -> None:
    found = place(geocoder, "Lawmakers in Washington met at the White House.", "Washington", USA)
    assert haversine_km(found.latitude, found.longitude, *DC) < 20


def test_upstate_new_york_is_the_state(geocoder: Geocoder) -> None:
    found = place(geocoder, "Snow closed roads in upstate New York.", "New York", USA)
    assert found.precision == "region"
    assert found.latitude > 42.0


def test_new_york_alone_is_the_city(geocoder: Geocoder) -> None:
    found = place(geocoder, "She moved to New York in 2010.", "New York", USA)
    assert found.precision == "city"
    assert haversine_km(found.latitude, found.longitude, 40.714, -74.006) < 20


def test_qualifier_is_read_before_the_next_sentence(geocoder: Geocoder) -> None:
    found = place(geocoder, "8024 Turtle Creek Cir., Gainesville, Va. There will be homes.", "Gainesville", USA)
    assert haversine_km(found.latitude, found.longitude, 38.796, -77.614) < 20
    found = place(geocoder, "a shooting in Parkland, Florida The students", "Parkland", USA)
    assert haversine_km(found.latitude, found.longitude, 26.31, -80.24) < 20


def test_a_qualifier_no_reading_satisfies_leaves_the_town_unplaced(geocoder: Geocoder) -> None:
    text = "The plant is in Gainesville, Alaska, officials said."
    start = text.index("Gainesville")
    assert geocoder.resolve(text, [(start, start + 11, "Gainesville")], USA) == []


def test_a_list_is_not_a_qualifier(geocoder: Geocoder) -> None:
    text = "Strikes hit Aleppo, Idlib and Homs."
    placed = geocoder.resolve(text, spans(text, "Aleppo", "Idlib", "Homs"), GeoContext(countries={"SYR": 3}))
    assert [p.text for p in placed] == ["Aleppo", "Idlib", "Homs"]
    assert all(p.country == "SYR" for p in placed)


def test_part_of_a_longer_name_is_not_the_shorter_place(geocoder: Geocoder) -> None:
    text = "A benefit at Seasons restaurant in Washington Township."
    start = text.index("Washington")
    assert geocoder.resolve(text, [(start, start + 10, "Washington")], USA) == []


def test_arab_as_an_adjective_is_the_arab_world(geocoder: Geocoder) -> None:
    found = place(geocoder, "an unsuccessful Arab intervention in Yemen", "Arab")
    assert found.country is None and found.precision == "region"


def test_a_country_name_is_the_country_not_a_place_inside_it(geocoder: Geocoder) -> None:
    text = "Mexico's Senate passed a resolution. Migrants camped in Oaxaca, Mexico."
    found = place(geocoder, text, "Mexico", GeoContext(countries={"MEX": 4}))
    assert (found.precision, found.country) == ("country", "MEX")


def test_a_county_in_the_state_the_article_names(geocoder: Geocoder) -> None:
    text = "Officials in Kentucky said McLean County schools closed."
    start = text.index("McLean")
    toponyms = [(text.index("Kentucky"), text.index("Kentucky") + 8, "Kentucky"), (start, start + 13, "McLean County")]
    placed = geocoder.resolve(text, toponyms, geocoder.context_for(toponyms))
    assert placed[-1].country == "USA"
    assert haversine_km(placed[-1].latitude, placed[-1].longitude, 37.53, -87.26) < 100


def test_a_big_city_keeps_its_name_against_the_articles_states(geocoder: Geocoder) -> None:
    text = "The Texas team beat Portland on Sunday."
    toponyms = [(4, 9, "Texas"), (20, 28, "Portland")]
    placed = geocoder.resolve(text, toponyms, geocoder.context_for(toponyms))
    assert haversine_km(placed[-1].latitude, placed[-1].longitude, 45.52, -122.68) < 50


def test_the_eu_is_placed_in_europe(geocoder: Geocoder) -> None:
    found = place(geocoder, "EU ministers met on Monday.", "EU")
    assert found.precision == "region"
    assert found.country is None
    assert haversine_km(found.latitude, found.longitude, 48.69, 9.14) < 50


def test_a_hyphenated_province_written_with_a_space(geocoder: Geocoder) -> None:
    text = "Mining spread in the North West and Limpopo."
    toponyms = [(20, 30, "North West"), (35, 42, "Limpopo")]
    placed = geocoder.resolve(text, toponyms, geocoder.context_for(toponyms))
    assert placed[0].country == "ZAF"


def _resolve_all(geocoder: Geocoder, text: str, names: list[str]) -> dict[str, Placement]:
    """Every name placed the way the place stage does it: the context from the article itself."""
    spans = [(text.index(n), text.index(n) + len(n), n) for n in names]
    context = geocoder.context_for(spans)
    return {p.text: p for p in geocoder.resolve(text, spans, context)}


def test_rsa_is_south_africa_and_sa_in_an_australian_story_is_not(geocoder: Geocoder) -> None:
    assert place(geocoder, "Chiefs in the RSA hold land.", "RSA").country == "ZAF"
    found = _resolve_all(geocoder, "Police in Victoria said bushfires in SA had destroyed homes "
                         "near Adelaide.", ["Victoria", "SA", "Adelaide"])
    assert {p.country for p in found.values()} == {"AUS"}


def test_a_country_name_is_not_a_town_of_a_state_the_article_names(geocoder: Geocoder) -> None:
    found = _resolve_all(geocoder, "Pennsylvania lawmakers condemned the bombing in Lebanon.",
                         ["Pennsylvania", "Lebanon"])
    assert found["Lebanon"].country == "LBN" and found["Lebanon"].precision == "country"
    found = _resolve_all(geocoder, "In Texas, lawmakers condemned the violence in Palestine.",
                         ["Texas", "Palestine"])
    assert found["Palestine"].country == "PSE"


def test_a_linked_country_is_never_placed_at_a_namesake_town() -> None:
    from sitrep.model import Placement
    from sitrep.link.placing import place_entity
    from sitrep.model import Entity, Mention

    text = "Pennsylvania lawmakers condemned the bombing in Lebanon."
    start = text.index("Lebanon")
    lebanon = Entity(id="country:LBN", name="Lebanon", type="country", kb_id="country:LBN",
                     country="LBN", mentions=(Mention(start, start + 7, "Lebanon", "GPE"),))
    town = Placement(start, start + 7, "Lebanon", 40.34, -76.41, "city", 5207970, "USA", "a town")
    (placed,) = place_entity(text, lebanon, {(start, start + 7): town}, lambda iso3: (33.9, 35.9))
    assert (placed.latitude, placed.longitude, placed.precision) == (33.9, 35.9, "country")
    assert placed.country == "LBN" and "own point" in placed.reason
