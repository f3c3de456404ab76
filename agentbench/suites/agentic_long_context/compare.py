"""In context vs agentic retrieval of the same needles, per model and length, and the length at which
searching starts to beat stuffing the context.

Only samples both suites ran are compared (same model, same `sample_id`: the same spec, so the same
seed, grid cell, haystack and needles), so a difference is the mode's, not the data's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from agentbench.analysis import stats

IN_CONTEXT = "long_context"
AGENTIC = "agentic_long_context"
MODES = {IN_CONTEXT: "in context", AGENTIC: "agentic"}

COLUMNS = ["model", "length", "mode", "samples", "successes", "success_rate", "ci_low", "ci_high", "ci_method",
           "tokens_mean", "wall_mean", "cost_per_success", "tokens_per_success", "priced"]


def paired(samples: pd.DataFrame) -> pd.DataFrame:
    """Rows of the two suites whose (model, sample_id) both suites have."""
    both = samples[samples["suite"].isin(list(MODES)) & samples["length"].notna()]
    keys = both.groupby(["model", "sample_id"])["suite"].nunique()
    shared = keys[keys == len(MODES)].index
    return both.set_index(["model", "sample_id"]).loc[lambda f: f.index.isin(shared)].reset_index()


def by_length(samples: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Per model, length and mode: success with its interval (samples as clusters, epochs as repeats),
    mean tokens and wall time per attempt, cost and tokens per completed task."""
    frame = paired(samples)
    rows = []
    for (model, length, suite), group in frame.groupby(["model", "length", "suite"], sort=True):
        per_sample = group.groupby("sample_id")["success"].agg(["size", "sum"])
        low, high, method = stats.success_interval(per_sample["size"].tolist(), per_sample["sum"].astype(int).tolist(), confidence)
        successes = int(group["success"].sum())
        tokens = (group["input_tokens"] + group["output_tokens"]).astype(float)
        priced = bool(group["cost_usd"].notna().all())
        rows.append({
            "model": model, "length": int(length), "mode": MODES[suite], "samples": len(group), "successes": successes,
            "success_rate": successes / len(group), "ci_low": low, "ci_high": high, "ci_method": method,
            "tokens_mean": float(tokens.mean()), "wall_mean": float(group["wall_s"].astype(float).mean()),
            "cost_per_success": float(group["cost_usd"].sum()) / successes if priced and successes else np.nan,
            "tokens_per_success": float(tokens.sum()) / successes if successes else np.nan, "priced": priced,
        })
    return pd.DataFrame(rows, columns=COLUMNS)


@dataclass(frozen=True)
class Advice:
    """For one model: the length from which searching beats stuffing (None: never within the tested lengths)."""

    model: str
    switch_at: int | None
    lengths: tuple[int, ...]
    firm: bool
    """The intervals at `switch_at` do not overlap (the difference is more than noise)."""


def _searching_wins(stuffed: pd.Series, searched: pd.Series) -> bool:
    """More successes, or as many for less (dollars when both are priced and differ, else tokens)."""
    if searched["success_rate"] != stuffed["success_rate"]:
        return bool(searched["success_rate"] > stuffed["success_rate"])
    if searched["successes"] == 0:
        return False
    dollars = [stuffed["cost_per_success"], searched["cost_per_success"]]
    if not any(pd.isna(d) for d in dollars) and dollars[0] != dollars[1]:
        return bool(dollars[1] < dollars[0])
    return bool(searched["tokens_per_success"] < stuffed["tokens_per_success"])


def advice(table: pd.DataFrame) -> list[Advice]:
    """Per model: the shortest tested length from which searching wins at that and every longer length."""
    found = []
    for model, rows in table.groupby("model", sort=True):
        modes = {mode: group.set_index("length") for mode, group in rows.groupby("mode")}
        lengths = sorted(int(length) for length in modes["in context"].index)  # `paired` gives each length both modes
        switch: int | None = None
        for length in reversed(lengths):
            if not _searching_wins(modes["in context"].loc[length], modes["agentic"].loc[length]):
                break
            switch = length
        firm = switch is not None and bool(modes["agentic"].loc[switch, "ci_low"] > modes["in context"].loc[switch, "ci_high"])
        found.append(Advice(str(model), switch, tuple(lengths), firm))
    return found
