"""The `agentbench_docker` Inspect sandbox: one isolated container per sample, on the Docker SDK.

Per-sample config is a `SandboxSpec` (`SandboxEnvironmentSpec("agentbench_docker", spec)`).
Commands, and file reads and writes, run as the unprivileged `agent` user unless `user` says
otherwise; relative paths resolve against the spec's working directory, as in Inspect's
docker sandbox. Engine calls run in worker threads over the eval's `DockerSession` (one per
event loop, closed by `task_cleanup`).
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shlex
import uuid
from collections.abc import Callable
from contextlib import closing
from pathlib import PurePosixPath
from typing import Any, Literal, TypeVar, overload

import anyio
from anyio.lowlevel import RunVar
from docker.errors import APIError
from inspect_ai.util import (
    ExecResult,
    OutputLimitExceededError,
    SandboxConnection,
    SandboxEnvironment,
    SandboxEnvironmentConfigType,
    SandboxEnvironmentLimits,
    SandboxUnavailableError,
    sandboxenv,
)
from pydantic import BaseModel
from typing_extensions import override

from agentbench.sandbox.docker.container import crash, remove_container, writable_places
from agentbench.sandbox.docker.engine import ensure_engine
from agentbench.sandbox.docker.names import AGENT_USER, SANDBOX_TYPE
from agentbench.sandbox.errors import ExecTimeout, SandboxCrashed
from agentbench.sandbox.docker.execution import ExecOutcome, run_exec
from agentbench.sandbox.docker.oom import KERNEL_COUNT_SCRIPT, kernel_oom_kills
from agentbench.sandbox.labels import container_labels
from agentbench.sandbox.docker.prune import prune_orphans
from agentbench.sandbox.docker.session import DockerSession
from agentbench.spec.schema import SandboxSpec

FILE_TIMEOUT_S = 600
# Where the kernel's count is hidden: how long the engine's event of a kill may lag (it is usually ~0.1 s).
OOM_EVENT_WAIT_S = 10.0
_SIGKILL_EXIT = 128 + 9
_SHELL = "/bin/sh"
_SYSTEM_PATH = "PATH=/usr/sbin:/usr/bin:/sbin:/bin"
_WRITE_SCRIPT = f"""{_SYSTEM_PATH}
if [ -d "$1" ]; then echo "$1: Is a directory" >&2; exit 1; fi
mkdir -p -- "$(dirname -- "$1")" || exit 1
cat > "$1"
"""
_READ_SCRIPT = f"""{_SYSTEM_PATH}
if [ -d "$1" ]; then exit 21; fi
if ! size=$(stat -L -c %s -- "$1" 2>&1); then
  case $size in *"Permission denied"*) exit 13;; esac
  exit 2
fi
if [ ! -r "$1" ]; then exit 13; fi
if [ "$size" -gt "$2" ]; then exit 27; fi
exec cat -- "$1"
"""
_NO_SPACE = b"No space left on device"
_FULL_SCRIPT = f"""{_SYSTEM_PATH}
for place in "$@"; do
  [ "$(stat -f -c %a -- "$place")" = 0 ] && echo "$place"
done
exit 0
"""
_RUNC_FAILURE = re.compile(r"OCI runtime exec failed: .*?exec: \"[^\"]*\": (.*?)(: unknown)?$", re.IGNORECASE)
logger = logging.getLogger(__name__)
_THREADS: RunVar[anyio.CapacityLimiter] = RunVar("agentbench_sandbox_threads")
_SESSION: RunVar[_SessionSlot] = RunVar("agentbench_docker_session")
T = TypeVar("T")


def sandbox_spec(config: SandboxEnvironmentConfigType | None) -> SandboxSpec:
    """The SandboxSpec a sample's sandbox config stands for (None means the defaults)."""
    if config is None:
        return SandboxSpec()
    if isinstance(config, SandboxSpec):
        return config
    if isinstance(config, BaseModel):
        return SandboxSpec.model_validate(config.model_dump())
    raise ValueError(f"{SANDBOX_TYPE} takes a SandboxSpec as its config, not {config!r}")


