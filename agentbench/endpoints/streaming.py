"""One chat completion request, streamed or not, timed as vLLM's `bench serve` times it.

TTFT is the time from sending the request to the first chunk that carries output (text,
reasoning or a tool call); end-to-end time runs to the last chunk. The SDK makes the request
and decodes the server-sent events (its errors, timeouts and `error` events as for any call), but
hands over each chunk as parsed JSON: `chunks.CompletionAccumulator` merges them into an ordinary
completion far more cheaply than the SDK's per-chunk pydantic models would.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from openai import APITimeoutError, AsyncOpenAI, AsyncStream

from agentbench.endpoints.chunks import CompletionAccumulator
from agentbench.endpoints.extensions import simulated_timing
from agentbench.endpoints.retries import StreamBroken

logger = logging.getLogger(__name__)

_CLIENT_ONLY = ("extra_body", "extra_headers")
"""Request keys the SDK's `create` takes apart from the body."""
CHUNKS_PER_TOKEN = 4
CHARS_PER_TOKEN = 256
OVERRUN_SLACK = 1024
"""A stream is cut (as if the server had stopped at its length limit) once it carried more than
`CHUNKS_PER_TOKEN` chunks or `CHARS_PER_TOKEN` characters of output per token of the request's `max_tokens`,
plus `OVERRUN_SLACK` of each: a server sends about one chunk per token and no vocabulary has tokens that
long, so the server ignores the cap. One that stops on its own a little later (transformers serve at
1,024 tokens) is read to its end; one that never stops, even sending empty deltas, no longer holds its
sample forever."""


@dataclass(frozen=True)
class TimedCompletion:
    """A completion as an OpenAI-shaped dict, with how long it took."""

    completion: dict[str, Any]
    e2e_s: float
    ttft_s: float | None
    streamed: bool
    simulated: dict[str, Any] | None = None
    """Planted timings reported by a simulated reference model (see `extensions.SIMULATED_TIMING`)."""


async def streamed_completion(client: AsyncOpenAI, request: dict[str, Any]) -> TimedCompletion:
    """Stream the request with usage reporting on; raise `StreamBroken` if it ends unfinished."""
    body = {key: value for key, value in request.items() if key not in _CLIENT_ONLY}
    body.update(stream=True, stream_options={"include_usage": True})
    options: dict[str, Any] = {"extra_json": request.get("extra_body"), "headers": request.get("extra_headers")}
    start = time.perf_counter()
    stream = await client.post("/chat/completions", body=body, cast_to=object, stream=True,
                               stream_cls=AsyncStream[object], options={k: v for k, v in options.items() if v})
    accumulator = CompletionAccumulator()
    first: float | None = None
    cap = body.get("max_tokens")
    silence = _Silence(_read_timeout(client))
    try:
        async with stream:
            async for chunk in stream:
                silence.last = silence.loop.time()
                if accumulator.add(chunk) and first is None:
                    first = time.perf_counter()
                if cap and not accumulator.finished and (accumulator.chunks > CHUNKS_PER_TOKEN * cap + OVERRUN_SLACK
                                                         or accumulator.output_chars > CHARS_PER_TOKEN * cap + OVERRUN_SLACK):
                    logger.warning("%s streamed %d chunks (%d characters of output) for max_tokens %d without finishing: "
                                   "cut there as a reply at its length limit", client.base_url, accumulator.chunks,
                                   accumulator.output_chars, cap)
                    accumulator.cut()
                    break
    except asyncio.CancelledError:
        if not silence.fired:
            raise
        asyncio.current_task().uncancel()  # type: ignore[union-attr]
        raise APITimeoutError(request=stream.response.request) from None
    finally:
        silence.close()
    end = time.perf_counter()
    if not accumulator.finished:
        raise StreamBroken("the stream ended before a finish reason arrived")
    completion = accumulator.completion()
    return TimedCompletion(completion, end - start, (first or end) - start, True, simulated_timing(completion))


class _Silence:
    """Cancels the reading task once `seconds` pass with no chunk, as the read timeout does once they pass
    with no byte: keep-alive comments (`: ...` lines some proxies send while they wait) are bytes but not
    chunks, and a stream of nothing else held its sample forever. The reader sets `last` per chunk (one
    clock read); the timer re-arms itself from it only when it comes due."""

    def __init__(self, seconds: float | None) -> None:
        self.loop = asyncio.get_running_loop()
        self.last = self.loop.time()
        self.fired = False
        self._seconds = seconds
        self._task = asyncio.current_task()
        self._handle = self.loop.call_at(self.last + seconds, self._due) if seconds else None

    def _due(self) -> None:
        assert self._seconds is not None and self._task is not None
        due = self.last + self._seconds
        if self.loop.time() < due:
            self._handle = self.loop.call_at(due, self._due)
            return
        self.fired = True
        self._task.cancel()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.cancel()


def _read_timeout(client: AsyncOpenAI) -> float | None:
    """The client's limit on silence: the read part of its timeout object (the SDK's or httpx's), or the number."""
    timeout = client.timeout
    return timeout if timeout is None or isinstance(timeout, (int, float)) else timeout.read


async def plain_completion(client: AsyncOpenAI, request: dict[str, Any]) -> TimedCompletion:
    """The request without streaming (no TTFT: the whole answer arrives at once)."""
    start = time.perf_counter()
    completion = await client.chat.completions.create(**request)
    # the SDK builds its model without validating: content as typed parts (Mistral), or a malformed reply,
    # is dumped as sent and read by model_output_from_openai, which names what it cannot read
    body = completion.model_dump(exclude_none=True, warnings=False)
    return TimedCompletion(body, time.perf_counter() - start, None, False, simulated_timing(body))
