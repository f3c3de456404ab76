"""One Docker session per eval: an eval's cleanup removes its own containers only, stops its OOM watch, runs once."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import anyio
import docker
import pytest

from agentbench.sandbox import labels
from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.sandbox.docker.session import DockerSession
from agentbench.sandbox.errors import SandboxCrashed
from agentbench.spec.schema import SandboxSpec

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[1]
SPEC = SandboxSpec(memory_mb=256)


def _running(client: docker.DockerClient, container: str) -> bool:
    found = client.api.containers(all=True, filters={"id": container})
    return bool(found) and found[0]["State"] == "running"


def _init() -> AgentbenchDockerSandbox:
    async def init() -> AgentbenchDockerSandbox:
        environments = await AgentbenchDockerSandbox.sample_init("session", SPEC, {"__sample_id__": "s"})
        return environments["default"].as_type(AgentbenchDockerSandbox)

    return anyio.run(init)


def _oom_watchers() -> set[threading.Thread]:
    return {thread for thread in threading.enumerate() if thread.name == "agentbench-oom-watch"}


def test_one_evals_cleanup_leaves_another_evals_sandboxes(base_image: str, docker_engine: docker.DockerClient) -> None:
    """Two evals in one process (two event loops): the second one's task cleanup once removed the first's containers."""
    first = _init()
    try:

        async def second_eval() -> str:
            environments = await AgentbenchDockerSandbox.sample_init("session", SPEC, {"__sample_id__": "t"})
            container = environments["default"].as_type(AgentbenchDockerSandbox).container
            await AgentbenchDockerSandbox.task_cleanup("session", SPEC, True)  # its sample "interrupted": no sample cleanup
            return container

        second = anyio.run(second_eval)
        assert not docker_engine.api.containers(all=True, filters={"id": second}), "the eval's own sandbox is removed"
        assert _running(docker_engine, first.container), "another eval's sandbox was removed"
        assert (anyio.run(first.exec, ["echo", "still here"])).stdout == "still here\n"
    finally:
        anyio.run(AgentbenchDockerSandbox.sample_cleanup, "session", SPEC, {"default": first}, False)
    assert not docker_engine.api.containers(all=True, filters={"id": first.container})


def test_task_cleanup_closes_the_session_once_and_stops_its_oom_watch(
    base_image: str, docker_engine: docker.DockerClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _oom_watchers()

    async def eval_like() -> tuple[str, set[threading.Thread]]:
        environments = await AgentbenchDockerSandbox.sample_init("session", SPEC, {"__sample_id__": "u"})
        container = environments["default"].as_type(AgentbenchDockerSandbox).container
        started = _oom_watchers() - before
        await AgentbenchDockerSandbox.task_cleanup("session", SPEC, True)
        monkeypatch.setattr(DockerSession, "connect", classmethod(lambda cls: pytest.fail("a cleanup opened a session")))
        await AgentbenchDockerSandbox.task_cleanup("session", SandboxSpec(image="base", memory_mb=512), True)
        return container, started

    container, started = anyio.run(eval_like)
    assert len(started) == 1, "the session watches for OOM kills while it has sandboxes"
    assert not docker_engine.api.containers(all=True, filters={"id": container})
    [watcher] = started
    watcher.join(timeout=120)
    assert not watcher.is_alive(), "the OOM watch outlived its session"


def test_no_cleanup_keeps_the_sandboxes_and_says_how_to_enter_them(
    base_image: str, docker_engine: docker.DockerClient, caplog: pytest.LogCaptureFixture
) -> None:
    async def eval_like() -> str:
        environments = await AgentbenchDockerSandbox.sample_init("session", SPEC, {"__sample_id__": "v"})
        await AgentbenchDockerSandbox.task_cleanup("session", SPEC, False)
        return environments["default"].as_type(AgentbenchDockerSandbox).container

    with caplog.at_level(logging.WARNING):
        container = anyio.run(eval_like)
    try:
        assert _running(docker_engine, container)
        assert f"docker exec -it {container[:12]} bash" in caplog.text
    finally:
        docker_engine.api.remove_container(container, force=True)


def test_a_start_finishing_after_the_session_closed_leaves_no_container(
    base_image: str, docker_engine: docker.DockerClient
) -> None:
    """Ctrl-C abandons a sample's start in its worker thread; the eval's cleanup may close the session first."""
    session = DockerSession.connect()
    session.close()
    name = f"agentbench-late-{uuid.uuid4().hex[:8]}"
    with pytest.raises(SandboxCrashed, match="closed while this one was starting"):
        session.start(base_image, SPEC, labels.container_labels("late"), name)
    assert docker_engine.api.containers(all=True, filters={"name": name}) == []


EXITS_WITHOUT_CLEANUP = """
import anyio
from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.spec.schema import SandboxSpec
environments = anyio.run(AgentbenchDockerSandbox.sample_init, "exit", SandboxSpec(memory_mb=256), {})
print(environments["default"].container, flush=True)
"""


def test_a_process_that_exits_without_cleanup_leaves_no_sandbox(base_image: str, docker_engine: docker.DockerClient) -> None:
    run_id = f"test-exit-{uuid.uuid4().hex[:8]}"
    done = subprocess.run(
        [sys.executable, "-c", EXITS_WITHOUT_CLEANUP],
        env={**os.environ, "AGENTBENCH_RUN_ID": run_id, "PYTHONPATH": str(REPO)},
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert len(done.stdout.split()) == 1, done.stdout
    assert docker_engine.api.containers(all=True, filters={"label": f"{labels.RUN_ID}={run_id}"}) == []
