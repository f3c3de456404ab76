"""Common-words extraction: a long list of invented words; name the ten most frequent.

The whole context is the list, one "- word" per line. Ten common words appear `frequent`
times each, spread through the first part of the list; every other word appears at most
`rare` times, and the tail that the exact-budget cut trims holds only rare words, so the
answer never depends on where the list is cut.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from agentbench.suites.long_context.haystacks import BLOCK_UNITS, Haystack
from agentbench.tokenizers import Tokenizer

WORD_LIST = "word_list"
COMMON = 10
HEAD_SHARE = 0.9
"""Share of the budget that the planned head (all common words) fills; the rest is rare words."""
QUESTION = "Which {count} words appear most often {where}? Answer only with the {count} words, separated by commas."

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "br", "dr", "gl", "kr", "pl", "st", "tr")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")
_CODAS = ("", "", "", "n", "r", "l", "s", "m")
_SYLLABLES = tuple(o + v + c for o in _ONSETS for v in _VOWELS for c in dict.fromkeys(_CODAS))
"""Onsets never use z, so the fill words below (all starting with z) are never list words."""
LIST_WORD = re.compile("(?:" + "|".join(sorted(_SYLLABLES, key=len, reverse=True)) + "){2,3}")
"""The shape of a list word (two or three syllables of the grammar), for grading."""

FILL_WORDS: tuple[str, ...] = tuple(
    "z" + "".join(parts)
    for size in (1, 2, 3, 4, 5, 6)
    for parts in itertools.islice(itertools.product(("a", "o", "ek", "ul", "ipra", "ondo"), repeat=size), 6)
)


@dataclass(frozen=True)
class WordListPlan:
    haystack: Haystack
    answers: tuple[str, ...]
    frequent: int
    rare: int


def _words(rng: np.random.Generator, count: int, exclude: set[str]) -> list[str]:
    """`count` distinct invented words of two or three syllables, none in `exclude`."""
    words: dict[str, None] = {}
    syllables = _SYLLABLES
    while len(words) < count:
        n = count - len(words)
        sizes = rng.integers(2, 4, n).tolist()
        first, second, third = rng.integers(0, len(syllables), (3, n)).tolist()
        for size, a, b, c in zip(sizes, first, second, third):
            word = syllables[a] + syllables[b] + syllables[c] if size == 3 else syllables[a] + syllables[b]
            if word not in exclude:
                words[word] = None
    return list(words)[:count]


def _shuffled_entries(words: list[str], repeats: list[int], rng: np.random.Generator) -> list[str]:
    """One "- word" line per occurrence, in random order."""
    entries = [f"- {w}\n" for w in words]
    order = np.repeat(np.arange(len(words)), repeats)
    rng.shuffle(order)
    return [entries[i] for i in order.tolist()]


def plan_word_list(tokenizer: Tokenizer, seed: int, length: int) -> WordListPlan:
    """The list stream for one length: a shuffled head holding every common word, then rare words."""
    rng = np.random.default_rng([seed, length, 7])
    sample = _words(np.random.default_rng([seed, 0]), 2000, set())
    per_entry = tokenizer.count("".join(f"- {w}\n" for w in sample)) / len(sample)
    entries = int(length * HEAD_SHARE / per_entry)
    frequent = int(min(30, max(5, entries // (4 * COMMON))))
    rare = max(1, min(3, frequent - 2))
    common = _words(rng, COMMON, set())
    head_rare = _words(rng, max(0, entries - COMMON * frequent) // rare, set(common))

    def blocks(seed: int, length: int) -> Iterator[list[str]]:
        order = np.random.default_rng([seed, length, 8])
        yield _shuffled_entries(common + head_rare, [frequent] * COMMON + [rare] * len(head_rare), order)
        seen = set(common) | set(head_rare)
        while True:
            fresh = _words(order, BLOCK_UNITS // rare, seen)
            seen.update(fresh)
            yield _shuffled_entries(fresh, [rare] * len(fresh), order)

    fill = tuple(f"- {w}" for w in FILL_WORDS)
    return WordListPlan(Haystack(WORD_LIST, blocks, fill, "\n"), tuple(common), frequent, rare)
