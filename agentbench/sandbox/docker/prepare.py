"""Before a run's first sample: an engine that answers, no leftovers of killed runs, images built."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import closing

from agentbench.sandbox.docker.engine import ensure_engine, over_ssh
from agentbench.sandbox.errors import EngineUnavailable
from agentbench.sandbox.docker.images import ensure_images
from agentbench.sandbox.docker.prune import prune_orphans


SSH_RUNS = (
    "DOCKER_HOST=ssh:// serves `agentbench sandbox build|prune|engine`, but sandboxes stream their commands "
    "over raw sockets the Docker SDK's ssh transport does not give; forward the engine's socket instead: "
    "ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock USER@HOST & export DOCKER_HOST=unix:///tmp/docker.sock"
)


def prepare_docker(images: Iterable[str], progress: Callable[[str], None]) -> dict[str, str]:
    """Make the Docker side ready for sandboxes of `images`; returns image name -> tag."""
    if over_ssh():
        raise EngineUnavailable(SSH_RUNS)
    with closing(ensure_engine(progress)) as client:
        removed = prune_orphans(client.api)
        if removed:
            progress(f"removed {removed} sandbox container(s) left behind by an earlier run")
        return ensure_images(client.api, sorted(set(images)), progress)
