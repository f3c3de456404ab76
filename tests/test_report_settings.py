"""`agentbench report` over several runs pools only runs with the same settings, and says so otherwise."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from agentbench.cli.main import cli
from agentbench.report import load_leaderboard
from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection


def _run(results: Path, tasks: Path, tokenizer: str) -> Path:
    selection = Selection(suites=("tool_use",), tasks_dirs=(tasks,), tags="fixture", sandbox="local", tokenizer=tokenizer)
    return run([Endpoint("ref/oracle")], selection, RunOptions(results_dir=results, display="none"), lambda _: None).files.run_dir


def test_runs_with_other_settings_are_kept_apart_and_named(tmp_path: Path, fixture_tasks: Path) -> None:
    first, same, other = (_run(tmp_path / name, fixture_tasks, tok) for name, tok in
                          (("a", "qwen3"), ("b", "qwen3"), ("c", "deepseek-v3")))
    pooled = CliRunner().invoke(cli, ["report", str(first), str(same), "-o", str(tmp_path / "same.html")])
    assert pooled.exit_code == 0 and "warning" not in pooled.output
    assert load_leaderboard([first, same])["samples"].tolist() == [2]
    apart = CliRunner().invoke(cli, ["report", str(first), str(other), "-o", str(tmp_path / "apart.html")])
    assert apart.exit_code == 0, apart.output
    assert "warning: runs differ in tokenizer" in apart.output and "kept apart" in apart.output
    board = load_leaderboard([first, other])
    assert sorted(board["model"]) == sorted([f"ref/oracle [{first.name}]", f"ref/oracle [{other.name}]"])
    assert f"ref/oracle [{other.name}]" in (tmp_path / "apart.html").read_text()
