"""The `hard` tool-use tasks in real Docker, through `agentbench tasks validate`: oracle 1.0, doing
nothing (`ref/null`) at most 0.05, every known-wrong solution (`tests/wrong/*.sh`) and every bundle
of the cheat battery fails. This is the CI run of the battery over the hard tasks; the other tasks
are validated by test_tool_use_docker.py.
"""

from __future__ import annotations

import pytest

from agentbench.run.validate import validate
from agentbench.spec import TaskFolder, discover


def hard_tasks() -> list[TaskFolder]:
    return [t for t in discover().suite("tool_use") if "hard" in t.spec.tags]


def test_hard_tasks_are_many_and_each_ships_known_wrong_solutions() -> None:
    tasks = hard_tasks()
    assert len(tasks) >= 15
    for task in tasks:
        assert task.spec.difficulty == "hard", task.key
        assert len(list((task.tests_dir / "wrong").glob("*.sh"))) >= 2, task.key
        assert task.spec.limits.max_turns >= 30, task.key
        assert "Checks(all_or_nothing=True)" in (task.tests_dir / "verify.py").read_text(), task.key


PARTS = 2


@pytest.mark.docker
@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.parametrize("part", range(PARTS))
def test_hard_tasks_pass_with_the_oracle_and_fail_doing_nothing_wrong_or_cheating(base_image: str, part: int) -> None:
    """In PARTS parts, so parallel test workers share the validation."""
    folders = [t.path for t in sorted(hard_tasks(), key=lambda t: t.key)[part::PARTS]]
    verdicts = validate(folders, "docker", progress=lambda _: None)
    bad = [f"{v.key}: {v.detail}" for v in verdicts if not v.ok]
    assert len(verdicts) == len(folders) and not bad, "\n".join(bad)
