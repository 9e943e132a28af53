from sitrep.clean.dates import parse_date


def test_common_page_date_formats():
    assert parse_date("2024-12-14") == "2024-12-14"
    assert parse_date("14 December 2024") == "2024-12-14"
    assert parse_date("December 14, 2024, 10:31") == "2024-12-14"
    assert parse_date("14.12.2024") == "2024-12-14"
    assert parse_date("2024-12-14T10:31:00Z") == "2024-12-14T10:31:00Z"


def test_non_dates_are_none():
    assert parse_date("") is None
    assert parse_date("yesterday-ish") is None
    assert parse_date("2024-13-45") is None
