"""Run by tests/test_long_context_memory.py in a fresh process: the Python memory a long-context eval holds.

    python tests/long_context_memory_probe.py LENGTH COUNT[,COUNT...] LOG_DIR

For each design and count, one eval of `long_context`'s dataset and solver (niah_single_number, COUNT depths,
two samples in flight, a mock model) and one JSON line: the most Python memory (tracemalloc) live at any
sample's start, after a full collection, above the level before that eval, and one prompt's size. The designs:
`light`, ours, then `keep-prompts`, the plausible wrong design the test must catch: every built sample kept in
memory (a prompt cache). One process for both, so the second reads the prompts the first generated from disk.

Before measuring, cancelled asyncio timers are dropped from the loop's heap: asyncio keeps a cancelled timer
until it is due, with the Context it was created in, so Inspect's 5 s `move_on_after` in `drain_sample_events`
and its 1 s working-limit monitor keep a finished sample's transcript reachable for up to 5 s. That is bounded
in time, not in samples; what is left after dropping them is what the samples in flight and our code hold.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import heapq
import json
import sys
import tracemalloc

from inspect_ai import Task
from inspect_ai import eval as inspect_eval
from inspect_ai.model import ModelOutput, ModelUsage, get_model
from inspect_ai.solver import Generate, Solver, TaskState, chain, solver

import agentbench.suites.long_context.task as task_module
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.task import LongContextDataset, fill_and_generate, grid_specs, long_context_scorer


def _reply() -> ModelOutput:
    output = ModelOutput.from_content("mockllm/model", "0")
    output.usage = ModelUsage(input_tokens=1, output_tokens=1, total_tokens=2)  # no token count (it would download)
    return output


def _live_bytes() -> int:
    loop = asyncio.get_running_loop()
    loop._scheduled[:] = [handle for handle in loop._scheduled if not handle._cancelled]  # type: ignore[attr-defined]
    heapq.heapify(loop._scheduled)  # type: ignore[attr-defined]
    loop._timer_cancelled_count = 0  # type: ignore[attr-defined]
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def held_bytes(length: str, count: int, log_dir: str) -> int:
    """Most live memory at a sample's start, above the level before the eval."""
    levels: list[int] = []

    @solver
    def measure() -> Solver:
        async def solve(state: TaskState, generate: Generate) -> TaskState:
            levels.append(_live_bytes())
            return state

        return solve

    specs = grid_specs(lengths=length, depths=",".join(map(str, range(count))), variants="niah_single_number")
    task = Task(dataset=LongContextDataset(specs), solver=chain(measure(), fill_and_generate()), scorer=long_context_scorer())
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    model = get_model("mockllm/model", custom_outputs=(_reply() for _ in range(count)))
    [log] = inspect_eval(task, model=model, max_samples=2, log_buffer=1, display="none", log_dir=log_dir)
    if log.status != "success" or len(levels) != count:
        raise SystemExit(f"eval {log.status}: {log.error}")
    return max(levels) - before


def main() -> None:
    length, counts, log_dir = sys.argv[1], [int(c) for c in sys.argv[2].split(",")], sys.argv[3]
    prompt = len(build_sample(grid_specs(lengths=length, depths="0", variants="niah_single_number")[0]).prompt)
    tracemalloc.start()
    for design in ("light", "keep-prompts"):
        if design == "keep-prompts":
            task_module.build_sample = functools.cache(build_sample)  # type: ignore[assignment]
        for count in counts:
            held = held_bytes(length, count, log_dir)
            print(json.dumps({"design": design, "count": count, "held": held, "prompt": prompt}), flush=True)


if __name__ == "__main__":
    main()
