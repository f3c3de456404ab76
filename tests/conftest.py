"""Shared pytest fixtures, one section per area."""

from __future__ import annotations

from pathlib import Path

import docker
import pytest

from agentbench.sandbox.docker.engine import ensure_engine
from agentbench.sandbox.errors import EngineUnavailable
from agentbench.sandbox.docker.images import ensure_images

pytest_plugins = ("pytester",)

FIXTURES = Path(__file__).parent / "fixtures"
collect_ignore = ["fixtures"]
"""Task folders used as data: their own tests belong to the tasks, not to this suite."""

# --- Test order ---------------------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules with a slow test run first, each module's tests kept together and in order (module
    fixtures are set up once): the two workers share the long tests from the start and end on short
    ones, instead of one ending alone on a long test that came late in the alphabet."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)


# --- Task folders used by the run tests ---------------------------------------------------------


@pytest.fixture(scope="session")
def fixture_tasks() -> Path:
    """A folder with one small multi-step tool-use task (`make-report`, tagged `fixture`)."""
    return FIXTURES / "tasks"


@pytest.fixture(scope="session")
def overflow_tasks() -> Path:
    """A task whose tool output floods an 8k context window (`flood`)."""
    return FIXTURES / "overflow"


# --- Docker engine and sandbox images (sandbox tests) -----------------------------------------


@pytest.fixture(scope="session")
def docker_engine() -> docker.DockerClient:
    """The real engine sandbox tests run against; the README's test command starts one."""
    try:
        return ensure_engine()
    except EngineUnavailable as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session")
def base_image(docker_engine: docker.DockerClient) -> str:
    """The `base` sandbox image, built if missing."""
    return ensure_images(docker_engine.api, ["base"])["base"]
