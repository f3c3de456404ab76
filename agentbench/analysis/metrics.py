"""Aggregates of the samples table (`samples.parquet`) that the leaderboard and report show.

Every function takes the samples table (columns in `columns.py`; the optional streaming columns
`ttft_s`, `tpot_s`, `retries`, `tool_call_anomalies` are used when present) and returns a new
DataFrame. One sample is one attempt at a task (one epoch), so "per task" means per attempt.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from agentbench.analysis import stats
from agentbench.analysis.failures import INFRASTRUCTURE_FAILURES
from agentbench.analysis.columns import numeric_columns

REQUIRED_COLUMNS: tuple[str, ...] = ("model", "suite", "task_id", "epoch", "success")
TOKEN_KINDS: tuple[str, ...] = ("input", "output", "reasoning", "cached")

LEADERBOARD_COLUMNS: dict[str, str] = {
    "model": "Model name as recorded in the run.",
    "suite": "Suite the tasks belong to.",
    "tasks": "Distinct tasks attempted (long context: distinct samples, i.e. grid cells of each variant).",
    "samples": "Attempts scored (one per task and epoch), infrastructure failures excluded.",
    "infra_failures": "Attempts that ended in endpoint_error or sandbox_error: not the model's failures, so kept out of "
                      "every other column (counted in with count_infra=True); `agentbench run --resume` retries them.",
    "epochs": "Most attempts of any one task: the real repeats (epochs).",
    "successes": "Successful attempts.",
    "success_rate": "successes / samples (samples that ended in an infrastructure failure are not counted: see infra_failures).",
    "ci_low": "Lower bound of the success-rate confidence interval.",
    "ci_high": "Upper bound of the success-rate confidence interval.",
    "ci_method": "'wilson' with one attempt per task; 'bootstrap' (percentile, resampling tasks, widened to at least "
                 "Wilson's interval over the tasks, so never zero-width) with epochs > 1.",
    "rank_best": "Best rank within the suite this row can claim: 1 + rows whose interval lies wholly above its own.",
    "rank_worst": "Worst rank within the suite: rows whose interval does not lie wholly below its own (ties overlap).",
    "pass_k": "k of pass_hat_k: the fewest attempts (epochs) any task had.",
    "pass_hat_k": "tau-bench pass^k at k = pass_k: mean over tasks of C(c,k)/C(n,k).",
    "reward_mean": "Mean reward per attempt, in [0, 1]: partial credit where a task has several checks.",
    **{f"{kind}_tokens_mean": f"Mean {kind} tokens per attempt (cached are part of input, reasoning of output)."
       for kind in TOKEN_KINDS},
    **{f"{kind}_tokens_total": f"Total {kind} tokens." for kind in TOKEN_KINDS},
    "tokens_mean": "Mean input + output tokens per attempt (input includes cached, output includes reasoning).",
    "model_calls_mean": "Mean model calls per attempt.",
    "tool_calls_mean": "Mean tool calls per attempt.",
    "wall_mean": "Mean wall-clock seconds per attempt.",
    "wall_sd": "Standard deviation of wall-clock seconds per attempt.",
    "wall_p50": "Median wall-clock seconds per attempt.",
    "wall_p95": "95th percentile of wall-clock seconds per attempt.",
    "working_p50": "Median working seconds per attempt (wall time less waiting for limits and retries).",
    "working_p95": "95th percentile of working seconds per attempt.",
    "ttft_p50": "Median over attempts of the mean time to first token of streamed calls (s); NaN if not streamed.",
    "ttft_p95": "95th percentile of the same.",
    "tpot_p50": "Median over attempts of the mean time per output token of streamed calls (s).",
    "tpot_p95": "95th percentile of the same.",
    "retries_total": "Endpoint retries over all attempts; NaN if not recorded.",
    "tool_call_anomalies_total": "Malformed or misplaced tool calls over all attempts; NaN if not recorded.",
    "priced": "Whether every attempt has a cost (False: the model has no price).",
    "cost_total": "Total dollars; NaN without a price.",
    "cost_per_task": "Mean dollars per attempt.",
    "cost_per_success": "Total dollars / successes: the cost of one completed task; NaN with no success or no price.",
}
"""The leaderboard's fixed columns. After them come `pass@k` and `pass^k` for k = 1..K, where K is the
largest `pass_k` in the table (NaN in rows whose tasks had fewer attempts)."""


def prepare(samples: pd.DataFrame) -> pd.DataFrame:
    """A copy with the required columns checked, `success` as bool and absent numeric columns as NaN."""
    missing = [column for column in REQUIRED_COLUMNS if column not in samples.columns]
    if missing:
        raise ValueError(f"samples table lacks required column(s): {', '.join(missing)}")
    frame = samples.copy()
    frame["success"] = frame["success"].fillna(False).astype(bool)
    for column in numeric_columns():
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64") if column in frame else np.nan
    for column in ("failure", "category", "difficulty"):
        if column not in frame:
            frame[column] = pd.NA
    return frame


def leaderboard(samples: pd.DataFrame, *, confidence: float = 0.95, resamples: int = 2000,
                seed: int = 0, count_infra: bool = False) -> pd.DataFrame:
    """One row per (model, suite) with the columns of LEADERBOARD_COLUMNS, then pass@k / pass^k.

    Samples that ended in an infrastructure failure (a 429 storm, a dead sandbox) are counted in
    `infra_failures` and scored in no other column, unless `count_infra`: a flaky endpoint must not
    read as a weaker model. Rows are ordered by suite, then success rate (best first), then model.
    """
    everything = prepare(samples)
    infra = everything["failure"].isin(INFRASTRUCTURE_FAILURES)
    infra_counts = infra.groupby([everything["model"], everything["suite"]]).sum()
    frame = everything if count_infra else everything[~infra]
    rows = [
        _board_row(model, suite, group, confidence, resamples, seed)
        for (model, suite), group in frame.groupby(["model", "suite"], sort=True)
    ]
    rows += [_unscored_row(model, suite) for (model, suite) in infra_counts.index
             if not ((frame["model"] == model) & (frame["suite"] == suite)).any()]
    for row in rows:
        row["infra_failures"] = int(infra_counts.get((row["model"], row["suite"]), 0))
    board = pd.DataFrame(rows, columns=list(LEADERBOARD_COLUMNS))
    top_k = int(board["pass_k"].max()) if len(board) else 0
    pass_columns: dict[str, list[float]] = {}
    groups = dict(iter(frame.groupby(["model", "suite"], sort=True)))
    for k in range(1, top_k + 1):
        at, hat = [], []
        for row in rows:
            group = groups.get((row["model"], row["suite"]))
            usable = group is not None and k <= row["pass_k"]
            attempts, successes = _per_task_counts(group) if usable else ([], [])
            at.append(stats.pass_at_k(attempts, successes, k) if usable else np.nan)
            hat.append(stats.pass_hat_k(attempts, successes, k) if usable else np.nan)
        pass_columns[f"pass@{k}"] = at
        pass_columns[f"pass^{k}"] = hat
    board = pd.concat([board, pd.DataFrame(pass_columns, index=board.index)], axis=1)
    board["pass_k"] = board["pass_k"].astype("int64")
    board = board.sort_values(["suite", "success_rate", "model"], ascending=[True, False, True], kind="stable")
    board = board.reset_index(drop=True)
    for _, index in board.groupby("suite", sort=False).groups.items():
        ranks = stats.rank_ranges(board.loc[index, "ci_low"].tolist(), board.loc[index, "ci_high"].tolist())
        board.loc[index, "rank_best"] = [best for best, _ in ranks]
        board.loc[index, "rank_worst"] = [worst for _, worst in ranks]
    return board.astype({"rank_best": "int64", "rank_worst": "int64"})


def _unscored_row(model: str, suite: str) -> dict[str, object]:
    """A (model, suite) every sample of which ended in an infrastructure failure: nothing to score."""
    row: dict[str, object] = {column: np.nan for column in LEADERBOARD_COLUMNS}
    row.update({"model": model, "suite": suite, "tasks": 0, "samples": 0, "epochs": 0, "successes": 0,
                "ci_low": 0.0, "ci_high": 1.0, "ci_method": "none", "pass_k": 0, "priced": False})
    return row


def _per_task_counts(group: pd.DataFrame) -> tuple[list[int], list[int]]:
    """Attempts and successes per cluster: a task's sample, so that only epochs are repeats
    (every long-context grid cell is its own sample of its variant's task)."""
    keys = ["task_id", "sample_id"] if "sample_id" in group else ["task_id"]
    counts = group.groupby(keys, sort=True, dropna=False)["success"].agg(["size", "sum"])
    return counts["size"].astype(int).tolist(), counts["sum"].astype(int).tolist()


def _board_row(model: str, suite: str, group: pd.DataFrame, confidence: float, resamples: int,
               seed: int) -> dict[str, object]:
    attempts, task_successes = _per_task_counts(group)
    n = len(group)
    successes = int(group["success"].sum())
    low, high, method = stats.success_interval(attempts, task_successes, confidence, resamples, seed)
    k = min(attempts)
    row: dict[str, object] = {
        "model": model, "suite": suite, "tasks": len(attempts), "samples": n, "epochs": max(attempts),
        "successes": successes, "success_rate": successes / n, "ci_low": low, "ci_high": high,
        "ci_method": method, "pass_k": k, "pass_hat_k": stats.pass_hat_k(attempts, task_successes, k),
        "reward_mean": group["reward"].mean(),
    }
    for kind in TOKEN_KINDS:
        tokens = group[f"{kind}_tokens"]
        row[f"{kind}_tokens_mean"] = tokens.mean()
        row[f"{kind}_tokens_total"] = tokens.sum(min_count=1)
    row["tokens_mean"] = _total_tokens(group).mean()
    row["model_calls_mean"] = group["model_calls"].mean()
    row["tool_calls_mean"] = group["tool_calls"].mean()
    row["wall_mean"] = group["wall_s"].mean()
    row["wall_sd"] = group["wall_s"].std()
    row["wall_p50"], row["wall_p95"] = _quantiles(group["wall_s"])
    row["working_p50"], row["working_p95"] = _quantiles(group["working_s"])
    row["ttft_p50"], row["ttft_p95"] = _quantiles(group["ttft_s"])
    row["tpot_p50"], row["tpot_p95"] = _quantiles(group["tpot_s"])
    row["retries_total"] = group["retries"].sum(min_count=1)
    row["tool_call_anomalies_total"] = group["tool_call_anomalies"].sum(min_count=1)
    priced = bool(group["cost_usd"].notna().all())
    total = float(group["cost_usd"].sum()) if priced else np.nan
    row["priced"] = priced
    row["cost_total"] = total
    row["cost_per_task"] = total / n
    row["cost_per_success"] = cost_per_success(total, successes)
    return row


def _total_tokens(group: pd.DataFrame) -> pd.Series:
    return group[["input_tokens", "output_tokens"]].sum(axis=1, min_count=1)


def cost_per_success(total_cost: float, successes: int) -> float:
    """The cost of one completed task: total cost / successes; NaN (shown as n/a) with no success."""
    return total_cost / successes if successes > 0 else np.nan


def _quantiles(values: pd.Series) -> tuple[float, float]:
    present = values.dropna().to_numpy(dtype="float64")
    if present.size == 0:
        return (np.nan, np.nan)
    p50, p95 = np.percentile(present, [50, 95])
    return (float(p50), float(p95))


def per_task(samples: pd.DataFrame) -> pd.DataFrame:
    """One row per (model, suite, task): attempts, successes, rate, mean tokens, latency, cost, failures seen."""
    frame = prepare(samples)
    rows = []
    for (model, suite, task), group in frame.groupby(["model", "suite", "task_id"], sort=True):
        wall_p50, _ = _quantiles(group["wall_s"])
        working_p50, _ = _quantiles(group["working_s"])
        seen = group["failure"].dropna().value_counts()
        rows.append({
            "model": model, "suite": suite, "task_id": task,
            "category": _first(group["category"]), "difficulty": _first(group["difficulty"]),
            "attempts": len(group), "successes": int(group["success"].sum()),
            "success_rate": float(group["success"].mean()),
            "tokens_mean": _total_tokens(group).mean(),
            "wall_p50": wall_p50, "working_p50": working_p50,
            "cost_mean": group["cost_usd"].mean() if group["cost_usd"].notna().all() else np.nan,
            "failures": ", ".join(f"{name} x{count}" if count > 1 else str(name) for name, count in seen.items()),
        })
    return pd.DataFrame(rows, columns=[
        "model", "suite", "task_id", "category", "difficulty", "attempts", "successes", "success_rate",
        "tokens_mean", "wall_p50", "working_p50", "cost_mean", "failures",
    ])


def _first(values: pd.Series) -> object:
    present = values.dropna()
    return present.iloc[0] if len(present) else pd.NA


def failures(samples: pd.DataFrame) -> pd.DataFrame:
    """One row per (model, suite, failure category) seen: count, and share of that group's attempts."""
    frame = prepare(samples)
    sizes = frame.groupby(["model", "suite"]).size().rename("attempts")
    failed = frame.dropna(subset=["failure"])
    counts = failed.groupby(["model", "suite", "failure"]).size().rename("count").reset_index()
    counts = counts.join(sizes, on=["model", "suite"])
    counts["share"] = counts["count"] / counts["attempts"]
    counts = counts.sort_values(["model", "suite", "count", "failure"], ascending=[True, True, False, True])
    return counts[["model", "suite", "failure", "count", "share"]].reset_index(drop=True)


def by_category(samples: pd.DataFrame) -> pd.DataFrame:
    """Success per (model, suite, task category): the per-suite breakdown."""
    frame = prepare(samples)
    frame["category"] = frame["category"].fillna("(none)")
    grouped = frame.groupby(["model", "suite", "category"], sort=True)["success"]
    out = grouped.agg(attempts="size", successes="sum", success_rate="mean").reset_index()
    out["successes"] = out["successes"].astype("int64")
    return out


def _lengths(frame: pd.DataFrame) -> pd.Series:
    """The grid length of each long-context row (runs before `length` was recorded: context tokens)."""
    return frame["length"].fillna(frame["context_tokens"])


def length_depth(samples: pd.DataFrame, *, confidence: float = 0.95, resamples: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Success per (model, suite, length, depth) cell, with one interval per cell over its samples
    and real epochs (`stats.success_interval`). Depth-free samples (no depth) stay off this grid."""
    frame = prepare(samples).dropna(subset=["context_tokens", "depth"])
    frame["length"] = _lengths(frame)
    cells = ["model", "suite", "length", "depth"]
    clusters = ["task_id", "sample_id"] if "sample_id" in frame else ["task_id"]
    # one grouping for every cell's per-task counts (as `_per_task_counts` gives them), not one per cell
    counts = frame.groupby(cells + clusters, sort=True, dropna=False)["success"].agg(["size", "sum"]).reset_index()
    rows = []
    for (model, suite, length, depth), cell in counts.groupby(cells, sort=True):
        attempts, successes = cell["size"].astype(int).tolist(), cell["sum"].astype(int).tolist()
        low, high, method = stats.success_interval(attempts, successes, confidence, resamples, seed)
        rows.append({"model": model, "suite": suite, "length": int(length), "depth": float(depth), "samples": len(attempts),
                     "attempts": sum(attempts), "success_rate": sum(successes) / sum(attempts), "ci_low": low,
                     "ci_high": high, "ci_method": method})
    return pd.DataFrame(rows, columns=["model", "suite", "length", "depth", "samples", "attempts", "success_rate",
                                       "ci_low", "ci_high", "ci_method"])


def effective_length(samples: pd.DataFrame, threshold: float = stats.RULER_THRESHOLD,
                     base_length: int = 4096, share: float = stats.RELATIVE_SHARE) -> pd.DataFrame:
    """Per (model, suite) with context lengths: RULER's absolute effective length at `threshold`
    (default 85.6%) and the relative one: the longest length keeping `share` (85%) of the model's
    own score at `base_length` (4k, or the shortest tested length when 4k was not run).

    Success is pooled over depths (depth-free variants included) at each grid length; each is the
    longest length up to which every tested length passes (<NA> when even the first does not).
    """
    frame = prepare(samples).dropna(subset=["context_tokens"])
    frame["length"] = _lengths(frame)
    rows = []
    for (model, suite), group in frame.groupby(["model", "suite"], sort=True):
        by_length = group.groupby("length")["success"].mean()
        rates = {int(length): float(rate) for length, rate in by_length.items()}
        base = base_length if base_length in rates else min(rates)
        rows.append({
            "model": model, "suite": suite,
            "effective_length": stats.longest_length_above(rates, threshold),
            "relative_effective_length": stats.relative_length(rates, base, share),
            "base_length": base, "base_success": rates[base],
            "longest_tested": max(rates), "threshold": threshold,
        })
    columns = ["model", "suite", "effective_length", "relative_effective_length", "base_length", "base_success",
               "longest_tested", "threshold"]
    out = pd.DataFrame(rows, columns=columns)
    for column in ("effective_length", "relative_effective_length"):
        out[column] = out[column].astype("Int64")
    out["longest_tested"] = out["longest_tested"].astype("int64")
    return out
