"""Run folders read for the report: `samples.parquet` merged across runs, and each run's `run.json`."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from agentbench.analysis.columns import sample_dtypes
from agentbench.analysis.metrics import REQUIRED_COLUMNS

SAMPLES_FILE = "samples.parquet"
CONFIG_FILE = "run.json"
RUN_DIR_COLUMN = "run_dir"
"""Added to the merged table: the folder a row came from, so its `log_file` can be found."""
_SECRET_KEY = re.compile(r"api[_-]?key|secret|passw|authori[sz]ation|bearer|credential|(^|[_-])token$", re.IGNORECASE)
_NAMES_A_VARIABLE = re.compile(r"[_-](env|var|variable)$", re.IGNORECASE)
REDACTED = "[redacted]"


class ReportError(Exception):
    """A report that cannot be built; `str()` is one line saying which file and why."""


@dataclass(frozen=True)
class Run:
    """One run folder: where it is and its configuration (None when it has no run.json)."""

    path: Path
    config: dict[str, Any] | None


def load_runs(run_dirs: Sequence[Path]) -> tuple[list[Run], pd.DataFrame]:
    """Each run's configuration, and all their samples in one table with a `run_dir` column.

    Runs that differ in settings (`setting_differences`) are not pooled: each row's model is
    labelled `model [run folder]`, so one model's rows from different settings stay apart.
    """
    if not run_dirs:
        raise ReportError("no run folder given")
    runs, frames = [], []
    for run_dir in run_dirs:
        run_dir = Path(run_dir)
        runs.append(Run(run_dir, _read_config(run_dir)))
        frame = _read_samples(run_dir)
        frame[RUN_DIR_COLUMN] = str(run_dir)
        frames.append(frame)
    if setting_differences(runs):
        for run, frame in zip(runs, frames, strict=True):
            frame["model"] = frame["model"].astype("string") + f" [{run.path.name}]"
    samples = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if samples.empty:
        raise ReportError(f"no samples in {', '.join(str(Path(d) / SAMPLES_FILE) for d in run_dirs)}")
    return runs, samples


def _read_samples(run_dir: Path) -> pd.DataFrame:
    path = run_dir / SAMPLES_FILE
    if not run_dir.is_dir():
        raise ReportError(f"{run_dir}: not a folder")
    if not path.is_file():
        raise ReportError(f"{path}: not found (is {run_dir} a run folder?)")
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise ReportError(f"{path}: cannot read ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})") from None
    missing = [column for column in (*REQUIRED_COLUMNS, "sample_id", "log_file") if column not in frame.columns]
    if missing:
        raise ReportError(f"{path}: missing column(s) {', '.join(missing)}")
    for column, dtype in sample_dtypes().items():
        if column not in frame.columns:
            frame[column] = pd.Series(pd.NA, index=frame.index, dtype=dtype if dtype != "bool" else "boolean")
    return frame


def _read_config(run_dir: Path) -> dict[str, Any] | None:
    path = run_dir / CONFIG_FILE
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: not readable JSON ({exc})") from None
    if not isinstance(raw, dict):
        raise ReportError(f"{path}: expected a JSON object")
    return redact(raw)


def redact(value: Any) -> Any:
    """`value` with anything stored under a secret-looking key (api_key, token, password...) replaced.

    Keys that name an environment variable (`api_key_env`) keep their value: it is a name, not a secret.
    """
    if isinstance(value, dict):
        return {key: REDACTED if _is_secret(str(key)) and value[key] else redact(value[key]) for key in value}
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


def _is_secret(key: str) -> bool:
    return bool(_SECRET_KEY.search(key)) and not _NAMES_A_VARIABLE.search(key)


_COMPARED = ("tokenizer", "tasks", "generated")
"""run.json fields that change what a success rate means; runs that differ in them are not pooled silently."""


def setting_differences(runs: Sequence[Run]) -> list[str]:
    """One line per run.json field in which the runs differ (shared task ids compared by content hash)."""
    configs = [(run.path, run.config or {}) for run in runs]
    lines = []
    for field_name in _COMPARED:
        values = {str(path): config.get(field_name) for path, config in configs if field_name in config}
        if field_name == "tasks":
            shared = set.intersection(*(set(v or {}) for v in values.values())) if values else set()
            changed = sorted(k for k in shared if len({json.dumps((v or {}).get(k)) for v in values.values()}) > 1)
            if changed:
                lines.append(f"runs differ in the content of task(s) {', '.join(changed[:5])}{' ...' if len(changed) > 5 else ''}")
        elif len({json.dumps(v, sort_keys=True, default=str) for v in values.values()}) > 1:
            shown = "; ".join(f"{path}: {json.dumps(v, default=str)[:80]}" for path, v in values.items())
            lines.append(f"runs differ in {field_name} ({shown})")
    return lines