async def _in_thread(func: Callable[..., T], *args: Any) -> T:
    try:
        limiter = _THREADS.get()
    except LookupError:
        limiter = anyio.CapacityLimiter(256)
        _THREADS.set(limiter)
    return await anyio.to_thread.run_sync(func, *args, limiter=limiter, abandon_on_cancel=True)


class _SessionSlot:
    """The event loop's session, opened by the first caller while the others wait."""

    def __init__(self) -> None:
        self.lock = anyio.Lock()
        self.session: DockerSession | None = None


async def _session() -> DockerSession:
    try:
        slot = _SESSION.get()
    except LookupError:
        slot = _SessionSlot()
        _SESSION.set(slot)
    async with slot.lock:
        if slot.session is None or slot.session.closed:
            slot.session = await _in_thread(DockerSession.connect)
        return slot.session


def _open_session() -> DockerSession | None:
    try:
        session = _SESSION.get().session
    except LookupError:
        return None
    return session if session is not None and not session.closed else None


def _create_sandbox(session: DockerSession, spec: SandboxSpec, labels: dict[str, str], name: str) -> str:
    return session.start(session.image(spec.image), spec, labels, name)


def _container_name(sample: str) -> str:
    cleaned = re.sub(r"[^a-zA-Z0-9_.-]+", "-", sample).strip("-.")[:40]
    return f"agentbench-{cleaned or 'sample'}-{uuid.uuid4().hex[:8]}"


