from abverify import agent_module

_slots = agent_module("slots")
format_time, free_slots, merge, parse_time = _slots.format_time, _slots.free_slots, _slots.merge, _slots.parse_time


def test_parse_time():
    assert parse_time("09:30") == 570


def test_format_time_pads():
    assert format_time(545) == "09:05"


def test_merge_unsorted_and_touching():
    assert merge([(90, 120), (60, 90), (10, 20)]) == [(10, 20), (60, 120)]


def test_free_slots_includes_end_of_day():
    assert free_slots([(600, 660)], 540, 1020) == [(540, 600), (660, 1020)]
