"""Freeze a sandbox before its verifier runs: no process of the agent may still be alive.

Processes the agent leaves behind (background writers, CPU burners, `sleep`s past the limit)
would otherwise race the verifier. They are found by uid, not by anything they could change:
the script runs as the agent user and sends SIGKILL to every process that user may signal
(`kill -1` skips the caller), then checks /proc until no live (non-zombie) process of that uid
is left but itself. Builtins only, so it runs even when a fork bomb holds the pids limit.
"""

from __future__ import annotations

from inspect_ai.util import SandboxEnvironment

from agentbench.sandbox.errors import SandboxCrashed

FREEZE_TIMEOUT_S = 60
_FREEZE_SCRIPT = r"""for _ in {1..200}; do
  kill -9 -1 2>/dev/null
  alive=()
  for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    [[ $pid == "$$" ]] && continue
    uid= state=
    while IFS=$'\t ' read -r key value _; do
      case $key in State:) state=$value;; Uid:) uid=$value;; esac
    done 2>/dev/null <"$dir/status"
    [[ $uid == "$UID" && $state != Z ]] && alive+=("$pid")
  done
  ((${#alive[@]})) || exit 0
done
echo "processes of uid $UID still alive after the freeze: ${alive[*]}" >&2
exit 1
"""


async def freeze_agent(env: SandboxEnvironment, user: str | None) -> None:
    """Kill every process of `user` (None: the sandbox's default user) in the sandbox and check that
    none is left (SandboxCrashed if one is)."""
    result = await env.exec(["/bin/bash", "-c", _FREEZE_SCRIPT], user=user, timeout=FREEZE_TIMEOUT_S)
    if not result.success:
        raise SandboxCrashed(f"the sandbox could not be frozen for the verifier: {result.stderr.strip()}", "freeze")
