"""The statistics behind the leaderboard, on plain numbers so each can be checked by hand.

Success is a proportion, so its interval is Wilson's (well behaved near 0 and 1 and with few
samples). Repeated epochs of one task are not independent, so with epochs > 1 the interval is
a percentile bootstrap that resamples whole tasks, widened to at least Wilson's interval over
the tasks (`success_interval`), so that few or uniform tasks never give a zero-width interval.
pass@k and pass^k follow tau-bench.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import comb, sqrt
from statistics import NormalDist

import numpy as np

RULER_THRESHOLD = 0.856
"""RULER's effective-length threshold: Llama-2-7B's score at 4k tokens."""
RELATIVE_SHARE = 0.85
"""Relative effective length: the share of its own short-context score a model must keep."""


def _z(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for `successes` out of `n` trials; (nan, nan) when n is 0."""
    if not 0 <= successes <= n:
        raise ValueError(f"need 0 <= successes <= n, got {successes} of {n}")
    if n == 0:
        return (float("nan"), float("nan"))
    return _wilson(successes / n, n, _z(confidence))


def _wilson(p: float, n: float, z: float) -> tuple[float, float]:
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * sqrt(p * (1.0 - p) / n + z * z / (4 * n * n)) / denom
    # at p = 0 and p = 1 the bound is 0 and 1 exactly; rounding must not put it past the rate
    return (0.0 if p == 0.0 else max(0.0, centre - half), 1.0 if p == 1.0 else min(1.0, centre + half))


def clustered_bootstrap_interval(
    attempts: Sequence[int],
    successes: Sequence[int],
    confidence: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the pooled success rate, resampling tasks (clusters).

    `attempts[i]` and `successes[i]` are task i's epochs and successes. The same inputs and
    seed always give the same interval. With one task the interval is that task's rate.
    """
    n = np.asarray(attempts, dtype=np.int64)
    c = np.asarray(successes, dtype=np.int64)
    if n.shape != c.shape or n.ndim != 1:
        raise ValueError("attempts and successes must be equal-length sequences")
    if n.size == 0 or n.sum() == 0:
        return (float("nan"), float("nan"))
    _z(confidence)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n.size, size=(resamples, n.size))
    rates = c[picks].sum(axis=1) / n[picks].sum(axis=1)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(rates, [tail, 1.0 - tail])
    return (float(low), float(high))


def success_interval(
    attempts: Sequence[int],
    successes: Sequence[int],
    confidence: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
) -> tuple[float, float, str]:
    """The interval of a pooled success rate over clusters (tasks or samples) and its method.

    One attempt per cluster: Wilson over the attempts ("wilson"). Real repeats (epochs): the
    clustered bootstrap, widened to contain Wilson's interval with n = the number of clusters
    ("bootstrap"), because resampling a few identical clusters alone gives a zero-width interval."""
    n = np.asarray(attempts, dtype=np.int64)
    c = np.asarray(successes, dtype=np.int64)
    if n.size == 0 or n.sum() == 0:
        return (float("nan"), float("nan"), "wilson")
    if n.max() == 1:
        return (*wilson_interval(int(c.sum()), int(n.sum()), confidence), "wilson")
    low, high = clustered_bootstrap_interval(n.tolist(), c.tolist(), confidence, resamples, seed)
    floor_low, floor_high = _wilson(float(c.sum() / n.sum()), n.size, _z(confidence))
    return (min(low, floor_low), max(high, floor_high), "bootstrap")


def pass_hat_k(attempts: Sequence[int], successes: Sequence[int], k: int) -> float:
    """tau-bench's pass^k: mean over tasks of C(c, k) / C(n, k), the chance that k tries all succeed."""
    return _mean_over_tasks(attempts, successes, k, lambda n, c: comb(c, k) / comb(n, k))


def pass_at_k(attempts: Sequence[int], successes: Sequence[int], k: int) -> float:
    """pass@k: mean over tasks of 1 - C(n - c, k) / C(n, k), the chance that one of k tries succeeds."""
    return _mean_over_tasks(attempts, successes, k, lambda n, c: 1.0 - comb(n - c, k) / comb(n, k))


def _mean_over_tasks(attempts: Sequence[int], successes: Sequence[int], k: int, per_task) -> float:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    pairs = list(zip(attempts, successes, strict=True))
    if not pairs:
        return float("nan")
    if any(n < k for n, _ in pairs):
        raise ValueError(f"k={k} exceeds the attempts of some task (min {min(n for n, _ in pairs)})")
    return sum(per_task(int(n), int(c)) for n, c in pairs) / len(pairs)


def longest_length_above(success_by_length: Mapping[int, float], threshold: float = RULER_THRESHOLD) -> int | None:
    """RULER's effective length: the longest length up to which every tested length scores above `threshold`.

    A recovery after a length that fell short does not count; None when even the shortest falls short.
    """
    effective = None
    for length in sorted(success_by_length):
        if not success_by_length[length] > threshold:
            break
        effective = length
    return effective


def relative_length(success_by_length: Mapping[int, float], base_length: int, share: float = RELATIVE_SHARE) -> int | None:
    """The longest length up to which every tested length keeps `share` of the model's own score
    at `base_length` (its short-context score); None when that score is 0 or not tested."""
    base = success_by_length.get(base_length)
    if not base:
        return None
    return longest_length_above({n: r for n, r in success_by_length.items() if n >= base_length}, share * base - 1e-12)


def rank_ranges(lows: Sequence[float], highs: Sequence[float]) -> list[tuple[int, int]]:
    """Best and worst rank (1 = best) each entry can claim given its interval: an entry ranks below only
    those whose interval lies wholly above its own, so entries with overlapping intervals tie.

    Best = 1 + the number of entries clearly better; worst = the number of entries not clearly worse.
    An entry without an interval (NaN) is never clearly better or worse than another.
    """
    pairs = list(zip(lows, highs, strict=True))
    return [
        (1 + sum(other_low > high for other_low, _ in pairs),
         len(pairs) - sum(other_high < low for _, other_high in pairs))
        for low, high in pairs
    ]


def pareto_front(costs: Sequence[float], successes: Sequence[float]) -> list[bool]:
    """True for each point no other point beats: none costs no more and succeeds at least as often, one strictly."""
    points = list(zip(costs, successes, strict=True))
    return [
        not any(
            (other_cost <= cost and other_success >= success) and (other_cost < cost or other_success > success)
            for other_cost, other_success in points
        )
        for cost, success in points
    ]
