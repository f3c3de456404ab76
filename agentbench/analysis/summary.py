"""Per model and suite aggregates of the samples table (summary.json and the terminal table)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class SummaryRow:
    model: str
    suite: str
    n: int
    successes: int
    success_rate: float
    mean_reward: float
    tokens_per_task: float
    seconds_per_task: float
    cost_usd: float
    cost_per_success_usd: float | None
    failures: dict[str, int]


def summarize(samples: pd.DataFrame) -> list[SummaryRow]:
    """One row per (model, suite), in the order models and suites first appear."""
    rows = []
    for (model, suite), group in samples.groupby(["model", "suite"], sort=False):
        successes = int(group["success"].sum())
        cost = float(group["cost_usd"].sum())
        rows.append(
            SummaryRow(
                model=str(model),
                suite=str(suite),
                n=len(group),
                successes=successes,
                success_rate=successes / len(group),
                mean_reward=float(group["reward"].mean()),
                tokens_per_task=float((group["input_tokens"] + group["output_tokens"]).mean()),
                seconds_per_task=float(group["wall_s"].mean()),
                cost_usd=cost,
                cost_per_success_usd=cost / successes if successes else None,
                failures={str(k): int(v) for k, v in group["failure"].dropna().value_counts().items()},
            )
        )
    return rows
