"""Write a run folder: `samples.parquet`, `summary.json`, `run.json` and the HTML leaderboard."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from agentbench.refserver.sim.card import RUN_CARDS_DIR

if TYPE_CHECKING:
    import pandas as pd

    from agentbench.run.collect import Collected

# pandas, the metrics and the report are imported where used: a run starts without them.


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
    payload = {**config, "date": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    path = run_dir / "run.json"
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """JSON-safe rows: NaN becomes null."""
    return json.loads(frame.to_json(orient="records"))


SUMMARY_SCHEMA = "agentbench.summary/1"
"""`schema` of summary.json; README's "summary.json" section documents every field."""


def write_tables(run_dir: Path, run_id: str, prices: Path | None = None,
                 rows: list[dict[str, object]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """samples.parquet and summary.json from `rows` (as collected during the run), else from the logs;
    returns the samples table and the leaderboard."""
    from agentbench.analysis.metrics import failures, leaderboard
    from agentbench.analysis.prices import apply_prices, load_prices
    from agentbench.analysis.samples import rows_table, samples_table

    table = samples_table(run_dir, run_id) if rows is None else rows_table(rows)
    frame = apply_prices(table, load_prices(prices, [run_dir / RUN_CARDS_DIR]))
    frame.to_parquet(run_dir / "samples.parquet", index=False)
    board = leaderboard(frame)
    payload = {"schema": SUMMARY_SCHEMA, "run_id": run_id, "samples": len(frame),
               "leaderboard": _records(board), "failures": _records(failures(frame))}
    (run_dir / "summary.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return frame, board


def write_results(run_dir: Path, run_id: str, prices: Path | None = None,
                  collected: Collected | None = None) -> tuple[RunFiles, pd.DataFrame, pd.DataFrame]:
    """Table, summary and report from what the run `collected`, else rebuilt from the logs (safe to
    call again after a crash).

    Returns the files, the samples table and the leaderboard (one row per model and suite).
    """
    from agentbench.report import build_report

    if not run_dir.is_dir():
        raise FileNotFoundError(f"results folder {run_dir} was removed during the run, its logs with it: nothing to write")
    frame, board = write_tables(run_dir, run_id, prices, collected.rows if collected else None)
    report = (build_report([run_dir], run_dir / "leaderboard.html", prices, collected.transcripts if collected else None)
              if len(frame) else None)
    files = RunFiles(run_dir, run_dir / "samples.parquet", run_dir / "summary.json", run_dir / "run.json", report)
    return files, frame, board


def tables_stale(run_dir: Path) -> bool:
    """True when a run folder's logs are newer than its samples table (or it has none): a run that
    was killed, or whose logs were added to, is rebuilt from its logs before it is reported."""
    table = run_dir / "samples.parquet"
    logs = list((run_dir / "logs").glob("*.eval"))
    if not logs:
        return False
    return not table.is_file() or max(log.stat().st_mtime for log in logs) > table.stat().st_mtime


def rebuild_tables(run_dir: Path, prices: Path | None = None) -> pd.DataFrame:
    """samples.parquet and summary.json rebuilt from the logs of a run folder in any state."""
    config = run_dir / "run.json"
    run_id = run_dir.name
    if config.is_file():
        try:
            run_id = str(json.loads(config.read_text(encoding="utf-8")).get("run_id") or run_id)
        except (OSError, json.JSONDecodeError):
            pass
    return write_tables(run_dir, run_id, prices)[0]
