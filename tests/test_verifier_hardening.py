"""The verifier can't be fooled: the cheat battery, known-wrong solutions, the freeze, real Docker.

Each cheat is replayed as the agent by `ref/oracle` (a task folder whose solution.sh plays it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
from agentbench.run.validate import validate

pytestmark = pytest.mark.docker

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_battery_beats_the_pytest_verifier_tasks_had_before_the_runtime(base_image: str) -> None:
    (verdict,) = validate([FIXTURES / "naive" / "tool_use" / "naive-repair"], "docker", progress=lambda _: None)
    assert not verdict.ok
    assert "cheat planted-config passed" in verdict.detail and "cheat exit-hooks passed" in verdict.detail
    assert "ref/null earned reward 0.33" in verdict.detail


def test_a_correct_result_survives_a_saboteur_the_agent_left_running(tmp_path: Path, base_image: str) -> None:
    folder = FIXTURES / "saboteur"
    selection = Selection(suites=("tool_use",), task_ids="lingering-saboteur", tasks_dirs=(folder,), sandbox="docker")
    outcome = run([Endpoint("ref/oracle")], selection, RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)
    row = outcome.samples.iloc[0]
    assert bool(row["success"]) and row["reward"] == 1.0
