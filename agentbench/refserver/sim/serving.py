"""Latency of a simulated model: planted from its card's serving profile, slept (scaled), and reported.

For each reply the server computes the planted time to first token (overhead + prompt / prefill
speed) and time per output token (1 / decode speed, slowed by the other requests in flight),
paces the stream to hit them, sleeping `time_scale` times as long (1: real time; 0.01 for fast
tests), and sends the planted values in the completion's `agentbench_simulated_timing` field.
Our client records those values (marked `simulated_timing`) instead of its own clock, so the
recorded TTFT/TPOT are exact whatever the time scale and however loaded the machine.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from agentbench.refserver.sim.card import Serving


@dataclass(frozen=True)
class PlantedTiming:
    """One reply's planted latency, in seconds of simulated time."""

    ttft_s: float
    tpot_s: float
    output_tokens: int
    time_scale: float

    @property
    def e2e_s(self) -> float:
        return self.ttft_s + self.tpot_s * max(0, self.output_tokens - 1)

    def as_field(self) -> dict[str, Any]:
        """What the completion reports (`tpot_s` as vLLM defines it: decode time over tokens after the first)."""
        return {
            "simulated": True,
            "ttft_s": self.ttft_s,
            "tpot_s": self.tpot_s if self.output_tokens > 1 else None,
            "e2e_s": self.e2e_s,
            "time_scale": self.time_scale,
        }


def planted_timing(serving: Serving, prompt_tokens: int, output_tokens: int, in_flight: int, time_scale: float) -> PlantedTiming:
    """The latency a reply of this size gets from this profile with `in_flight` requests being served."""
    return PlantedTiming(serving.ttft_s(prompt_tokens), serving.tpot_s(in_flight), output_tokens, time_scale)


async def paced(events: AsyncIterator[str], outputs: int, timing: PlantedTiming, started: float) -> AsyncIterator[str]:
    """Release the SSE events on schedule: event 1 (the first output) at TTFT, the last output at e2e.

    Deadlines count from `started` (the loop time the request arrived), so time spent answering
    is part of the TTFT rather than added to it. Event 0 (the role delta) goes at once.
    """
    loop = asyncio.get_running_loop()
    scale = timing.time_scale
    index = 0
    async for event in events:
        if event.startswith(":"):  # a keep-alive comment of a stall: not an event
            yield event
            continue
        if 1 <= index <= outputs:
            share = (index - 1) / max(1, outputs - 1)
            deadline = started + scale * (timing.ttft_s + share * (timing.e2e_s - timing.ttft_s))
            if (wait := deadline - loop.time()) > 0:
                await asyncio.sleep(wait)
        index += 1
        yield event


async def sleep_whole(timing: PlantedTiming, started: float) -> None:
    """A plain (non-streamed) reply arrives whole at the planted end-to-end time."""
    loop = asyncio.get_running_loop()
    if (wait := started + timing.time_scale * timing.e2e_s - loop.time()) > 0:
        await asyncio.sleep(wait)