@sandboxenv(name=SANDBOX_TYPE)
class AgentbenchDockerSandbox(SandboxEnvironment):
    """One container per sample, created with the isolation defaults of `SandboxSpec`."""

    def __init__(self, session: DockerSession, container: str, spec: SandboxSpec) -> None:
        super().__init__()
        self._session = session
        self._api = session.api
        self._oom_kills_reported = 0
        self._oom_events_seen = 0
        self.container = container
        self.spec = spec

    @classmethod
    def config_deserialize(cls, config: dict[str, Any]) -> BaseModel:
        return SandboxSpec.model_validate(config)

    @classmethod
    def default_concurrency(cls) -> int | None:
        # Sandboxes mostly sit idle while the model thinks; memory (1 GiB each by default) binds first.
        return 4 * (os.cpu_count() or 1)

    @classmethod
    async def task_init(cls, task_name: str, config: SandboxEnvironmentConfigType | None) -> None:
        session = await _session()
        await _in_thread(session.image, sandbox_spec(config).image)

    @override
    @classmethod
    async def sample_init(
        cls, task_name: str, config: SandboxEnvironmentConfigType | None, metadata: dict[str, str]
    ) -> dict[str, SandboxEnvironment]:
        spec = sandbox_spec(config)
        sample = str(metadata.get("__sample_id__", "-"))
        session = await _session()
        container = await _in_thread(_create_sandbox, session, spec, container_labels(sample), _container_name(sample))
        return {"default": cls(session, container, spec)}

    @override
    @classmethod
    async def sample_cleanup(
        cls,
        task_name: str,
        config: SandboxEnvironmentConfigType | None,
        environments: dict[str, SandboxEnvironment],
        interrupted: bool,
    ) -> None:
        for environment in environments.values():
            sandbox = environment.as_type(cls)
            with anyio.CancelScope(shield=True):
                await _in_thread(sandbox._session.remove, sandbox.container)

    @classmethod
    async def task_cleanup(cls, task_name: str, config: SandboxEnvironmentConfigType | None, cleanup: bool) -> None:
        # Inspect calls this once per sandbox config, all at the end of the eval: the first call closes the session.
        session = _open_session()
        if session is None:
            return
        if not cleanup:
            for container in session.keep_live():
                logger.warning("kept sandbox container %s: docker exec -it %s bash", container[:12], container[:12])
        await _in_thread(session.close)

    @classmethod
    async def cli_cleanup(cls, id: str | None) -> None:
        with closing(await _in_thread(ensure_engine)) as client:
            if id:
                await _in_thread(remove_container, client.api, id)
            else:
                await _in_thread(prune_orphans, client.api, True)

    @override
    async def exec(
        self,
        cmd: list[str],
        input: str | bytes | None = None,
        cwd: str | None = None,
        env: dict[str, str] | None = None,
        user: str | None = None,
        timeout: int | None = None,
        timeout_retry: bool = True,
        concurrency: bool = True,
    ) -> ExecResult[str]:
        # `timeout_retry` guards Inspect's docker CLI against hung daemons; our timeout is enforced here
        # on the stream itself, and a retry could repeat a command with side effects, so none is made.
        stdin = input.encode() if isinstance(input, str) else input
        limit = SandboxEnvironmentLimits.MAX_EXEC_OUTPUT_SIZE
        outcome = await self._run(cmd, stdin=stdin, cwd=cwd, env=env, user=user, timeout=timeout, limit=limit)
        stdout, stderr = outcome.stdout.decode(errors="replace"), outcome.stderr.decode(errors="replace")
        if outcome.returncode is None:
            raise ExecTimeout(f"Command timed out after {timeout} seconds", truncated_output=stdout + stderr)
        if outcome.dropped:
            marker = f"[output truncated: the first {outcome.dropped} bytes were dropped]\n"
            raise OutputLimitExceededError(SandboxEnvironmentLimits.MAX_EXEC_OUTPUT_SIZE_STR, marker + stdout + stderr)
        launch_failure = _launch_failure(outcome, stdout + stderr)
        if launch_failure is not None:
            raise launch_failure
        return ExecResult(success=outcome.returncode == 0, returncode=outcome.returncode, stdout=stdout, stderr=stderr)

    @override
    async def write_file(self, file: str, contents: str | bytes) -> None:
        data = contents.encode() if isinstance(contents, str) else contents
        path = self._path(file)
        outcome = await self._run(
            [_SHELL, "-c", _WRITE_SCRIPT, "write", path], stdin=data, timeout=FILE_TIMEOUT_S, limit=65536
        )
        if outcome.returncode == 0:
            return
        message = outcome.stderr.decode(errors="replace").strip()
        if outcome.returncode is None:
            raise TimeoutError(f"writing {file} timed out")
        if "is a directory" in message.lower():
            raise IsADirectoryError(errno.EISDIR, "Is a directory.", file)
        if "permission denied" in message.lower() or "read-only file system" in message.lower():
            raise PermissionError(errno.EACCES, "Permission denied.", file)
        raise RuntimeError(f"write_file {file} failed: {message}")

    @overload
    async def read_file(self, file: str, text: Literal[True] = True) -> str: ...

    @overload
    async def read_file(self, file: str, text: Literal[False]) -> bytes: ...

    @override
    async def read_file(self, file: str, text: bool = True) -> str | bytes:
        limit = SandboxEnvironmentLimits.MAX_READ_FILE_SIZE
        outcome = await self._run(
            [_SHELL, "-c", _READ_SCRIPT, "read", self._path(file), str(limit)], timeout=FILE_TIMEOUT_S, limit=limit
        )
        match outcome.returncode:
            case 0 if not outcome.dropped:
                return outcome.stdout.decode("utf-8") if text else outcome.stdout
            case 0 | 27:
                raise OutputLimitExceededError(SandboxEnvironmentLimits.MAX_READ_FILE_SIZE_STR, None)
            case 2:
                raise FileNotFoundError(errno.ENOENT, "No such file or directory.", file)
            case 13:
                raise PermissionError(errno.EACCES, "Permission denied.", file)
            case 21:
                raise IsADirectoryError(errno.EISDIR, "Is a directory.", file)
            case None:
                raise TimeoutError(f"reading {file} timed out")
        raise RuntimeError(f"read_file {file} failed: {outcome.stderr.decode(errors='replace').strip()}")

    @override
    async def connection(self, *, user: str | None = None) -> SandboxConnection:
        command = [
            "docker",
            "exec",
            "-it",
            "--user",
            user or AGENT_USER,
            "-w",
            self.spec.workdir,
            self.container,
            "bash",
            "-l",
        ]
        return SandboxConnection(type=SANDBOX_TYPE, command=shlex.join(command), container=self.container)

    def default_polling_interval(self) -> float:
        return 0.2

    def _path(self, file: str) -> str:
        path = PurePosixPath(file)
        return str(path if path.is_absolute() else PurePosixPath(self.spec.workdir) / path)

    async def _run(
        self,
        cmd: list[str],
        *,
        stdin: bytes | None = None,
        cwd: str | None = None,
        env: dict[str, str] | None = None,
        user: str | None = None,
        timeout: float | None,
        limit: int,
    ) -> ExecOutcome:
        try:
            outcome: ExecOutcome = await _in_thread(
                lambda: run_exec(
                    self._api,
                    self.container,
                    cmd,
                    user=user or AGENT_USER,
                    workdir=self._path(cwd) if cwd else self.spec.workdir,
                    env=env or {},
                    stdin=stdin,
                    timeout=timeout,
                    limit=limit,
                )
            )
            await self._raise_if_oom_killed(outcome)
        except APIError as exc:
            dead = await _in_thread(crash, self._api, self.container, self.spec.memory_mb)
            raise dead or SandboxUnavailableError(f"the sandbox could not run the command: {exc}") from exc
        if _NO_SPACE in outcome.stdout[-4096:] or _NO_SPACE in outcome.stderr[-4096:]:
            await self._raise_if_disk_full()
        return outcome

    async def _raise_if_disk_full(self) -> None:
        """A command said ENOSPC: if a writable place really is full, the sample cannot go on."""
        places = list(writable_places(self.spec))
        outcome = await _in_thread(
            lambda: run_exec(
                self._api, self.container, [_SHELL, "-c", _FULL_SCRIPT, "full", *places],
                user="root", workdir="/", env={}, stdin=None, timeout=FILE_TIMEOUT_S, limit=65536,
            )
        )
        full = outcome.stdout.decode(errors="replace").split()
        if full:
            raise SandboxCrashed(
                f"the sandbox hit its disk quota ({self.spec.disk_mb} MiB) in {', '.join(full)}", "disk"
            )

    async def _raise_if_oom_killed(self, outcome: ExecOutcome) -> None:
        """A kill by the OOM killer since the last one reported ends the sample; the kernel's count is
        only read when the command looks killed or the engine has told of a kill."""
        events = self._session.oom_kills(self.container)
        if events == self._oom_events_seen and not _looks_killed(outcome):
            return
        kills = await self._kernel_oom_kills()
        if kills is None:
            await self._raise_if_oom_event()
            return
        self._oom_events_seen = events
        if kills > self._oom_kills_reported:
            self._oom_kills_reported = kills
            raise self._oom_crash()

    async def _kernel_oom_kills(self) -> int | None:
        """The kernel's count of OOM kills in the container's memory cgroup; None where it cannot be read."""
        outcome = await _in_thread(
            lambda: run_exec(
                self._api, self.container, [_SHELL, "-c", KERNEL_COUNT_SCRIPT, "oom"],
                user="root", workdir="/", env={}, stdin=None, timeout=FILE_TIMEOUT_S, limit=4096,
            )
        )
        return kernel_oom_kills(outcome.stdout) if outcome.returncode == 0 else None

    async def _raise_if_oom_event(self) -> None:
        """Without the kernel's count, a kill is known only by the engine's event, which may lag the command."""
        seen = self._oom_events_seen
        self._oom_events_seen = await _in_thread(self._session.wait_oom_kill, self.container, seen, OOM_EVENT_WAIT_S)
        if self._oom_events_seen > seen:
            raise self._oom_crash()

    def _oom_crash(self) -> SandboxCrashed:
        return SandboxCrashed(
            f"the sandbox hit its memory limit ({self.spec.memory_mb} MiB) and the kernel killed a process", "oom"
        )


def _looks_killed(outcome: ExecOutcome) -> bool:
    return outcome.returncode == _SIGKILL_EXIT or b"Killed" in outcome.stderr[-256:]


def _launch_failure(outcome: ExecOutcome, output: str) -> Exception | None:
    """The runtime's own refusal to start the command, reported the way Inspect's docker does."""
    if outcome.returncode not in (126, 127):
        return None
    found = _RUNC_FAILURE.search(output.strip())
    if found is not None and outcome.returncode == 126 and "permission denied" in found.group(1).lower():
        return PermissionError(errno.EACCES, f"Permission denied executing command: {output.strip()}")
    return None
