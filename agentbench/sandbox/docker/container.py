"""One sandbox container: created with the isolation defaults, started, checked, removed.

Isolation: no network unless the spec allows it; memory (no swap), CPU and pids limits; not
privileged; every capability dropped except the ones root needs to manage the agent's files and
to run the verifier's tests as the agent (the agent runs as uid 1000 and gets none of them:
no-new-privileges blocks setuid and file capabilities); no bind mounts; `init` reaps zombies.
Disk: every place the agent can write (working dir, home, /tmp, /var/tmp, /run/lock) is a tmpfs
of `disk_mb` (the engine's overlay2-on-ext4 storage driver has no per-container quota; the rest
of the image's filesystem is writable by root only), so a runaway writer gets ENOSPC, which the
sandbox reports as a `sandbox_error`. tmpfs pages count toward the memory limit. The container's main process runs as root so
the agent cannot signal it, prepares /agentbench (root, 0700) and the agent-owned working
directory, then reports ready on its stdout, which we read before handing the sandbox out.
"""

from __future__ import annotations

import time

from docker import APIClient
from docker.errors import APIError, NotFound

from agentbench.sandbox.errors import SandboxCrashed
from agentbench.sandbox.docker.names import AGENT_USER
from agentbench.sandbox.docker.stream import FrameReader, Pump, TailBuffer
from agentbench.spec.schema import SandboxSpec

VERIFIER_DIR = "/agentbench"
ROOT_CAPABILITIES = ["CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID"]
AGENT_HOME = f"/home/{AGENT_USER}"
SCRATCH_DIRS = ("/tmp", "/var/tmp", "/run/lock")
START_TIMEOUT_S = 60.0
_READY = b"ready\n"
_INIT_SCRIPT = f"""set -e
PATH=/usr/sbin:/usr/bin:/sbin:/bin
install -d -m 0700 -o root -g root {VERIFIER_DIR}
chown {AGENT_USER}:{AGENT_USER} -- "$1" {AGENT_HOME}
echo ready
exec sleep infinity
"""


def host_config(api: APIClient, spec: SandboxSpec) -> dict[str, object]:
    """The engine's HostConfig for a sandbox with `spec`'s limits."""
    memory = f"{spec.memory_mb}m"
    return api.create_host_config(
        network_mode="bridge" if spec.network else "none",
        mem_limit=memory,
        memswap_limit=memory,
        nano_cpus=int(spec.cpus * 1_000_000_000),
        pids_limit=spec.pids,
        cap_drop=["ALL"],
        cap_add=ROOT_CAPABILITIES,
        security_opt=["no-new-privileges"],
        privileged=False,
        init=True,
        tmpfs=writable_places(spec),
    )


def writable_places(spec: SandboxSpec) -> dict[str, str]:
    """tmpfs mounts (path -> options) over every place the agent may write, each capped at the disk size.

    `exec`: the engine mounts a tmpfs noexec by default, which would stop the agent's own
    scripts and Inspect's sample setup script (written to /tmp) from running; nosuid/nodev stay.
    """
    size = f"size={spec.disk_mb}m,exec"
    places = {path: f"{size},mode=1777" for path in SCRATCH_DIRS}
    places[AGENT_HOME] = f"{size},mode=0755"
    places[spec.workdir] = f"{size},mode=0755"
    return places


def create_container(api: APIClient, image: str, spec: SandboxSpec, labels: dict[str, str], name: str) -> str:
    """Create (not start) a sandbox container with `spec`'s limits; returns its id."""
    return api.create_container(
        image,
        command=["/bin/sh", "-c", _INIT_SCRIPT, "init", spec.workdir],
        user="0",
        labels=labels,
        name=name,
        host_config=host_config(api, spec),
    )["Id"]


def start_and_wait_ready(api: APIClient, container: str) -> None:
    """Start a created container and return once its setup has finished (SandboxCrashed if it did not)."""
    stdout, stderr = TailBuffer(4096), TailBuffer(4096)
    pump = Pump(
        api.attach_socket(container, params={"stdout": 1, "stderr": 1, "stream": 1}),
        FrameReader(stdout, stderr),
        stdin=None,
    )
    try:
        api.start(container)
        pump.run(deadline=time.monotonic() + START_TIMEOUT_S, until=lambda: _READY in stdout.value())
    finally:
        pump.close()
    if _READY not in stdout.value():
        detail = (stderr.value() or stdout.value()).decode(errors="replace").strip().splitlines()
        raise SandboxCrashed(f"sandbox container did not start: {detail[-1] if detail else 'no output'}", "start")


def crash(api: APIClient, container: str, memory_mb: int) -> SandboxCrashed | None:
    """Why the container can no longer serve the sample (memory limit hit, or stopped), if it can't."""
    try:
        state = api.inspect_container(container)["State"]
    except NotFound:
        return SandboxCrashed("the sandbox container is gone", "gone")
    if state.get("OOMKilled"):
        return SandboxCrashed(f"the sandbox hit its memory limit ({memory_mb} MiB) and a process was killed", "oom")
    if not state.get("Running"):
        return SandboxCrashed(f"the sandbox container stopped (exit code {state.get('ExitCode')})", "exited")
    return None


def remove_container(api: APIClient, container: str) -> None:
    """Kill and remove; a container already gone or being removed is fine."""
    try:
        api.remove_container(container, force=True, v=True)
    except NotFound:
        pass
    except APIError as exc:
        if "already in progress" not in str(exc):
            raise
