"""A scripted OpenAI-compatible streaming server and the chunks it sends, for tests of how we read streams."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

from openai import AsyncOpenAI

HEAD = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m"}


def chunk(delta: dict[str, Any] | None = None, finish: str | None = None, index: int = 0, **top: Any) -> dict[str, Any]:
    choices = [] if delta is None else [{"index": index, "delta": delta, "finish_reason": finish}]
    return {**HEAD, "choices": choices, **top}


def call(index: int, *, id: str | None = None, name: str | None = None, arguments: str | None = None) -> dict[str, Any]:
    function = {k: v for k, v in (("name", name), ("arguments", arguments)) if v is not None}
    return {"index": index, **({"id": id, "type": "function"} if id else {}), "function": function}


class Scripted:
    """An HTTP server on 127.0.0.1 answering every request with the same raw bytes, then closing."""

    def __init__(self, body: bytes, chunked: bool = False, piece: int = 0, content_type: str = "text/event-stream",
                 keep_alive_s: float | None = None) -> None:
        self.body = body
        self.chunked = chunked
        self.piece = piece
        """Send the body this many bytes at a time (0: at once), so events arrive split across reads."""
        self.content_type = content_type
        self.keep_alive_s = keep_alive_s
        """After the body, send an SSE comment this often until the client goes (a proxy waiting forever)."""
        self.requests: list[dict[str, Any]] = []

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"POST /v1/chat/completions "), head[:80]  # every stream we read is asked for there
        length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
        self.requests.append(json.loads(await reader.readexactly(length)))
        if self.chunked:  # a chunk of the whole body, then the connection drops without the closing chunk
            writer.write(f"HTTP/1.1 200 OK\r\nContent-Type: {self.content_type}\r\nTransfer-Encoding: chunked\r\n\r\n".encode()
                         + f"{len(self.body):x}\r\n".encode() + self.body + b"\r\n")
        else:
            writer.write(f"HTTP/1.1 200 OK\r\nContent-Type: {self.content_type}\r\nConnection: close\r\n\r\n".encode())
            for start in range(0, len(self.body), self.piece or len(self.body)):
                writer.write(self.body[start:start + (self.piece or len(self.body))])
                await writer.drain()
        while self.keep_alive_s is not None and not reader.at_eof():
            writer.write(b": keep-alive\n\n")
            try:
                await writer.drain()
            except ConnectionError:
                break
            await asyncio.sleep(self.keep_alive_s)
        await writer.drain()
        writer.close()

    async def __aenter__(self) -> AsyncOpenAI:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self._client = AsyncOpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="k", max_retries=0)
        return self._client

    async def __aexit__(self, *exc: object) -> None:
        await self._client.close()
        self._server.close()


def sse(chunks: Sequence[object], done: bool = True) -> bytes:
    """Events as servers send them, then `[DONE]` unless the stream is cut short."""
    events = "".join(f"data: {json.dumps(chunk)}\n\n" for chunk in chunks)
    return (events + ("data: [DONE]\n\n" if done else "")).encode()
