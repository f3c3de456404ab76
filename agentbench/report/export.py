"""The leaderboard as CSV (every column, raw numbers), JSON (rows plus column meanings) and Markdown (the
headline columns, formatted as in the report)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from agentbench.analysis.metrics import LEADERBOARD_COLUMNS
from agentbench.report import format as fmt

EXPORT_NAMES = {"csv": "leaderboard.csv", "json": "leaderboard.json", "md": "leaderboard.md"}


def write_csv(board: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    board.to_csv(path, index=False)
    return path


def write_json(board: pd.DataFrame, path: Path) -> Path:
    """`{"columns": {name: meaning}, "rows": [...]}`; missing numbers are null."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [{key: _plain(value) for key, value in row.items()} for row in board.to_dict(orient="records")]
    meanings = {name: _meaning(name) for name in board.columns}
    path.write_text(json.dumps({"columns": meanings, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    return path


def _meaning(name: str) -> str:
    if name.startswith("pass@"):
        return f"Chance that at least one of {name[5:]} attempts succeeds, mean over tasks."
    if name.startswith("pass^"):
        return f"Chance that all of {name[5:]} attempts succeed, mean over tasks (tau-bench)."
    return LEADERBOARD_COLUMNS.get(name, "")


def _plain(value: object) -> object:
    if fmt.missing(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isinf(value):
        return None
    return value


def write_markdown(board: pd.DataFrame, path: Path) -> Path:
    """A Markdown table of the headline columns, formatted for reading."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ["Rank", "Model", "Suite", "Tasks", "Attempts", "Success (n) [95% CI]", "pass^k", "Tokens/task",
              "Wall p50", "Wall p95", "$/task", "$/completed task"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in board.to_dict(orient="records"):
        cells = [
            fmt.rank(row["rank_best"], row["rank_worst"]),
            row["model"], row["suite"], fmt.count(row["tasks"]), fmt.count(row["samples"]),
            f"{fmt.percent(row['success_rate'])} {fmt.of(row['successes'], row['samples'])} "
            f"{fmt.interval(row['ci_low'], row['ci_high'])}",
            f"{fmt.percent(row['pass_hat_k'])} (k={row['pass_k']}, {fmt.count(row['tasks'])} tasks)",
            fmt.count(row["tokens_mean"]),
            fmt.seconds(row["wall_p50"]), fmt.seconds(row["wall_p95"]),
            fmt.dollars(row["cost_per_task"], row["priced"]), fmt.dollars(row["cost_per_success"], row["priced"]),
        ]
        lines.append("| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _markdown_cell(value: object) -> str:
    return " ".join(str(value).split()).replace("\\", "\\\\").replace("|", "\\|")


def export_leaderboard(board: pd.DataFrame, out_dir: Path) -> list[Path]:
    """Write leaderboard.csv, leaderboard.json and leaderboard.md into `out_dir`; returns their paths."""
    return [
        write_csv(board, out_dir / EXPORT_NAMES["csv"]),
        write_json(board, out_dir / EXPORT_NAMES["json"]),
        write_markdown(board, out_dir / EXPORT_NAMES["md"]),
    ]
