import datetime as dt

from abverify import agent_module

_dates = agent_module("shopkit.dates")
add_business_days, parse_date = _dates.add_business_days, _dates.parse_date


def test_parse_date_formats():
    assert parse_date("03.05.2024") == parse_date("2024-05-03") == dt.date(2024, 5, 3)


def test_business_days_skip_weekend():
    assert add_business_days(dt.date(2024, 5, 3), 1) == dt.date(2024, 5, 6)
