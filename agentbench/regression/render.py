"""The gate's outputs: JUnit XML (one test case per model x suite x metric) and Markdown for a PR comment."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from junitparser import Failure, JUnitXml, Skipped, TestCase, TestSuite

from agentbench.regression.compare import Comparison, Options
from agentbench.regression.gate import NOT_MEASURED, UNDERPOWERED, Check, Thresholds, passed

SUITE_NAME = "agentbench regression gate"
_FLIPS_SHOWN = 30


def case_name(check: Check) -> str:
    return f"{check.model} / {check.suite} / {check.metric}"


def write_junit(checks: Sequence[Check], path: Path) -> Path:
    """JUnit XML of the gated checks: failure for a regression, skipped when nothing could be concluded."""
    suite = TestSuite(SUITE_NAME)
    for check in checks:
        if not check.gated and not check.failed:
            continue
        case = TestCase(case_name(check), f"agentbench.{check.suite}.{check.model}")
        if check.failed:
            failure = Failure(f"{check.verdict}: {check.summary}", "regression")
            failure.text = check.summary
            case.result = [failure]
        elif check.verdict in (UNDERPOWERED, NOT_MEASURED):
            case.result = [Skipped(f"{check.verdict}: {check.summary}")]
        case.system_out = f"{check.verdict}: {check.summary}"
        suite.add_testcase(case)
    suite.update_statistics()
    xml = JUnitXml()
    xml.add_testsuite(suite)
    xml.update_statistics()
    path.parent.mkdir(parents=True, exist_ok=True)
    xml.write(str(path), pretty=True)
    return path


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(checks: Sequence[Check], comparison: Comparison, thresholds: Thresholds, options: Options,
             base_label: str, new_label: str, notes: Sequence[str] = (), gate: bool = True) -> str:
    """A PR comment: the verdict, every checked row with its numbers, the tasks that flipped, and the method."""
    lines = []
    if gate:
        failed = [c for c in checks if c.failed]
        lines.append(f"## agentbench gate: {'PASS' if passed(list(checks)) else 'FAIL'}"
                     f" ({len(failed)} regression(s))")
    else:
        lines.append("## agentbench compare")
    lines += ["", f"Baseline `{base_label}` vs new `{new_label}`; alpha {options.alpha}, "
              f"{options.correction} correction across rows of each metric.", ""]
    gated = [c for c in checks if c.gated]
    info = [c for c in checks if not c.gated and c.verdict != NOT_MEASURED]
    lines += _table(gated)
    if info:
        lines += ["", f"<details><summary>Not gated ({len(info)} rows: tokens, latency)</summary>", "",
                  *_table(info), "", "</details>"]
    lines += ["", *_flip_lines(comparison.flips)]
    unpaired = []
    if comparison.base_only:
        unpaired.append(f"{comparison.base_only} baseline sample(s) have no partner in the new run (not compared)")
    if comparison.new_only:
        unpaired.append(f"{comparison.new_only} new sample(s) have no partner in the baseline (not compared)")
    for note in [*unpaired, *notes]:
        lines.append(f"- note: {note}")
    lines += ["", "Success: paired difference on shared samples (exact McNemar with one epoch, else a permutation "
              "test swapping runs within each sample's epochs), cluster-bootstrap interval, minimum detectable "
              f"effect at power {options.power}. Ratios: new / baseline with a cluster-bootstrap interval. "
              f"A row regresses when significant after correction and beyond tolerance (max drop "
              f"{thresholds.max_drop:g} pts; increases: "
              + ", ".join(f"{k} {100 * v:g}%" for k, v in thresholds.max_increase.items() if v is not None) + ")."]
    return "\n".join(lines) + "\n"


def _table(checks: Sequence[Check]) -> list[str]:
    lines = ["| model | suite | metric | verdict | numbers |", "| --- | --- | --- | --- | --- |"]
    for check in checks:
        verdict = f"**{check.verdict}**" if check.failed else check.verdict
        lines.append(f"| {_cell(check.model)} | {_cell(check.suite)} | {check.metric} | {verdict} | "
                     f"{_cell(check.summary)} |")
    return lines


def _flip_lines(flips: pd.DataFrame) -> list[str]:
    if flips.empty:
        return ["No task changed its paired successes."]
    lines = [f"Tasks that flipped ({len(flips)}):", ""]
    for row in flips.head(_FLIPS_SHOWN).itertuples(index=False):
        lines.append(f"- {row.flip} `{row.model}` {row.suite}/{row.task_id}: "
                     f"{row.base_successes}/{row.attempts} -> {row.new_successes}/{row.attempts}")
    if len(flips) > _FLIPS_SHOWN:
        lines.append(f"- ... and {len(flips) - _FLIPS_SHOWN} more")
    return lines
