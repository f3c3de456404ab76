"""Counting OOM kills: the kernel's count as the sandbox reads it, and the wait for the engine's event."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Any, cast

import pytest
from docker import APIClient

from agentbench.sandbox.docker.oom import OomWatch, kernel_oom_kills

HANG_GUARD_S = 60.0


@pytest.mark.parametrize(
    ("text", "count"),
    [
        (b"oom_kill_disable 0\nunder_oom 0\noom_kill 3\n", 3),
        (b"low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n", 2),
        (b"oom_kill 0\r\n", 0),
        (b"", None),
        (b"oom_kill_disable 0\nunder_oom 0\n", None),
        (b"cat: /sys/fs/cgroup/memory.events: No such file or directory\n", None),
        (b"oom_kill -1\n", None),
        (b"oom_kill 1e3\n", None),
        ("oom_kill \u0663\n".encode(), None),
        (b"oom_kill 99999999999999999999999\n", None),
        (b"\xff\xfe\x00oom_kill\x00 5\n", None),
        (b"oom_kill\n", None),
    ],
)
def test_the_kernels_count_is_read_or_none_never_a_crash(text: bytes, count: int | None) -> None:
    assert kernel_oom_kills(text) == count


class _Events:
    """An engine event stream the test feeds; `close` ends it, as the SDK's does."""

    def __init__(self) -> None:
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()

    def __iter__(self) -> Iterator[dict[str, Any]]:
        while (event := self._queue.get()) is not None:
            yield event

    def send(self, container: str) -> None:
        self._queue.put({"id": container, "status": "oom"})

    def close(self) -> None:
        self._queue.put(None)


class _Api:
    def __init__(self) -> None:
        self.stream = _Events()

    def events(self, filters: dict[str, str], decode: bool) -> _Events:
        return self.stream


def _waiting(watch: OomWatch, container: str, seen: int) -> tuple[threading.Event, list[int]]:
    """Start a wait that would last an hour; the returned event is set once it returns."""
    done, result = threading.Event(), []

    def wait() -> None:
        result.append(watch.wait_for_kill(container, seen, 3600))
        done.set()

    threading.Thread(target=wait, daemon=True).start()
    return done, result


@pytest.fixture
def watch() -> Iterator[tuple[OomWatch, _Events]]:
    api = _Api()
    oom = OomWatch(cast(APIClient, api))
    yield oom, api.stream
    oom.close()


def test_a_wait_ends_when_a_new_kill_in_its_container_is_told(watch: tuple[OomWatch, _Events]) -> None:
    oom, events = watch
    events.send("c1")
    done, result = _waiting(oom, "c1", 1)
    events.send("c2")
    events.send("c1")
    assert done.wait(HANG_GUARD_S), "the wait did not wake on the kill"
    assert result == [2] and oom.kills("c2") == 1


def test_a_wait_without_a_kill_returns_the_count_as_it_stands(watch: tuple[OomWatch, _Events]) -> None:
    oom, events = watch
    events.send("c1")
    assert oom.wait_for_kill("c1", 0, HANG_GUARD_S) == 1
    assert oom.wait_for_kill("c1", 1, 0.01) == 1 and oom.wait_for_kill("c3", 0, 0.01) == 0


def test_closing_the_watch_ends_the_waits(watch: tuple[OomWatch, _Events]) -> None:
    oom, _ = watch
    done, result = _waiting(oom, "c1", 0)
    oom.close()
    assert done.wait(HANG_GUARD_S), "a wait outlived the watch"
    assert result == [0]
