from shopkit.money import format_money, parse_money, split_evenly


def test_parse_money():
    assert parse_money("€1,234.5") == 123450


def test_format_money():
    assert format_money(-123456) == "-€1,234.56"


def test_split_evenly():
    assert split_evenly(100, 3) == [34, 33, 33]
