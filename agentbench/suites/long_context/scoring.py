"""Normalised exact match: which of the expected values an answer names, never a judge."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def answer_tokens(text: str) -> set[str]:
    """Lower-cased words, numbers (thousands separators dropped), UUIDs and hyphenated names."""
    return set(_TOKEN.findall(_THOUSANDS.sub("", text.lower())))


@dataclass(frozen=True)
class Grade:
    reward: float
    """Share of the expected values named, less one share per distractor named, floored at 0."""
    success: bool
    """Every expected value named and no distractor."""
    found: int
    wrong: int


def grade(answer: str, expected: Sequence[str], distractors: Sequence[str] = ()) -> Grade:
    tokens = answer_tokens(answer)
    found = sum(value.lower() in tokens for value in expected)
    wrong = sum(value.lower() in tokens for value in distractors)
    return Grade(max(0, found - wrong) / len(expected), found == len(expected) and wrong == 0, found, wrong)
