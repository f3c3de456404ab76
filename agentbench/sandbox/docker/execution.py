"""Run one command in a sandbox container: stdin in, capped stdout/stderr out, exit code, timeout.

A timeout kills every process the command started. Each exec carries a unique marker in its
environment; the kill takes every process carrying it plus, transitively, every child of one
(so a child started with `env -i` dies too), stops them all until the set stops growing (a
stopped process cannot fork), then kills them. It is a bash loop of builtins only (so it runs
even while a fork bomb holds the pids limit), run as the same user, so no capability is needed.
The engine answers the exec's start before it starts the process, so a loaded engine may start
it after a sweep looked: the sweeps go on until one that began after the exec had ended finds
nothing left. A daemon that both scrubs its environment and detaches from the tree escapes this
kill, but not the freeze that ends every agent (`freeze.py`).

The stream's end is how an exec normally reports that it finished, but a loaded engine has been
seen to lose it: the process exited, the connection stayed open, and minutes later the engine had
forgotten the exec. So while the stream is quiet the exec is looked up once a second, and a stream
still quiet a second after its process ended is taken as ended.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass

from docker import APIClient
from docker.errors import APIError, NotFound

from agentbench.sandbox.docker.stream import FrameReader, Pump, TailBuffer

MARKER_VAR = "AGENTBENCH_EXEC"
KILL_GRACE_S = 2.0
KILL_SWEEP_S = 5.0
KILL_ROUNDS = 25
KILL_PAUSE_S = 0.2
WATCH_S = 1.0
_KILL_SCRIPT = r"""want="AGENTBENCH_EXEC=$1"
declare -A tree
members() {
  local dir pid var line rest ppid grew=1
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    [[ $pid == "$$" || -n ${tree[$pid]} ]] && continue
    while IFS= read -r -d '' var; do
      if [[ $var == "$want" ]]; then tree[$pid]=1; break; fi
    done 2>/dev/null <"$dir/environ"
  done
  while ((grew)); do
    grew=0
    for dir in /proc/[0-9]*; do
      pid=${dir#/proc/}
      [[ $pid == "$$" || -n ${tree[$pid]} ]] && continue
      read -r line 2>/dev/null <"$dir/stat" || continue
      rest=${line##*) }
      rest=${rest#* }
      ppid=${rest%% *}
      if [[ -n ${tree[$ppid]} ]]; then tree[$pid]=1; grew=1; fi
    done
  done
}
for _ in {1..50}; do
  tree=()
  members
  ((${#tree[@]})) || exit 0
  for _ in {1..20}; do
    before=${#tree[@]}
    kill -STOP "${!tree[@]}" 2>/dev/null
    members
    ((${#tree[@]} == before)) && break
  done
  kill -9 "${!tree[@]}" 2>/dev/null
done
exit 1
"""

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExecOutcome:
    """What a command did; `returncode` is None when it timed out (and was killed)."""

    returncode: int | None
    stdout: bytes
    stderr: bytes
    dropped: int

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_exec(
    api: APIClient,
    container: str,
    cmd: list[str],
    *,
    user: str,
    workdir: str,
    env: dict[str, str],
    stdin: bytes | None,
    timeout: float | None,
    limit: int,
) -> ExecOutcome:
    """Run `cmd` to completion or `timeout`; each stream keeps its last `limit` bytes."""
    marker = uuid.uuid4().hex
    environment = [f"{key}={value}" for key, value in env.items()] + [f"{MARKER_VAR}={marker}"]
    exec_id = api.exec_create(
        container,
        cmd,
        stdout=True,
        stderr=True,
        stdin=stdin is not None,
        user=user,
        workdir=workdir,
        environment=environment,
    )["Id"]
    stdout, stderr = TailBuffer(limit), TailBuffer(limit)
    deadline = None if timeout is None else time.monotonic() + timeout
    pump = Pump(api.exec_start(exec_id, socket=True), FrameReader(stdout, stderr), stdin)
    try:
        ended = pump_to_end(api, exec_id, pump, deadline)
        returncode = wait_exit(api, exec_id, deadline) if ended else None
        if returncode is None:
            kill_marked(api, container, exec_id, marker, user)
            pump.run(time.monotonic() + KILL_GRACE_S)
    finally:
        pump.close()
    return ExecOutcome(returncode, stdout.value(), stderr.value(), stdout.dropped + stderr.dropped)


def pump_to_end(api: APIClient, exec_id: str, pump: Pump, deadline: float | None) -> bool:
    """Pump until the stream ends, or its process has ended and a further `WATCH_S` passed in silence
    (True), or `deadline` passes (False).
    """
    exited = False
    heard = pump.received
    while True:
        watch = time.monotonic() + WATCH_S
        if pump.run(watch if deadline is None else min(watch, deadline)):
            return True
        if deadline is not None and time.monotonic() >= deadline:
            return False
        if pump.received != heard:
            heard = pump.received
            continue
        if exited:
            logger.warning("exec %s ended but the engine kept its stream open; reading no further", exec_id[:12])
            return True
        exited = not api.exec_inspect(exec_id)["Running"]


def wait_exit(api: APIClient, exec_id: str, deadline: float | None) -> int | None:
    """The exec's exit code once the engine has recorded it; None if `deadline` passes first."""
    delay = 0.001
    while True:
        info = api.exec_inspect(exec_id)
        if not info["Running"] and info["ExitCode"] is not None:
            return int(info["ExitCode"])
        if deadline is not None and time.monotonic() >= deadline:
            return None
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def kill_marked(api: APIClient, container: str, exec_id: str, marker: str, user: str) -> None:
    """Kill every process in `container` whose environment carries `marker`, the process of `exec_id`
    included even if the engine starts it late: done once a sweep begun after the exec ended succeeds."""
    for _ in range(KILL_ROUNDS):
        ended = exec_ended(api, exec_id)
        if sweep_marked(api, container, marker, user) and ended:
            return
        time.sleep(KILL_PAUSE_S)
    logger.warning("could not kill every process of a timed-out command in %s", container[:12])


def exec_ended(api: APIClient, exec_id: str) -> bool:
    """Whether the exec's process has run and ended: before it starts, the engine says not running too."""
    try:
        info = api.exec_inspect(exec_id)
    except NotFound:  # the engine forgets an exec some time after it ended, and with its container
        return True
    except APIError as exc:
        logger.debug("exec %s could not be inspected: %s", exec_id[:12], exc)
        return False
    return not info["Running"] and info["ExitCode"] is not None


def sweep_marked(api: APIClient, container: str, marker: str, user: str) -> bool:
    """One run of the kill script: True once no process carrying `marker` (or a child of one) is left."""
    try:
        exec_id = api.exec_create(container, ["/bin/bash", "-c", _KILL_SCRIPT, "kill", marker], user=user)["Id"]
        api.exec_start(exec_id)
        return wait_exit(api, exec_id, time.monotonic() + KILL_SWEEP_S) == 0
    except APIError as exc:
        logger.debug("kill attempt failed: %s", exc)
        return False
