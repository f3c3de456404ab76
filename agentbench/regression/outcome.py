"""Compare two runs end to end: load both sides, refuse if not comparable, measure, judge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from agentbench.regression import comparability
from agentbench.regression.compare import Comparison, Options, compare
from agentbench.regression.gate import Check, Thresholds, evaluate, passed
from agentbench.regression.render import markdown
from agentbench.regression.runs import ComparisonError, Side, load_side


@dataclass(frozen=True)
class Outcome:
    """Both sides, every measured change, a verdict per row, and what could not be checked."""

    base: Side
    new: Side
    comparison: Comparison
    checks: list[Check]
    notes: list[str]
    thresholds: Thresholds
    options: Options

    @property
    def passed(self) -> bool:
        return passed(self.checks)

    def markdown(self, gate: bool = True) -> str:
        return markdown(self.checks, self.comparison, self.thresholds, self.options, self.base.label,
                        self.new.label, self.notes, gate)

    def failures(self) -> list[str]:
        """One line per regression, as the JUnit failure messages read."""
        return [f"{c.model} / {c.suite} / {c.metric}: {c.verdict}: {c.summary}" for c in self.checks if c.failed]


def compare_runs(base: str | Path, new: str | Path, *, thresholds: Thresholds | None = None,
                 options: Options | None = None, allow: Sequence[str] = (),
                 results_dir: Path = Path("results")) -> Outcome:
    """Compare NEW against BASE (run folders or baseline names); ComparisonError if they are not comparable.

    Without `thresholds`/`options` the defaults apply (max drop 5 points, alpha 0.05, Holm)."""
    thresholds, options = thresholds or Thresholds(), options or Options()
    base_side, new_side = load_side(base, results_dir), load_side(new, results_dir)
    shared = set(base_side.samples["model"].astype(str)) & set(new_side.samples["model"].astype(str))
    if not shared:
        raise ComparisonError(f"no model in common: {base_side.label} has "
                              f"{', '.join(sorted(set(base_side.samples['model'].astype(str))))}, {new_side.label} has "
                              f"{', '.join(sorted(set(new_side.samples['model'].astype(str))))}")
    provenance = comparability.check(base_side.config, new_side.config, shared)
    blocking = provenance.blocking(allow)
    if blocking:
        raise ComparisonError(comparability.refusal_message(blocking))
    allowed = [f"allowed difference: {detail}" for kind, detail in provenance.refusals if kind in set(allow)]
    try:
        comparison = compare(base_side.samples, new_side.samples, options)
    except ValueError as exc:
        raise ComparisonError(str(exc)) from None
    checks = evaluate(comparison, thresholds, options)
    return Outcome(base_side, new_side, comparison, checks, [*allowed, *provenance.notes], thresholds, options)
