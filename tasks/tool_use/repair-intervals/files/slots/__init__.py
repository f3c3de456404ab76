"""Meeting slot helpers."""

from slots.intervals import format_time, free_slots, merge, parse_time

__all__ = ["format_time", "free_slots", "merge", "parse_time"]
