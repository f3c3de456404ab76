"""Fit haystack and needles into exactly L tokens of the target tokenizer.

`gather` encodes a haystack stream once, in slices, and keeps the token count before every
unit boundary where a token starts. `assemble` cuts the haystack at such a boundary, tops
it up with short fill units whose counts add up to the remainder, puts each needle at the
boundary nearest its depth, and then verifies the whole context with one full encode,
re-planning with the measured difference if a seam ever merged tokens.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from agentbench.suites.long_context.haystacks import BLOCK_UNITS, Haystack
from agentbench.tokenizers import Tokenizer, get_tokenizer

FIRST_SLICE_UNITS = 128
ATTEMPTS = 4


class GenerationError(RuntimeError):
    """The generator could not meet its guarantees (a bug, reported in one line)."""


class TooShort(ValueError):
    """The context budget cannot hold the needles."""


@dataclass(frozen=True)
class Gathered:
    """A haystack prefix of at least the requested tokens (unless the stream ran out)."""

    text: str
    pos: np.ndarray
    """Character offsets of the usable cut points, ascending, starting with 0."""
    tok: np.ndarray
    """Tokens before each cut point."""
    newline: np.ndarray
    """Whether the text before each cut point is empty or ends with a newline."""

    @property
    def tokens(self) -> int:
        return int(self.tok[-1])


def gather(haystack: Haystack, tokenizer: Tokenizer, seed: int, length: int) -> Gathered:
    """Pull units until they hold `length` tokens, recording every usable cut point.

    Units are encoded in slices that start small (short samples encode little more than
    they use) and double up to a whole block (long ones pay little per-call overhead)."""
    texts: list[str] = []
    pos, tok, newline = [np.zeros(1, np.int64)], [np.zeros(1, np.int64)], [np.ones(1, bool)]
    chars = tokens = 0
    step = FIRST_SLICE_UNITS
    for block in haystack.blocks(seed, length):
        start = 0
        while start < len(block) and tokens < length:
            units = block[start : start + step]
            start += step
            step = min(2 * step, BLOCK_UNITS)
            text = "".join(units)
            ends = np.cumsum([len(u) for u in units], dtype=np.int64)
            count, before = tokenizer.tokens_before(text, ends)
            usable = before >= 0
            pos.append(ends[usable] + chars)
            tok.append(before[usable] + tokens)
            newline.append(np.array([u[-1] == "\n" for u in units], dtype=bool)[usable])
            texts.append(text)
            chars += len(text)
            tokens += count
        if tokens >= length:
            break
    return Gathered("".join(texts), np.concatenate(pos), np.concatenate(tok), np.concatenate(newline))


@dataclass(frozen=True)
class FillTable:
    """Fill units by token count; every count from `low` to `high` is available."""

    by_count: dict[int, tuple[str, ...]]
    low: int
    high: int

    def choose(self, tokens: int, rng: random.Random) -> list[str]:
        """Units whose counts sum to exactly `tokens` (0, or at least `low`)."""
        chosen: list[str] = []
        while tokens > self.high:
            step = min(self.high, tokens - self.low)
            chosen.append(rng.choice(self.by_count[step]))
            tokens -= step
        if tokens:
            chosen.append(rng.choice(self.by_count[tokens]))
        return chosen


@lru_cache(maxsize=64)
def fill_table(tokenizer_name: str, cores: tuple[str, ...], brk: str, block: bool) -> FillTable:
    """Counts of each fill unit as it will appear: on its own line (`block`) or inline."""
    tokenizer = get_tokenizer(tokenizer_name)
    by_count: dict[int, list[str]] = {}
    for core in cores:
        text = core + brk if block else " " + core
        by_count.setdefault(tokenizer.count(text), []).append(text)
    for low in sorted(by_count):
        high = low
        while high + 1 in by_count:
            high += 1
        if high >= 2 * low - 1:
            return FillTable({n: tuple(v) for n, v in by_count.items()}, low, high)
    raise GenerationError(f"fill units cover no usable run of token counts in {tokenizer_name}: {sorted(by_count)}")


@dataclass(frozen=True)
class Placed:
    """A needle as written into the context."""

    text: str
    char_offset: int
    token_offset: int
    token_count: int


@dataclass(frozen=True)
class Assembled:
    context: str
    needles: list[Placed]
    tail_offset: int
    """Character offset of the context's last piece; the tokens before it stay the same
    whatever text follows the context."""
    tail_tokens: int


def assemble(
    gathered: Gathered,
    haystack: Haystack,
    tokenizer: Tokenizer,
    length: int,
    needles: Sequence[tuple[str, float]],
    rng: random.Random,
) -> Assembled:
    """The context of exactly `length` tokens, with each (core, depth) needle placed."""
    if gathered.tokens < length:
        raise ValueError(f"haystack {haystack.name} has only {gathered.tokens} tokens of text in {tokenizer.name}; length {length} needs more")
    tables = _FillTables(tokenizer.name, haystack)
    order = sorted(range(len(needles)), key=lambda i: (needles[i][1], i))
    counts = [tokenizer.count(" " + needles[i][0]) for i in range(len(needles))]
    adjust = 0
    for _ in range(ATTEMPTS):
        for _ in range(8):
            budget = length - sum(counts) + adjust
            cut = _cut(gathered, budget, tables, tokenizer.name, length)
            slots = _slots(gathered, cut, budget, length, needles, order, counts)
            texts = _needle_texts(gathered, cut, budget, haystack, needles, slots)
            new_counts = [tokenizer.count(t) for t in texts]
            if new_counts == counts:
                break
            counts = new_counts
        fill = tables[bool(gathered.newline[cut])].choose(budget - int(gathered.tok[cut]), rng)
        context, starts, tail = _join(gathered, cut, fill, texts, slots, _sequence(needles, slots))
        marks = sorted({*starts, *(s + len(texts[i]) for i, s in enumerate(starts)), tail})
        total, before = tokenizer.tokens_before(context, marks)
        at = dict(zip(marks, before.tolist()))
        if total == length and min(at.values()) >= 0:
            placed = [Placed(t, s, at[s], at[s + len(t)] - at[s]) for t, s in zip(texts, starts)]
            return Assembled(context, placed, tail, at[tail])
        adjust += length - total
    raise GenerationError(f"could not fit {length} tokens exactly with {tokenizer.name} after {ATTEMPTS} attempts")


class _FillTables:
    """The fill table of each form, built only when a cut point of that form comes up."""

    def __init__(self, tokenizer: str, haystack: Haystack) -> None:
        self._tokenizer, self._haystack = tokenizer, haystack

    def __getitem__(self, block: bool) -> FillTable:
        return fill_table(self._tokenizer, self._haystack.fill, self._haystack.brk, block)


def _cut(gathered: Gathered, budget: int, tables: _FillTables, tokenizer: str, length: int) -> int:
    """The last cut point whose remainder to `budget` the fill units can make up exactly."""
    index = int(np.searchsorted(gathered.tok, budget, side="right")) - 1
    while index >= 0:
        rest = budget - int(gathered.tok[index])
        if rest == 0 or rest >= tables[bool(gathered.newline[index])].low:
            return index
        index -= 1
    raise TooShort(f"{length} context tokens cannot hold these needles in {tokenizer}")


def _slots(
    gathered: Gathered,
    cut: int,
    budget: int,
    length: int,
    needles: Sequence[tuple[str, float]],
    order: list[int],
    counts: list[int],
) -> list[int]:
    """For each needle, the cut point it goes before (cut + 1 = after the fill, at the end)."""
    marks = np.append(gathered.tok[: cut + 1], budget)
    slots = [0] * len(needles)
    earlier = 0
    for i in order:
        target = min(max(needles[i][1] * (length - counts[i]) - earlier, 0.0), float(budget))
        right = int(np.searchsorted(marks, target))
        left = max(right - 1, 0)
        right = min(right, len(marks) - 1)
        slots[i] = left if target - marks[left] <= marks[right] - target else right
        earlier += counts[i]
    for a, b in pairwise(order):  # keep the depth order when nearest points cross
        slots[b] = max(slots[b], slots[a])
    return slots


def _sequence(needles: Sequence[tuple[str, float]], slots: list[int]) -> list[int]:
    """Needle indices in context order."""
    return sorted(range(len(needles)), key=lambda i: (slots[i], needles[i][1], i))


DRESS_WINDOW = 4000
"""Characters around a needle's place that the haystack's `dress` looks at."""


def _needle_texts(
    gathered: Gathered, cut: int, budget: int, haystack: Haystack, needles: Sequence[tuple[str, float]], slots: list[int]
) -> list[str]:
    """Each needle's text, dressed like its surroundings: inline after a sentence, or on its
    own line after a line break."""
    brk = haystack.brk
    has_fill = budget > int(gathered.tok[cut])
    texts = [""] * len(needles)
    sequence = _sequence(needles, slots)
    for n, i in enumerate(sequence):
        slot = slots[i]
        previous = sequence[n - 1] if n and slots[sequence[n - 1]] == slot else None
        after_break = texts[previous].endswith("\n") if previous is not None else bool(gathered.newline[min(slot, cut)])
        last = n == len(sequence) - 1 and (slot == cut + 1 or (slot == cut and not has_fill))
        core = needles[i][0]
        if haystack.dress is not None:
            at = int(gathered.pos[min(slot, cut)])
            core = haystack.dress(core, gathered.text[max(0, at - DRESS_WINDOW) : at], gathered.text[at : at + DRESS_WINDOW])
        texts[i] = core + ("" if last else brk) if after_break else " " + core
    return texts


def _join(
    gathered: Gathered, cut: int, fill: list[str], texts: list[str], slots: list[int], sequence: list[int]
) -> tuple[str, list[int], int]:
    """The context text, each needle's character offset, and the offset after which the
    context's last piece starts (a cut point, so appending text leaves the tokens before it)."""
    parts: list[str] = []
    starts = [0] * len(texts)
    size = last = tail = 0

    def put(text: str, inner_cut: int = 0) -> None:
        nonlocal size, tail
        tail = size + inner_cut
        parts.append(text)
        size += len(text)

    for slot in sorted({*slots, cut + 1}):
        stop_index = min(slot, cut)
        stop = int(gathered.pos[stop_index])
        if stop > last:
            previous = int(gathered.pos[stop_index - 1])
            put(gathered.text[last:stop], previous - last if previous > last else 0)
            last = stop
        if slot > cut:
            for unit in fill:
                put(unit)
        for i in sequence:
            if slots[i] == slot:
                starts[i] = size
                put(texts[i])
    return "".join(parts), starts, tail
