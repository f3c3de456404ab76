import datetime as dt
import importlib

import pytest


def test_utils_is_gone():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("shopkit.utils")


@pytest.mark.parametrize("cents, parts, want", [
    (5, 1, [5]), (2, 4, [1, 1, 0, 0]), (0, 3, [0, 0, 0]), (1000, 7, [143, 143, 143, 143, 143, 143, 142]), (99, 2, [50, 49]),
])
def test_split_evenly(cents, parts, want):
    from shopkit.money import split_evenly
    assert split_evenly(cents, parts) == want


def test_split_evenly_rejects_zero_parts():
    from shopkit.money import split_evenly
    with pytest.raises(ValueError):
        split_evenly(10, 0)


def test_due_date_terms_and_format():
    from shopkit.invoices import due_date
    assert due_date("31.05.2024", 3) == dt.date(2024, 6, 5)
    assert due_date("2024-12-20", 5) == dt.date(2024, 12, 27)


def test_functions_keep_behaviour():
    from shopkit.dates import add_business_days
    from shopkit.money import format_money, parse_money
    from shopkit.text import slugify, title_case
    assert title_case("the lord OF the rings") == "The Lord of the Rings"
    assert slugify("--A  b--") == "a-b"
    assert parse_money("12") == 1200 and format_money(7) == "€0.07"
    assert add_business_days(dt.date(2024, 5, 4), 0) == dt.date(2024, 5, 4)
