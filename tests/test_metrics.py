"""Aggregates checked against values worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from report_fixtures import samples_frame

from agentbench.analysis import metrics, stats

# Wilson 95% bounds, by hand: z = 1.959964, p = 0.8, n = 10:
#   centre = (p + z^2/2n) / (1 + z^2/n) = 0.992073 / 1.384146 = 0.716740
#   half   = z * sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n) = 0.313616 / 1.384146 = 0.226577
WILSON_8_OF_10 = (0.490163, 0.943317)


def test_wilson_interval_matches_hand_computation() -> None:
    low, high = stats.wilson_interval(8, 10)
    assert low == pytest.approx(WILSON_8_OF_10[0], abs=1e-5)
    assert high == pytest.approx(WILSON_8_OF_10[1], abs=1e-5)


def test_wilson_interval_at_the_edges() -> None:
    # 0/10: upper = z^2/n / (1 + z^2/n) = 0.384146 / 1.384146
    assert stats.wilson_interval(0, 10) == pytest.approx((0.0, 0.277533), abs=1e-5)
    assert stats.wilson_interval(10, 10) == pytest.approx((0.722467, 1.0), abs=1e-5)
    for n in range(1, 300):  # the rate itself is always inside, with no rounding past it
        assert stats.wilson_interval(n, n)[1] == 1.0 and stats.wilson_interval(0, n)[0] == 0.0
    low, high = stats.wilson_interval(0, 0)
    assert math.isnan(low) and math.isnan(high)
    with pytest.raises(ValueError):
        stats.wilson_interval(3, 2)


def test_wilson_interval_narrows_with_confidence() -> None:
    narrow = stats.wilson_interval(8, 10, confidence=0.5)
    wide = stats.wilson_interval(8, 10, confidence=0.99)
    assert wide[0] < WILSON_8_OF_10[0] < narrow[0] < 0.8 < narrow[1] < WILSON_8_OF_10[1] < wide[1]


def test_pass_hat_k_and_pass_at_k_by_hand() -> None:
    # three tasks, three attempts each, with 3, 2 and 0 successes
    attempts, successes = [3, 3, 3], [3, 2, 0]
    assert stats.pass_hat_k(attempts, successes, 1) == pytest.approx((1 + 2 / 3 + 0) / 3)
    assert stats.pass_hat_k(attempts, successes, 2) == pytest.approx((1 + 1 / 3 + 0) / 3)  # C(2,2)/C(3,2) = 1/3
    assert stats.pass_hat_k(attempts, successes, 3) == pytest.approx(1 / 3)
    assert stats.pass_at_k(attempts, successes, 1) == pytest.approx(5 / 9)
    assert stats.pass_at_k(attempts, successes, 2) == pytest.approx((1 + 1 + 0) / 3)  # 1 - C(1,2)/C(3,2) = 1
    with pytest.raises(ValueError):
        stats.pass_hat_k(attempts, successes, 4)


def test_clustered_bootstrap_is_seeded_and_resamples_tasks() -> None:
    attempts, successes = [3, 4, 5, 6, 7, 3, 4, 5, 6, 7], [3, 1, 5, 0, 2, 1, 4, 2, 6, 3]
    first = stats.clustered_bootstrap_interval(attempts, successes, seed=7)
    assert first == stats.clustered_bootstrap_interval(attempts, successes, seed=7)
    assert first != stats.clustered_bootstrap_interval(attempts, successes, seed=8)
    assert 0.0 <= first[0] < sum(successes) / sum(attempts) < first[1] <= 1.0
    # every task at the same rate: every resample has that rate
    assert stats.clustered_bootstrap_interval([2, 2, 2], [1, 1, 1]) == (0.5, 0.5)


def test_clustered_bootstrap_is_wider_than_wilson_when_tasks_differ() -> None:
    # 10 tasks x 5 epochs, tasks either always pass or always fail: 50 correlated attempts
    attempts, successes = [5] * 10, [5, 0] * 5
    boot = stats.clustered_bootstrap_interval(attempts, successes)
    wilson = stats.wilson_interval(25, 50)
    assert boot[1] - boot[0] > wilson[1] - wilson[0]


def test_longest_length_above_stops_at_first_shortfall() -> None:
    rates = {1000: 1.0, 4000: 0.9, 16000: 0.8, 64000: 1.0}
    assert stats.longest_length_above(rates) == 4000
    assert stats.longest_length_above({1000: 0.5, 4000: 1.0}) is None
    assert stats.longest_length_above({1000: 0.9, 4000: 0.9}, threshold=0.9) is None  # strictly above


def test_pareto_front() -> None:
    costs = [1.0, 2.0, 0.5, 2.0, 0.5]
    rates = [0.8, 0.9, 0.5, 0.7, 0.4]
    assert stats.pareto_front(costs, rates) == [True, True, True, False, False]


def _board_samples() -> pd.DataFrame:
    rows = []
    # model A: 2 tasks x 2 epochs, 3 successes, $0.25 per attempt
    for task, outcomes in (("t1", (True, True)), ("t2", (True, False))):
        for epoch, success in enumerate(outcomes, start=1):
            rows.append({"model": "A", "suite": "s", "task_id": task, "epoch": epoch, "success": success,
                         "failure": None if success else "turn_limit", "cost_usd": 0.25,
                         "input_tokens": 100 * epoch, "output_tokens": 10, "cached_tokens": 50,
                         "wall_s": float(epoch), "working_s": 0.5 * epoch})
    # model B: 4 tasks x 1 epoch, no success, $0.10 per attempt
    for index in range(4):
        rows.append({"model": "B", "suite": "s", "task_id": f"t{index}", "success": False,
                     "failure": "verifier_failed" if index else "context_exceeded", "cost_usd": 0.10,
                     "wall_s": 2.0 + index})
    # model C: unpriced
    rows.append({"model": "C", "suite": "s", "task_id": "t1", "success": True, "cost_usd": float("nan")})
    return samples_frame(rows)


def test_leaderboard_costs_per_completed_task() -> None:
    board = metrics.leaderboard(_board_samples()).set_index("model")
    assert board.loc["A", "cost_total"] == pytest.approx(1.0)
    assert board.loc["A", "cost_per_task"] == pytest.approx(0.25)
    assert board.loc["A", "cost_per_success"] == pytest.approx(1.0 / 3)
    assert board.loc["B", "cost_total"] == pytest.approx(0.4)
    assert math.isnan(board.loc["B", "cost_per_success"])  # zero successes: n/a
    assert not board.loc["C", "priced"] and math.isnan(board.loc["C", "cost_total"])
    assert board.loc["A", "priced"] and board.loc["B", "priced"]
    assert math.isnan(metrics.cost_per_success(1.0, 0))


def test_leaderboard_success_interval_and_pass_k() -> None:
    board = metrics.leaderboard(_board_samples()).set_index("model")
    a, b = board.loc["A"], board.loc["B"]
    assert (a["tasks"], a["samples"], a["epochs"], a["successes"]) == (2, 4, 2, 3)
    assert a["success_rate"] == pytest.approx(0.75)
    assert a["ci_method"] == "bootstrap"
    # two tasks, rates 1 and 1/2: resampled pools can only be 1, 3/4 or 1/2, so the bootstrap
    # gives [0.5, 1]; widened to Wilson over the 2 tasks at the pooled 3/4, the low end drops
    z = 1.959964
    floor_low = (0.75 + z * z / 4 - z * math.sqrt(0.75 * 0.25 / 2 + z * z / 16)) / (1 + z * z / 2)
    assert (a["ci_low"], a["ci_high"]) == pytest.approx((floor_low, 1.0), abs=1e-5)
    assert a["pass_k"] == 2 and a["pass_hat_k"] == pytest.approx((1 + 0) / 2)
    assert a["pass@1"] == pytest.approx(0.75) and a["pass^2"] == pytest.approx(0.5)
    assert a["pass@2"] == pytest.approx(1.0)
    assert b["ci_method"] == "wilson"
    assert (b["ci_low"], b["ci_high"]) == pytest.approx(stats.wilson_interval(0, 4))
    assert b["pass_k"] == 1 and math.isnan(b["pass^2"])


def test_leaderboard_tokens_and_latency() -> None:
    board = metrics.leaderboard(_board_samples()).set_index("model")
    a, b = board.loc["A"], board.loc["B"]
    assert a["input_tokens_mean"] == pytest.approx(150) and a["input_tokens_total"] == 600
    assert a["cached_tokens_total"] == 200 and a["output_tokens_total"] == 40
    assert a["tokens_mean"] == pytest.approx(150 + 10)  # cached tokens are part of input
    assert a["wall_p50"] == pytest.approx(1.5) and a["working_p50"] == pytest.approx(0.75)
    assert b["wall_p50"] == pytest.approx(3.5)
    assert b["wall_p95"] == pytest.approx(2.0 + 0.95 * 3)  # linear interpolation over 2, 3, 4, 5
    assert b["wall_sd"] == pytest.approx(np.std([2, 3, 4, 5], ddof=1))
    assert math.isnan(a["ttft_p50"]) and a["retries_total"] == 0  # nothing streamed, nothing retried


def test_leaderboard_uses_streaming_columns_when_present() -> None:
    rows = [{"model": "A", "suite": "s", "task_id": f"t{i}", "ttft_s": 0.1 * (i + 1), "tpot_s": 0.02,
             "retries": i, "tool_call_anomalies": 1} for i in range(3)]
    board = metrics.leaderboard(samples_frame(rows))
    assert board.loc[0, "ttft_p50"] == pytest.approx(0.2)
    assert board.loc[0, "tpot_p95"] == pytest.approx(0.02)
    assert board.loc[0, "retries_total"] == 3 and board.loc[0, "tool_call_anomalies_total"] == 3


def test_leaderboard_orders_by_suite_then_success() -> None:
    board = metrics.leaderboard(_board_samples())
    assert list(board["model"]) == ["C", "A", "B"]
    assert list(board.columns[: len(metrics.LEADERBOARD_COLUMNS)]) == list(metrics.LEADERBOARD_COLUMNS)


def test_leaderboard_names_a_missing_column() -> None:
    with pytest.raises(ValueError, match="success"):
        metrics.leaderboard(_board_samples().drop(columns=["success"]))


def test_failures_per_model_and_suite() -> None:
    table = metrics.failures(_board_samples())
    assert table.to_dict(orient="records") == [
        {"model": "A", "suite": "s", "failure": "turn_limit", "count": 1, "share": 0.25},
        {"model": "B", "suite": "s", "failure": "verifier_failed", "count": 3, "share": 0.75},
        {"model": "B", "suite": "s", "failure": "context_exceeded", "count": 1, "share": 0.25},
    ]


def test_per_task_rows() -> None:
    table = metrics.per_task(_board_samples()).set_index(["model", "task_id"])
    assert table.loc[("A", "t2"), "attempts"] == 2
    assert table.loc[("A", "t2"), "success_rate"] == pytest.approx(0.5)
    assert table.loc[("A", "t2"), "failures"] == "turn_limit"
    assert math.isnan(table.loc[("C", "t1"), "cost_mean"])


def _grid_samples() -> pd.DataFrame:
    rows = []
    # model M: 1k all pass; 4k 4/5; 16k 3/5; 64k all pass again. N: fails already at 1k.
    plan = {"M": {1000: 5, 4000: 4, 16000: 3, 64000: 5}, "N": {1000: 2, 4000: 5}}
    for model, by_length in plan.items():
        for length, passes in by_length.items():
            for index, depth in enumerate((0, 25, 50, 75, 100)):
                rows.append({"model": model, "suite": "long_context", "task_id": f"niah-{length}-{index}",
                             "success": index < passes, "context_tokens": length, "depth": depth})
    rows.append({"model": "M", "suite": "tool_use", "task_id": "other"})
    return samples_frame(rows)


def test_effective_length_ruler_threshold() -> None:
    table = metrics.effective_length(_grid_samples()).set_index("model")
    assert table.loc["M", "effective_length"] == 1000  # 4k at 80% is not above 85.6%
    assert table.loc["M", "longest_tested"] == 64000
    assert pd.isna(table.loc["N", "effective_length"])
    assert metrics.effective_length(_grid_samples(), threshold=0.75).set_index("model").loc[
        "M", "effective_length"] == 4000
    assert list(table.index) == ["M", "N"]  # tool_use rows have no context length


def test_length_depth_grid() -> None:
    grid = metrics.length_depth(_grid_samples())
    cell = grid[(grid["model"] == "M") & (grid["length"] == 4000) & (grid["depth"] == 100)]
    assert cell["success_rate"].tolist() == [0.0]
    assert len(grid) == 6 * 5


def _one_epoch_grid(model: str = "M", passes: int = 3, variants: int = 3) -> list[dict]:
    """Every cell of a 2 x 2 grid run once: `variants` samples per cell, the first `passes` of them pass."""
    return [
        {"model": model, "suite": "long_context", "task_id": f"v{v}", "sample_id": f"v{v}-{length}-{depth}", "epoch": 1,
         "success": v < passes, "length": length, "context_tokens": length - 150, "depth": depth}
        for length in (1024, 4096) for depth in (0.0, 0.5) for v in range(variants)
    ]


def test_a_one_epoch_grid_has_wilson_intervals_of_nonzero_width_and_no_fake_repeats() -> None:
    frame = samples_frame(_one_epoch_grid(passes=3) + _one_epoch_grid("N", passes=0) + _one_epoch_grid("H", passes=1))
    board = metrics.leaderboard(frame).set_index("model")
    for model in ("M", "N", "H"):
        row = board.loc[model]
        assert row["ci_method"] == "wilson" and row["ci_high"] - row["ci_low"] > 0.1, model
        assert row["epochs"] == 1 and row["pass_k"] == 1 and row["tasks"] == 12
    assert board.loc["M", "ci_low"] == pytest.approx(stats.wilson_interval(12, 12)[0])
    assert "pass^2" not in board.columns, "pass^k needs k real epochs, not k grid cells"
    grid = metrics.length_depth(frame)
    assert len(grid) == 3 * 4 and (grid["ci_high"] - grid["ci_low"] > 0.1).all()
    cell = grid[(grid["model"] == "H") & (grid["length"] == 1024) & (grid["depth"] == 0.0)].iloc[0]
    assert (cell["samples"], cell["success_rate"]) == (3, pytest.approx(1 / 3))
    assert (cell["ci_low"], cell["ci_high"]) == pytest.approx(stats.wilson_interval(1, 3))


def test_repeats_use_the_bootstrap_but_never_a_zero_width_interval() -> None:
    rows = [dict(r, epoch=e) for r in _one_epoch_grid(passes=3) for e in (1, 2)]
    board = metrics.leaderboard(samples_frame(rows)).set_index("model")
    row = board.loc["M"]
    assert row["ci_method"] == "bootstrap" and row["pass_k"] == 2 and row["pass^2"] == 1.0
    assert row["ci_high"] == 1.0 and row["ci_low"] <= stats.wilson_interval(12, 12)[0] < 1.0
    low, high, method = stats.success_interval([2, 2, 2], [2, 2, 2])
    assert method == "bootstrap" and high - low > 0.2


def test_depth_free_samples_stay_off_the_grid_but_count_for_effective_length() -> None:
    rows = _one_epoch_grid(passes=3) + [
        {"model": "M", "suite": "long_context", "task_id": "common_words", "sample_id": f"cw-{n}", "success": n == 1024,
         "length": n, "context_tokens": n - 150, "depth": None} for n in (1024, 4096)
    ]
    frame = samples_frame(rows)
    assert len(metrics.length_depth(frame)) == 4
    effective = metrics.effective_length(frame).set_index("model")
    assert effective.loc["M", "longest_tested"] == 4096
    strict = metrics.effective_length(frame, threshold=0.9).set_index("model")
    assert strict.loc["M", "effective_length"] == 1024, "4k pools 6 passing cells with the failed depth-free sample: 6/7"


def test_relative_effective_length_keeps_85_percent_of_the_models_own_short_score() -> None:
    rates = {1024: 1.0, 4096: 0.6, 16384: 0.52, 65536: 0.5, 131072: 0.3}
    assert stats.relative_length(rates, 4096) == 16384  # 85% of 0.6 is 0.51: 16k keeps it, 64k (0.50) does not
    assert stats.longest_length_above(rates) == 1024
    assert stats.relative_length(rates, 4096, share=0.8) == 65536
    assert stats.relative_length({4096: 0.0, 8192: 0.0}, 4096) is None


def test_by_category() -> None:
    table = metrics.by_category(samples_frame([
        {"model": "A", "task_id": "a", "category": "logs", "success": True},
        {"model": "A", "task_id": "b", "category": "logs", "success": False},
        {"model": "A", "task_id": "c", "category": None, "success": True},
    ]))
    assert table[["category", "attempts", "successes", "success_rate"]].to_dict(orient="records") == [
        {"category": "(none)", "attempts": 1, "successes": 1, "success_rate": 1.0},
        {"category": "logs", "attempts": 2, "successes": 1, "success_rate": 0.5},
    ]
