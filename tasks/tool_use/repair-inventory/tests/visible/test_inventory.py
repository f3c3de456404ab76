import pytest

from abverify import agent_module

_stock = agent_module("stock")
InsufficientStock, Inventory, MissingPrice = _stock.InsufficientStock, _stock.Inventory, _stock.MissingPrice


def test_add_and_remove():
    inv = Inventory()
    inv.add("A1", 5)
    inv.remove("A1", 2)
    assert inv.items["A1"] == 3


def test_remove_too_many():
    inv = Inventory({"A1": 1})
    with pytest.raises(InsufficientStock):
        inv.remove("A1", 2)


def test_inventories_are_independent():
    a, b = Inventory(), Inventory()
    a.add("X", 1)
    assert b.skus() == []


def test_low_stock_order():
    inv = Inventory({"B": 2, "A": 4, "C": 1, "D": 9})
    assert inv.low_stock(5) == ["C", "B", "A"]


def test_missing_price():
    inv = Inventory({"A": 1, "B": 2})
    with pytest.raises(MissingPrice):
        inv.value({"A": 1.0})
