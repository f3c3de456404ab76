"""Per-call cost of our streamed request next to a plain one, against the embedded server, in one run.

    PYTHONPATH=. python bench/streaming_cost.py [--calls 200] [--model ref/null|ref/sim-a3b]

Sequential calls of a short prompt through `streaming.streamed_completion` (SSE decoded by the SDK,
chunks merged by `chunks.CompletionAccumulator`, TTFT taken), `streaming.plain_completion` and, for
reference, the SDK's own streaming (`ChatCompletionChunk` models merged by `ChatCompletionStreamState`,
as agentbench streamed before issue 17), alternated; prints the median per call of each and the
difference to the plain request (the issue's target: at most 1 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time

from typing import Any

from openai import AsyncOpenAI, LengthFinishReasonError
from openai.lib.streaming.chat import ChatCompletionStreamState

from agentbench.endpoints.streaming import plain_completion, streamed_completion
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.settings import Settings


async def sdk_state_completion(client: AsyncOpenAI, request: dict[str, Any]) -> dict[str, Any]:
    """The reference: the SDK's typed chunks and its stream state, TTFT taken as ours is."""
    stream = await client.chat.completions.create(**request, stream=True, stream_options={"include_usage": True})
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    first = None
    async with stream:
        async for chunk in stream:
            if first is None and any(choice.delta.content for choice in chunk.choices):
                first = time.perf_counter()
            state.handle_chunk(chunk)
    try:
        return state.get_final_completion().model_dump(exclude_none=True)
    except LengthFinishReasonError as exc:  # as agentbench took it: the completion cut at max_tokens
        return exc.completion.model_dump(exclude_none=True)


CALLS = {"streamed": streamed_completion, "plain": plain_completion, "SDK stream state": sdk_state_completion}


async def _measure(base_url: str, model: str, calls: int) -> dict[str, list[float]]:
    client = AsyncOpenAI(base_url=base_url, api_key="unused")
    request = {"model": model, "messages": [{"role": "user", "content": "Say hello in five words."}], "max_tokens": 64}
    times: dict[str, list[float]] = {name: [] for name in CALLS}
    order = list(CALLS.items())
    for index in range(calls):
        for name, call in order[index % 3:] + order[:index % 3]:  # each goes first as often: no place is favoured
            started = time.perf_counter()
            await call(client, dict(request))
            times[name].append(time.perf_counter() - started)
    await client.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--model", default="ref/null", help="ref/null: 20 tokens in 8 chunks; ref/sim-a3b: 64 in 22.")
    parser.add_argument("--time-scale", type=float, default=1e-6, help="Real sleep per planted second of simulated models.")
    args = parser.parse_args()
    with EmbeddedServer(Settings(time_scale=args.time_scale)) as server:
        times = asyncio.run(_measure(server.base_url, args.model, args.calls))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"{args.calls} calls each, model {args.model}, load {os.getloadavg()[0]:.1f}")
    print("| request | median per call | over plain |\n| --- | --- | --- |")
    for name, median in medians.items():
        print(f"| {name} | {median:.2f} ms | {median - medians['plain']:+.2f} ms |")


if __name__ == "__main__":
    main()
