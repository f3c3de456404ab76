"""The paired statistics behind the gate, checked by hand and against scipy/statsmodels."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests

from agentbench.analysis import paired


def _pairs(both: int, base_only: int, new_only: int, neither: int) -> tuple[list[bool], list[bool]]:
    base = [True] * both + [True] * base_only + [False] * new_only + [False] * neither
    new = [True] * both + [False] * base_only + [True] * new_only + [False] * neither
    return base, new


def test_mcnemar_by_hand_and_against_statsmodels() -> None:
    # 6 pass->fail, 1 fail->pass: exact p = 2 * P(Bin(7, 1/2) <= 1) = 2 * 8 / 128
    base, new = _pairs(10, 6, 1, 3)
    assert paired.mcnemar_exact(base, new) == pytest.approx(0.125)
    assert paired.mcnemar_exact(base, new) == pytest.approx(mcnemar([[10, 6], [1, 3]], exact=True).pvalue)
    assert paired.mcnemar_exact(base, new) == pytest.approx(sps.binomtest(1, 7).pvalue)
    # six discordant pairs all one way is the smallest table significant at 0.05 (2 / 64)
    assert paired.mcnemar_exact(*_pairs(0, 6, 0, 0)) == pytest.approx(2 / 64)
    assert paired.mcnemar_exact(*_pairs(0, 5, 0, 0)) == pytest.approx(2 / 32)
    assert paired.mcnemar_min_discordant(0.05) == 6
    assert paired.mcnemar_exact(*_pairs(4, 0, 0, 4)) == 1.0


def test_paired_test_is_not_the_unpaired_one() -> None:
    """The lazy answer (a two-proportion test on paired data) sees 60% vs 40% on 20 as noise; the pairs
    (8 pass->fail, 4 kept, none improved) are significant."""
    base, new = _pairs(4, 8, 0, 8)
    result = paired.paired_difference(np.array(base, float), np.array(new, float), list(range(20)))
    assert result.test == "mcnemar-exact" and result.p_value == pytest.approx(2 / 256)
    unpaired = sps.fisher_exact([[12, 8], [4, 16]]).pvalue
    assert unpaired > 0.01 and result.p_value < 0.01
    assert result.diff == pytest.approx(-0.4)


def test_cluster_permutation_exact_by_hand() -> None:
    # three clusters, each a drop: of the 8 swaps only all-kept and all-swapped are as extreme
    base = np.array([1, 1, 1, 1, 1, 1], float)
    new = np.array([0, 1, 0, 1, 0, 1], float)
    clusters = [0, 0, 1, 1, 2, 2]
    p = paired.permutation_pvalue(base, new, clusters, lambda n, b: n - b, paired.mean_of())
    assert p == pytest.approx(2 / 8)
    result = paired.paired_difference(base, new, clusters)
    assert result.test == "permutation" and result.p_value == pytest.approx(0.25)
    assert math.isinf(result.mde)  # 3 clusters can never reach p < 0.05


def test_permutation_matches_scipy_with_one_pair_per_cluster() -> None:
    rng = np.random.default_rng(3)
    base, new = rng.random(9), rng.random(9) + 0.3
    ours = paired.permutation_pvalue(base, new, list(range(9)), lambda n, b: n - b, paired.mean_of())
    theirs = sps.permutation_test((new, base), lambda x, y: np.mean(x - y), permutation_type="samples",
                                  n_resamples=np.inf).pvalue
    assert ours == pytest.approx(theirs)


def test_cluster_bootstrap_against_scipy_and_by_hand() -> None:
    rng = np.random.default_rng(5)
    base, new = rng.random(40), rng.random(40)
    ours = paired.bootstrap_interval(base, new, list(range(40)), lambda n, b: n - b, paired.mean_of(),
                                     resamples=20000, seed=1)
    theirs = sps.bootstrap((new, base), lambda x, y: np.mean(x) - np.mean(y), paired=True, method="percentile",
                           n_resamples=20000, rng=np.random.default_rng(2)).confidence_interval
    assert ours[0] == pytest.approx(theirs.low, abs=0.02) and ours[1] == pytest.approx(theirs.high, abs=0.02)
    # one cluster: every resample is the whole data, so the interval is the point
    one = paired.bootstrap_interval(base[:4], new[:4], [0] * 4, lambda n, b: n - b, paired.mean_of())
    assert one[0] == pytest.approx(new[:4].mean() - base[:4].mean()) == pytest.approx(one[1])


def test_resampling_moves_whole_clusters() -> None:
    """Three epochs of 10 samples that repeat exactly carry the information of 10, not 30: the clustered
    interval must be as wide as the one of the 10, and wider than treating the 30 as independent."""
    rng = np.random.default_rng(8)
    base10, new10 = rng.random(10), rng.random(10)
    base30, new30 = np.repeat(base10, 3), np.repeat(new10, 3)
    diff = lambda n, b: n - b  # noqa: E731
    ten = paired.bootstrap_interval(base10, new10, list(range(10)), diff, paired.mean_of(), seed=1)
    clustered = paired.bootstrap_interval(base30, new30, np.repeat(np.arange(10), 3).tolist(), diff,
                                          paired.mean_of(), seed=1)
    naive = paired.bootstrap_interval(base30, new30, list(range(30)), diff, paired.mean_of(), seed=1)
    assert clustered == pytest.approx(ten)
    assert naive[1] - naive[0] < 0.75 * (clustered[1] - clustered[0])


def test_mde_floor_is_exact_for_mcnemar() -> None:
    n = 35
    mde = paired.minimum_detectable_effect(np.zeros(n), list(range(n)), binary=True, exact_mcnemar=True)
    assert sps.binom.sf(5, n, mde) >= 0.8 > sps.binom.sf(5, n, mde - 0.01)
    assert math.isinf(paired.minimum_detectable_effect(np.zeros(5), list(range(5)), binary=True, exact_mcnemar=True))
    # observed discordance only widens it
    noisy = np.array([1.0, -1.0] * 10 + [0.0] * 15)
    assert paired.minimum_detectable_effect(noisy, list(range(n)), binary=True, exact_mcnemar=True) > mde


def test_mcnemar_power_against_brute_force() -> None:
    def brute(pairs: int, discordance: float, drop: float) -> float:
        total = max(discordance, drop)
        towards_fail = (total + drop) / (2 * total)
        power = 0.0
        for discordant in range(1, pairs + 1):
            for fails in range(discordant + 1):
                p = mcnemar([[0, fails], [discordant - fails, 0]], exact=True).pvalue
                if p < 0.05:
                    power += sps.binom.pmf(discordant, pairs, total) * sps.binom.pmf(fails, discordant, towards_fail)
        return power

    for case in ((20, 0.0, 0.3), (20, 0.2, 0.1), (30, 0.3, 0.15), (25, 0.1, 0.2)):
        assert paired.mcnemar_power(*case) == pytest.approx(brute(*case))


def test_ratio_and_quantile() -> None:
    rng = np.random.default_rng(1)
    cost = rng.gamma(2.0, 1.0, 60)
    success = (rng.random(60) < 0.7).astype(float)
    base, new = np.c_[cost, success], np.c_[cost * 1.3, success]
    result = paired.paired_ratio(base, new, np.repeat(np.arange(20), 3).tolist(), paired.ratio_of_sums())
    assert result.ratio == pytest.approx(1.3) and result.ci_low == pytest.approx(1.3)
    assert result.p_value < 0.01
    values = np.array([[[1.0], [2.0], [3.0], [4.0], [10.0]]])
    for q in (0.0, 0.5, 0.95, 1.0):
        assert paired.quantile_of(q)(values, np.ones((1, 5)))[0] == np.quantile(values[0, :, 0], q,
                                                                               method="inverted_cdf")
    zero = paired.paired_ratio(np.zeros(4), np.ones(4), list(range(4)), paired.mean_of())
    assert math.isnan(zero.ratio) and math.isnan(zero.p_value)


def test_corrections_match_statsmodels() -> None:
    p = np.random.default_rng(2).random(9) ** 3
    assert paired.adjust(p, "holm") == pytest.approx(list(multipletests(p, method="holm")[1]))
    assert paired.adjust(p, "bh") == pytest.approx(list(multipletests(p, method="fdr_bh")[1]))
    assert paired.adjust([0.01, float("nan"), 0.03], "holm")[2] == pytest.approx(0.03)
    assert paired.adjust([0.01, 0.03], "none") == [0.01, 0.03]
    with pytest.raises(ValueError, match="unknown correction"):
        paired.adjust([0.1], "bonferonni")


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="equal-length"):
        paired.paired_difference([1.0, 0.0], [1.0], [0, 1])
    with pytest.raises(ValueError, match="pair up"):
        paired.mcnemar_exact([True], [True, False])
    with pytest.raises(ValueError, match="quantile"):
        paired.quantile_of(1.5)
    empty = paired.paired_difference([], [], [])
    assert empty.pairs == 0 and math.isinf(empty.mde)
