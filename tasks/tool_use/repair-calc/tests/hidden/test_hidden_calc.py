import pytest

from abverify import agent_module

calc = agent_module("calc")
CalcError, evaluate = calc.CalcError, calc.evaluate


@pytest.mark.parametrize("text, value", [
    ("2^-1", 0.5), ("2*-3", -6), ("--2", 2), (".5 + 1", 1.5), ("7. * 2", 14),
    ("10 - 4 - 3", 3), ("64 / 4 / 2", 8), ("-(1 + 2)^2", -9), ("2^2^-1", 2 ** 0.5),
    ("  ( ( 3 ) ) ", 3), ("1 - -1", 2), ("3 * (2 + -1) ^ 2", 3),
])
def test_values(text, value):
    assert evaluate(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "2 3", "(1 + 2", "1 + 2)", "1 +", "* 2", "1..2", "1 $ 2", "()", "4 / 0", "2 ^ (1 - 1) / 0"])
def test_errors(text):
    with pytest.raises(CalcError):
        evaluate(text)
