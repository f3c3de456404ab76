"""Runs stopped mid-flight (Ctrl-C, kill -9) keep every completed sample, and can still be reported.

The run is stopped when an event shows it is mid-flight (a gate task has started and one sample
is in the log), never after a guessed delay.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from gate_tasks import Gate, completed_samples, wait_for, write_gate_tasks

from agentbench.run.runner import LARGE_TASK_BUFFER, SMALL_TASK

RUN = [sys.executable, "-m", "agentbench", "run", "tool_use", "--tasks-dir", "tasks", "--tags", "gate",
       "--model", "ref/oracle", "--sandbox", "local", "--max-samples", "2"]


@pytest.fixture
def gate(tmp_path: Path) -> Iterator[Gate]:
    gate = write_gate_tasks(tmp_path)
    yield gate
    gate.release.touch()  # lets a gate solution orphaned by the stopped run finish


def _start_mid_flight(cwd: Path, gate: Gate, ctrl_c_ignored: bool = False) -> subprocess.Popen[str]:
    """`agentbench run` with relative paths, returned once it is provably mid-flight. Ctrl-C's disposition is
    set, not inherited: a terminal's foreground job has it, a script's background job (`cmd &`) ignores it."""
    disposition = signal.SIG_IGN if ctrl_c_ignored else signal.SIG_DFL
    process = subprocess.Popen(RUN, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, disposition))
    wait_for(lambda: gate.started.exists() and completed_samples(cwd / "results") >= 1,
             "the gate task to start after one sample completed", alive=lambda: process.poll() is None)
    return process


@pytest.mark.parametrize(("stop", "ctrl_c_ignored"), [(signal.SIGINT, False), (signal.SIGTERM, False), (signal.SIGTERM, True)],
                         ids=["ctrl-c", "sigterm", "sigterm-in-a-background-job"])
def test_an_interrupt_keeps_the_completed_samples(tmp_path: Path, gate: Gate, stop: signal.Signals,
                                                  ctrl_c_ignored: bool) -> None:
    """Ctrl-C, or SIGTERM as `timeout` and batch schedulers send (also to a job started with Ctrl-C
    ignored, where SIGTERM was once lost): completed samples kept, results written."""
    process = _start_mid_flight(tmp_path, gate, ctrl_c_ignored)
    process.send_signal(stop)
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 1 and "interrupted:" in output.strip().splitlines()[-1], output[-1500:]
    frame = pd.read_parquet(next((tmp_path / "results").glob("*/samples.parquet")))
    assert frame["task_id"].tolist() == ["a-quick"] and bool(frame["success"].all()), output[-1500:]
    summary = json.loads(next((tmp_path / "results").glob("*/summary.json")).read_text())
    assert summary["samples"] == 1 and summary["leaderboard"][0]["samples"] == 1


def test_a_killed_run_is_reported_from_its_logs(tmp_path: Path, gate: Gate) -> None:
    process = _start_mid_flight(tmp_path, gate)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=600)
    [run_dir] = [p.relative_to(tmp_path) for p in (tmp_path / "results").iterdir()]
    assert not (tmp_path / run_dir / "samples.parquet").exists()
    report = subprocess.run([sys.executable, "-m", "agentbench", "report", str(run_dir)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert report.returncode == 0, report.stderr[-1500:]
    assert "rebuilt" in report.stderr and "(1 samples)" in report.stderr
    frame = pd.read_parquet(tmp_path / run_dir / "samples.parquet")
    assert frame["task_id"].tolist() == ["a-quick"] and bool(frame["success"].all())
    assert (tmp_path / run_dir / "summary.json").is_file()
    assert (tmp_path / run_dir / "leaderboard.html").stat().st_size > 1000


def test_report_keeps_the_other_logs_when_one_is_damaged(tmp_path: Path, fixture_tasks: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "agentbench", "run", "tool_use", "--tasks-dir", str(fixture_tasks),
                          "--tags", "fixture", "--sandbox", "local", "--results-dir", "res",
                          "--model", "ref/oracle", "--model", "ref/null"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-1500:]
    [run_dir] = list((tmp_path / "res").iterdir())
    (run_dir / "logs" / "2026-01-01T00-00-00-00-00_broken_x.eval").write_bytes(b"PK\x03\x04 not a zip")
    report = subprocess.run([sys.executable, "-m", "agentbench", "report", str(run_dir.relative_to(tmp_path))],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert report.returncode == 0, report.stderr[-1500:]
    assert "skipped unreadable log" in report.stderr and "broken_x.eval" in report.stderr
    assert len(pd.read_parquet(run_dir / "samples.parquet")) == 2


@pytest.mark.slow
def test_a_killed_large_task_loses_at_most_the_samples_of_one_log_buffer(tmp_path: Path) -> None:
    """A task of 100+ samples writes completed samples ten at a time (`runner.log_buffer`): after kill -9 its log
    holds fewer writes than samples (the buffer is in use) and lacks at most the samples completed since the last
    write: fewer than ten, plus those that completed while that write was under way (at most the samples in flight)."""
    depths = ",".join(str(depth) for depth in range(10))  # every variant x 10 depths, plus the depth-free ones
    in_flight = 4
    process = subprocess.Popen([sys.executable, "-m", "agentbench", "run", "long_context", "--lengths", "1k",
                                "--depths", depths, "--model", "ref/oracle", "--max-samples", str(in_flight)],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    done, total = 0, 0
    for line in process.stdout:  # progress lines every tenth of the task; each counts samples already completed
        if match := re.search(r"long_context: (\d+)/(\d+) done", line):
            done, total = int(match[1]), int(match[2])
            if done >= total // 2:
                break
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=600)
    assert total >= SMALL_TASK and done >= total // 2, f"the run ended before half its samples: {done}/{total}"
    [run_dir] = [p.relative_to(tmp_path) for p in (tmp_path / "results").iterdir()]
    [log] = (tmp_path / run_dir / "logs").glob("*.eval")
    writes = sum(name.startswith("_journal/summaries/") for name in zipfile.ZipFile(log).namelist())
    report = subprocess.run([sys.executable, "-m", "agentbench", "report", str(run_dir)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert report.returncode == 0, report.stderr[-1500:]
    kept = len(pd.read_parquet(tmp_path / run_dir / "samples.parquet"))
    assert kept >= done - (LARGE_TASK_BUFFER - 1) - in_flight and 0 < writes < kept, (kept, writes, done, total)
