import datetime as dt

import pytest

from abverify import agent_module


def test_utils_is_gone():
    with pytest.raises(ModuleNotFoundError):
        agent_module("shopkit.utils")


@pytest.mark.parametrize("cents, parts, want", [
    (5, 1, [5]), (2, 4, [1, 1, 0, 0]), (0, 3, [0, 0, 0]), (1000, 7, [143, 143, 143, 143, 143, 143, 142]), (99, 2, [50, 49]),
])
def test_split_evenly(cents, parts, want):
    split_evenly = agent_module("shopkit.money").split_evenly
    assert split_evenly(cents, parts) == want


def test_split_evenly_rejects_zero_parts():
    split_evenly = agent_module("shopkit.money").split_evenly
    with pytest.raises(ValueError):
        split_evenly(10, 0)


def test_due_date_terms_and_format():
    due_date = agent_module("shopkit.invoices").due_date
    assert due_date("31.05.2024", 3) == dt.date(2024, 6, 5)
    assert due_date("2024-12-20", 5) == dt.date(2024, 12, 27)


def test_functions_keep_behaviour():
    add_business_days = agent_module("shopkit.dates").add_business_days
    _money = agent_module("shopkit.money")
    format_money, parse_money = _money.format_money, _money.parse_money
    _text = agent_module("shopkit.text")
    slugify, title_case = _text.slugify, _text.title_case
    assert title_case("the lord OF the rings") == "The Lord of the Rings"
    assert slugify("--A  b--") == "a-b"
    assert parse_money("12") == 1200 and format_money(7) == "€0.07"
    assert add_business_days(dt.date(2024, 5, 4), 0) == dt.date(2024, 5, 4)
