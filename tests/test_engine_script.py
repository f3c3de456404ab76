"""`sandboxes/engine.sh` starts the engine detached: it keeps none of its caller's descriptors.

The engine outlives the script; a caller's pipe or lock it inherited would stay held for as long
as the engine runs (a CI step that never sees EOF, a flock never released). The script is run for
real; only `docker`/`dockerd` are stand-ins on PATH, so no second engine is started on this machine.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _stand_ins(bin_dir: Path, marker: Path, pid_file: Path) -> None:
    bin_dir.mkdir()
    (bin_dir / "docker").write_text(f'#!/bin/sh\n[ "$1" = info ] && [ -e {marker} ] && exit 0\nexit 1\n')
    # Python, not sh: a shell keeps its script open (dash on fd 10) until it execs, and `docker info`
    # succeeds the moment the marker exists, so a shell stand-in could be caught holding that descriptor.
    (bin_dir / "dockerd").write_text(
        f"#!{sys.executable}\nimport os, pathlib, time\npathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        f"pathlib.Path({str(marker)!r}).touch()\ntime.sleep(600)\n"
    )
    for name in ("docker", "dockerd"):
        (bin_dir / name).chmod(0o755)


@pytest.mark.skipif(os.geteuid() != 0, reason="engine.sh starts an engine only as root")
def test_the_engine_holds_no_descriptor_of_its_caller(tmp_path: Path) -> None:
    marker, pid_file, log = tmp_path / "up", tmp_path / "dockerd.pid", tmp_path / "dockerd.log"
    _stand_ins(tmp_path / "bin", marker, pid_file)
    read_end, write_end = os.pipe()
    lock = os.open(tmp_path / "lock", os.O_CREAT | os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)
    env = {k: v for k, v in os.environ.items() if k != "DOCKER_HOST"}
    env.update(PATH=f"{tmp_path / 'bin'}:{env['PATH']}", AGENTBENCH_DOCKERD_LOG=str(log))
    done = subprocess.run(["bash", str(REPO / "sandboxes" / "engine.sh")], env=env, pass_fds=(write_end, lock),
                          capture_output=True, text=True, timeout=300)
    pid = int(pid_file.read_text())
    try:
        assert done.returncode == 0, done.stderr
        fds = {int(fd): os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
        assert fds == {0: "/dev/null", 1: str(log), 2: str(log)}
        assert os.getsid(pid) == pid, "the engine runs in a session of its own"
        os.close(write_end)
        assert select.select([read_end], [], [], 60)[0] and os.read(read_end, 1) == b"", "the caller's pipe is still held open"
        os.close(lock)
        probe = os.open(tmp_path / "lock", os.O_RDWR)
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if the engine still held the lock
        os.close(probe)
    finally:
        os.kill(pid, signal.SIGKILL)
