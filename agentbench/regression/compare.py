"""Pair two runs' samples and measure every change per model x suite (and per model overall).

Samples pair on (model, suite, task_id, sample_id, epoch); only pairs count. Each pair's
cluster is its sample (suite, task_id, sample_id): every epoch of one sample moves together in
resampling. Success and reward are paired differences (`paired.paired_difference`); cost per
completed task, tokens per task and latency quantiles are ratios new / base with a cluster
bootstrap interval and a within-cluster permutation p-value (`paired.paired_ratio`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from agentbench.analysis import paired
from agentbench.analysis.metrics import prepare

KEY = ["model", "suite", "task_id", "sample_id", "epoch"]
OVERALL = "(all)"
"""The suite name of a model's row pooled over every suite (shown when a model ran several)."""

RATIO_METRICS: dict[str, tuple[tuple[str, ...], paired.Statistic, str]] = {
    "cost_per_completed_task": (("cost_usd", "success"), paired.ratio_of_sums(0, 1), "total $ / successes"),
    "tokens_per_task": (("tokens",), paired.mean_of(0), "mean input + output tokens per sample"),
    "wall_p50": (("wall_s",), paired.quantile_of(0.50), "median wall seconds per sample"),
    "wall_p95": (("wall_s",), paired.quantile_of(0.95), "95th percentile wall seconds per sample"),
    "ttft_p50": (("ttft_s",), paired.quantile_of(0.50), "median of per-sample mean time to first token"),
    "ttft_p95": (("ttft_s",), paired.quantile_of(0.95), "95th percentile of the same"),
    "tpot_p50": (("tpot_s",), paired.quantile_of(0.50), "median of per-sample mean time per output token"),
    "tpot_p95": (("tpot_s",), paired.quantile_of(0.95), "95th percentile of the same"),
}
"""Ratio metric -> (columns it reads, statistic, what it is)."""


@dataclass(frozen=True)
class Options:
    """How to test: level, power for the MDE, correction across rows, resampling sizes and seed."""

    alpha: float = 0.05
    power: float = 0.8
    confidence: float = 0.95
    correction: str = "holm"
    resamples: int = 2000
    permutations: int = 10000
    seed: int = 0

    def __post_init__(self) -> None:
        if not 0.0 < self.alpha < 1.0 or not 0.0 < self.power < 1.0:
            raise ValueError(f"alpha and power must be in (0, 1), got {self.alpha} and {self.power}")
        paired.adjust([], self.correction)


@dataclass(frozen=True)
class Comparison:
    """Every measured change. Each table has model, suite, then its numbers; `p_adjusted` is corrected
    across the rows of one metric (Holm or Benjamini-Hochberg, see Options.correction)."""

    success: pd.DataFrame
    reward: pd.DataFrame
    ratios: pd.DataFrame
    flips: pd.DataFrame
    base_only: int
    new_only: int


