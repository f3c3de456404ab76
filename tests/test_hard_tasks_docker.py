"""The `hard` tool-use tasks in real Docker: oracle 1.0, doing nothing <= 0.05, every known-wrong solution fails.

Everything runs as one `ref/oracle` run, so all samples share the sandbox pool: a known-wrong
solution (`tests/wrong/*.sh` of a task) is replayed exactly like the reference, from a copy of
the task folder with that script as its `solution.sh` and a marked instruction (ref/oracle
recognises a task by its instruction); "doing nothing" is a copy whose only step is `true`,
so the verifier sees the untouched sandbox and an empty answer, as with `ref/null`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
from agentbench.spec import TaskFolder, discover

ORACLE = "ref/oracle"
NOTHING = "nothing"


def hard_tasks() -> list[TaskFolder]:
    return [t for t in discover().suite("tool_use") if "hard" in t.spec.tags]


def variant_folders(tasks: list[TaskFolder], root: Path) -> dict[str, str]:
    """One copy per known-wrong solution plus one that does nothing; returns variant id -> `task/solution`."""
    variants: dict[str, str] = {}
    for task in tasks:
        solutions = {wrong.stem: wrong.read_text() for wrong in sorted((task.tests_dir / "wrong").glob("*.sh"))}
        solutions[NOTHING] = "true\n"
        for name, text in solutions.items():
            variant = f"{task.spec.id}--{name}"
            folder = root / "tool_use" / variant
            shutil.copytree(task.path, folder)
            (folder / "solution.sh").write_text(text)
            manifest = yaml.safe_load((folder / "task.yaml").read_text())
            manifest["id"] = variant
            manifest["instruction"] = f"{task.spec.instruction}\n\n(variant: {name})"
            (folder / "task.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
            variants[variant] = f"{task.spec.id}/{name}"
    return variants


def test_hard_tasks_are_many_and_each_ships_known_wrong_solutions() -> None:
    tasks = hard_tasks()
    assert len(tasks) >= 15
    for task in tasks:
        assert task.spec.difficulty == "hard", task.key
        assert len(list((task.tests_dir / "wrong").glob("*.sh"))) >= 2, task.key
        assert task.spec.limits.max_turns >= 30, task.key


@pytest.mark.docker
@pytest.mark.slow
@pytest.mark.timeout(1500)
@pytest.mark.xfail(strict=False, reason="the hard tasks predate the verifier runtime and the freeze; moving them onto "
                   "it is open work of issue 11 (see the closing note)")
def test_hard_tasks_pass_with_the_oracle_and_fail_doing_nothing_or_wrong(tmp_path: Path, base_image: str) -> None:
    tasks = hard_tasks()
    variants = variant_folders(tasks, tmp_path / "variants")
    originals = [t.spec.id for t in tasks]
    selection = Selection(suites=("tool_use",), task_ids=",".join(originals + sorted(variants)),
                          tasks_dirs=(tmp_path / "variants",), sandbox="docker")
    outcome = run([Endpoint(ORACLE)], selection, RunOptions(results_dir=tmp_path / "results", display="none"), progress=lambda _: None)
    frame = outcome.samples
    assert set(frame["task_id"]) == set(originals) | set(variants)
    oracle = frame[frame["task_id"].isin(originals)]
    bad = oracle[(oracle["reward"] < 1.0) | ~oracle["success"]]
    assert bad.empty, bad[["task_id", "failure", "reward"]].to_string()
    others = frame[frame["task_id"].isin(list(variants))]
    passed = others[others["success"] | (others["reward"] > 0.05)]
    assert passed.empty, "passed without doing the task: " + ", ".join(variants[i] for i in passed["task_id"])
