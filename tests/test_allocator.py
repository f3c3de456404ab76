"""The allocator setting of `agentbench run` and `serve`: large freed buffers go back to the system.

Measured, not assumed: in a fresh interpreter, a thread frees 64 buffers of 1 MiB, each followed by a
live smaller block, after glibc has seen (and freed) one 8 MiB buffer. With the default dynamic threshold
the 1 MiB buffers sit in the thread's heap arena and their pages stay resident; with the threshold
fixed each is its own mapping and its pages are returned when freed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from agentbench.cli import allocator
from agentbench.cli.main import cli

_PROBE = """
import json, sys, threading
from agentbench.cli.allocator import fix_mmap_threshold

def resident_mib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

fixed = fix_mmap_threshold() if sys.argv[1] == "fix" else False

def work(returned):
    first = bytearray(8 << 20)
    del first  # glibc's dynamic threshold would rise to 8 MiB here
    large, kept = [], []
    for _ in range(64):
        large.append(bytearray(1 << 20))
        kept.append(bytearray(64 << 10))  # stays live: a freed 1 MiB buffer in the heap is a hole, not the top
    before = resident_mib()
    del large
    returned.append(before - resident_mib())

returned = []
thread = threading.Thread(target=work, args=(returned,))
thread.start()
thread.join()
print(json.dumps({"fixed": fixed, "returned_mib": returned[0]}))
"""

glibc_only = pytest.mark.skipif(not allocator.is_glibc(), reason="the setting is glibc's")


def _probe(mode: str, **env: str) -> dict:
    done = subprocess.run([sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, timeout=120,
                          env={**{k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}, **env})
    assert done.returncode == 0, done.stderr[-1500:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@glibc_only
def test_with_the_threshold_fixed_freed_large_buffers_leave_the_process() -> None:
    fixed = _probe("fix")
    assert fixed["fixed"] is True, fixed
    assert fixed["returned_mib"] >= 48, fixed


@glibc_only
def test_the_probe_tells_the_two_apart() -> None:
    """The control: without the setting the same frees return (almost) nothing, so the test above would
    catch a `fix_mmap_threshold` that reports success without changing the allocator."""
    plain = _probe("leave")
    assert plain["returned_mib"] < 16, plain


@glibc_only
def test_a_threshold_the_user_set_is_left_alone() -> None:
    assert _probe("fix", MALLOC_MMAP_THRESHOLD_="1048576")["fixed"] is False


@pytest.mark.parametrize("args", [["run", "--base-url", "http://127.0.0.1:9/v1"], ["serve", "--faults", "no_such_fault=1"]])
def test_run_and_serve_fix_the_threshold_first(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    """Both commands set it before anything else, even on input they then refuse."""
    calls: list[str] = []
    for module in ("agentbench.cli.run", "agentbench.cli.serve"):
        monkeypatch.setattr(f"{module}.fix_mmap_threshold", lambda: calls.append("fixed") or True)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert calls == ["fixed"], result.output
