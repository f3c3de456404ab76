"""What one eval's Docker sandboxes share: the engine client, the images checked, the live containers, the OOM watch.

A session belongs to the eval that opened it (the sandbox keeps it per event loop), so two evals
in one process never share or clear each other's containers. Closing it removes every container
it still has; until then an exit handler does, so an interrupted process leaves none behind.
"""

from __future__ import annotations

import atexit
import threading

import docker
from docker import APIClient
from docker.errors import APIError

from agentbench.sandbox.docker.container import create_container, remove_container, start_and_wait_ready
from agentbench.sandbox.docker.engine import ensure_engine
from agentbench.sandbox.docker.images import ensure_images
from agentbench.sandbox.docker.oom import OomWatch
from agentbench.sandbox.errors import SandboxCrashed
from agentbench.spec.schema import SandboxSpec


class DockerSession:
    """One engine connection pool and the containers and images an eval has used through it."""

    def __init__(self, client: docker.DockerClient) -> None:
        self._client = client
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._tags: dict[str, str] = {}
        self._live: set[str] = set()
        self._oom: OomWatch | None = None
        self.closed = False
        atexit.register(self.close)

    @classmethod
    def connect(cls) -> DockerSession:
        """A session on the engine DOCKER_HOST names (starting local dockerd if allowed)."""
        return cls(ensure_engine())

    @property
    def api(self) -> APIClient:
        return self._client.api

    def image(self, name: str) -> str:
        """The tag of sandbox image `name`, built first if the engine lacks it (checked once per session)."""
        with self._build_lock:
            if name not in self._tags:
                self._tags[name] = ensure_images(self.api, [name])[name]
            return self._tags[name]

    def start(self, image: str, spec: SandboxSpec, labels: dict[str, str], name: str) -> str:
        """Create and start a container for a sample; it is removed on `close` unless removed before."""
        with self._lock:
            if self._oom is None:
                self._oom = OomWatch(self.api)  # subscribed before the container can be killed
        container = create_container(self.api, image, spec, labels, name)
        with self._lock:
            closed = self.closed
            if not closed:
                self._live.add(container)
        if closed:  # a start Ctrl-C abandoned in its thread, finishing after the eval's cleanup
            remove_container(self.api, container)
            raise SandboxCrashed("the eval's sandboxes were closed while this one was starting", "start")
        try:
            start_and_wait_ready(self.api, container)
        except BaseException:
            self.remove(container)
            raise
        return container

    def remove(self, container: str) -> None:
        """Kill and remove a container (gone already is fine)."""
        remove_container(self.api, container)
        with self._lock:
            self._live.discard(container)

    def oom_kills(self, container: str) -> int:
        """How many OOM kills in `container` the engine has reported so far (its events lag the kills)."""
        return self._oom.kills(container) if self._oom is not None else 0

    def wait_oom_kill(self, container: str, seen: int, timeout: float) -> int:
        """`oom_kills(container)` once it exceeds `seen`, or as it stands after `timeout`."""
        oom = self._oom
        return oom.wait_for_kill(container, seen, timeout) if oom is not None else 0

    def keep_live(self) -> list[str]:
        """Stop tracking the live containers so they outlive the session (Inspect's --no-sandbox-cleanup)."""
        with self._lock:
            kept = sorted(self._live)
            self._live.clear()
        return kept

    def close(self) -> None:
        """Remove the containers still live, stop the OOM watch and release the connections."""
        with self._lock:
            leftovers = sorted(self._live)
            oom, self._oom = self._oom, None
            self.closed = True
        for container in leftovers:
            try:
                self.remove(container)
            except APIError:
                continue
        if oom is not None:
            oom.close()
        self._client.close()
        atexit.unregister(self.close)
