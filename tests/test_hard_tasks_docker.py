"""The `hard` tool-use tasks in real Docker: oracle 1.0, doing nothing <= 0.05, every known-wrong solution fails.

A known-wrong solution (`tests/wrong/*.sh` of a task) is replayed exactly like the oracle: the
task folder is copied with that script as its `solution.sh` and a marked instruction (ref/oracle
recognises a task by its instruction), then run by `ref/oracle` through the normal pipeline.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
from agentbench.spec import TaskFolder, discover

pytestmark = [pytest.mark.docker, pytest.mark.slow]
ORACLE, NULL = "ref/oracle", "ref/null"


def hard_tasks() -> list[TaskFolder]:
    return [t for t in discover().suite("tool_use") if "hard" in t.spec.tags]


def wrong_variants(tasks: list[TaskFolder], root: Path) -> dict[str, str]:
    """Copy each task once per known-wrong solution; returns variant id -> `task/wrong.sh`."""
    variants: dict[str, str] = {}
    for task in tasks:
        for wrong in sorted((task.tests_dir / "wrong").glob("*.sh")):
            variant = f"{task.spec.id}--{wrong.stem}"
            folder = root / "tool_use" / variant
            shutil.copytree(task.path, folder)
            shutil.copyfile(wrong, folder / "solution.sh")
            manifest = yaml.safe_load((folder / "task.yaml").read_text())
            manifest["id"] = variant
            manifest["instruction"] = f"{task.spec.instruction}\n\n(known-wrong solution {wrong.stem})"
            (folder / "task.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False))
            variants[variant] = f"{task.spec.id}/{wrong.name}"
    return variants


def _run(endpoints: list[str], ids: list[str], dirs: tuple[Path, ...], results: Path) -> pd.DataFrame:
    selection = Selection(suites=("tool_use",), task_ids=",".join(ids), tasks_dirs=dirs, sandbox="docker")
    outcome = run([Endpoint(e) for e in endpoints], selection, RunOptions(results_dir=results, display="none"), progress=lambda _: None)
    return outcome.samples


def test_hard_tasks_are_many_and_each_ships_known_wrong_solutions() -> None:
    tasks = hard_tasks()
    assert len(tasks) >= 15
    for task in tasks:
        assert task.spec.difficulty == "hard", task.key
        assert len(list((task.tests_dir / "wrong").glob("*.sh"))) >= 2, task.key
        assert task.spec.limits.max_turns >= 30, task.key


@pytest.mark.timeout(1500)
def test_hard_tasks_oracle_passes_and_null_earns_nothing(tmp_path: Path, base_image: str) -> None:
    tasks = hard_tasks()
    frame = _run([ORACLE, NULL], [t.spec.id for t in tasks], (), tmp_path)
    oracle, null = frame[frame["model"] == ORACLE], frame[frame["model"] == NULL]
    assert set(oracle["task_id"]) == {t.spec.id for t in tasks}
    bad = oracle[(oracle["reward"] < 1.0) | ~oracle["success"]]
    assert bad.empty, bad[["task_id", "failure", "reward"]].to_string()
    rewarded = null[null["reward"] > 0.05]
    assert rewarded.empty, rewarded[["task_id", "reward"]].to_string()


@pytest.mark.timeout(1500)
def test_hard_tasks_known_wrong_solutions_fail(tmp_path: Path, base_image: str) -> None:
    variants = wrong_variants(hard_tasks(), tmp_path / "variants")
    frame = _run([ORACLE], sorted(variants), (tmp_path / "variants",), tmp_path / "results")
    assert set(frame["task_id"]) == set(variants)
    passed = frame[frame["success"] | (frame["reward"] > 0.05)]
    assert passed.empty, "known-wrong solutions passed: " + ", ".join(variants[i] for i in passed["task_id"])
