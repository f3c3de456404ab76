"""The engine stream plumbing (frames, caps, stdin, deadlines) over a local socket pair."""

from __future__ import annotations

import socket
import struct
import threading
import time

from agentbench.sandbox.docker.stream import FrameReader, Pump, TailBuffer


def _frame(stream: int, payload: bytes) -> bytes:
    return struct.pack(">BxxxL", stream, len(payload)) + payload


def test_tail_buffer_keeps_the_last_bytes_and_counts_the_rest() -> None:
    buffer = TailBuffer(5)
    for chunk in (b"abc", b"defg", b"", b"hi"):
        buffer.write(chunk)
    assert buffer.value() == b"efghi" and buffer.dropped == 4


def test_frames_split_anywhere_are_demultiplexed() -> None:
    stdout, stderr = TailBuffer(100), TailBuffer(100)
    reader = FrameReader(stdout, stderr)
    data = _frame(1, b"out one ") + _frame(2, b"err") + _frame(1, b"") + _frame(1, b"out two")
    for i in range(0, len(data), 3):
        reader.feed(data[i : i + 3])
    assert stdout.value() == b"out one out two" and stderr.value() == b"err"


def test_pump_sends_stdin_then_reads_until_the_peer_closes() -> None:
    ours, theirs = socket.socketpair()
    payload = bytes(range(256)) * 20_000

    def engine() -> None:
        received = b""
        while chunk := theirs.recv(65536):
            received += chunk
        theirs.sendall(_frame(1, str(len(received)).encode()) + _frame(2, received[-3:]))
        theirs.close()

    peer = threading.Thread(target=engine)
    peer.start()
    stdout, stderr = TailBuffer(100), TailBuffer(100)
    pump = Pump(ours, FrameReader(stdout, stderr), payload)
    assert pump.run(deadline=time.monotonic() + 120) is True  # a hang guard, far beyond the time it takes
    pump.close()
    peer.join()
    assert stdout.value() == str(len(payload)).encode() and stderr.value() == payload[-3:]


def test_pump_gives_up_at_the_deadline() -> None:
    ours, theirs = socket.socketpair()
    pump = Pump(ours, FrameReader(TailBuffer(10), TailBuffer(10)), stdin=None)
    started = time.monotonic()
    assert pump.run(deadline=started + 0.2) is False
    assert 0.2 <= time.monotonic() - started < 60  # gave up at the deadline rather than waiting for a peer that never speaks
    pump.close()
    theirs.close()
