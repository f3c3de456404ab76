"""Sandbox lifecycle through Inspect: registration, config round trip, cleanup, interrupt, SIGKILL + prune."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import anyio
import docker
import pytest
from inspect_ai import Task
from inspect_ai import eval as inspect_eval
from inspect_ai.dataset import Sample
from inspect_ai.log import read_eval_log
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.util import SandboxEnvironmentSpec, sandbox

from agentbench.sandbox import labels
from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.sandbox.docker.prune import prune_orphans
from agentbench.spec.schema import SandboxSpec

REPO = Path(__file__).resolve().parents[1]

# A runner: one Inspect eval whose single sample holds its sandbox until the runner is stopped.
RUNNER = """
import sys, anyio
import agentbench.sandbox.docker.environment  # registers agentbench_docker
from inspect_ai import Task, eval
from inspect_ai.dataset import Sample
from inspect_ai.solver import solver
from inspect_ai.util import SandboxEnvironmentSpec, sandbox
from agentbench.spec.schema import SandboxSpec

@solver
def hold():
    async def solve(state, generate):
        result = await sandbox().exec(["id", "-un"])
        print("SANDBOX-UP", result.stdout.strip(), flush=True)
        await anyio.sleep(600)
        return state
    return solve

spec = SandboxEnvironmentSpec("agentbench_docker", SandboxSpec(memory_mb=256, pids=64))
task = Task(dataset=[Sample(input="x", id="held")], solver=hold(), sandbox=spec)
eval(task, model="mockllm/model", display="none", log_dir=sys.argv[1])
"""


def _ours(client: docker.DockerClient, run_id: str) -> list[str]:
    return [c["Id"] for c in client.api.containers(all=True, filters={"label": f"{labels.RUN_ID}={run_id}"})]


@dataclass
class Runner:
    process: subprocess.Popen[str]
    run_id: str
    log_dir: Path


@pytest.fixture(scope="module")
def runners(
    base_image: str, docker_engine: docker.DockerClient, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Runner]]:
    """Two runners started together (each takes seconds to import Inspect), both holding their sandbox."""
    started: dict[str, Runner] = {}
    for name in ("interrupted", "killed"):
        run_id = f"test-{name}-{uuid.uuid4().hex[:8]}"
        log_dir = tmp_path_factory.mktemp(name)
        process = subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(log_dir)],
            env={**os.environ, "AGENTBENCH_RUN_ID": run_id, "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # Ctrl-C live, however pytest was started
        )
        started[name] = Runner(process, run_id, log_dir)
    for runner in started.values():
        assert runner.process.stdout is not None
        line = runner.process.stdout.readline()
        while line and not line.startswith("SANDBOX-UP"):  # Inspect's banner (hooks enabled) comes first
            line = runner.process.stdout.readline()
        assert line.startswith("SANDBOX-UP agent"), (
            f"runner failed: {line}{runner.process.stderr.read() if runner.process.stderr else ''}"
        )
    yield started
    for runner in started.values():
        runner.process.kill()
        runner.process.wait()
        for container in _ours(docker_engine, runner.run_id):
            docker_engine.api.remove_container(container, force=True)


def test_sandbox_is_registered_and_its_config_round_trips() -> None:
    spec = SandboxEnvironmentSpec("agentbench_docker", SandboxSpec(image="base", network=True, memory_mb=512))
    restored = SandboxEnvironmentSpec.model_validate_json(spec.model_dump_json())
    assert restored == spec and isinstance(restored.config, SandboxSpec)


@pytest.mark.docker
def test_eval_runs_in_the_sandbox_and_removes_it(
    base_image: str, docker_engine: docker.DockerClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_id = f"test-eval-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("AGENTBENCH_RUN_ID", run_id)
    seen: list[str] = []

    @solver
    def look() -> Solver:
        async def solve(state: TaskState, generate: Generate) -> TaskState:
            seen.append((await sandbox().exec(["id", "-un"])).stdout.strip())
            seen.extend(_ours(docker_engine, run_id))
            return state

        return solve

    spec = SandboxEnvironmentSpec("agentbench_docker", SandboxSpec(memory_mb=256))
    task = Task(dataset=[Sample(input="x", id="one")], solver=look(), sandbox=spec)
    [log] = inspect_eval(task, model="mockllm/model", display="none", log_dir=str(tmp_path))
    assert log.status == "success" and seen[0] == "agent" and len(seen) == 2
    assert _ours(docker_engine, run_id) == []
    stored = read_eval_log(log.location)
    assert stored.eval.sandbox is not None and stored.eval.sandbox.config == SandboxSpec(memory_mb=256)


@pytest.mark.docker
@pytest.mark.slow
def test_interrupted_runner_removes_its_containers(
    runners: dict[str, Runner], docker_engine: docker.DockerClient
) -> None:
    runner = runners["interrupted"]
    assert len(_ours(docker_engine, runner.run_id)) == 1
    runner.process.send_signal(signal.SIGINT)
    runner.process.wait(timeout=500)
    assert _ours(docker_engine, runner.run_id) == []


@pytest.mark.docker
@pytest.mark.slow
def test_prune_removes_what_a_killed_runner_left(
    runners: dict[str, Runner], docker_engine: docker.DockerClient
) -> None:
    runner = runners["killed"]
    runner.process.send_signal(signal.SIGKILL)
    runner.process.wait(timeout=300)
    assert len(_ours(docker_engine, runner.run_id)) == 1, "a SIGKILLed runner cannot clean up"
    mine = anyio.run(AgentbenchDockerSandbox.sample_init, "prune", SandboxSpec(), {})
    live = mine["default"].as_type(AgentbenchDockerSandbox).container
    try:
        assert prune_orphans(docker_engine.api) >= 1
        assert _ours(docker_engine, runner.run_id) == []
        assert docker_engine.api.containers(filters={"id": live}), "a live runner's sandbox stays"
    finally:
        anyio.run(AgentbenchDockerSandbox.sample_cleanup, "prune", None, mine, False)


@pytest.mark.docker
async def test_parallel_samples_get_separate_sandboxes(base_image: str, docker_engine: docker.DockerClient) -> None:
    sandboxes: dict[int, AgentbenchDockerSandbox] = {}
    contents: dict[int, str] = {}

    async def one(i: int) -> None:
        environments = await AgentbenchDockerSandbox.sample_init("parallel", SandboxSpec(), {})
        sandboxes[i] = env = environments["default"].as_type(AgentbenchDockerSandbox)
        await env.write_file("who.txt", f"sample {i}")
        contents[i] = await env.read_file("who.txt")

    async with anyio.create_task_group() as group:
        for i in range(8):
            group.start_soon(one, i)
    assert contents == {i: f"sample {i}" for i in range(8)}
    containers = {env.container for env in sandboxes.values()}
    assert len(containers) == 8
    for env in sandboxes.values():
        await AgentbenchDockerSandbox.sample_cleanup("parallel", None, {"default": env}, False)
    assert not any(docker_engine.api.containers(all=True, filters={"id": c}) for c in containers)
