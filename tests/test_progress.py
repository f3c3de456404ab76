"""Live progress per model x suite: counts, failures by category, elapsed time and ETA."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from agentbench.run.progress import RunProgress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_counts_failures_and_eta_per_model_and_suite() -> None:
    clock, out = Clock(), io.StringIO()
    progress = RunProgress(Console(file=out, width=200), clock=clock, live=False)
    progress.task_started("e1", "agentbench/ref/sim", "tool_use", 4)
    progress.task_started("e2", "agentbench/ref/sim", "long_context", 2)
    clock.now = 110.0
    progress.sample_ended("e1", True, None)
    clock.now = 120.0
    progress.sample_ended("e1", False, "turn_limit")
    progress.sample_ended("e1", False, "turn_limit")
    progress.sample_ended("unknown-eval", True, None)
    tool_use = next(g for g in progress.groups if g.suite == "tool_use")
    assert (tool_use.model, tool_use.done, tool_use.total, tool_use.successes) == ("ref/sim", 3, 4, 1)
    assert dict(tool_use.failures) == {"turn_limit": 2}
    assert tool_use.eta_s(clock.now) == 20 / 3, "20 s for 3 samples: one more takes 6.7 s"
    assert "ref/sim · tool_use: 3/4 done, 1 succeeded (turn_limit 2), 0:20 elapsed, ETA 0:07" in out.getvalue()
    progress.sample_ended("e1", True, None)
    assert "4/4 done, 2 succeeded (turn_limit 2), 0:20 elapsed\n" in out.getvalue()
    rendered = io.StringIO()
    Console(file=rendered, width=200).print(progress.table())
    assert "0/2" in rendered.getvalue() and "done" in rendered.getvalue()


@pytest.mark.slow
def test_a_run_shows_progress_lines_when_not_on_a_terminal(tmp_path: Path, fixture_tasks: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "agentbench", "run", "tool_use", "--tasks-dir", str(fixture_tasks),
                           "--tags", "fixture", "--sandbox", "local", "--results-dir", str(tmp_path),
                           "--model", "ref/oracle", "--model", "ref/null"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-1500:]
    assert "running 2 sample(s)" in done.stderr
    assert "ref/oracle · tool_use: 1/1 done, 1 succeeded" in done.stderr
    assert "ref/null · tool_use: 1/1 done, 0 succeeded (verifier_failed 1)" in done.stderr
    assert "verifier_failed 1" in done.stdout and "mean reward" in done.stdout
