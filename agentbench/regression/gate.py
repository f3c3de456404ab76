"""Thresholds and verdicts: which measured changes are regressions.

A row regresses when its change is statistically significant after correction across rows
(adjusted p < alpha) and larger than the tolerated amount: a success drop of more than
`max_drop` points, or an increase of a gated ratio metric (cost per completed task, p95 TTFT...)
by more than its allowed fraction. A change that is significant but within tolerance, or not
significant, never fails. A success row whose minimum detectable effect exceeds `max_drop` is
`underpowered`: the gate could not have seen a drop of that size (it fails only with
`fail_underpowered`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from agentbench import yaml_text
from agentbench.regression.compare import RATIO_METRICS, Comparison, Options
from agentbench.text_files import TextFileError

REGRESSED = "regressed"
IMPROVED = "improved"
NO_CHANGE = "no significant change"
UNDERPOWERED = "underpowered"
WITHIN = "within tolerance"
INCREASED = "increased (not gated)"
NOT_MEASURED = "not measured"

SUCCESS = "success"
DEFAULT_MAX_INCREASE: dict[str, float | None] = {"cost_per_completed_task": 0.20, "ttft_p95": 0.30}


@dataclass(frozen=True)
class Thresholds:
    """Tolerances: success drop in points, and per ratio metric the allowed increase as a fraction (None: not gated)."""

    max_drop: float = 5.0
    max_increase: Mapping[str, float | None] = field(default_factory=lambda: dict(DEFAULT_MAX_INCREASE))
    fail_underpowered: bool = False

    def gated(self, metric: str) -> bool:
        return metric == SUCCESS or self.max_increase.get(metric) is not None


@dataclass(frozen=True)
class Check:
    """One model x suite x metric: its verdict, whether it can fail the gate, and its numbers in one sentence."""

    model: str
    suite: str
    metric: str
    verdict: str
    gated: bool
    failed: bool
    summary: str


def parse_fraction(value: str | float | bool | None) -> float | None:
    """'20%', '20' or 20 -> 0.20; 'off'/'none'/None (or YAML's false) -> None (not gated)."""
    if value is None or value is False or str(value).strip().lower() in ("off", "none", ""):
        return None
    text = str(value).strip().removesuffix("%")
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"expected a percentage like 20% or 'off', got {value!r}") from None
    if number < 0 or math.isnan(number):
        raise ValueError(f"a percentage must be >= 0, got {value!r}")
    return number / 100.0


