import pytest

from abverify import agent_module

weatherlib = agent_module("weatherlib")
dew_point, nearest_station = weatherlib.dew_point, weatherlib.nearest_station


def test_version():
    assert weatherlib.__version__ == "1.0.0"


def test_old_name_gone():
    assert not hasattr(weatherlib, "calc_dewpoint")


def test_dew_point(capsys):
    assert dew_point(20.0, 50.0) == pytest.approx(9.26, abs=0.01)
    assert capsys.readouterr().out == ""


def test_nearest_is_zugspitze(capsys):
    assert nearest_station(47.45, 10.95)["name"] == "Zugspitze"
    assert capsys.readouterr().out == ""


def test_nearest_munich():
    assert nearest_station(48.14, 11.58)["id"] == 10865
