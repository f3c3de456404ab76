import pytest

from abverify import agent_module

_stock = agent_module("stock")
InsufficientStock, Inventory, MissingPrice = _stock.InsufficientStock, _stock.Inventory, _stock.MissingPrice


def test_initial_mapping_is_copied():
    start = {"A": 1}
    inv = Inventory(start)
    inv.add("A", 1)
    assert start == {"A": 1}


def test_zero_quantity_disappears():
    inv = Inventory({"A": 2, "B": 1})
    inv.remove("A", 2)
    assert inv.skus() == ["B"]


def test_failed_remove_changes_nothing():
    inv = Inventory({"A": 2})
    with pytest.raises(InsufficientStock):
        inv.remove("A", 3)
    assert inv.items == {"A": 2}


def test_low_stock_strict_and_ties():
    inv = Inventory({"b": 3, "a": 3, "c": 5, "d": 4})
    assert inv.low_stock(5) == ["a", "b", "d"]


def test_value_rounded_once():
    inv = Inventory({"A": 3, "B": 3})
    assert inv.value({"A": 0.333, "B": 0.333}) == 2.0


def test_missing_price_names_sku():
    with pytest.raises(MissingPrice) as err:
        Inventory({"A": 1, "ZZ-9": 2}).value({"A": 1.0})
    assert "ZZ-9" in str(err.value)


def test_add_rejects_non_positive():
    with pytest.raises(ValueError):
        Inventory().add("A", 0)


def test_from_csv_sums_repeats():
    inv = Inventory.from_csv("sku,qty\nA, 2\n\nB,1\nA,3\n")
    assert inv.items == {"A": 5, "B": 1}