def pair(base: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """Paired samples (columns suffixed _base and _new) and the counts of samples found on one side only."""
    sides = []
    for frame in (base, new):
        frame = prepare(frame)
        frame["tokens"] = frame[["input_tokens", "output_tokens"]].sum(axis=1, min_count=1)
        frame["reward"] = pd.to_numeric(frame.get("reward", frame["success"]), errors="coerce").fillna(0.0)
        frame = frame.astype({"model": str, "suite": str, "task_id": str, "sample_id": str, "epoch": "int64"})
        duplicated = frame.duplicated(KEY)
        if duplicated.any():
            row = frame[duplicated].iloc[0]
            raise ValueError(f"sample {row['model']}/{row['suite']}/{row['sample_id']} epoch {row['epoch']} "
                             "appears twice in one side")
        sides.append(frame[[*KEY, "success", "reward", "cost_usd", "tokens", "wall_s", "ttft_s", "tpot_s"]])
    merged = sides[0].merge(sides[1], on=KEY, how="outer", suffixes=("_base", "_new"), indicator=True)
    base_only = int((merged["_merge"] == "left_only").sum())
    new_only = int((merged["_merge"] == "right_only").sum())
    both = merged[merged["_merge"] == "both"].drop(columns="_merge").reset_index(drop=True)
    both["success_base"] = both["success_base"].astype(bool)
    both["success_new"] = both["success_new"].astype(bool)
    both["cluster"] = both["suite"] + "\x1f" + both["task_id"] + "\x1f" + both["sample_id"]
    return both, base_only, new_only


def _groups(pairs: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    groups = [(str(model), str(suite), group) for (model, suite), group in pairs.groupby(["model", "suite"], sort=True)]
    for model, group in pairs.groupby("model", sort=True):
        if group["suite"].nunique() > 1:
            groups.append((str(model), OVERALL, group))
    return groups


def compare(base: pd.DataFrame, new: pd.DataFrame, options: Options | None = None) -> Comparison:
    """Measure success, reward, cost, tokens and latency changes between two samples tables."""
    options = options or Options()
    pairs, base_only, new_only = pair(base, new)
    if pairs.empty:
        raise ValueError("the two runs share no sample (same model, suite, task, sample and epoch)")
    groups = _groups(pairs)
    success = _differences(groups, "success", options)
    reward = _differences(groups, "reward", options)
    ratios = _ratios(groups, options)
    return Comparison(success, reward, ratios, flips(pairs), base_only, new_only)


def _differences(groups: list[tuple[str, str, pd.DataFrame]], column: str, options: Options) -> pd.DataFrame:
    rows = []
    for model, suite, group in groups:
        result = paired.paired_difference(
            group[f"{column}_base"].astype("float64").to_numpy(), group[f"{column}_new"].astype("float64").to_numpy(),
            group["cluster"].tolist(), alpha=options.alpha, power=options.power, confidence=options.confidence,
            resamples=options.resamples, permutations=options.permutations, seed=options.seed)
        rows.append({"model": model, "suite": suite, **asdict(result)})
    frame = pd.DataFrame(rows)
    frame["p_adjusted"] = paired.adjust(frame["p_value"].tolist(), options.correction)
    return frame


def _ratios(groups: list[tuple[str, str, pd.DataFrame]], options: Options) -> pd.DataFrame:
    rows = []
    for metric, (columns, statistic, _) in RATIO_METRICS.items():
        for model, suite, group in groups:
            base = group[[f"{c}_base" for c in columns]].astype("float64").to_numpy()
            new = group[[f"{c}_new" for c in columns]].astype("float64").to_numpy()
            usable = ~(np.isnan(base).any(axis=1) | np.isnan(new).any(axis=1))
            result = paired.paired_ratio(base[usable], new[usable], group["cluster"][usable].tolist(), statistic,
                                         confidence=options.confidence, resamples=options.resamples,
                                         permutations=min(options.permutations, 2000), seed=options.seed)
            rows.append({"model": model, "suite": suite, "metric": metric, **asdict(result)})
    frame = pd.DataFrame(rows)
    frame["p_adjusted"] = np.nan
    for _, index in frame.groupby("metric", sort=False).groups.items():
        frame.loc[index, "p_adjusted"] = paired.adjust(frame.loc[index, "p_value"].tolist(), options.correction)
    return frame


def flips(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per task whose paired success changed: successes/attempts on each side and the direction."""
    counts = pairs.groupby(["model", "suite", "task_id"], sort=True).agg(
        attempts=("success_base", "size"), base_successes=("success_base", "sum"),
        new_successes=("success_new", "sum")).reset_index()
    changed = counts[counts["base_successes"] != counts["new_successes"]].copy()
    changed["flip"] = np.where(changed["new_successes"] < changed["base_successes"], "pass->fail", "fail->pass")
    return changed.astype({"base_successes": "int64", "new_successes": "int64"}).reset_index(drop=True)
