"""The verifier can't be fooled: the cheat battery, known-wrong solutions, the freeze, real Docker.

Each cheat is replayed as the agent by `ref/oracle` (a task folder whose solution.sh plays it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agentbench.battery import cheats
from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
from agentbench.run.validate import validate
from agentbench.run.variants import Variant, write_variant
from agentbench.spec import discover, load_task

pytestmark = pytest.mark.docker

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.slow
def test_each_cheat_beats_the_old_pytest_verifier_and_none_beats_the_runtime(tmp_path: Path, base_image: str) -> None:
    """naive-repair is repair-calc with the verifier it had before the runtime (root, inherited env, report in /tmp,
    the agent's code imported into pytest): the planted config, the exit hooks and the two cheats that work from
    inside pytest (patch-pytest, forge-report) beat it; always-equal does not (repair-calc's tests also expect
    errors). None beats the runtime, whose pytest never runs the agent's code."""
    naive = load_task(FIXTURES / "naive" / "tool_use" / "naive-repair")
    hardened = discover().tasks["tool_use/repair-calc"]
    replays = [Variant(task, "cheat", name, path.read_text()) for task in (naive, hardened) for name, path in cheats().items()]
    for replay in replays:
        write_variant(replay, tmp_path / "variants")
    selection = Selection(
        suites=("tool_use",), task_ids=",".join(r.task_id for r in replays),
        tasks_dirs=(naive.path.parent.parent, tmp_path / "variants"), sandbox="docker",
    )
    outcome = run([Endpoint("ref/oracle")], selection, RunOptions(results_dir=tmp_path / "runs", display="none"), progress=lambda _: None)
    passed = set(outcome.samples[outcome.samples["success"]]["task_id"])
    assert passed == {f"naive-repair.cheat.{name}" for name in ("planted-config", "exit-hooks", "patch-pytest", "forge-report")}


def test_validate_reports_a_task_whose_verifier_is_beaten_or_that_pays_for_nothing(base_image: str) -> None:
    (verdict,) = validate([FIXTURES / "naive" / "tool_use" / "naive-repair"], "docker", progress=lambda _: None)
    assert not verdict.ok
    assert "cheat plants passed" in verdict.detail and "ref/null earned reward 0.33" in verdict.detail


def test_a_correct_result_survives_a_saboteur_the_agent_left_running(tmp_path: Path, base_image: str) -> None:
    folder = FIXTURES / "saboteur"
    selection = Selection(suites=("tool_use",), task_ids="lingering-saboteur", tasks_dirs=(folder,), sandbox="docker")
    outcome = run([Endpoint("ref/oracle")], selection, RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)
    row = outcome.samples.iloc[0]
    assert bool(row["success"]) and row["reward"] == 1.0


def test_the_runtime_runs_the_agents_code_as_the_agent_scrubbed_and_leaves_nothing_running(tmp_path: Path, base_image: str) -> None:
    """agent-code-probe's verifier runs the agent's probe.sh through `run_as_agent` and passes only
    when it ran as uid 1000, saw no AGENTBENCH_* (or other) variable, could not write beside the
    tests, and the sleeper it detached was killed with it; and its spy.py, called from a run_pytest
    suite through agent_module(), ran as uid 1000 in a scrubbed environment with no fd but its own
    and could list neither the suite, nor the report folder, nor the pytest's home."""
    folder = FIXTURES / "agent-code"
    selection = Selection(suites=("tool_use",), task_ids="agent-code-probe", tasks_dirs=(folder,), sandbox="docker")
    outcome = run([Endpoint("ref/oracle"), Endpoint("ref/null")], selection, RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)
    frame = outcome.samples.set_index("model")
    assert bool(frame.loc["ref/oracle", "success"]) and frame.loc["ref/oracle", "reward"] == 1.0
    assert not bool(frame.loc["ref/null", "success"]) and frame.loc["ref/null", "reward"] == 0.0
