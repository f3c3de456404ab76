"""A long-context grid holds the samples in flight, not the grid: live memory does not grow with the sample count.

This file, run as a script (the probe below), runs in a fresh process (warm-up evals, then 4 and 28 samples of
32k tokens, two in flight, for each design) and the live memory the two evals reach is compared. Its
`keep-prompts` design is the plausible wrong one (every built prompt kept, a cache for speed): it must be caught, so the
measurement is shown to see what it is meant to see.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import heapq
import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from inspect_ai import Task
from inspect_ai import eval as inspect_eval
from inspect_ai.model import ModelOutput, ModelUsage, get_model
from inspect_ai.solver import Generate, Solver, TaskState, chain, solver

import agentbench.suites.long_context.task as task_module
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.spec import LongContextSample, LongContextSpec
from agentbench.suites.long_context.task import LongContextDataset, fill_and_generate, grid_specs, long_context_scorer

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
FEW, MANY = 4, 28
ALLOWED_PROMPTS = 10
"""Growth from FEW to MANY samples allowed, in prompts: measured 1 to 3 (the other sample in flight at a different step; summaries and scores); 24 if kept."""


@pytest.fixture(scope="module")
def memory_probe(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """Per design: how much more live memory MANY samples reached than FEW, in prompts; and per `... in call`
    design, the prompt-sized blocks live during the model call."""
    tmp = tmp_path_factory.mktemp("memory")
    env = {**os.environ, "AGENTBENCH_CACHE": str(tmp / "cache"), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "32k", f"2,{FEW},{MANY}", str(tmp / "logs")],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]  # Inspect prints its banner too
    rows = {(row["design"], row["count"]): row for row in map(json.loads, lines)}
    prompt = rows["light", MANY]["prompt"]
    assert prompt > 100_000, "a 32k-token prompt is over 100 kB of text"
    growth = {design: (rows[design, MANY]["held"] - rows[design, FEW]["held"]) / prompt for design in ("light", "keep-prompts")}
    return growth | {f"{design} in call": rows[design, "in call"]["copies"] for design in ("light", "keep-last")}


def test_live_memory_is_the_samples_in_flight_whatever_the_sample_count(memory_probe: dict[str, float]) -> None:
    growth = memory_probe["light"]
    assert growth < ALLOWED_PROMPTS, f"{MANY} samples held {growth:.1f} prompts more than {FEW}"


def test_keeping_every_prompt_is_caught(memory_probe: dict[str, float]) -> None:
    growth = memory_probe["keep-prompts"]
    assert growth > ALLOWED_PROMPTS, f"keeping {MANY - FEW} more prompts showed as {growth:.1f}"


def test_the_model_call_holds_the_prompt_text_once(memory_probe: dict[str, float]) -> None:
    """The generated sample (its context, as long as the prompt) is dropped before the model call: a 1M-token
    sample in flight then holds 5 MB less."""
    assert memory_probe["light in call"] == 1


def test_keeping_the_generated_sample_through_the_call_is_caught(memory_probe: dict[str, float]) -> None:
    assert memory_probe["keep-last in call"] == 2


# --- The probe: `python tests/test_long_context_memory.py LENGTH COUNT[,COUNT...] LOG_DIR` ---------------------
# After one untraced eval (the imports), for each design and count, one eval of `long_context`'s dataset and solver
# (niah_single_number, COUNT depths, two samples in flight, a mock model) and one JSON line: the most Python memory
# (tracemalloc) live at any sample's start, after a full collection, above the level before that eval, and one
# prompt's size. The first count is a traced warm-up (first-time allocations). The designs:
# `light`, ours, then `keep-prompts`, the plausible wrong design the test must catch: every built sample kept in
# memory (a prompt cache). One process for both, so the second reads the prompts the first generated from disk.
# Before them, per design (`light`, then `keep-last`: the last generated sample kept, as the solver once did until
# its model call returned), one line with the live blocks of at least half a prompt's size during the model call.
#
# Before measuring, cancelled asyncio timers are dropped from the loop's heap: asyncio keeps a cancelled timer
# until it is due, with the Context it was created in, so Inspect's 5 s `move_on_after` in `drain_sample_events`
# and its 1 s working-limit monitor keep a finished sample's transcript reachable for up to 5 s. That is bounded
# in time, not in samples; what is left after dropping them is what the samples in flight and our code hold.


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


def prompt_copies_in_call(length: str, log_dir: str) -> int:
    """Live blocks of at least half a prompt's size while the model is called (one sample in flight)."""
    half = len(build_sample(grid_specs(lengths=length, depths="0", variants="niah_single_number")[0]).prompt) // 2
    counts: list[int] = []

    @solver
    def fill_measured() -> Solver:
        fill = fill_and_generate()

        async def solve(state: TaskState, generate: Generate) -> TaskState:
            async def measured(state: TaskState, **options: Any) -> TaskState:
                _live_bytes()
                counts.append(sum(trace.size >= half for trace in tracemalloc.take_snapshot().traces))
                return await generate(state, **options)

            return await fill(state, measured)  # type: ignore[arg-type]

        return solve

    specs = grid_specs(lengths=length, depths="0,50", variants="niah_single_number")
    model = get_model("mockllm/model", custom_outputs=(_reply() for _ in specs))
    inspect_eval(Task(dataset=LongContextDataset(specs), solver=fill_measured(), scorer=long_context_scorer()), model=model,
                 max_samples=1, log_buffer=1, display="none", log_dir=log_dir)
    if len(counts) != len(specs):
        raise SystemExit(f"the model was called {len(counts)} times, not {len(specs)}")
    return max(counts)


def _keep_last(build: Callable[[LongContextSpec], LongContextSample]) -> Callable[[LongContextSpec], LongContextSample]:
    kept: list[LongContextSample] = []

    def keeping(spec: LongContextSpec) -> LongContextSample:
        kept[:] = [build(spec)]
        return kept[0]

    return keeping


def probe_main() -> None:
    length, counts, log_dir = sys.argv[1], [int(c) for c in sys.argv[2].split(",")], sys.argv[3]
    prompt = len(build_sample(grid_specs(lengths=length, depths="0", variants="niah_single_number")[0]).prompt)
    held_bytes(length, 2, log_dir)  # untraced: Inspect's imports and entry points (most of the time if traced)
    tracemalloc.start()
    for design, build in (("light", build_sample), ("keep-last", _keep_last(build_sample))):
        task_module.build_sample = build  # type: ignore[assignment]
        print(json.dumps({"design": design, "count": "in call", "copies": prompt_copies_in_call(length, log_dir)}), flush=True)
    task_module.build_sample = build_sample  # type: ignore[assignment]
    for design in ("light", "keep-prompts"):
        if design == "keep-prompts":
            task_module.build_sample = functools.cache(build_sample)  # type: ignore[assignment]
        for count in counts:
            held = held_bytes(length, count, log_dir)
            print(json.dumps({"design": design, "count": count, "held": held, "prompt": prompt}), flush=True)


if __name__ == "__main__":
    probe_main()
