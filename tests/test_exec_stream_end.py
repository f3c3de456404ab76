"""`run_exec` against a fake engine whose exec stream never ends: a loaded engine has been seen to
keep the connection of a finished exec open (and later forget the exec), which stalled a sample
until its timeout. The exec must end when its process has, and only then, with all its output.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable
from typing import Any

import pytest
from docker.errors import NotFound

from agentbench.sandbox.docker import execution
from agentbench.sandbox.docker.execution import ExecOutcome, run_exec


def _frame(payload: bytes) -> bytes:
    return struct.pack(">BxxxL", 1, len(payload)) + payload


class FakeEngine:
    """One exec whose stream the test drives; `on_inspect(engine)` runs at each look-up of it."""

    def __init__(self, on_inspect: Callable[[FakeEngine], None]) -> None:
        self.ours, self.theirs = socket.socketpair()
        self.on_inspect = on_inspect
        self.inspections = 0
        self.running = True
        self.exit_code: int | None = None
        self.kills = 0

    def exit(self, code: int) -> None:
        self.running, self.exit_code = False, code

    def exec_create(self, container: str, cmd: list[str], **_: Any) -> dict[str, str]:
        if cmd[-2:-1] == ["kill"]:
            self.kills += 1
            self.exit(137)
            return {"Id": "kill"}
        return {"Id": "main"}

    def exec_start(self, exec_id: str, socket: bool = False) -> Any:
        return self.ours if exec_id == "main" else b""

    def exec_inspect(self, exec_id: str) -> dict[str, Any]:
        if exec_id == "kill":
            return {"Running": False, "ExitCode": 0}
        self.inspections += 1
        self.on_inspect(self)
        return {"Running": self.running, "ExitCode": self.exit_code}


def _run(engine: FakeEngine, timeout: float | None = None) -> ExecOutcome:
    """run_exec in a thread, waited for by event: a stall fails the test instead of hanging it."""
    done = threading.Event()
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["outcome"] = run_exec(
                engine, "c0ffee", ["true"], user="agent", workdir="/", env={}, stdin=None, timeout=timeout, limit=1024
            )
        except BaseException as exc:  # handed to the test thread
            result["error"] = exc
        finally:
            done.set()

    threading.Thread(target=target, daemon=True).start()
    assert done.wait(120), "run_exec never returned"
    engine.theirs.close()
    if "error" in result:
        raise result["error"]
    return result["outcome"]


@pytest.fixture(autouse=True)
def quick_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(execution, "WATCH_S", 0.05)


def test_a_finished_exec_whose_stream_stays_open_ends_with_its_exit_code_and_output() -> None:
    engine = FakeEngine(lambda engine: None)
    engine.theirs.sendall(_frame(b"all done\n"))
    engine.exit(3)
    outcome = _run(engine)
    assert (outcome.returncode, outcome.stdout) == (3, b"all done\n")


def test_a_quiet_command_still_running_is_waited_for() -> None:
    def on_inspect(engine: FakeEngine) -> None:
        if engine.inspections == 5:
            engine.theirs.sendall(_frame(b"late\n"))
            engine.exit(0)
            engine.theirs.close()

    engine = FakeEngine(on_inspect)
    outcome = _run(engine)
    assert (outcome.returncode, outcome.stdout) == (0, b"late\n")
    assert engine.inspections >= 5 and engine.kills == 0


def test_output_that_arrives_after_the_process_ended_is_kept() -> None:
    def on_inspect(engine: FakeEngine) -> None:
        if engine.inspections == 1:
            engine.exit(0)
            engine.theirs.sendall(_frame(b"flushed after exit\n"))

    engine = FakeEngine(on_inspect)
    outcome = _run(engine)
    assert (outcome.returncode, outcome.stdout) == (0, b"flushed after exit\n")


def test_an_exec_the_engine_forgot_is_an_engine_error() -> None:
    def on_inspect(engine: FakeEngine) -> None:
        raise NotFound("No such exec instance: main")

    with pytest.raises(NotFound, match="No such exec instance"):
        _run(FakeEngine(on_inspect))


def test_a_silent_command_that_never_ends_still_times_out_and_is_killed() -> None:
    engine = FakeEngine(lambda engine: None)
    outcome = _run(engine, timeout=0.3)
    assert outcome.timed_out and engine.kills == 2  # one sweep kills it, one begun after it ended confirms
