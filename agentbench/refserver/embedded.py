"""The reference server inside the current process, for `agentbench run` and the tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Sequence
from types import TracebackType
from typing import Self

import httpx
import uvicorn

from agentbench.oracle import OracleStrategy
from agentbench.refserver.app import create_app
from agentbench.refserver.listen import base_url, bind_socket, uvicorn_server
from agentbench.refserver.models import ReferenceModel
from agentbench.refserver.settings import Settings

STARTUP_TIMEOUT_S = 30.0


class EmbeddedServer:
    """Serves the reference models on 127.0.0.1 at a free port from a background thread.

    Use as a context manager: on entry the server answers `/health`; on exit it has
    stopped, its thread has ended and its socket is closed. `settings.host`/`port` are ignored.
    """

    def __init__(self, settings: Settings | None = None, models: Sequence[ReferenceModel] | None = None,
                 strategies: Sequence[OracleStrategy] = ()) -> None:
        self.settings = settings or Settings()
        self.app = create_app(self.settings, models, strategies)
        self._server: uvicorn.Server | None = None
        self._socket: socket.socket | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT/v1`, for OpenAI clients."""
        if self._socket is None:
            raise RuntimeError("the embedded reference server is not running")
        return base_url(self._socket)

    def __enter__(self) -> Self:
        if self._thread is not None:
            raise RuntimeError("the embedded reference server is already running")
        self._server = uvicorn_server(self.app, quiet=True)
        self._socket = bind_socket("127.0.0.1", 0)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="agentbench-refserver", daemon=True
        )
        self._thread.start()
        try:
            self._wait_until_healthy(self._server, self._thread)
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._stop()

    def _wait_until_healthy(self, server: uvicorn.Server, thread: threading.Thread) -> None:
        health = self.base_url.removesuffix("/v1") + "/health"
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        with httpx.Client(timeout=1.0) as client:
            while time.monotonic() < deadline:
                if not thread.is_alive():
                    raise RuntimeError("the embedded reference server stopped while starting")
                if server.started:
                    try:
                        if client.get(health).status_code == 200:
                            return
                    except httpx.TransportError:
                        pass
                time.sleep(0.01)
        raise RuntimeError(f"the embedded reference server did not answer {health} within {STARTUP_TIMEOUT_S:.0f}s")

    def _stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join()
        if self._socket is not None:
            self._socket.close()
        self._server = self._socket = self._thread = None
