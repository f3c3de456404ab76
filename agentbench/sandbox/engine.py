"""Reach a Docker engine, starting a local `dockerd` in the background when we are allowed to."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import docker
from docker.errors import DockerException
from requests.exceptions import RequestException

from agentbench.paths import cache_dir
from agentbench.sandbox.errors import EngineUnavailable

START_TIMEOUT_S = 60.0
# Concurrent HTTP connections to the engine; each running exec holds one.
MAX_POOL_SIZE = 128
_HINT = "no Docker engine answers; run `bash sandboxes/engine.sh` (as root) or set DOCKER_HOST"

Progress = Callable[[str], None]


def _answering_client() -> docker.DockerClient | None:
    try:
        client = docker.from_env(max_pool_size=MAX_POOL_SIZE)
        client.ping()
    except (DockerException, RequestException):
        return None
    return client


def dockerd_log_path() -> Path:
    """Where a dockerd we start writes its log: /var/log when writable, else the cache dir."""
    var_log = Path("/var/log")
    if os.access(var_log, os.W_OK):
        return var_log / "agentbench-dockerd.log"
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    return cache / "dockerd.log"


def _start_dockerd(progress: Progress) -> subprocess.Popen[bytes]:
    log_path = dockerd_log_path()
    progress(f"starting dockerd in the background (log: {log_path})")
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            ["dockerd"], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def ensure_engine(progress: Progress | None = None) -> docker.DockerClient:
    """A client for an engine that answers (DOCKER_HOST honoured), starting local dockerd if needed.

    dockerd is started only when DOCKER_HOST is unset, `dockerd` is installed and we are root;
    otherwise, or when it does not answer within a minute, raises a one-line EngineUnavailable.
    """
    client = _answering_client()
    if client is not None:
        return client
    if os.environ.get("DOCKER_HOST") or shutil.which("dockerd") is None or os.geteuid() != 0:
        raise EngineUnavailable(_HINT)
    proc = _start_dockerd(progress or (lambda _: None))
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        client = _answering_client()
        if client is not None:
            return client
        if proc.poll() is not None:
            raise EngineUnavailable(f"dockerd exited with status {proc.returncode}; see {dockerd_log_path()}")
        time.sleep(0.5)
    raise EngineUnavailable(f"dockerd did not answer within {START_TIMEOUT_S:.0f} s; see {dockerd_log_path()}")


@functools.cache
def engine_client() -> docker.DockerClient:
    """The process-wide client the sandbox uses (one connection pool, reused by every call)."""
    return ensure_engine()
