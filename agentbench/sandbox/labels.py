"""Labels on every sandbox container, so a later process can tell whose container it is.

`agentbench.pid` and `agentbench.host` name the runner process that owns the container;
`prune_orphans` removes containers whose runner on this host is gone.
"""

from __future__ import annotations

import functools
import os
import socket
import time

RUN_ID = "agentbench.run_id"
SAMPLE = "agentbench.sample"
PID = "agentbench.pid"
HOST = "agentbench.host"


@functools.cache
def _fallback_run_id() -> str:
    return f"adhoc-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"


def run_id() -> str:
    """AGENTBENCH_RUN_ID as the runner sets it, else one id for this process."""
    return os.environ.get("AGENTBENCH_RUN_ID") or _fallback_run_id()


def container_labels(sample: str) -> dict[str, str]:
    """Labels for a container serving `sample` (its id) in this process."""
    return {RUN_ID: run_id(), SAMPLE: sample, PID: str(os.getpid()), HOST: socket.gethostname()}
