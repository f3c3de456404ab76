"""Reasoning and chatter of a simulated model: text of a drawn length, in plain words.

Usage is counted by the server's tokenizer from the text, so the recorded token counts are
real counts of what was sent; the words are common ones, about one token each.
"""

from __future__ import annotations

import random

from agentbench.refserver.sim.card import Spread

_WORDS = (
    "the", "file", "check", "first", "then", "output", "look", "at", "command", "result", "line", "count",
    "next", "step", "data", "value", "so", "this", "should", "work", "run", "it", "and", "see", "what",
    "we", "need", "to", "find", "answer", "list", "read", "carefully", "before", "submit",
)


def draw_count(rng: random.Random, spread: Spread) -> int:
    """A non-negative whole number from the card's normal distribution."""
    if spread.mean <= 0:
        return 0
    return max(0, round(rng.gauss(spread.mean, spread.sd)))


def words(rng: random.Random, count: int) -> str:
    """`count` words, a sentence at a time."""
    picked = [rng.choice(_WORDS) for _ in range(count)]
    sentences = [" ".join(picked[start : start + 12]).capitalize() + "." for start in range(0, count, 12)]
    return " ".join(sentences)
