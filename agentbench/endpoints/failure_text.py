"""Say why a request to an endpoint failed, in the server's own words where it gave any.

The openai SDK reads only OpenAI's `{"error": {"message": ...}}`; FastAPI servers (transformers
serve among them) answer `{"detail": "..."}` and some servers plain text, which the SDK leaves as
a bare `Error code: 400`. Connection failures are named by what happened (refused, reset,
timeout) with the operating system's errno where there is one.
"""

from __future__ import annotations

from typing import Any

import httpx
import openai

from agentbench.endpoints.retries import StreamBroken

MESSAGE_CHARS = 300


def server_message(exc: openai.APIStatusError) -> str:
    """The message the server put in its error body: OpenAI's `error.message`, FastAPI's `detail`, or the text."""
    body: Any = exc.body
    if isinstance(body, dict):
        for key in ("message", "detail", "error", "msg"):
            text = _text(body.get(key))
            if text:
                return text[:MESSAGE_CHARS]
    if isinstance(body, str) and body.strip():
        return body.strip().splitlines()[0][:MESSAGE_CHARS]
    return str(exc.message).splitlines()[0][:MESSAGE_CHARS]


def _text(value: Any) -> str:
    """A `detail`/`message` value as one line: a string, a nested error, or FastAPI's list of validation errors."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return _text(value.get("message") or value.get("msg") or value.get("detail"))
    if isinstance(value, list):
        parts = [_text(item) for item in value]
        return "; ".join(p for p in parts if p)
    return ""


def _os_error(exc: BaseException) -> OSError | None:
    """The first OSError with an errno in the exception's cause/context chain."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno is not None:
            return current
        current = current.__cause__ or current.__context__
    return None


def failure_kind(exc: BaseException) -> str:
    """A short cause name: `refused`, `reset`, `timeout`, `stream_broken`, `connection`, the HTTP status, or the type."""
    if isinstance(exc, openai.APIStatusError):
        return str(exc.status_code)
    if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
        return "timeout"
    if isinstance(exc, StreamBroken):
        return "stream_broken"
    os_error = _os_error(exc)
    if isinstance(os_error, ConnectionRefusedError):
        return "refused"
    if isinstance(os_error, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
        return "reset"
    if _in_chain(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return "reset"
    if isinstance(exc, (openai.APIConnectionError, httpx.TransportError)):
        return "connection"
    return type(exc).__name__


def _in_chain(exc: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, kinds):
            return True
        current = current.__cause__ or current.__context__
    return False


def describe_failure(exc: BaseException) -> str:
    """One line: the cause and the words behind it, e.g. `refused: [Errno 111] Connection refused`."""
    kind = failure_kind(exc)
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}: {server_message(exc)}"
    os_error = _os_error(exc)
    if os_error is not None:
        return f"{kind}: [Errno {os_error.errno}] {os_error.strerror or os_error}"
    root = exc
    while root.__cause__ is not None:
        root = root.__cause__
    words = str(root).splitlines()[0] if str(root) else type(root).__name__
    return f"{kind}: {words}"[:MESSAGE_CHARS]
