"""The two sides of a comparison: a run folder or a saved baseline, and saving a baseline."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from agentbench.report.runs import CONFIG_FILE, SAMPLES_FILE, ReportError, load_runs

BASELINES = "baselines"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class ComparisonError(Exception):
    """Two runs that cannot be compared, or a side that cannot be read; `str()` is one line."""


@dataclass(frozen=True)
class Side:
    """One side of a comparison: where it came from, its run.json (empty if absent) and its samples."""

    label: str
    path: Path
    config: dict[str, Any]
    samples: pd.DataFrame


def resolve(name_or_dir: str | Path, results_dir: Path = Path("results")) -> Path:
    """A run folder as given, else the baseline `results_dir/baselines/NAME`."""
    given = Path(name_or_dir)
    if given.is_dir():
        return given
    if _NAME.match(str(name_or_dir)):
        saved = results_dir / BASELINES / str(name_or_dir)
        if saved.is_dir():
            return saved
        raise ComparisonError(f"{name_or_dir}: neither a run folder nor a baseline in {results_dir / BASELINES}")
    raise ComparisonError(f"{name_or_dir}: not a run folder")


def load_side(name_or_dir: str | Path, results_dir: Path = Path("results")) -> Side:
    """Read a run folder or baseline; a missing run.json reads as {} (every provenance field unknown)."""
    path = resolve(name_or_dir, results_dir)
    try:
        runs, samples = load_runs([path])
    except ReportError as exc:
        raise ComparisonError(str(exc)) from None
    return Side(str(name_or_dir), path, runs[0].config or {}, samples.drop(columns=["run_dir"]))


def save_baseline(run_dir: Path, name: str, results_dir: Path = Path("results"), *, force: bool = False) -> Path:
    """Copy a run's samples table and run.json (no logs) to `results_dir/baselines/NAME/`, meant to be committed."""
    if not _NAME.match(name):
        raise ComparisonError(f"baseline name {name!r}: use letters, digits, '.', '_' and '-' only")
    source = load_side(run_dir, results_dir)
    if source.samples.empty:
        raise ComparisonError(f"{run_dir}: no samples to save")
    target = results_dir / BASELINES / name
    if target.exists() and not force:
        raise ComparisonError(f"{target} exists; pass --force to replace it")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source.path / SAMPLES_FILE, target / SAMPLES_FILE)
    config = {**source.config, "baseline": {"name": name, "from_run": source.config.get("run_id", source.path.name)}}
    (target / CONFIG_FILE).write_text(json.dumps(config, indent=2, default=str) + "\n", encoding="utf-8")
    return target
