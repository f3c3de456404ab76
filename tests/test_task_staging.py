"""A task's files and setup script reach the sandbox in two commands (`suites/tool_use/staging.py`) and leave it
as Inspect's `Sample.files` (one `write_file` per file) and `Sample.setup` did: the agent's files in its working
directory, dated now, the setup script run after them, as the agent, there, and then removed."""

from __future__ import annotations

import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from agentbench.run.endpoints import Endpoint
from agentbench.run.runner import RunOptions, run
from agentbench.run.selection import Selection
from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.sandbox.errors import SetupFailed
from agentbench.sandbox.root_files import write_workdir_files
from agentbench.spec.schema import SandboxSpec
from agentbench.suites.tool_use.staging import stage, task_files

_LISTING = "find . -mindepth 1 -printf '%P %y %u %g %m %s\\n' | sort"


def _task(tmp_path: Path, setup: str | None = None) -> Path:
    folder = tmp_path / "task"
    (folder / "files" / "data" / "nested").mkdir(parents=True)
    (folder / "files" / "notes.md").write_text("hello\n")
    (folder / "files" / "data" / "nested" / "rows.csv").write_bytes(b"a,b\n1,2\n")
    (folder / "files" / "data" / "empty.txt").write_bytes(b"")
    (folder / "files" / "bin.dat").write_bytes(bytes(range(256)) * 40)
    if setup is not None:
        (folder / "setup.sh").write_text(setup)
    return folder


def test_the_files_are_the_folders_files_relative_to_the_working_directory(tmp_path: Path) -> None:
    files = task_files(_task(tmp_path))
    assert sorted(files) == ["bin.dat", "data/empty.txt", "data/nested/rows.csv", "notes.md"]
    assert files["data/nested/rows.csv"] == b"a,b\n1,2\n"
    assert task_files(tmp_path / "no-such-task") == {}


@pytest.mark.parametrize("path", ["../escape.txt", "data/../../escape.txt", "/etc/passwd"])
async def test_a_path_outside_the_working_directory_is_refused_before_any_command(path: str) -> None:
    class NoSandbox:
        async def exec(self, *args: object, **kwargs: object) -> None:
            raise AssertionError("nothing may run")

    with pytest.raises(ValueError, match="relative to the working directory"):
        await write_workdir_files(NoSandbox(), {path: b"x"})  # type: ignore[arg-type]


@pytest.fixture
async def sandboxes(base_image: str) -> AsyncIterator[list[AgentbenchDockerSandbox]]:
    made: list[dict] = []

    async def make() -> AgentbenchDockerSandbox:
        environments = await AgentbenchDockerSandbox.sample_init("staging", SandboxSpec(), {})
        made.append(environments)
        return environments["default"].as_type(AgentbenchDockerSandbox)

    yield [await make(), await make()]
    for environments in made:
        await AgentbenchDockerSandbox.sample_cleanup("staging", None, environments, False)


@pytest.mark.docker
async def test_staged_files_are_what_one_write_file_per_file_leaves(sandboxes: list[AgentbenchDockerSandbox], tmp_path: Path) -> None:
    staged, written = sandboxes
    folder = _task(tmp_path)
    started = time.time()
    await stage(staged, folder, None)
    for path, contents in task_files(folder).items():
        await written.write_file(path, contents)
    listing = (await staged.exec(["sh", "-c", _LISTING])).stdout
    assert listing == (await written.exec(["sh", "-c", _LISTING])).stdout
    assert "notes.md f agent agent 644 6\n" in listing and "data d agent agent 755" in listing
    assert await staged.read_file("data/nested/rows.csv") == "a,b\n1,2\n"
    assert await staged.read_file("bin.dat", text=False) == bytes(range(256)) * 40
    dated = (await staged.exec(["sh", "-c", "find . -type f -printf '%T@\\n'"])).stdout.split()
    assert len(dated) == 4 and all(float(when) >= started - 2 for when in dated), "dated now, not 1970 (tar's default)"


@pytest.mark.docker
async def test_the_setup_script_runs_after_the_files_as_the_agent_in_the_working_directory(
        sandboxes: list[AgentbenchDockerSandbox], tmp_path: Path) -> None:
    env = sandboxes[0]
    before = (await env.exec(["ls", "-A", "/tmp"])).stdout
    setup = "#!/bin/bash\nset -e\n{ id -un; pwd; wc -l < data/nested/rows.csv; } > setup.out\n"
    await stage(env, _task(tmp_path, setup), "setup.sh")
    assert await env.read_file("setup.out") == f"agent\n{SandboxSpec().workdir}\n2\n"
    assert (await env.exec(["ls", "-A", "/tmp"])).stdout == before, "the setup script is removed"


@pytest.mark.docker
async def test_a_setup_script_without_a_shebang_runs_in_the_shell(sandboxes: list[AgentbenchDockerSandbox], tmp_path: Path) -> None:
    env = sandboxes[0]
    await stage(env, _task(tmp_path, "echo started > started.txt\n"), "setup.sh")
    assert await env.read_file("started.txt") == "started\n"


@pytest.mark.docker
async def test_a_failing_setup_script_stops_the_sample_with_its_words(sandboxes: list[AgentbenchDockerSandbox], tmp_path: Path) -> None:
    env = sandboxes[0]
    with pytest.raises(SetupFailed, match=r"setup script setup\.sh exited 3: .*no spool here"):
        await stage(env, _task(tmp_path, "echo 'no spool here' >&2\nexit 3\n"), "setup.sh")


@pytest.mark.docker
async def test_files_that_cannot_be_written_stop_the_sample_as_a_failed_setup(sandboxes: list[AgentbenchDockerSandbox], tmp_path: Path) -> None:
    """A root-owned folder of the image in the way: the copy fails as a sandbox failure, with tar's words."""
    env = sandboxes[0]
    assert (await env.exec(["sh", "-c", "mkdir data && chmod 755 data"], user="root")).success
    with pytest.raises(SetupFailed, match=r"copying 4 file\(s\) into the sandbox failed: .*data.*Permission denied"):
        await stage(env, _task(tmp_path), None)


def test_a_run_records_a_failing_setup_script_as_a_sandbox_error_in_its_words(tmp_path: Path, fixture_tasks: Path) -> None:
    """Not the model's failure (`endpoint_error`, as Inspect's own setup failure was counted): the sandbox's."""
    tasks = tmp_path / "tasks"
    shutil.copytree(fixture_tasks, tasks)
    folder = tasks / "tool_use" / "make-report"
    (folder / "start.sh").write_text("echo 'no spool here' >&2\nexit 3\n")
    (folder / "task.yaml").write_text((folder / "task.yaml").read_text() + "setup: start.sh\n")
    selection = Selection(suites=("tool_use",), tags="fixture", tasks_dirs=(tasks,), sandbox="local")
    outcome = run([Endpoint("ref/oracle")], selection, RunOptions(results_dir=tmp_path / "results", display="none"), lambda _: None)
    (row,) = outcome.samples.to_dict("records")
    assert row["failure"] == "sandbox_error" and not row["success"]
    assert row["error"] == "SetupFailed('setup script start.sh exited 3: no spool here')"
