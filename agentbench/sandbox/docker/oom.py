"""Notice the kernel's OOM killer striking inside this process's containers.

The engine reports such a kill only as an `oom` event: the container keeps running and
Docker 20.10 leaves `State.OOMKilled` false. So while a `DockerSession` is open, one background
thread follows the engine's event stream for containers labelled with this process's pid and
counts kills.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import Counter

from docker import APIClient
from docker.errors import DockerException
from docker.types import CancellableStream
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
        self._closed = threading.Event()
        self._events: CancellableStream | None = None
        threading.Thread(target=self._follow, name="agentbench-oom-watch", daemon=True).start()
        self._subscribed.wait(SUBSCRIBE_TIMEOUT_S)

    def kills(self, container: str) -> int:
        """How many times the OOM killer has struck in `container` so far."""
        with self._lock:
            return self._kills[container]

    def close(self) -> None:
        """Stop following the events (the thread ends once its stream is closed)."""
        self._closed.set()
        with self._lock:
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
                    with self._lock:
                        self._kills[event["id"]] += 1
            except (DockerException, RequestException, OSError, ValueError) as exc:  # engine went away; retry
                logger.debug("oom event stream broke: %s", exc)
            self._closed.wait(1.0)
