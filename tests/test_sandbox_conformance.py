"""Inspect's portable conformance checks for sandbox providers, run against agentbench_docker."""

from __future__ import annotations

from collections.abc import Iterator

import anyio
import pytest
from inspect_ai.util import SandboxEnvironment
from inspect_ai.util._sandbox.self_check import *

from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.spec.schema import SandboxSpec

pytestmark = [pytest.mark.docker, pytest.mark.slow]


@pytest.fixture(scope="module")
def shared_sandbox(base_image: str) -> Iterator[SandboxEnvironment]:
    environments = anyio.run(AgentbenchDockerSandbox.sample_init, "conformance", SandboxSpec(), {})
    yield environments["default"]
    anyio.run(AgentbenchDockerSandbox.sample_cleanup, "conformance", None, environments, False)


@pytest.fixture
def sandbox_env(shared_sandbox: SandboxEnvironment) -> SandboxEnvironment:
    """The fixture name Inspect's checks (imported above, each asserting) ask for."""
    return shared_sandbox


def test_inspects_checks_were_collected() -> None:
    checks = [name for name in globals() if name.startswith("test_") and name != "test_inspects_checks_were_collected"]
    assert len(checks) >= 40, checks
