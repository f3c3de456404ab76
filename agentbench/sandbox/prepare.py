"""Before a run's first sample: an engine that answers, no leftovers of killed runs, images built."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from agentbench.sandbox.engine import ensure_engine
from agentbench.sandbox.images import ensure_images
from agentbench.sandbox.prune import prune_orphans


def prepare_docker(images: Iterable[str], progress: Callable[[str], None]) -> dict[str, str]:
    """Make the Docker side ready for sandboxes of these images (folders under sandboxes/); returns image name -> tag."""
    ensure_engine(progress)
    removed = prune_orphans()
    if removed:
        progress(f"removed {removed} sandbox container(s) left behind by an earlier run")
    return ensure_images(sorted(set(images)), progress)

