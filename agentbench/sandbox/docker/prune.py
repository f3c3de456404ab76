"""Remove sandbox containers that nothing will clean up: their runner process is gone.

A runner killed with SIGKILL never reaches sample cleanup, so its containers stay. Each
container names its runner (`agentbench.pid` on `agentbench.host`); here a container is an
orphan when that host is this one and that process no longer runs (or is a zombie).
"""

from __future__ import annotations

import os
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docker import APIClient

from agentbench.sandbox import labels
from agentbench.sandbox.docker.container import remove_container


def runner_alive(pid: int) -> bool:
    """Whether process `pid` on this host still runs (a zombie does not count)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] != "Z"


def _orphaned(container_labels: dict[str, str], host: str) -> bool:
    if container_labels.get(labels.HOST) != host:
        return False
    try:
        return not runner_alive(int(container_labels.get(labels.PID, "")))
    except ValueError:
        return True


def prune_orphans(api: APIClient, include_live: bool = False) -> int:
    """Remove our containers whose runner is gone (every one of ours with `include_live`); returns how many."""
    host = socket.gethostname()
    ours = api.containers(all=True, filters={"label": labels.PID})
    doomed = [c["Id"] for c in ours if include_live or _orphaned(c.get("Labels") or {}, host)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda container: remove_container(api, container), doomed))
    return len(doomed)
