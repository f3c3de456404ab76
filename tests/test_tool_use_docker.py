"""The tool-use suite in real Docker sandboxes: every task proven sound, authoring commands work."""

from __future__ import annotations

from pathlib import Path

import docker
import pandas as pd
import pytest
from click.testing import CliRunner

from agentbench.cli.main import cli
from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
from agentbench.run.validate import validate
from agentbench.spec import discover
from agentbench.spec.scaffold import scaffold_task

pytestmark = pytest.mark.docker


def test_starter_tasks_pass_with_oracle_and_fail_with_null_in_docker(tmp_path: Path, base_image: str) -> None:
    selection = Selection(suites=("tool_use",), tags="starter", sandbox="docker")
    outcome = run([Endpoint("ref/oracle"), Endpoint("ref/null")], selection, RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)
    frame = outcome.samples
    starters = {t.spec.id for t in discover().suite("tool_use") if "starter" in t.spec.tags}
    assert len(starters) >= 3 and set(frame["task_id"]) == starters
    oracle, null = frame[frame["model"] == "ref/oracle"], frame[frame["model"] == "ref/null"]
    assert bool(oracle["success"].all()) and (oracle["tool_calls"] >= 3).all()
    assert not bool(null["success"].any())
    client = docker.from_env()
    assert not client.containers.list(all=True, filters={"label": f"agentbench.run_id={outcome.files.run_dir.name}"})


PARTS = 4


@pytest.mark.slow
@pytest.mark.timeout(1800)
@pytest.mark.parametrize("part", range(PARTS))
def test_every_builtin_task_is_sound_in_docker(base_image: str, part: int) -> None:
    """What `agentbench tasks validate` checks, over every task folder in tasks/ but the `hard` ones
    (test_hard_tasks_docker validates those): oracle 1.0, null <= 0.05, every tests/wrong/*.sh and
    every bundle of the cheat battery fails (this is the battery's CI run). In PARTS parts, so
    parallel test workers share it."""
    every = sorted((t for t in discover().suite("tool_use") if "hard" not in t.spec.tags), key=lambda t: t.key)
    assert len(every) >= 30 and len({t.spec.category for t in every}) >= 7
    folders = [t.path for t in every[part::PARTS]]
    verdicts = validate(folders, "docker", progress=lambda _: None)
    bad = [f"{v.key}: {v.detail}" for v in verdicts if not v.ok]
    assert len(verdicts) == len(folders) and not bad, "\n".join(bad)


def test_a_scaffolded_task_fails_validation_with_the_verifiers_words(tmp_path: Path, base_image: str) -> None:
    folder = scaffold_task(tmp_path, "tool_use/my-new-task")
    assert folder == tmp_path / "tool_use" / "my-new-task"
    result = CliRunner().invoke(cli, ["tasks", "validate", str(folder)])
    assert result.exit_code == 1
    line = next(line for line in result.output.splitlines() if line.startswith("FAIL"))
    assert "tool_use/my-new-task: ref/oracle failed (verifier_failed)" in line


def test_tasks_new_refuses_an_existing_folder(tmp_path: Path) -> None:
    scaffold_task(tmp_path, "tool_use/twice")
    result = CliRunner().invoke(cli, ["tasks", "new", "tool_use/twice", "--tasks-dir", str(tmp_path)])
    assert result.exit_code == 1 and "already exists" in result.output


def test_validate_reports_a_broken_folder_as_one_line(tmp_path: Path) -> None:
    folder = scaffold_task(tmp_path, "tool_use/broken-one")
    (folder / "task.yaml").write_text("instruction: x\nlimits: {max_turns: 0}\n")
    result = CliRunner().invoke(cli, ["tasks", "validate", str(folder)])
    assert result.exit_code == 1
    assert "FAIL " in result.output and "limits.max_turns: Input should be greater than 0" in result.output


def test_samples_record_which_tools_were_used(tmp_path: Path, base_image: str) -> None:
    selection = Selection(suites=("tool_use",), task_ids="top-customer", sandbox="docker")
    outcome = run([Endpoint("ref/oracle")], selection, RunOptions(results_dir=tmp_path, display="none"), progress=lambda _: None)
    frame = pd.read_parquet(outcome.files.samples)
    assert frame.loc[0, "tools_used"] == "bash" and frame.loc[0, "tool_calls"] >= 3


def test_validate_names_a_sandbox_image_that_does_not_exist(tmp_path: Path) -> None:
    folder = scaffold_task(tmp_path, "tool_use/odd-image")
    text = (folder / "task.yaml").read_text().replace("image: base ", "image: no-such-image ")
    (folder / "task.yaml").write_text(text)
    verdicts = validate([folder], "docker", progress=lambda _: None)
    assert [v.ok for v in verdicts] == [False]
    assert verdicts[0].detail.startswith("sandbox.image: no sandboxes/no-such-image/Dockerfile")