def load_settings(path: Path | None) -> tuple[Thresholds, dict[str, Any]]:
    """Thresholds and test options from a YAML file (keys: max_drop, alpha, correction, max_cost_increase,
    max_p95_ttft_increase, max_increase: {metric: pct}, fail_underpowered); defaults without a file."""
    if path is None:
        return Thresholds(), {}
    try:
        raw = yaml_text.read_yaml(path) or {}
    except TextFileError as exc:
        raise ValueError(f"{path}: thresholds file: {exc}") from None
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: expected a mapping of threshold names to values")
    known = {"max_drop", "alpha", "correction", "max_cost_increase", "max_p95_ttft_increase", "max_increase",
             "fail_underpowered"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValueError(f"{path}: unknown threshold {unknown[0]!r}; known: {', '.join(sorted(known))}")
    increases: dict[str, float | None] = dict(DEFAULT_MAX_INCREASE)
    for metric, value in (raw.get("max_increase") or {}).items():
        if metric not in RATIO_METRICS:
            raise ValueError(f"{path}: max_increase: unknown metric {metric!r}; known: {', '.join(RATIO_METRICS)}")
        increases[metric] = parse_fraction(value)
    for key, metric in (("max_cost_increase", "cost_per_completed_task"), ("max_p95_ttft_increase", "ttft_p95")):
        if key in raw:
            increases[metric] = parse_fraction(raw[key])
    thresholds = Thresholds(max_drop=float(raw.get("max_drop", 5.0)), max_increase=increases,
                            fail_underpowered=bool(raw.get("fail_underpowered", False)))
    options = {key: raw[key] for key in ("alpha", "correction") if key in raw}
    return thresholds, options


def with_overrides(thresholds: Thresholds, *, max_drop: float | None = None, cost: str | None = None,
                   ttft: str | None = None, fail_underpowered: bool | None = None) -> Thresholds:
    """Flags given on the command line win over the file."""
    increases = dict(thresholds.max_increase)
    if cost is not None:
        increases["cost_per_completed_task"] = parse_fraction(cost)
    if ttft is not None:
        increases["ttft_p95"] = parse_fraction(ttft)
    return replace(thresholds, max_drop=thresholds.max_drop if max_drop is None else max_drop, max_increase=increases,
                   fail_underpowered=thresholds.fail_underpowered if fail_underpowered is None else fail_underpowered)


def evaluate(comparison: Comparison, thresholds: Thresholds, options: Options) -> list[Check]:
    """A verdict for every success row and every ratio row, in model, suite, metric order."""
    checks = [success_check(row, thresholds, options) for row in comparison.success.to_dict("records")]
    checks += [_ratio_check(row, thresholds, options) for row in comparison.ratios.to_dict("records")]
    order = {name: i for i, name in enumerate((SUCCESS, *RATIO_METRICS))}
    return sorted(checks, key=lambda c: (c.model, c.suite, order[c.metric]))


def passed(checks: list[Check]) -> bool:
    """The gate passes when no gated check regressed."""
    return not any(check.failed for check in checks)


def _p(row: Mapping[str, Any], options: Options) -> str:
    adjusted = "" if options.correction == "none" else f", {options.correction}-adjusted {row['p_adjusted']:.3g}"
    return f"p={row['p_value']:.3g}{adjusted}"


def success_check(row: Mapping[str, Any], thresholds: Thresholds, options: Options) -> Check:
    """The verdict of one success row (a `Comparison.success` record)."""
    significant = row["p_adjusted"] < options.alpha
    drop = -100.0 * row["diff"]
    mde = 100.0 * row["mde"]
    if significant and row["diff"] < 0:
        verdict = REGRESSED if drop > thresholds.max_drop else WITHIN
    elif significant and row["diff"] > 0:
        verdict = IMPROVED
    else:
        verdict = UNDERPOWERED if mde > thresholds.max_drop else NO_CHANGE
    mde_text = "none detectable" if math.isinf(mde) else f"{mde:.1f} pts"
    summary = (f"success {100 * row['base']:.1f}% -> {100 * row['new']:.1f}% ({100 * row['diff']:+.1f} pts, "
               f"{100 * options.confidence:.0f}% CI {100 * row['ci_low']:+.1f} to {100 * row['ci_high']:+.1f}; "
               f"{row['test']} {_p(row, options)}; MDE {mde_text} at power {options.power}; "
               f"max drop {thresholds.max_drop:g} pts; n={row['pairs']} pairs in {row['clusters']} samples)")
    failed = verdict == REGRESSED or (verdict == UNDERPOWERED and thresholds.fail_underpowered)
    return Check(row["model"], row["suite"], SUCCESS, verdict, True, failed, summary)


def _ratio_check(row: Mapping[str, Any], thresholds: Thresholds, options: Options) -> Check:
    metric = row["metric"]
    limit = thresholds.max_increase.get(metric)
    label = metric.replace("_", " ")
    if not math.isfinite(row["ratio"]) or math.isnan(row["p_adjusted"]):
        reason = "no pairs with this measurement" if row["pairs"] == 0 else "baseline value is zero or missing"
        return Check(row["model"], row["suite"], metric, NOT_MEASURED, limit is not None, False, f"{label}: {reason}")
    significant = row["p_adjusted"] < options.alpha
    if significant and row["ratio"] > 1:
        verdict = (REGRESSED if row["ratio"] - 1 > limit else WITHIN) if limit is not None else INCREASED
    elif significant and row["ratio"] < 1:
        verdict = IMPROVED
    else:
        verdict = NO_CHANGE
    allowed = f"; max increase {100 * limit:g}%" if limit is not None else ""
    summary = (f"{label} {row['base']:.4g} -> {row['new']:.4g} (x{row['ratio']:.3f}, "
               f"{100 * options.confidence:.0f}% CI x{row['ci_low']:.3f} to x{row['ci_high']:.3f}; "
               f"permutation {_p(row, options)}{allowed}; n={row['pairs']} pairs in {row['clusters']} samples)")
    return Check(row["model"], row["suite"], metric, verdict, limit is not None, verdict == REGRESSED, summary)
