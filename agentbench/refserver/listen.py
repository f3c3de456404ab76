"""Listening sockets and uvicorn servers, shared by `agentbench serve` and the embedded server."""

from __future__ import annotations

import socket

import uvicorn
from fastapi import FastAPI


class ListenError(OSError):
    """The server cannot listen where asked; `str()` is one line naming the address."""


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: any free port, read it back with getsockname)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise ListenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def base_url(sock: socket.socket) -> str:
    """The OpenAI base URL (`.../v1`) of a server on this socket."""
    host, port = sock.getsockname()[:2]
    host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    return f"http://[{host}]:{port}/v1" if ":" in host else f"http://{host}:{port}/v1"


def uvicorn_server(app: FastAPI, *, quiet: bool) -> uvicorn.Server:
    """A uvicorn server for `app`; `quiet` leaves the host program's logging alone (embedded use)."""
    if quiet:
        config = uvicorn.Config(app, log_config=None, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    else:
        config = uvicorn.Config(app, log_level="info", timeout_graceful_shutdown=5)
    return uvicorn.Server(config)
