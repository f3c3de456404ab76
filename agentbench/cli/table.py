"""The terminal leaderboard printed at the end of a run."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from agentbench.analysis.summary import SummaryRow


def print_leaderboard(rows: list[SummaryRow], console: Console | None = None) -> None:
    table = Table(title="agentbench leaderboard")
    for name, justify in (("model", "left"), ("suite", "left"), ("n", "right"), ("success", "right"),
                          ("tokens/task", "right"), ("s/task", "right"), ("failures", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in sorted(rows, key=lambda r: (r.suite, -r.success_rate, r.model)):
        failures = ", ".join(f"{k} {v}" for k, v in sorted(row.failures.items())) or "-"
        table.add_row(row.model, row.suite, str(row.n), f"{row.success_rate:.0%} ({row.successes}/{row.n})",
                      f"{row.tokens_per_task:,.0f}", f"{row.seconds_per_task:.1f}", failures)
    (console or Console()).print(table)
