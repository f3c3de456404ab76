"""Per-call cost of our streamed request next to a plain one, against the embedded server, in one run.

    PYTHONPATH=. python bench/streaming_cost.py [--calls 200] [--model ref/null|ref/sim-a3b]

Sequential calls of a short prompt through `streaming.streamed_completion` (SSE, chunks accumulated
with the SDK's `ChatCompletionStreamState`, TTFT taken) and `streaming.plain_completion`, alternated;
prints the median per call of each and the difference (the issue's target: at most 1 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time

from openai import AsyncOpenAI

from agentbench.endpoints.streaming import plain_completion, streamed_completion
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.settings import Settings


async def _measure(base_url: str, model: str, calls: int) -> dict[str, list[float]]:
    client = AsyncOpenAI(base_url=base_url, api_key="unused")
    request = {"model": model, "messages": [{"role": "user", "content": "Say hello in five words."}], "max_tokens": 64}
    times: dict[str, list[float]] = {"streamed": [], "plain": []}
    for _ in range(calls):
        for name, call in (("streamed", streamed_completion), ("plain", plain_completion)):
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
    streamed, plain = (statistics.median(times[k]) * 1000 for k in ("streamed", "plain"))
    print(f"{args.calls} calls each, model {args.model}, load {os.getloadavg()[0]:.1f}")
    print(f"| request | median per call |\n| --- | --- |\n| streamed | {streamed:.2f} ms |\n| plain | {plain:.2f} ms |"
          f"\n| difference | {streamed - plain:.2f} ms |")


if __name__ == "__main__":
    main()
