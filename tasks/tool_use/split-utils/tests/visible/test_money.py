from abverify import agent_module

_money = agent_module("shopkit.money")
format_money, parse_money, split_evenly = _money.format_money, _money.parse_money, _money.split_evenly


def test_parse_money():
    assert parse_money("€1,234.5") == 123450


def test_format_money():
    assert format_money(-123456) == "-€1,234.56"


def test_split_evenly():
    assert split_evenly(100, 3) == [34, 33, 33]
