"""Grading that rewards finding, not listing: exact values of the asked shape, never a judge.

An answer is read for every value *of the asked shape* it names (numbers, vocabulary words,
UUIDs, variable names, character names, invented list words). Rules:

- **Values**: reward = max(0, found - extra) / expected, where `found` counts expected values
  named and `extra` every other value of that shape named (a distractor or a guess). Success
  needs every expected value and nothing else, so a shotgun "1234567 or 4898580" fails.
- **Numbers** match as numbers: "4,898,580" is 4898580, but "4898580.5" and "-4898580" are
  other numbers (and so extras). Numbers with fewer than `MIN_DIGITS` digits (list markers
  such as "1.") are not values.
- **Abstention**: a single-value question offers "not present". When the value is absent,
  saying so (and naming no value) is the one right answer; when it is present, an answer that
  says "not present" is wrong even if it also names the value (a hedge).
- **Common words**: F1 of the named list words against the top k, so naming every word of the
  list scores about 2k / (words named), not 1. Success is F1 = 1.
- **MRCR**: no required prefix, no credit; otherwise the reward is difflib's SequenceMatcher
  ratio of the rest to the expected reply, and success needs a ratio of at least `MRCR_SUCCESS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher

from agentbench.suites.long_context.associations import CHARACTER_NAMES
from agentbench.suites.long_context.common_words import LIST_WORD
from agentbench.suites.long_context.needles import NOT_PRESENT
from agentbench.suites.long_context.vocab import VALUE_WORDS

MIN_DIGITS = 3
MRCR_SUCCESS = 0.95

_NUMBER = re.compile(r"(?<![\w.])[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])")
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_VALUE_WORDS = frozenset(VALUE_WORDS)
_NAMES = frozenset(n.lower() for n in CHARACTER_NAMES)


@dataclass(frozen=True)
class Grade:
    reward: float
    """Share of the expected values named, less one share per extra value of the shape, floored at 0
    (F1 for common words, similarity for MRCR)."""
    success: bool
    """Every expected value named and nothing else of the asked shape."""
    found: int
    wrong: int


def _numbers(text: str) -> set[str]:
    values = set()
    for match in _NUMBER.findall(text):
        digits = match.lstrip("+-−").split(".")[0].replace(",", "")
        if len(digits) >= MIN_DIGITS:
            values.add(str(Decimal(match.replace(",", "").replace("−", "-")).normalize()))
    return values


def _number(value: str) -> str:
    return str(Decimal(value).normalize())


def _words(text: str, vocabulary: frozenset[str]) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w in vocabulary}


def _variables(text: str, known: set[str]) -> set[str]:
    """Five-letter capitalised names, and any spelling of the sample's own names."""
    return {w.upper() for w in re.findall(r"\b[A-Za-z]{5}\b", text) if w.isupper() or w.upper() in known}


SHAPES: dict[str, Callable[[str, set[str]], set[str]]] = {
    "number": lambda text, _: _numbers(text),
    "word": lambda text, _: _words(text, _VALUE_WORDS),
    "uuid": lambda text, _: {u.lower() for u in _UUID.findall(text)},
    "variable": _variables,
    "name": lambda text, _: _words(text, _NAMES),
    "common_word": lambda text, _: {w.lower() for w in _WORD.findall(text) if LIST_WORD.fullmatch(w.lower())},
}
"""Shape -> the values of that shape an answer names (normalised), given the sample's own values."""


def _normalise(shape: str, value: str) -> str:
    return _number(value) if shape == "number" else value.upper() if shape == "variable" else value.lower()


def abstains(answer: str) -> bool:
    return NOT_PRESENT in " ".join(answer.lower().replace('"', " ").split())


def grade(answer: str, expected: Sequence[str], distractors: Sequence[str] = (), shape: str = "number", prefix: str = "") -> Grade:
    """Grade `answer` by the rules in the module docstring."""
    if shape == "mrcr":
        return _grade_mrcr(answer, expected[0], prefix)
    if shape == "abstain":
        named = set().union(*(SHAPES[kind](answer, set()) for kind in ("number", "word", "uuid", "name")))
        named |= {d.lower() for d in distractors if d.lower() in answer.lower()}
        right = abstains(answer) and not named
        return Grade(float(right), right, int(right), len(named))
    wanted = {_normalise(shape, v) for v in expected}
    known = wanted | {_normalise(shape, v) for v in distractors}
    named = SHAPES[shape](answer, known)
    found, extra = len(named & wanted), len(named - wanted)
    if shape == "common_word":
        f1 = 2 * found / (len(named) + len(wanted)) if named else 0.0
        return Grade(f1, f1 == 1.0, found, extra)
    if abstains(answer) and len(wanted) == 1:
        return Grade(0.0, False, found, extra + 1)
    return Grade(max(0, found - extra) / len(wanted), found == len(wanted) and extra == 0, found, extra)


def _grade_mrcr(answer: str, expected: str, prefix: str) -> Grade:
    text = answer.strip()
    if not prefix or not text.startswith(prefix):
        return Grade(0.0, False, 0, 1)
    ratio = SequenceMatcher(None, text[len(prefix) :].strip(), expected[len(prefix) :].strip()).ratio()
    return Grade(ratio, ratio >= MRCR_SUCCESS, int(ratio >= MRCR_SUCCESS), int(ratio < MRCR_SUCCESS))
