from abverify import agent_module

_weatherlib = agent_module("weatherlib")
c_to_f, f_to_c = _weatherlib.c_to_f, _weatherlib.f_to_c


def test_freezing():
    assert c_to_f(0) == 32


def test_boiling():
    assert c_to_f(100) == 212


def test_roundtrip():
    assert f_to_c(c_to_f(37.5)) == 37.5
