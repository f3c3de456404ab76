"""The leaderboard does not over-claim: overlapping intervals tie, and every percentage shows its n."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from agentbench.analysis.metrics import leaderboard
from agentbench.analysis.stats import rank_ranges
from agentbench.report import write_markdown

BASELINE = Path(__file__).resolve().parents[1] / "results" / "baselines" / "default" / "samples.parquet"


def test_rank_ranges_by_hand() -> None:
    # A is clearly best; B and D overlap each other (tie for 2-3); C is clearly last
    assert rank_ranges([0.8, 0.5, 0.1, 0.45], [0.95, 0.7, 0.3, 0.6]) == [(1, 1), (2, 3), (4, 4), (2, 3)]
    assert rank_ranges([float("nan"), 0.2], [float("nan"), 0.4]) == [(1, 2), (1, 2)]
    assert rank_ranges([], []) == []


def _frame(model: str, successes: int, n: int) -> pd.DataFrame:
    return pd.DataFrame({"model": model, "suite": "tool_use", "task_id": [f"t{i}" for i in range(n)],
                         "epoch": 1, "success": [i < successes for i in range(n)]})


def test_leaderboard_ties_small_samples_and_separates_large_ones(tmp_path: Path) -> None:
    small = leaderboard(pd.concat([_frame("a", 3, 3), _frame("b", 0, 3)]))
    assert small[["rank_best", "rank_worst"]].values.tolist() == [[1, 2], [1, 2]]  # 3 tasks prove nothing
    large = leaderboard(pd.concat([_frame("a", 90, 100), _frame("b", 10, 100)]))
    assert large[["model", "rank_best", "rank_worst"]].values.tolist() == [["a", 1, 1], ["b", 2, 2]]
    lines = write_markdown(small, tmp_path / "board.md").read_text().splitlines()
    assert lines[2].startswith("| 1-2 | a | tool_use |") and "100.0% (3/3)" in lines[2]


def test_committed_baseline_reads_as_a_tie() -> None:
    board = leaderboard(pd.read_parquet(BASELINE))
    tool_use = board[board["suite"] == "tool_use"]  # 3 tasks: every interval overlaps every other
    assert len(tool_use) == 4 and (tool_use["rank_best"] == 1).all() and (tool_use["rank_worst"] == 4).all()
