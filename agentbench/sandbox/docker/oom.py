"""Notice the kernel's OOM killer striking inside this process's containers.

The engine reports such a kill only as an `oom` event: the container keeps running and
Docker 20.10 leaves `State.OOMKilled` false. So one background thread per process follows
the engine's event stream for containers labelled with this process's pid and counts kills.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import Counter

from docker import APIClient
from docker.errors import DockerException
from requests.exceptions import RequestException

from agentbench.sandbox import labels

SUBSCRIBE_TIMEOUT_S = 10.0
logger = logging.getLogger(__name__)


class OomWatch:
    """Counts `oom` events per container for the containers this process starts."""

    def __init__(self, api: APIClient) -> None:
        self._api = api
        self._kills: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._subscribed = threading.Event()
        threading.Thread(target=self._follow, name="agentbench-oom-watch", daemon=True).start()
        self._subscribed.wait(SUBSCRIBE_TIMEOUT_S)

    def kills(self, container: str) -> int:
        """How many times the OOM killer has struck in `container` so far."""
        with self._lock:
            return self._kills[container]

    def _follow(self) -> None:
        filters = {"type": "container", "event": "oom", "label": f"{labels.PID}={os.getpid()}"}
        while True:
            try:
                events = self._api.events(filters=filters, decode=True)
                self._subscribed.set()
                for event in events:
                    with self._lock:
                        self._kills[event["id"]] += 1
            except (DockerException, RequestException, OSError, ValueError) as exc:  # engine went away; retry
                logger.debug("oom event stream broke: %s", exc)
            time.sleep(1.0)


_WATCH: OomWatch | None = None
_WATCH_LOCK = threading.Lock()


def oom_watch(api: APIClient) -> OomWatch:
    """The process's watch, subscribed before it is returned (call before creating containers)."""
    global _WATCH
    with _WATCH_LOCK:
        if _WATCH is None:
            _WATCH = OomWatch(api)
        return _WATCH
