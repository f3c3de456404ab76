"""One chat completion request, streamed or not, timed as vLLM's `bench serve` times it.

TTFT is the time from sending the request to the first chunk that carries output (text,
reasoning or a tool call); end-to-end time runs to the last chunk. The stream is
accumulated with the SDK's `ChatCompletionStreamState` into an ordinary completion.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from openai import AsyncOpenAI, ContentFilterFinishReasonError, LengthFinishReasonError
from openai.lib.streaming.chat import ChatCompletionStreamState
from openai.types.chat import ChatCompletionChunk

from agentbench.endpoints.extensions import simulated_timing
from agentbench.endpoints.retries import StreamBroken


@dataclass(frozen=True)
class TimedCompletion:
    """A completion as an OpenAI-shaped dict, with how long it took."""

    completion: dict[str, Any]
    e2e_s: float
    ttft_s: float | None
    streamed: bool
    simulated: dict[str, Any] | None = None
    """Planted timings reported by a simulated reference model (see `extensions.SIMULATED_TIMING`)."""


def _carries_output(chunk: ChatCompletionChunk) -> bool:
    for choice in chunk.choices:
        delta = choice.delta
        extra = delta.model_extra or {}
        if delta.content or delta.tool_calls or extra.get("reasoning_content") or extra.get("reasoning"):
            return True
    return False


async def streamed_completion(client: AsyncOpenAI, request: dict[str, Any]) -> TimedCompletion:
    """Stream the request with usage reporting on; raise `StreamBroken` if it ends unfinished."""
    start = time.perf_counter()
    stream = await client.chat.completions.create(**request, stream=True, stream_options={"include_usage": True})
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    first: float | None = None
    finished = False
    simulated: dict[str, Any] | None = None
    async with stream:
        async for chunk in stream:
            if first is None and _carries_output(chunk):
                first = time.perf_counter()
            finished = finished or any(choice.finish_reason for choice in chunk.choices)
            simulated = simulated_timing(chunk.model_extra) or simulated
            state.handle_chunk(chunk)
    end = time.perf_counter()
    if not finished:
        raise StreamBroken("the stream ended before a finish reason arrived")
    try:
        completion = state.get_final_completion()
    except LengthFinishReasonError as exc:
        completion = exc.completion
    except ContentFilterFinishReasonError:
        completion = state.current_completion_snapshot
    return TimedCompletion(completion.model_dump(exclude_none=True), end - start, (first or end) - start, True, simulated)


async def plain_completion(client: AsyncOpenAI, request: dict[str, Any]) -> TimedCompletion:
    """The request without streaming (no TTFT: the whole answer arrives at once)."""
    start = time.perf_counter()
    completion = await client.chat.completions.create(**request)
    body = completion.model_dump(exclude_none=True)
    return TimedCompletion(body, time.perf_counter() - start, None, False, simulated_timing(body))
