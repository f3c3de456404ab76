"""The terminal leaderboard printed at the end of a run."""

from __future__ import annotations

import math

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

_COLUMNS = (("rank", "right"),
            ("model", "left"), ("suite", "left"), ("n", "right"), ("success", "right"), ("95% CI", "right"),
            ("tokens/task", "right"), ("s/task", "right"), ("$/completed task", "right"))
MIN_WIDTH = 110


def _money(value: float, priced: bool) -> str:
    if not priced:
        return "no price"
    return "n/a" if math.isnan(value) else f"${value:.4f}"


def print_leaderboard(board: pd.DataFrame, console: Console | None = None) -> None:
    """Rank (a range where intervals overlap), model, suite, n, success rate with its interval,
    tokens and seconds per task, cost per success."""
    table = Table(title="agentbench leaderboard", box=box.SIMPLE_HEAD)
    for name, justify in _COLUMNS:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in board.itertuples(index=False):
        success = f"{row.success_rate:.0%} ({row.successes}/{row.samples})"
        interval = f"{row.ci_low:.0%}-{row.ci_high:.0%}"
        rank = str(row.rank_best) if row.rank_best == row.rank_worst else f"{row.rank_best}-{row.rank_worst}"
        table.add_row(rank,
                      str(row.model), str(row.suite), str(row.samples), success, interval, f"{row.tokens_mean:,.0f}",
                      f"{row.wall_mean:.1f}", _money(float(row.cost_per_success), bool(row.priced)))
    console = console or Console(width=max(Console().width, MIN_WIDTH))
    console.print(table)
