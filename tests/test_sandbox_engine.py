"""Reaching the engine: a client when one answers, one clear line when none does."""

from __future__ import annotations

from pathlib import Path

import docker
import pytest

from agentbench.sandbox.docker.engine import ensure_engine
from agentbench.sandbox.errors import EngineUnavailable


@pytest.mark.docker
def test_answering_engine_gives_a_client(docker_engine: docker.DockerClient) -> None:
    assert ensure_engine().ping()


def test_unreachable_docker_host_is_one_line_with_the_fix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    started: list[str] = []
    with pytest.raises(EngineUnavailable) as error:
        ensure_engine(progress=started.append)
    assert "bash sandboxes/engine.sh" in str(error.value) and "\n" not in str(error.value)
    assert started == [], "never starts a local dockerd for an explicit DOCKER_HOST"
