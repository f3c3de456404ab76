"""`agentbench baseline save RUN --name NAME`: a compact, committable copy of a run to gate against."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group("baseline")
def baseline() -> None:
    """Baselines: samples table and run.json of a reviewed run, under results/baselines/NAME/."""


@baseline.command("save")
@click.argument("run_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--name", required=True, help="Baseline name (letters, digits, '.', '_', '-').")
@click.option("--results-dir", default=Path("results"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Baselines go to RESULTS_DIR/baselines/NAME.")
@click.option("--force", is_flag=True, help="Replace an existing baseline of that name.")
def save(run_dir: Path, name: str, results_dir: Path, force: bool) -> None:
    """Save RUN_DIR's samples.parquet and run.json (no logs) as baseline NAME."""
    from agentbench.regression.runs import ComparisonError, save_baseline

    try:
        target = save_baseline(run_dir, name, results_dir, force=force)
    except ComparisonError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"wrote {target}")
