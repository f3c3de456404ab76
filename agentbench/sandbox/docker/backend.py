"""The Docker backend's table entry: our `agentbench_docker` sandbox on the Docker SDK.

Its modules (engine, images, container, environment, ...) sit beside it in agentbench/sandbox/docker/;
this entry is the only thing the generic path sees of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing

from inspect_ai.util import SandboxEnvironmentSpec

from agentbench.sandbox.backends import BackendSettings, Progress, SandboxBackend, qualified_name
import agentbench.sandbox.docker.environment  # noqa: F401  (registers the `agentbench_docker` sandbox with Inspect)
from agentbench.sandbox.docker.names import AGENT_USER, SANDBOX_TYPE
from agentbench.sandbox.errors import EngineUnavailable, ImageBuildError, SandboxCrashed
from agentbench.sandbox.freeze import freeze_agent
from agentbench.spec.schema import SandboxSpec


def _prepare(images: Sequence[str], settings: BackendSettings, progress: Progress) -> None:
    from agentbench.sandbox.docker.prepare import prepare_docker

    prepare_docker(images, progress)


def _build_images(names: Sequence[str], settings: BackendSettings, progress: Progress) -> dict[str, str]:
    from agentbench.sandbox.docker.engine import ensure_engine
    from agentbench.sandbox.docker.images import ensure_images

    with closing(ensure_engine(progress)) as client:
        return ensure_images(client.api, names, progress)


def _prune(everything: bool) -> int:
    from agentbench.sandbox.docker.engine import ensure_engine
    from agentbench.sandbox.docker.prune import prune_orphans

    with closing(ensure_engine()) as client:
        return prune_orphans(client.api, include_live=everything)


BACKEND = SandboxBackend(
    name="docker",
    help="one isolated container per sample on a Docker engine (DOCKER_HOST honoured)",
    isolated=True,
    uses_docker_engine=True,
    sample_sandbox=lambda spec, settings: SandboxEnvironmentSpec(SANDBOX_TYPE, spec),
    prepare=_prepare,
    build_images=_build_images,
    prune=_prune,
    # Our sandbox's errors, the Docker SDK's, and those of the HTTP library it talks to the engine with.
    error_types=(*map(qualified_name, (SandboxCrashed, EngineUnavailable, ImageBuildError)),
                 "agentbench.sandbox.", "docker.", "requests.exceptions."),
    verifier_user="root",
    verifier_on_host=False,
    freeze=lambda env: freeze_agent(env, AGENT_USER),
)
