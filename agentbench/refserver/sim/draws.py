"""Random draws of a simulated model, fixed by (card, seed, sample, epoch, purpose) and nothing else.

The sample is recognised by the text of its first user message (the task instruction, or the
long-context prompt), so every request of one attempt sees the same draws, and a new epoch
draws afresh: attempts are independent, which is what makes pass^k mean something.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Draws:
    """Seeded generators for one attempt at one sample."""

    card: str
    seed: int
    sample: str
    epoch: int

    @classmethod
    def of(cls, card: str, seed: int, first_user_text: str, epoch: int) -> Draws:
        return cls(card, seed, hashlib.sha256(first_user_text.encode("utf-8")).hexdigest(), epoch)

    def rng(self, purpose: str) -> random.Random:
        """A generator for one decision; the same purpose always gives the same stream."""
        key = f"{self.card}\0{self.seed}\0{self.sample}\0{self.epoch}\0{purpose}".encode("utf-8")
        return random.Random(int.from_bytes(hashlib.sha256(key).digest()[:8], "big"))


def weighted(rng: random.Random, weights: dict[str, float]) -> str:
    """One key of `weights`, drawn in proportion to its weight (keys in sorted order, for stability)."""
    names = sorted(name for name, weight in weights.items() if weight > 0)
    return rng.choices(names, weights=[weights[name] for name in names])[0]
