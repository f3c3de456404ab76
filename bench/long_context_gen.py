"""Long-context generation speed and memory, next to one plain encode of the same text.

    PYTHONPATH=. python bench/long_context_gen.py [--tokenizer qwen3] [--haystacks noise,prose,logs]
        [--variants all] [--repeat 3] [--clock wall|cpu] [--no-grid]

For each haystack: one 1M-token sample (niah_single_number at 50% depth), generated without
the cache, best of `--repeat` runs, against the best of as many `tokenizer.encode` calls on
the finished context. Then one 1M sample of each of `--variants` (default: every variant) on
the noise haystack, the same way. Then the whole default 1M grid (`--max-length 1m`: 8 lengths
x 5 depths x 10 needle variants, plus common words once per length) on the noise haystack,
against one encode of every context. Memory is measured in a fresh process that only
generates (tokenizer loaded and a 4k sample made first): how far its peak RSS rises during
the generation, then during one plain encode of the result, and that process's whole peak
RSS (tokenizer included).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from agentbench.suites.long_context.generate import generate_sample
from agentbench.suites.long_context.grid import MIB
from agentbench.suites.long_context.haystacks import resolve_haystack
from agentbench.suites.long_context.spec import (
    COMMON_WORDS,
    VARIANTS,
    LongContextSample,
    LongContextSpec,
)
from agentbench.suites.long_context.task import grid_specs
from agentbench.tokenizers import DEFAULT_TOKENIZER, get_tokenizer

T = TypeVar("T")
GRID = "grid"


def _status_kib(field: str) -> int:
    return int(re.search(rf"{field}:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1))  # type: ignore[union-attr]


def peak_growth(work: Callable[[], T]) -> tuple[T, float]:
    """Run `work`; return its result and how far the process's peak RSS rose above the RSS before (MiB)."""
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak-RSS mark (Linux)
    before = _status_kib("VmRSS")
    result = work()
    return result, (_status_kib("VmHWM") - before) / 1024


CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
"""`--clock cpu` times the process's CPU seconds, which a machine shared with other jobs inflates far less."""


def best(work: Callable[[], T], repeat: int, clock: Callable[[], float] = time.perf_counter) -> tuple[T, float]:
    """The result of the last run and the fastest time of `repeat` runs on `clock`."""
    times = []
    for _ in range(repeat):
        start = clock()
        result = work()
        times.append(clock() - start)
    return result, min(times)


def _generate_grid(tokenizer_name: str) -> Iterator[tuple[LongContextSpec, LongContextSample]]:
    tokenizer = get_tokenizer(tokenizer_name)
    haystack = resolve_haystack("noise")
    for spec in grid_specs(max_length="1m", tokenizer=tokenizer_name):
        yield spec, generate_sample(spec, tokenizer, None if spec.variant == COMMON_WORDS else haystack)


def memory_child(tokenizer_name: str, what: str) -> None:
    """Run in a fresh process: print the RSS growth and whole-process peak of one 1M generation
    (`what` is "haystack" or "haystack:variant") or of the whole default 1M grid (`what` is "grid")."""
    tokenizer = get_tokenizer(tokenizer_name)
    what, _, variant = what.partition(":")
    haystack = resolve_haystack("noise" if what == GRID else what)
    generate_sample(LongContextSpec("niah_single_number", 4096, 0.5, haystack.name, tokenizer_name), tokenizer, haystack)
    generate_sample(LongContextSpec(COMMON_WORDS, 4096, 0.5, tokenizer=tokenizer_name), tokenizer, None)
    if what == GRID:
        _, growth = peak_growth(lambda: deque(_generate_grid(tokenizer_name), maxlen=0))
        print(json.dumps({"growth": growth, "peak": _status_kib("VmHWM") / 1024}))
        return
    spec = LongContextSpec(variant or "niah_single_number", MIB, 0.5, what, tokenizer_name)
    sample, growth = peak_growth(lambda: generate_sample(spec, tokenizer, None if spec.variant == COMMON_WORDS else haystack))
    peak = _status_kib("VmHWM") / 1024
    _, encode_growth = peak_growth(lambda: tokenizer.encode(sample.context))
    print(json.dumps({"growth": growth, "peak": peak, "encode_growth": encode_growth}))


