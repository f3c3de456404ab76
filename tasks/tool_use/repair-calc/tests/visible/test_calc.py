import pytest

from abverify import agent_module

calc = agent_module("calc")
CalcError, evaluate = calc.CalcError, calc.evaluate


def test_basic():
    assert evaluate("1 + 2 * 3") == 7


def test_parentheses():
    assert evaluate("(1 + 2) * 3") == 9


def test_power_right_associative():
    assert evaluate("2^3^2") == 512


def test_unary_minus_below_power():
    assert evaluate("-2^2") == -4


def test_division_by_zero():
    with pytest.raises(CalcError):
        evaluate("1 / (2 - 2)")
