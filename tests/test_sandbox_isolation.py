"""The isolation promises of the agentbench_docker sandbox, checked against a real engine."""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import anyio
import pytest
from inspect_ai.util import OutputLimitExceededError
from inspect_ai.util._sandbox.limits import override_max_exec_output_size

from agentbench.sandbox import labels
from agentbench.sandbox.docker import environment
from agentbench.sandbox.docker.container import ROOT_CAPABILITIES, remove_container
from agentbench.sandbox.docker.environment import AgentbenchDockerSandbox
from agentbench.sandbox.errors import SandboxCrashed
from agentbench.sandbox.freeze import freeze_agent
from agentbench.sandbox.root_files import read_text_as, write_files_as
from agentbench.spec.schema import SandboxSpec

pytestmark = pytest.mark.docker

MakeSandbox = Callable[..., Awaitable[AgentbenchDockerSandbox]]


@pytest.fixture
async def make_sandbox(base_image: str) -> AsyncIterator[MakeSandbox]:
    created: list[dict[str, Any]] = []

    async def make(**spec: Any) -> AgentbenchDockerSandbox:
        environments = await AgentbenchDockerSandbox.sample_init("isolation", SandboxSpec(**spec), {})
        created.append(environments)
        return environments["default"].as_type(AgentbenchDockerSandbox)

    yield make
    for environments in created:
        await AgentbenchDockerSandbox.sample_cleanup("isolation", None, environments, False)


def _process_table(sandbox: AgentbenchDockerSandbox) -> list[tuple[str, str]]:
    """(state, command line) of each process in the container as the host sees it (no exec needed,
    works at the pids limit)."""
    top = sandbox._api.top(sandbox.container, ps_args="-o pid,stat,args")
    return [(row[1], row[-1]) for row in top["Processes"] or []]


def _processes(sandbox: AgentbenchDockerSandbox) -> list[str]:
    return [args for _, args in _process_table(sandbox)]


def _alive(sandbox: AgentbenchDockerSandbox) -> list[str]:
    """Command lines of the processes not yet dead: a killed one can linger as a zombie (state Z,
    `[sleep] <defunct>`) until init reaps it, and a kernel that keeps zombies in the cgroup's list shows it."""
    return [args for state, args in _process_table(sandbox) if not state.startswith("Z")]


_CONNECT = "import socket; socket.create_connection(('{host}', 53), timeout=3); print('connected')"


async def test_network_is_unreachable_unless_allowed(make_sandbox: MakeSandbox) -> None:
    closed = await make_sandbox()
    interfaces = await closed.exec(["ls", "/sys/class/net"])
    assert interfaces.stdout.split() == ["lo"]
    result = await closed.exec(["python3", "-c", _CONNECT.format(host="1.1.1.1")])
    assert not result.success and "unreachable" in result.stderr.lower()

    opened = await make_sandbox(network=True)
    assert "eth0" in (await opened.exec(["ls", "/sys/class/net"])).stdout.split()


@pytest.mark.slow
async def test_fork_bomb_is_contained_and_host_stays_responsive(make_sandbox: MakeSandbox) -> None:
    """The bomb fills the pids limit and no more; the host can still start processes; removal ends it."""
    sandbox = await make_sandbox(pids=64)
    await sandbox.exec(["bash", "-c", "setsid bash -c ':(){ :|:& };:' >/dev/null 2>&1 </dev/null &"], timeout=60)
    peak = 0
    deadline = time.monotonic() + 300  # a deadline for a hang, not a speed requirement
    while peak < 48:
        assert time.monotonic() < deadline, f"the bomb never came near the pids limit (peak {peak} processes)"
        peak = max(peak, len(_processes(sandbox)))
        assert peak <= 64, f"{peak} processes in a sandbox limited to 64"
        await anyio.sleep(0.1)
    assert (await anyio.run_process(["true"])).returncode == 0
    assert len(_processes(sandbox)) <= 64
    remove_container(sandbox._api, sandbox.container)
    assert not sandbox._api.containers(all=True, filters={"id": sandbox.container})


