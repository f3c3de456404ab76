"""`agentbench compare BASE NEW` and `agentbench gate NEW --baseline NAME_OR_RUN_DIR`.

Exit codes: 0 no regression, 1 regression, 2 usage error or runs that are not comparable.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from agentbench.regression.comparability import ALLOWABLE

if TYPE_CHECKING:
    from agentbench.regression.outcome import Outcome

USAGE_ERROR = 2
REGRESSION = 1
_FILE = click.Path(dir_okay=False, path_type=Path)


def _usage_error(message: str) -> None:
    click.echo(f"error: {message.splitlines()[0] if message else 'failed'}", err=True)
    sys.exit(USAGE_ERROR)


def _options(func):
    for option in reversed([
        click.option("--allow", help=f"Differences to accept anyway, comma-separated: {', '.join(ALLOWABLE)}."),
        click.option("--thresholds", "thresholds_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="YAML file of thresholds (max_drop, alpha, correction, max_cost_increase, "
                          "max_p95_ttft_increase, max_increase: {metric: pct}, fail_underpowered); flags win."),
        click.option("--max-drop", type=click.FloatRange(min=0), help="Tolerated success drop in points [default: 5]."),
        click.option("--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True),
                     help="Significance level after correction [default: 0.05]."),
        click.option("--correction", type=click.Choice(["holm", "bh", "none"]),
                     help="Correction across rows of each metric [default: holm]."),
        click.option("--max-cost-increase", help="Tolerated increase of cost per completed task, e.g. 20% or off."),
        click.option("--max-p95-ttft-increase", help="Tolerated increase of p95 time to first token, e.g. 30% or off."),
        click.option("--fail-underpowered", is_flag=True, default=None,
                     help="Also fail success rows whose minimum detectable effect exceeds --max-drop."),
        click.option("--seed", type=int, default=0, show_default=True, help="Seed of the resampling."),
        click.option("--results-dir", default=Path("results"), show_default=True,
                     type=click.Path(file_okay=False, path_type=Path), help="Where baselines/NAME are looked up."),
        click.option("--markdown", "markdown_path", type=_FILE, help="Write the Markdown report (a PR comment) here."),
    ]):
        func = option(func)
    return func


def _outcome(base: str, new: str, settings: dict) -> Outcome:
    from agentbench.regression.comparability import parse_allow
    from agentbench.regression.compare import Options
    from agentbench.regression.gate import load_settings, with_overrides
    from agentbench.regression.outcome import compare_runs
    from agentbench.regression.runs import ComparisonError

    try:
        thresholds, file_options = load_settings(settings["thresholds_file"])
        thresholds = with_overrides(thresholds, max_drop=settings["max_drop"], cost=settings["max_cost_increase"],
                                    ttft=settings["max_p95_ttft_increase"],
                                    fail_underpowered=settings["fail_underpowered"])
        options = Options(alpha=settings["alpha"] or file_options.get("alpha", 0.05),
                          correction=settings["correction"] or file_options.get("correction", "holm"),
                          seed=settings["seed"])
        return compare_runs(base, new, thresholds=thresholds, options=options, allow=parse_allow(settings["allow"]),
                            results_dir=settings["results_dir"])
    except (ComparisonError, ValueError) as exc:
        _usage_error(str(exc))
        raise AssertionError("unreachable") from None


def _write(outcome: Outcome, markdown_path: Path | None, junit_path: Path | None, gate: bool) -> str:
    from agentbench.regression.render import write_junit

    text = outcome.markdown(gate=gate)
    try:
        if markdown_path:
            markdown_path.parent.mkdir(parents=True, exist_ok=True)
            markdown_path.write_text(text, encoding="utf-8")
        if junit_path:
            write_junit(outcome.checks, junit_path)
    except OSError as exc:
        _usage_error(f"cannot write {exc.filename}: {exc.strerror or exc}")
    return text


@click.command("compare")
@click.argument("base")
@click.argument("new")
@_options
def compare(base: str, new: str, markdown_path: Path | None, **settings: object) -> None:
    """Compare run NEW against BASE (run folders or baseline names): paired changes and a verdict per row.

    Exits 1 when a row regressed, 2 when the runs are not comparable or the arguments are wrong.
    """
    outcome = _outcome(base, new, settings)
    click.echo(_write(outcome, markdown_path, None, gate=False))
    sys.exit(0 if outcome.passed else REGRESSION)


@click.command("gate")
@click.argument("new")
@click.option("--baseline", required=True, help="Baseline name (results/baselines/NAME) or run folder.")
@click.option("--junit", "junit_path", type=_FILE,
              help="Write JUnit XML here (one test case per model x suite x metric).")
@_options
def gate(new: str, baseline: str, junit_path: Path | None, markdown_path: Path | None, **settings: object) -> None:
    """Gate run NEW against a baseline: exit 0 pass, 1 regression, 2 usage or comparability error."""
    outcome = _outcome(baseline, new, settings)
    click.echo(_write(outcome, markdown_path, junit_path, gate=True))
    for line in outcome.failures():
        click.echo(f"REGRESSION {line}", err=True)
    sys.exit(0 if outcome.passed else REGRESSION)
