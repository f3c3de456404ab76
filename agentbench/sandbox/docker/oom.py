"""Notice the kernel's OOM killer striking inside this process's containers.

The kernel counts its kills in the container's memory cgroup (`oom_kill`), before the killed
command's exit reaches us; the sandbox reads that count in the container (`KERNEL_COUNT_SCRIPT`).
Reading it takes an exec, so the sandbox reads it only when a command looks killed or the engine
has told of a kill: the engine reports one only as an `oom` event (the container keeps running and
Docker 20.10 leaves `State.OOMKilled` false), which travels through containerd, dockerd and an
HTTP stream and may come after the command's exit. So while a `DockerSession` is open, one
background thread follows the engine's event stream for containers labelled with this process's
pid and counts kills; where a runtime hides the cgroup (gVisor) those events are all there is.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import Counter

from docker import APIClient
from docker.errors import DockerException
from docker.types import CancellableStream
from requests.exceptions import RequestException

from agentbench.sandbox import labels

SUBSCRIBE_TIMEOUT_S = 10.0
# cgroup v1 first: there /sys/fs/cgroup is a tmpfs that root in the container can add a memory.events
# to, while the kernel's files sit on read-only cgroup mounts (the agent can write neither).
KERNEL_COUNT_SCRIPT = """for file in /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events; do
  if [ -e "$file" ]; then exec /bin/cat -- "$file"; fi
done
"""
_OOM_KILL_LINE = re.compile(rb"oom_kill ([0-9]{1,18})")
logger = logging.getLogger(__name__)


def kernel_oom_kills(text: bytes) -> int | None:
    """The `oom_kill` count in a cgroup's memory.oom_control (v1) or memory.events (v2); None if absent or garbled."""
    for line in text.splitlines():
        found = _OOM_KILL_LINE.fullmatch(line.strip())
        if found is not None:
            return int(found.group(1))
    return None


class OomWatch:
    """Counts `oom` events per container for the containers this process starts."""

    def __init__(self, api: APIClient) -> None:
        self._api = api
        self._kills: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._counted = threading.Condition(self._lock)
        self._subscribed = threading.Event()
        self._closed = threading.Event()
        self._events: CancellableStream | None = None
        threading.Thread(target=self._follow, name="agentbench-oom-watch", daemon=True).start()
        self._subscribed.wait(SUBSCRIBE_TIMEOUT_S)

    def kills(self, container: str) -> int:
        """How many times the OOM killer has struck in `container` so far."""
        with self._lock:
            return self._kills[container]

    def wait_for_kill(self, container: str, seen: int, timeout: float) -> int:
        """`kills(container)` once it exceeds `seen`, or as it stands after `timeout` (or once closed)."""
        with self._counted:
            self._counted.wait_for(lambda: self._kills[container] > seen or self._closed.is_set(), timeout)
            return self._kills[container]

    def close(self) -> None:
        """Stop following the events (the thread ends once its stream is closed)."""
        self._closed.set()
        with self._counted:
            self._counted.notify_all()
            events = self._events
        if events is not None:
            try:
                events.close()
            except (DockerException, OSError) as exc:  # a stream the transport cannot cancel (ssh)
                logger.debug("oom event stream did not close: %s", exc)

    def _follow(self) -> None:
        filters = {"type": "container", "event": "oom", "label": f"{labels.PID}={os.getpid()}"}
        while not self._closed.is_set():
            try:
                events = self._api.events(filters=filters, decode=True)
                with self._lock:
                    self._events = events
                if self._closed.is_set():
                    events.close()
                self._subscribed.set()
                for event in events:
                    with self._counted:
                        self._kills[event["id"]] += 1
                        self._counted.notify_all()
            except (DockerException, RequestException, OSError, ValueError) as exc:  # engine went away; retry
                logger.debug("oom event stream broke: %s", exc)
            self._closed.wait(1.0)
