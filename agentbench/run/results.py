"""Write a run folder: `samples.parquet`, `summary.json`, `run.json` and the HTML leaderboard."""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from agentbench import __version__
from agentbench.analysis.metrics import failures, leaderboard
from agentbench.analysis.prices import apply_prices, load_prices
from agentbench.analysis.samples import samples_table
from agentbench.refserver.sim.card import RUN_CARDS_DIR
from agentbench.report import build_report


@dataclass(frozen=True)
class RunFiles:
    """Paths of everything a run wrote."""

    run_dir: Path
    samples: Path
    summary: Path
    config: Path
    report: Path | None


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


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-safe rows: NaN becomes null."""
    return json.loads(frame.to_json(orient="records"))


def write_results(run_dir: Path, run_id: str, prices: Path | None = None) -> tuple[RunFiles, pd.DataFrame, pd.DataFrame]:
    """Rebuild table, summary and report from the logs (safe to call again after a crash).

    Returns the files, the samples table and the leaderboard (one row per model and suite).
    """
    frame = apply_prices(samples_table(run_dir, run_id), load_prices(prices, [run_dir / RUN_CARDS_DIR]))
    samples = run_dir / "samples.parquet"
    frame.to_parquet(samples, index=False)
    board = leaderboard(frame)
    summary = run_dir / "summary.json"
    payload = {"run_id": run_id, "leaderboard": _records(board), "failures": _records(failures(frame))}
    summary.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    report = build_report([run_dir], run_dir / "leaderboard.html", prices) if len(frame) else None
    return RunFiles(run_dir, samples, summary, run_dir / "run.json", report), frame, board
