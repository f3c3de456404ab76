"""The terminal leaderboard printed at the end of a run."""

from __future__ import annotations

import math

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

from agentbench.analysis.reference import REFERENCE_NOTE, any_reference, model_label

_COLUMNS = (("rank", "right"),
            ("model", "left"), ("suite", "left"), ("n", "right"), ("success", "right"), ("95% CI", "right"),
            ("mean reward", "right"), ("tokens/task", "right"), ("wall s/task", "right"), ("$/completed task", "right"),
            ("failures", "left"))
MIN_WIDTH = 160


def _money(value: float, priced: bool) -> str:
    if not priced:
        return "no price"
    return "n/a" if math.isnan(value) else f"${value:.4f}"


def _failures(failures: pd.DataFrame, model: str, suite: str) -> str:
    rows = failures[(failures["model"] == model) & (failures["suite"] == suite)] if len(failures) else failures
    return ", ".join(f"{r.failure} {r.count}" for r in rows.sort_values("count", ascending=False).itertuples()) or "-"


def print_leaderboard(board: pd.DataFrame, failures: pd.DataFrame, console: Console | None = None) -> None:
    """Rank (a range where intervals overlap), model, suite, n, success rate with its interval, mean reward (partial credit), tokens and
    seconds per task, cost per success, and failures by category."""
    table = Table(title="agentbench leaderboard", box=box.SIMPLE_HEAD)
    for name, justify in _COLUMNS:
        table.add_column(name, justify=justify, no_wrap=name != "failures")  # type: ignore[arg-type]
    for row in board.itertuples(index=False):
        success = f"{row.success_rate:.0%} ({row.successes}/{row.samples})" if row.samples else "-"
        if getattr(row, "infra_failures", 0):
            success += f" +{row.infra_failures} infra"  # not the model's failures: kept out of the rate
        interval = f"{row.ci_low:.0%}-{row.ci_high:.0%}"
        rank = str(row.rank_best) if row.rank_best == row.rank_worst else f"{row.rank_best}-{row.rank_worst}"
        table.add_row(rank, model_label(str(row.model)), str(row.suite), str(row.samples), success, interval, f"{row.reward_mean:.2f}",
                      f"{row.tokens_mean:,.0f}", f"{row.wall_mean:.1f}", _money(float(row.cost_per_success), bool(row.priced)),
                      _failures(failures, str(row.model), str(row.suite)))
    if any_reference(board["model"]):
        table.caption = REFERENCE_NOTE
    console = console or Console(width=max(Console().width, MIN_WIDTH))
    console.print(table)
