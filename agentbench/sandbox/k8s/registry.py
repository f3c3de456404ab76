"""Sandbox images for a cluster: built by the local Docker engine, pushed to the user's registry.

`agentbench/<name>:<context hash>` becomes `<registry>/agentbench/<name>:<context hash>`; the tag
names the build context, so a pushed tag never changes and a cluster may cache it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import closing

from docker import APIClient
from docker.errors import APIError
from requests.exceptions import RequestException

from agentbench.sandbox.docker.engine import Progress
from agentbench.sandbox.errors import ImageBuildError
from agentbench.sandbox.docker.images import image_tag

_REGISTRY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(/[a-z0-9][a-z0-9._/-]*)?$")


def check_registry(registry: str | None) -> str:
    """The registry with no trailing slash; a one-line ValueError when it is missing or malformed."""
    if not registry:
        raise ValueError("the k8s backend needs --registry HOST[:PORT][/PATH], the registry the cluster pulls sandbox images from")
    cleaned = registry.rstrip("/")
    if not _REGISTRY.match(cleaned):
        raise ValueError(f"--registry {registry!r} is not a registry reference like registry.example.com:5000/team")
    return cleaned


def remote_reference(name: str, registry: str) -> str:
    """Where the cluster pulls sandbox image `name` from (no engine needed to compute it)."""
    return f"{check_registry(registry)}/{image_tag(name)}"


def push_images(api: APIClient, local_tags: dict[str, str], registry: str, progress: Progress) -> dict[str, str]:
    """Tag each built image (name -> local tag) for `registry` and push it; returns name -> reference."""
    pushed: dict[str, str] = {}
    for name, local in local_tags.items():
        reference = f"{check_registry(registry)}/{local}"
        repository, _, tag = reference.rpartition(":")
        progress(f"pushing {reference}")
        try:
            api.tag(local, repository, tag=tag)
            for chunk in api.push(repository, tag=tag, stream=True, decode=True):
                if "error" in chunk:
                    detail = " ".join(str(chunk.get("error")).split())
                    raise ImageBuildError(f"pushing {reference} failed: {detail}")
        except (APIError, RequestException) as exc:
            raise ImageBuildError(f"pushing {reference} failed: {exc}") from exc
        pushed[name] = reference
    return pushed


def build_and_push(names: Sequence[str], registry: str, progress: Progress) -> dict[str, str]:
    """Build the named `sandboxes/` images on the local engine and push them to `registry`."""
    from agentbench.sandbox.docker.engine import ensure_engine
    from agentbench.sandbox.docker.images import ensure_images

    check_registry(registry)
    with closing(ensure_engine(progress)) as client:
        return push_images(client.api, ensure_images(client.api, names, progress), registry, progress)
