"""Reach a Docker engine, starting a local `dockerd` in the background when we are allowed to.

DOCKER_HOST may name a remote engine: `tcp://` (with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH
holding ca.pem, cert.pem, key.pem for TLS), `ssh://user@host` (through the `ssh` client), or a
`unix://` socket.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def over_ssh() -> bool:
    """Whether DOCKER_HOST is `ssh://`: then the system's `ssh` client carries the connection (as for
    the docker CLI: ~/.ssh/config, agent and known_hosts apply; paramiko is not needed)."""
    return os.environ.get("DOCKER_HOST", "").startswith("ssh://")


class _EngineAPI(docker.APIClient):
    """The SDK's client, trusting the engine's CA from DOCKER_CERT_PATH over REQUESTS_CA_BUNDLE or
    CURL_CA_BUNDLE: requests lets those replace a session's own CA file, failing every TLS engine."""

    def merge_environment_settings(self, url, proxies, stream, verify, cert):  # type: ignore[no-untyped-def]
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if verify is None and isinstance(self.verify, str):
            settings["verify"] = self.verify
        return settings


class _EngineClient(docker.DockerClient):
    def __init__(self, **kwargs: Any) -> None:  # noqa: D107  (DockerClient's, on our API client)
        self.api = _EngineAPI(**kwargs)


def _answering_client() -> docker.DockerClient | None:
    try:
        client = _EngineClient.from_env(max_pool_size=MAX_POOL_SIZE, use_ssh_client=over_ssh())
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
    if over_ssh() and importlib.util.find_spec("paramiko") is None:
        raise EngineUnavailable("DOCKER_HOST=ssh:// needs paramiko, which the Docker SDK imports: pip install 'agentbench[ssh]'")
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

