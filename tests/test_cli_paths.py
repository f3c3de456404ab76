"""Every verb with relative and absolute paths, run as a user runs it: the CLI in a subprocess,
from the project folder, a subfolder and an unrelated folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from agentbench.cli.main import cli
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.settings import Settings
from agentbench.run.endpoints import DEFAULT_MODELS

RUN_FILES = ("samples.parquet", "summary.json", "run.json", "leaderboard.html")


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "agentbench", *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"agentbench {' '.join(args)} in {cwd}:\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
    return done


def _only_run(results: Path) -> Path:
    [run_dir] = list(results.iterdir())
    for name in RUN_FILES:
        assert (run_dir / name).is_file(), f"{run_dir} lacks {name}"
    return run_dir


@pytest.fixture
def project(tmp_path: Path, fixture_tasks: Path) -> Path:
    """A user's folder: their tasks under mytasks/, a subfolder, and an unrelated folder beside it."""
    root = tmp_path / "project"
    shutil.copytree(fixture_tasks, root / "mytasks")
    (root / "sub").mkdir()
    (tmp_path / "elsewhere").mkdir()
    return root


@pytest.mark.slow
def test_run_with_the_default_results_folder_from_the_project_root(project: Path) -> None:
    _cli(project, "run", "tool_use", "--tasks-dir", "mytasks", "--tags", "fixture", "--sandbox", "local")
    run_dir = _only_run(project / "results")
    frame = pd.read_parquet(run_dir / "samples.parquet")
    assert sorted(frame["model"]) == sorted(DEFAULT_MODELS)
    assert all(not Path(p).is_absolute() and (run_dir / p).is_file() for p in frame["log_file"])


@pytest.mark.slow
def test_run_from_a_subfolder_with_relative_tasks_results_and_endpoints_file(project: Path, fixture_tasks: Path) -> None:
    with EmbeddedServer(Settings(tasks_dirs=(fixture_tasks,))) as server:
        (project / "endpoints.yaml").write_text(f"endpoints:\n  mine:\n    base_url: {server.base_url}\n    model: ref/oracle\n")
        _cli(project / "sub", "run", "tool_use", "--tasks-dir", "../mytasks", "--tags", "fixture", "--sandbox", "local",
             "--endpoint", "mine", "--endpoints-file", "../endpoints.yaml", "--results-dir", "../out")
    run_dir = _only_run(project / "out")
    frame = pd.read_parquet(run_dir / "samples.parquet")
    assert frame["model"].tolist() == ["mine"] and bool(frame["success"].all())
    config = json.loads((run_dir / "run.json").read_text())
    assert config["selection"]["tasks_dirs"] == [str((project / "mytasks").resolve())]


@pytest.mark.slow
def test_report_tasks_and_validate_with_relative_paths_from_an_unrelated_folder(project: Path) -> None:
    _cli(project, "run", "tool_use", "--tasks-dir", "mytasks", "--tags", "fixture", "--sandbox", "local", "--results-dir", "/" + str(project / "abs").lstrip("/"))
    run_dir = _only_run(project / "abs")
    elsewhere = project.parent / "elsewhere"
    relative = Path("..") / "project" / "abs" / run_dir.name
    _cli(elsewhere, "report", str(relative), "-o", "board.html", "--exports-dir", "exports")
    assert (elsewhere / "board.html").stat().st_size > 1000
    assert {p.name for p in (elsewhere / "exports").iterdir()} == {"leaderboard.csv", "leaderboard.json", "leaderboard.md"}
    listing = _cli(elsewhere, "tasks", "list", "--tasks-dir", "../project/mytasks")
    assert "tool_use/make-report" in listing.stdout
    checked = subprocess.run([sys.executable, "-m", "agentbench", "tasks", "validate", "../project/mytasks/tool_use/make-report",
                              "--sandbox", "docker", "--no-battery", "--keep-logs", "kept"],
                             cwd=elsewhere, capture_output=True, text=True, timeout=600)
    verdict = next(line for line in checked.stdout.splitlines() if "tool_use/make-report:" in line)
    assert "ref/oracle failed" not in verdict, checked.stdout[-1500:]  # the fixture has no wrong solutions: only that may fail
    assert list((elsewhere / "kept").glob("*/logs/*.eval"))


@pytest.mark.slow
def test_validate_checks_the_named_copy_not_an_installed_one(project: Path, fixture_tasks: Path, tmp_path: Path) -> None:
    """A working copy whose verifier always fails must FAIL, though an installed pack has a sound task of that id."""
    site = tmp_path / "site"
    shutil.copytree(fixture_tasks / "tool_use" / "make-report", site / "pathpack" / "tool_use" / "make-report")
    (site / "pathpack" / "__init__.py").write_text("")
    (site / "pathpack-1.0.dist-info").mkdir()
    (site / "pathpack-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: pathpack\nVersion: 1.0\n")
    (site / "pathpack-1.0.dist-info" / "entry_points.txt").write_text("[agentbench.tasks]\npathpack = pathpack\n")
    working = project / "make-report"
    shutil.copytree(fixture_tasks / "tool_use" / "make-report", working)
    (working / "tests" / "test.sh").write_text("#!/usr/bin/env bash\nexit 1\n")
    env = {**__import__("os").environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-m", "agentbench", "tasks", "validate", "./make-report", "--sandbox", "docker",
                           "--no-battery"],
                          cwd=project, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 1, done.stdout + done.stderr[-1500:]
    verdict = next(line for line in done.stdout.splitlines() if "tool_use/make-report:" in line)
    assert verdict.startswith("FAIL tool_use/make-report:") and "ref/oracle failed" in verdict, done.stdout[-1500:]
    assert f"shadows {(site / 'pathpack' / 'tool_use' / 'make-report').resolve()}" in done.stderr


@pytest.mark.parametrize(("results", "problem"), [
    ("notes.txt", "a file of that name is in the way"),
    ("notes.txt/runs", "cannot create it (Not a directory)"),
])
def test_a_results_folder_that_cannot_be_made_fails_in_one_line_before_the_run_starts(
        project: Path, monkeypatch: pytest.MonkeyPatch, results: str, problem: str) -> None:
    (project / "notes.txt").write_text("the user's notes\n")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["run", "long_context", "--max-length", "1k", "--results-dir", results])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)  # not a traceback
    assert result.output.strip().splitlines()[-1] == f"Error: results folder {results}: {problem}"
    assert "embedded reference server" not in result.output  # failed before anything started
    assert (project / "notes.txt").read_text() == "the user's notes\n"


def test_validate_names_a_path_with_no_task_folder_instead_of_reporting_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("not a task\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["tasks", "validate", "empty", "notes.txt"])
    assert result.exit_code == 1
    assert result.output.splitlines() == ["FAIL empty: no task folder here (a task folder holds a task.yaml)",
                                          "FAIL notes.txt: no task folder here (a task folder holds a task.yaml)",
                                          "0 ok, 2 failed"]