def fresh_process_memory(tokenizer_name: str, what: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--memory-child", what, "--tokenizer", tokenizer_name]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)


def one_sample(tokenizer_name: str, haystack_name: str, repeat: int, variant: str = "niah_single_number",
               clock: Callable[[], float] = time.perf_counter) -> None:
    tokenizer = get_tokenizer(tokenizer_name)
    haystack = None if variant == COMMON_WORDS else resolve_haystack(haystack_name)
    spec = LongContextSpec(variant, MIB, 0.5, haystack_name, tokenizer_name)
    sample, generate_s = best(lambda: generate_sample(spec, tokenizer, haystack), repeat, clock)
    ids, encode_s = best(lambda: tokenizer.encode(sample.context), repeat, clock)
    assert len(ids) == sample.context_tokens and sample.prompt_tokens + sample.answer_reserve == MIB
    size = len(sample.context.encode("utf-8")) / 2**20
    memory = fresh_process_memory(tokenizer_name, f"{haystack_name}:{variant}")
    what = f"1M, {haystack_name}" if variant == "niah_single_number" else f"1M, {variant}, {sample.haystack}"
    print(
        f"| {tokenizer_name} | {what} | {generate_s:.3f} s | {encode_s:.3f} s | {generate_s / encode_s:.2f}x "
        f"| {size:.1f} MiB | {memory['growth']:.0f} MiB ({memory['growth'] / size:.1f}x) | {memory['encode_growth']:.0f} MiB "
        f"| {memory['peak']:.0f} MiB |"
    )


def whole_grid(tokenizer_name: str, clock: Callable[[], float] = time.perf_counter) -> None:
    tokenizer = get_tokenizer(tokenizer_name)
    generate_total = encode_total = largest = 0.0
    count = 0
    start = clock()
    for _, sample in _generate_grid(tokenizer_name):
        middle = clock()
        tokenizer.encode(sample.context)
        generate_total += middle - start
        encode_total += clock() - middle
        largest = max(largest, len(sample.context.encode("utf-8")) / 2**20)
        count += 1
        start = clock()
    memory = fresh_process_memory(tokenizer_name, GRID)
    print(
        f"| {tokenizer_name} | default 1M grid ({count} samples), noise | {generate_total:.1f} s | {encode_total:.1f} s "
        f"| {generate_total / encode_total:.2f}x | {largest:.1f} MiB (largest) | {memory['growth']:.0f} MiB "
        f"({memory['growth'] / largest:.1f}x) | | {memory['peak']:.0f} MiB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokenizer", default=DEFAULT_TOKENIZER)
    parser.add_argument("--haystacks", default="noise,prose,logs")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--variants", default="all", help="variants timed one by one on noise (all, none, or a list)")
    parser.add_argument("--clock", choices=list(CLOCKS), default="wall", help="wall-clock or CPU seconds")
    parser.add_argument("--no-grid", action="store_true")
    parser.add_argument("--memory-child", metavar="HAYSTACK_OR_GRID", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.tokenizer, args.memory_child)
        return
    print("| tokenizer | what | generate | one plain encode | ratio | text | memory growth (x text) | plain encode's growth | process peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in args.haystacks.split(","):
        one_sample(args.tokenizer, name, args.repeat, clock=CLOCKS[args.clock])
    variants = {"all": VARIANTS, "none": ()}.get(args.variants, tuple(v for v in args.variants.split(",") if v))
    for variant in variants:
        if variant != "niah_single_number":
            one_sample(args.tokenizer, "noise", args.repeat, variant, CLOCKS[args.clock])
    if not args.no_grid:
        whole_grid(args.tokenizer, CLOCKS[args.clock])


if __name__ == "__main__":
    main()
