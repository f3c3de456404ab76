"""The Engine API's hijacked attach/exec connections: raw sockets and multiplexed output frames.

With no TTY the engine frames output as an 8-byte header (stream id, 3 zero bytes, big-endian
length) followed by the payload; stdin goes the other way unframed, half-closed at its end.
"""

from __future__ import annotations

import selectors
import socket
import ssl
import struct
import time
from collections import deque
from collections.abc import Callable
from typing import Any

_HEADER = struct.Struct(">BxxxL")
_CHUNK = 256 * 1024
_WOULD_BLOCK = (BlockingIOError, InterruptedError, ssl.SSLWantReadError, ssl.SSLWantWriteError)


def hijacked_stream(hijacked: Any) -> tuple[socket.socket, bytes]:
    """The raw socket under what the SDK returns for `socket=True` calls (unix, tcp and TLS hosts),
    made non-blocking, and the stream bytes the HTTP client already read past the response headers.
    """
    sock = getattr(hijacked, "_sock", hijacked)
    if not isinstance(sock, socket.socket):
        raise TypeError(f"unsupported Docker transport {type(hijacked).__name__}; use a unix or tcp DOCKER_HOST")
    sock.setblocking(False)
    response = getattr(hijacked, "_response", None)
    try:
        early = response.raw._fp.fp.peek() if response is not None else b""
    except (AttributeError, OSError, ValueError):
        early = b""
    return sock, early


class TailBuffer:
    """Keeps the last `limit` bytes written and counts how many were dropped before them."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.dropped = 0
        self._chunks: deque[bytes] = deque()
        self._size = 0

    def write(self, data: bytes) -> None:
        self._chunks.append(data)
        self._size += len(data)
        while self._size > self.limit:
            excess = self._size - self.limit
            head = self._chunks[0]
            if len(head) <= excess:
                self._chunks.popleft()
                self._size -= len(head)
                self.dropped += len(head)
            else:
                self._chunks[0] = head[excess:]
                self._size -= excess
                self.dropped += excess

    def value(self) -> bytes:
        return b"".join(self._chunks)


class FrameReader:
    """Splits the engine's multiplexed byte stream into stdout and stderr."""

    def __init__(self, stdout: TailBuffer, stderr: TailBuffer) -> None:
        self._sinks = {1: stdout, 2: stderr}
        self._pending = bytearray()

    def feed(self, data: bytes) -> None:
        self._pending += data
        offset = 0
        while len(self._pending) - offset >= _HEADER.size:
            stream, size = _HEADER.unpack_from(self._pending, offset)
            end = offset + _HEADER.size + size
            if len(self._pending) < end:
                break
            sink = self._sinks.get(stream)
            if sink is not None and size:
                sink.write(bytes(self._pending[offset + _HEADER.size : end]))
            offset = end
        del self._pending[:offset]


class Pump:
    """Feeds stdin to and reads frames from one hijacked connection, without blocking past a deadline.

    `received` counts the stream bytes read so far, so a caller can tell a quiet stream from a busy one.
    """

    def __init__(self, hijacked: Any, reader: FrameReader, stdin: bytes | None) -> None:
        self._sock, early = hijacked_stream(hijacked)
        self._reader = reader
        self.received = len(early)
        reader.feed(early)
        self._stdin = memoryview(stdin) if stdin is not None else None
        self._sent = 0
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._sock, selectors.EVENT_READ | (selectors.EVENT_WRITE if stdin is not None else 0))
        if self._stdin is not None and not self._stdin:
            self._close_stdin()

    def run(self, deadline: float | None, until: Callable[[], bool] | None = None) -> bool:
        """Pump until the engine closes the stream or `until()` holds (True), or `deadline` passes (False)."""
        while until is None or not until():
            if isinstance(self._sock, ssl.SSLSocket) and self._sock.pending():
                masks = [selectors.EVENT_READ]
            else:
                wait = None if deadline is None else deadline - time.monotonic()
                if wait is not None and wait <= 0:
                    return False
                masks = [mask for _, mask in self._selector.select(wait)]
            for mask in masks:
                if mask & selectors.EVENT_WRITE:
                    self._write()
                if mask & selectors.EVENT_READ and self._read_ended():
                    return True
        return True

    def close(self) -> None:
        self._selector.close()
        self._sock.close()

    def _write(self) -> None:
        assert self._stdin is not None
        try:
            self._sent += self._sock.send(self._stdin[self._sent : self._sent + _CHUNK])
        except _WOULD_BLOCK:
            return
        except (BrokenPipeError, ConnectionResetError):
            self._sent = len(self._stdin)
        if self._sent >= len(self._stdin):
            self._close_stdin()

    def _close_stdin(self) -> None:
        self._stdin = None
        self._selector.modify(self._sock, selectors.EVENT_READ)
        try:
            # The TCP half-close itself: SSLSocket.shutdown would also drop the TLS state, and every
            # later read of a TLS engine's stream (DOCKER_HOST=tcp:// with TLS) would be ciphertext.
            socket.socket.shutdown(self._sock, socket.SHUT_WR)
        except OSError:
            return

    def _read_ended(self) -> bool:
        try:
            data = self._sock.recv(_CHUNK)
        except _WOULD_BLOCK:
            return False
        except ConnectionResetError:
            return True
        if not data:
            return True
        self.received += len(data)
        self._reader.feed(data)
        return False
