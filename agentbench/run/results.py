"""Write a run folder: `samples.parquet`, `summary.json` and `run.json` next to the Inspect logs."""

from __future__ import annotations

import json
import platform
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from agentbench import __version__

from agentbench.analysis.samples import samples_table
from agentbench.analysis.summary import summarize


@dataclass(frozen=True)
class RunFiles:
    """Paths of everything a run wrote."""

    run_dir: Path
    samples: Path
    summary: Path
    config: Path


def write_run_config(run_dir: Path, config: dict[str, object]) -> Path:
    """run.json: what was run, where, with which versions (no secrets: keys are named by variable only)."""
    versions = {"agentbench": __version__, **{name: version(name) for name in ("inspect-ai", "openai")}}
    payload = {
        **config,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": {**versions, "python": platform.python_version()},
        "platform": platform.platform(),
    }
    path = run_dir / "run.json"
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def write_results(run_dir: Path, run_id: str, cost=None) -> tuple[RunFiles, pd.DataFrame]:
    """Rebuild the samples table and summary from the logs (safe to call again after a crash)."""
    frame = samples_table(run_dir, run_id, cost)
    samples = run_dir / "samples.parquet"
    frame.to_parquet(samples, index=False)
    summary = run_dir / "summary.json"
    rows = [asdict(row) for row in summarize(frame)]
    summary.write_text(json.dumps({"run_id": run_id, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    return RunFiles(run_dir, samples, summary, run_dir / "run.json"), frame