@pytest.mark.slow
async def test_memory_hog_is_killed_and_reported(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox(memory_mb=128)
    with pytest.raises(SandboxCrashed) as crashed:
        await sandbox.exec(["python3", "-c", "x = b'a' * (512 * 1024 * 1024)"], timeout=60)
    assert crashed.value.reason == "oom" and "128 MiB" in str(crashed.value)
    assert (await sandbox.exec(["echo", "still here"])).stdout == "still here\n"


_HOG = ["python3", "-c", "x = b'a' * (512 * 1024 * 1024)"]


def _oom_events(sandbox: AgentbenchDockerSandbox, monkeypatch: pytest.MonkeyPatch, seen: list[int]) -> None:
    """The engine's `oom` events for `sandbox` as `seen[0]` says: what the event stream has delivered so far."""
    monkeypatch.setattr(sandbox._session, "oom_kills", lambda container: seen[0] if container == sandbox.container else 0)


@pytest.mark.slow
async def test_an_oom_kill_is_reported_before_the_engine_tells_of_it(
    make_sandbox: MakeSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine's event can come late on a loaded machine; the kernel counted the kill before the command ended."""
    sandbox = await make_sandbox(memory_mb=128)
    _oom_events(sandbox, monkeypatch, [0])
    with pytest.raises(SandboxCrashed) as crashed:
        await sandbox.exec(_HOG, timeout=60)
    assert crashed.value.reason == "oom" and str(crashed.value) == (
        "the sandbox hit its memory limit (128 MiB) and the kernel killed a process"
    )


@pytest.mark.slow
async def test_each_oom_kill_is_reported_once_and_a_plain_kill_is_none(
    make_sandbox: MakeSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    sandbox = await make_sandbox(memory_mb=128)
    events = [0]
    _oom_events(sandbox, monkeypatch, events)
    with pytest.raises(SandboxCrashed, match="memory limit"):
        await sandbox.exec(_HOG, timeout=60)
    events[0] = 1  # the first kill's event arrives after it was reported
    assert (await sandbox.exec(["echo", "still here"])).stdout == "still here\n"
    suicide = await sandbox.exec(["sh", "-c", "kill -9 $$"])
    assert suicide.returncode == 137
    events[0] = 2  # this time the engine tells of the kill in time: the command itself does not look killed
    with pytest.raises(SandboxCrashed, match="memory limit") as again:
        await sandbox.exec(["python3", "-c", f"import subprocess; subprocess.run({_HOG!r})"], timeout=60)
    assert again.value.reason == "oom"
    assert (await sandbox.exec(["echo", "still here"])).stdout == "still here\n"


@pytest.mark.slow
async def test_where_the_kernels_count_is_hidden_the_engines_event_tells_of_the_kill(
    make_sandbox: MakeSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A runtime may hide the cgroup (gVisor): the sandbox then waits for the engine's event of the kill."""
    sandbox = await make_sandbox(memory_mb=128)
    monkeypatch.setattr(environment, "KERNEL_COUNT_SCRIPT", "echo 'oom_kill: hidden'")
    with pytest.raises(SandboxCrashed) as crashed:
        await sandbox.exec(_HOG, timeout=60)
    assert crashed.value.reason == "oom"
    monkeypatch.setattr(environment, "OOM_EVENT_WAIT_S", 0.01)  # no event is coming: only shortens the test
    assert (await sandbox.exec(["sh", "-c", "kill -9 $$"])).returncode == 137


async def test_neither_the_agent_nor_root_can_change_the_kernels_oom_count(make_sandbox: MakeSandbox) -> None:
    """The kernel's files sit on read-only cgroup mounts; the memory.events root can add to cgroup v1's
    writable /sys/fs/cgroup tmpfs is not read there (and the agent cannot add it)."""
    sandbox = await make_sandbox()
    assert await sandbox._kernel_oom_kills() == 0
    forge = (
        "for file in /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events; do"
        " [ -e $file ] && echo 'oom_kill 7' > $file && echo forged $file; done; true"
    )
    shadow = ["sh", "-c", "echo 'oom_kill 7' > /sys/fs/cgroup/memory.events"]
    for user in ("agent", "root"):
        attempt = await sandbox.exec(["sh", "-c", forge], user=user)
        assert "forged" not in attempt.stdout and "Read-only file system" in attempt.stderr, (user, attempt)
    assert not (await sandbox.exec(shadow)).success
    await sandbox.exec(shadow, user="root")
    assert await sandbox._kernel_oom_kills() == 0


@pytest.mark.slow
async def test_timeout_kills_the_whole_process_tree_promptly(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox()
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        await sandbox.exec(["sh", "-c", "sleep 1001 & setsid sleep 1002 & sleep 1000"], timeout=2)
    elapsed = time.monotonic() - started
    assert 2 <= elapsed < 120, "killed at the timeout, not after the 1000 s sleep (bound loose for a loaded machine)"
    assert not [args for args in _alive(sandbox) if "sleep 100" in args]


async def test_timeout_kills_a_command_that_started_after_the_first_sweep(
    make_sandbox: MakeSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A loaded engine may start the exec's process after the kill first looked for it: the first sweep
    here finds nothing (as it would then), and the command must still die."""
    sandbox = await make_sandbox()
    create = sandbox._api.exec_create
    sweeps: list[list[str]] = []

    def blind_first_sweep(container: str, cmd: list[str], **kwargs: Any) -> dict[str, str]:
        if cmd[:2] == ["/bin/bash", "-c"] and cmd[3:4] == ["kill"]:
            sweeps.append(cmd)
            if len(sweeps) == 1:
                cmd = ["/bin/true"]
        return create(container, cmd, **kwargs)

    monkeypatch.setattr(sandbox._api, "exec_create", blind_first_sweep)
    with pytest.raises(TimeoutError):
        await sandbox.exec(["sh", "-c", "sleep 1003 & sleep 1003"], timeout=1)
    monkeypatch.undo()
    assert not [args for args in _alive(sandbox) if "sleep 1003" in args]
    assert sweeps, "the kill no longer sweeps with its script: this test blinds nothing"


async def test_agent_cannot_read_the_verifier_dir(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox()
    await write_files_as(sandbox, {"/agentbench/run1/tests/test.sh": b"exit 0\n"})
    listing = await sandbox.exec(["ls", "/agentbench"])
    assert not listing.success and "Permission denied" in listing.stderr
    assert not (await sandbox.exec(["cat", "/agentbench/run1/tests/test.sh"])).success
    with pytest.raises(PermissionError):
        await sandbox.read_file("/agentbench/run1/tests/test.sh")
    assert await read_text_as(sandbox, "/agentbench/run1/tests/test.sh") == "exit 0\n"
    assert await read_text_as(sandbox, "/agentbench/run1/missing") is None
    verifier = await sandbox.exec(["bash", "/agentbench/run1/tests/test.sh"], user="root")
    assert verifier.success


async def test_agent_is_unprivileged(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox()
    status = (await sandbox.exec(["cat", "/proc/self/status"])).stdout
    fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
    assert fields["Uid"].split()[0] == "1000"
    assert int(fields["CapEff"], 16) == 0 and int(fields["CapPrm"], 16) == 0
    assert fields["NoNewPrivs"].strip() == "1"
    assert not (await sandbox.exec(["test", "-e", "/var/run/docker.sock"])).success
    assert (await sandbox.exec(["id", "-un"], user="root")).stdout == "root\n"


async def test_container_is_created_with_the_isolation_defaults(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox(memory_mb=512, cpus=0.5, pids=100)
    config = sandbox._api.inspect_container(sandbox.container)
    host = config["HostConfig"]
    assert host["NetworkMode"] == "none" and not host["Privileged"]
    assert host["CapDrop"] == ["ALL"] and sorted(host["CapAdd"]) == sorted(ROOT_CAPABILITIES)
    assert host["SecurityOpt"] == ["no-new-privileges"] and host["Init"]
    assert host["Memory"] == 512 * 2**20 and host["NanoCpus"] == 500_000_000 and host["PidsLimit"] == 100
    assert not host["Binds"] and all(mount["Type"] == "tmpfs" for mount in config["Mounts"])
    assert set(host["Tmpfs"]) == {"/workspace", "/tmp", "/var/tmp", "/run/lock", "/home/agent"}


async def test_labels_name_run_sample_and_runner(make_sandbox: MakeSandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENTBENCH_RUN_ID", "label-test-run")
    sandbox = await make_sandbox()
    found = sandbox._api.inspect_container(sandbox.container)["Config"]["Labels"]
    assert found[labels.RUN_ID] == "label-test-run"
    assert found[labels.PID] == str(os.getpid())
    assert labels.SAMPLE in found and labels.HOST in found


async def test_files_round_trip_and_belong_to_the_agent(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox(workdir="/home/agent/project")
    text = "line one\r\nünïcødé ✨\n\ttabs\n"
    binary = bytes(range(256)) * 4
    await sandbox.write_file("notes/text.txt", text)
    await sandbox.write_file("/home/agent/project/data.bin", binary)
    assert await sandbox.read_file("notes/text.txt") == text
    assert await sandbox.read_file("data.bin", text=False) == binary
    owners = await sandbox.exec(["stat", "-c", "%U %n", ".", "notes", "notes/text.txt", "data.bin"])
    assert [line.split()[0] for line in owners.stdout.splitlines()] == ["agent"] * 4
    assert (await sandbox.exec(["pwd"])).stdout == "/home/agent/project\n"
    with pytest.raises(PermissionError):
        await sandbox.write_file("/etc/passwd", "root::0:0::/root:/bin/bash\n")


async def test_output_over_the_limit_is_truncated_with_a_marker(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox()
    with override_max_exec_output_size(1000), pytest.raises(OutputLimitExceededError) as exceeded:
        await sandbox.exec(["sh", "-c", "head -c 5000 /dev/zero | tr '\\0' a; printf END"])
    output = exceeded.value.truncated_output or ""
    assert output.startswith("[output truncated: the first 4003 bytes were dropped]\n")
    assert output.endswith("a" * 997 + "END")


async def test_a_dead_container_is_reported_as_crashed(make_sandbox: MakeSandbox) -> None:
    stopped, removed = await make_sandbox(), await make_sandbox()
    stopped._api.kill(stopped.container)
    remove_container(removed._api, removed.container)
    for sandbox, reason in ((stopped, "exited"), (removed, "gone")):
        with pytest.raises(SandboxCrashed) as crashed:
            await sandbox.exec(["true"])
        assert crashed.value.reason == reason


@pytest.mark.slow
async def test_timeout_kills_children_that_scrubbed_their_environment(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox()
    with pytest.raises(TimeoutError):
        await sandbox.exec(["sh", "-c", "env -i sh -c 'sleep 1004 & sleep 1005' & env -i setsid sleep 1006 & sleep 1000"], timeout=2)
    assert not [args for args in _alive(sandbox) if "sleep 100" in args]


async def test_freeze_kills_every_agent_process_whatever_it_did(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox()
    writer = "while true; do echo late > result.txt; sleep 0.05; done"
    await sandbox.exec(["sh", "-c", f"(env -i setsid sh -c '{writer}' >/dev/null 2>&1 &); nohup sleep 1007 >/dev/null 2>&1 &"])
    assert [args for args in _processes(sandbox) if "sleep 1007" in args]
    await freeze_agent(sandbox, "agent")
    leftover = [args for args in _alive(sandbox) if "sleep" in args and "infinity" not in args]
    assert not leftover
    await sandbox.exec(["sh", "-c", "echo mine > result.txt"], user="root")
    assert (await sandbox.exec(["cat", "result.txt"])).stdout == "mine\n"


async def test_filling_the_disk_is_a_sandbox_error_and_spares_the_host(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox(disk_mb=32)
    with pytest.raises(SandboxCrashed, match=r"disk quota \(32 MiB\) in /workspace") as caught:
        await sandbox.exec(["sh", "-c", "dd if=/dev/zero of=big bs=1M count=200"])
    assert caught.value.reason == "disk"
    writable = await sandbox.exec(["sh", "-c", "find / -xdev -writable 2>/dev/null; true"])
    assert set(writable.stdout.split()) == {"/workspace", "/tmp", "/var/tmp", "/run/lock", "/var/lock", "/home/agent"}
    await sandbox.exec(["rm", "big"])
    with pytest.raises(SandboxCrashed, match=r"disk quota \(32 MiB\) in /tmp$"):
        await sandbox.exec(["sh", "-c", "python3 -c 'open(\"/tmp/big\", \"wb\").write(bytes(2**26))'"])


async def test_scripts_run_from_the_size_limited_places(make_sandbox: MakeSandbox) -> None:
    """The tmpfs mounts are exec: the agent's `./script.sh` and a task's setup script (in /tmp) run."""
    sandbox = await make_sandbox()
    for place in ("/workspace", "/tmp", "/home/agent"):
        result = await sandbox.exec(["sh", "-c", f"printf '#!/bin/sh\\necho ran\\n' > {place}/s.sh && chmod +x {place}/s.sh && {place}/s.sh"])
        assert result.stdout == "ran\n", (place, result.stderr)


async def test_a_message_about_a_full_disk_is_not_an_error_while_there_is_room(make_sandbox: MakeSandbox) -> None:
    sandbox = await make_sandbox()
    result = await sandbox.exec(["echo", "app.log: No space left on device"])
    assert result.success
