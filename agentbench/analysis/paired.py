"""Paired statistics for comparing two runs on the same samples (the regression gate).

Two runs of the same tasks are paired: sample i of the baseline and sample i of the new run saw
the same task, so their difference is what carries the signal, and treating them as independent
(as an unpaired z-test does) throws most of it away. Repeated epochs of one sample are not
independent, so everything that resamples does it by cluster (all pairs of one sample, i.e. every
epoch of it, move together):

- one epoch of a pass/fail outcome: the exact McNemar test (statsmodels) on the discordant pairs;
- several epochs, or rewards: a permutation test that swaps baseline and new within whole
  clusters (exact enumeration when there are few clusters), and a cluster bootstrap interval;
- ratios (cost, tokens) and latency quantiles: the same two resampling schemes on the statistic.

The minimum detectable effect (MDE) says how small a drop the test would catch with power 0.8,
so "no significant change" on a dozen samples does not read as "no change".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import inf, sqrt

import numpy as np
from scipy import stats as sps
from statsmodels.stats.contingency_tables import mcnemar

Statistic = Callable[[np.ndarray, np.ndarray], np.ndarray]
"""f(values (B, n, k), weights (B, n)) -> (B,): a statistic of weighted samples, one per resample row."""

CORRECTIONS = ("holm", "bh", "none")
_CHUNK = 256


@dataclass(frozen=True)
class Difference:
    """New minus baseline of a mean (a success rate or mean reward) over paired samples."""

    pairs: int
    clusters: int
    base: float
    new: float
    diff: float
    ci_low: float
    ci_high: float
    p_value: float
    test: str
    mde: float


@dataclass(frozen=True)
class Ratio:
    """New over baseline of a statistic (cost per completed task, tokens, a latency quantile)."""

    pairs: int
    clusters: int
    base: float
    new: float
    ratio: float
    ci_low: float
    ci_high: float
    p_value: float


def mean_of(column: int = 0) -> Statistic:
    """Weighted mean of one column."""
    def statistic(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
        return (values[..., column] * weights).sum(axis=1) / weights.sum(axis=1)
    return statistic


def ratio_of_sums(numerator: int = 0, denominator: int = 1) -> Statistic:
    """Weighted sum of one column over another's (e.g. dollars / successes = cost per completed task)."""
    def statistic(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            return (values[..., numerator] * weights).sum(axis=1) / (values[..., denominator] * weights).sum(axis=1)
    return statistic


def quantile_of(q: float, column: int = 0) -> Statistic:
    """Weighted quantile (inverted CDF, so weights of whole resampled clusters are exact) of one column."""
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"quantile must be in [0, 1], got {q}")

    def statistic(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
        column_values = np.broadcast_to(values[..., column], weights.shape)
        order = np.argsort(column_values, axis=1, kind="stable")
        sorted_values = np.take_along_axis(column_values, order, axis=1)
        cumulative = np.cumsum(np.take_along_axis(weights, order, axis=1), axis=1)
        target = q * cumulative[:, -1:]
        index = np.minimum((cumulative < target - 1e-9).sum(axis=1), column_values.shape[1] - 1)
        return sorted_values[np.arange(len(index)), index]
    return statistic


def mcnemar_exact(base: Sequence[bool], new: Sequence[bool]) -> float:
    """Two-sided exact McNemar p-value of paired pass/fail outcomes (binomial test on the discordant pairs)."""
    b, n = np.asarray(base, dtype=bool), np.asarray(new, dtype=bool)
    if b.shape != n.shape:
        raise ValueError("base and new must pair up one to one")
    table = [[int(np.sum(b & n)), int(np.sum(b & ~n))], [int(np.sum(~b & n)), int(np.sum(~b & ~n))]]
    if table[0][1] + table[1][0] == 0:
        return 1.0
    return float(mcnemar(table, exact=True).pvalue)


def _codes(clusters: Sequence[object]) -> tuple[np.ndarray, int]:
    _, codes = np.unique(np.asarray([str(c) for c in clusters]), return_inverse=True)
    return codes.astype(np.int64), int(codes.max()) + 1 if len(codes) else 0


def _as_matrix(values: np.ndarray | Sequence[float]) -> np.ndarray:
    array = np.asarray(values, dtype="float64")
    return array[:, None] if array.ndim == 1 else array


def _flips(clusters: int, resamples: int, rng: np.random.Generator) -> tuple[np.ndarray, bool]:
    """Which clusters swap sides: every assignment when that is at most `resamples`, else random ones."""
    if clusters <= 20 and 2 ** clusters <= resamples:
        grid = (np.arange(2 ** clusters)[:, None] >> np.arange(clusters)[None, :]) & 1
        return grid.astype(bool), True
    return rng.integers(0, 2, size=(resamples, clusters)).astype(bool), False


def permutation_pvalue(base: np.ndarray, new: np.ndarray, clusters: Sequence[object], contrast: Callable[
        [np.ndarray, np.ndarray], np.ndarray], statistic: Statistic, resamples: int = 10000, seed: int = 0) -> float:
    """Two-sided p-value of `contrast(stat(new), stat(base))` under swapping baseline and new within clusters.

    Under no change the two members of a pair are exchangeable, so every swap is as likely as the
    observed assignment; with few clusters all swaps are enumerated (an exact test).
    """
    b, n = _as_matrix(base), _as_matrix(new)
    codes, count = _codes(clusters)
    ones = np.ones((1, len(codes)))
    observed = float(contrast(statistic(n[None], ones), statistic(b[None], ones))[0])
    if np.isnan(observed):
        return float("nan")
    flips, exact = _flips(count, resamples, np.random.default_rng(seed))
    extreme = 0
    for start in range(0, len(flips), _CHUNK):
        swap = flips[start:start + _CHUNK][:, codes, None]
        new_side, base_side = np.where(swap, b[None], n[None]), np.where(swap, n[None], b[None])
        weights = np.ones(swap.shape[:2])
        values = contrast(statistic(new_side, weights), statistic(base_side, weights))
        extreme += int(np.sum(np.abs(values) >= abs(observed) - 1e-12))
    return extreme / len(flips) if exact else (extreme + 1) / (len(flips) + 1)


def bootstrap_interval(base: np.ndarray, new: np.ndarray, clusters: Sequence[object], contrast: Callable[
        [np.ndarray, np.ndarray], np.ndarray], statistic: Statistic, confidence: float = 0.95,
        resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """Percentile interval of `contrast(stat(new), stat(base))`, resampling whole clusters of pairs."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    b, n = _as_matrix(base), _as_matrix(new)
    codes, count = _codes(clusters)
    if count == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    draws = []
    for start in range(0, resamples, _CHUNK):
        size = min(_CHUNK, resamples - start)
        counts = rng.multinomial(count, np.full(count, 1.0 / count), size=size)
        weights = counts[:, codes].astype("float64")
        draws.append(contrast(statistic(n[None], weights), statistic(b[None], weights)))
    values = np.concatenate(draws)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return (float("nan"), float("nan"))
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(values, [tail, 1.0 - tail])
    return (float(low), float(high))


def _difference(new: np.ndarray, base: np.ndarray) -> np.ndarray:
    return new - base


def _log_ratio(new: np.ndarray, base: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(new / base)


def _ratio(new: np.ndarray, base: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return new / base


def cluster_standard_error(diffs: Sequence[float], clusters: Sequence[object]) -> float:
    """Cluster-robust standard error of the mean of paired differences (0 with one cluster)."""
    d = np.asarray(diffs, dtype="float64")
    codes, count = _codes(clusters)
    if count < 2:
        return 0.0
    sums, sizes = np.bincount(codes, weights=d, minlength=count), np.bincount(codes, minlength=count)
    mean = d.sum() / d.size
    return float(sqrt(count / (count - 1) * np.sum((sums - sizes * mean) ** 2)) / d.size)


def mcnemar_min_discordant(alpha: float) -> int:
    """Fewest discordant pairs, all one way, for which the exact two-sided McNemar test rejects at `alpha`."""
    k = 1
    while 2.0 * 0.5 ** k > alpha:
        k += 1
    return k


def mcnemar_power(pairs: int, discordance: float, drop: float, alpha: float = 0.05) -> float:
    """Exact power of the two-sided exact McNemar test on `pairs` pairs whose outcomes differ with probability
    `discordance` (at least `drop`), pass->fail `drop` more often than fail->pass (Connor's formulation)."""
    total = min(1.0, max(discordance, drop))
    if total <= 0.0:
        return 0.0
    towards_fail = min(1.0, (total + drop) / (2.0 * total))
    discordant = np.arange(1, pairs + 1)
    # largest count on one side whose two-sided p (2 x the smaller tail of Bin(D, 1/2)) is < alpha; -1: none
    low = sps.binom.ppf(alpha / 2.0, discordant, 0.5)
    low = np.where(sps.binom.cdf(low, discordant, 0.5) < alpha / 2.0, low, low - 1)
    rejected = (sps.binom.cdf(low, discordant, 1.0 - towards_fail)
                + sps.binom.sf(discordant - low - 1, discordant, 1.0 - towards_fail) * (low >= 0))
    rejected = np.where(low >= 0, np.minimum(rejected, 1.0), 0.0)
    return float(np.sum(sps.binom.pmf(discordant, pairs, total) * rejected))


def minimum_detectable_effect(diffs: Sequence[float], clusters: Sequence[object], *, binary: bool, exact_mcnemar: bool,
                              alpha: float = 0.05, power: float = 0.8, base_rate: float = 0.5) -> float:
    """The smallest true drop (in rate units) this design detects with `power` at two-sided `alpha`.

    One epoch of pass/fail outcomes: exact, from the binomial distribution of discordant pairs. A drop
    delta of every task's pass probability p changes the share of discordant pairs, p(1-p') + p'(1-p),
    by delta (2p - 1); so the observed share moves by delta (2 `base_rate` - 1) (at least delta itself),
    tilted towards pass->fail.
    Otherwise a normal approximation whose spread grows with the drop:
    delta = (z_{1-alpha/2} + z_power) * sqrt(SE^2 + delta (1 - delta) / n), with SE the observed
    cluster-robust standard error. `inf` when no outcome could be significant (too few pairs or clusters).
    bench/gate_simulation.py measures the power actually reached at this MDE.
    """
    d = np.asarray(diffs, dtype="float64")
    n = d.size
    _, count = _codes(clusters)
    if n == 0 or 2.0 ** (1 - count) > alpha:
        return inf
    if binary and exact_mcnemar:
        if n < mcnemar_min_discordant(alpha):
            return inf
        discordance = float(np.mean(d != 0))
        growth = 2.0 * base_rate - 1.0
        return _bisect(lambda delta: mcnemar_power(n, max(0.0, discordance + delta * growth), delta, alpha) >= power,
                       tolerance=1e-3)
    k = sps.norm.ppf(1.0 - alpha / 2.0) + sps.norm.ppf(power)
    spread = cluster_standard_error(d, clusters) ** 2
    if not binary:
        return float(k * sqrt(spread))
    return _bisect(lambda delta: delta >= k * sqrt(spread + delta * (1.0 - delta) / n))


def _bisect(reached: Callable[[float], bool], tolerance: float = 1e-4) -> float:
    low, high = 0.0, 1.0
    if not reached(high):
        return inf
    while high - low > tolerance:
        middle = (low + high) / 2.0
        low, high = (low, middle) if reached(middle) else (middle, high)
    return high


def paired_difference(base: Sequence[float], new: Sequence[float], clusters: Sequence[object], *,
                      alpha: float = 0.05, power: float = 0.8, confidence: float = 0.95, resamples: int = 2000,
                      permutations: int = 10000, seed: int = 0) -> Difference:
    """Difference of means (new - base) over paired samples with interval, p-value and MDE.

    Pass/fail outcomes with one pair per cluster get exact McNemar; anything else (several epochs,
    rewards) the within-cluster permutation test.
    """
    b, n = np.asarray(base, dtype="float64"), np.asarray(new, dtype="float64")
    if b.shape != n.shape or b.ndim != 1 or len(clusters) != b.size:
        raise ValueError("base, new and clusters must be equal-length sequences")
    if b.size == 0:
        nan = float("nan")
        return Difference(0, 0, nan, nan, nan, nan, nan, nan, "none", inf)
    _, count = _codes(clusters)
    binary = bool(np.isin(b, (0.0, 1.0)).all() and np.isin(n, (0.0, 1.0)).all())
    one_per_cluster = count == b.size
    statistic = mean_of()
    if binary and one_per_cluster:
        p_value, test = mcnemar_exact(b.astype(bool), n.astype(bool)), "mcnemar-exact"
    else:
        p_value = permutation_pvalue(b, n, clusters, _difference, statistic, permutations, seed)
        test = "permutation"
    low, high = bootstrap_interval(b, n, clusters, _difference, statistic, confidence, resamples, seed)
    mde = minimum_detectable_effect(n - b, clusters, binary=binary, exact_mcnemar=binary and one_per_cluster,
                                    alpha=alpha, power=power, base_rate=float(b.mean()))
    return Difference(int(b.size), count, float(b.mean()), float(n.mean()), float(n.mean() - b.mean()),
                      low, high, p_value, test, mde)


def paired_ratio(base: np.ndarray, new: np.ndarray, clusters: Sequence[object], statistic: Statistic, *,
                 confidence: float = 0.95, resamples: int = 2000, permutations: int = 2000, seed: int = 0) -> Ratio:
    """stat(new) / stat(base) over paired samples, with a cluster bootstrap interval and permutation p-value.

    `base`/`new` are (n,) or (n, k) arrays whose columns `statistic` reads. NaN ratio (e.g. a zero
    baseline) gives NaN interval and p-value.
    """
    b, n = _as_matrix(base), _as_matrix(new)
    _, count = _codes(clusters)
    ones = np.ones((1, b.shape[0]))
    base_value = float(statistic(b[None], ones)[0]) if b.shape[0] else float("nan")
    new_value = float(statistic(n[None], ones)[0]) if n.shape[0] else float("nan")
    ratio = new_value / base_value if base_value and np.isfinite(base_value) else float("nan")
    if not np.isfinite(ratio) or ratio <= 0:
        nan = float("nan")
        return Ratio(int(b.shape[0]), count, base_value, new_value, ratio, nan, nan, nan)
    low, high = bootstrap_interval(b, n, clusters, _ratio, statistic, confidence, resamples, seed)
    p_value = permutation_pvalue(b, n, clusters, _log_ratio, statistic, permutations, seed)
    return Ratio(int(b.shape[0]), count, base_value, new_value, ratio, low, high, p_value)


def adjust(p_values: Sequence[float], method: str = "holm") -> list[float]:
    """p-values adjusted across rows: Holm (family-wise error) or Benjamini-Hochberg (false discovery rate).

    NaN entries (rows without a test) stay NaN and do not count towards the family. Holm is the
    step-down max((m - j) * p_(j)) capped at 1; BH is scipy's `false_discovery_control` (statsmodels'
    `multipletests` gives the same numbers but forces a garbage collection per call).
    """
    if method not in CORRECTIONS:
        raise ValueError(f"unknown correction {method!r}; choose from {', '.join(CORRECTIONS)}")
    values = np.asarray(p_values, dtype="float64")
    out = values.copy()
    present = ~np.isnan(values)
    family = values[present]
    if method == "holm" and family.size > 1:
        order = np.argsort(family, kind="stable")
        stepped = np.maximum.accumulate((family.size - np.arange(family.size)) * family[order])
        adjusted = np.empty_like(family)
        adjusted[order] = np.minimum(stepped, 1.0)
        out[present] = adjusted
    elif method == "bh" and family.size > 1:
        out[present] = sps.false_discovery_control(family, method="bh")
    return [float(v) for v in out]
