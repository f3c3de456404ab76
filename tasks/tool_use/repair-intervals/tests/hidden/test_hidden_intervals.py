import pytest

from abverify import agent_module

_slots = agent_module("slots")
format_time, free_slots, merge, parse_time = _slots.format_time, _slots.free_slots, _slots.merge, _slots.parse_time


@pytest.mark.parametrize("bad", ["24:00", "9:60", "9:5", "0930", "ab:cd", "", "12:00:00"])
def test_parse_time_rejects(bad):
    with pytest.raises(ValueError):
        parse_time(bad)


def test_parse_time_single_digit_hour():
    assert parse_time("9:05") == 545


def test_format_roundtrip():
    assert [format_time(parse_time(t)) for t in ("00:00", "23:59", "12:07")] == ["00:00", "23:59", "12:07"]


def test_merge_overlap_contained_and_empty():
    assert merge([(5, 50), (10, 20), (70, 70), (60, 80), (75, 90)]) == [(5, 50), (60, 90)]


def test_free_slots_busy_outside_day():
    assert free_slots([(400, 560), (1000, 1200)], 540, 1020) == [(560, 1000)]


def test_free_slots_min_length():
    busy = [(545, 600), (610, 700), (715, 900)]
    assert free_slots(busy, 540, 960, min_length=15) == [(700, 715), (900, 960)]


def test_free_slots_fully_busy():
    assert free_slots([(500, 1100)], 540, 1020) == []


def test_free_slots_no_meetings():
    assert free_slots([], 540, 1020) == [(540, 1020)]
