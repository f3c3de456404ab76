"""`--shard I/N`: a deterministic 1/N of a run's samples, balanced by what they are expected to cost.

Samples (not models or epochs) are dealt out, so each shard runs its samples for every model and
every epoch: every model x sample x epoch lands in exactly one shard, and the shards' folders
merged (`agentbench merge`) are the unsharded run. Dealing is greedy longest-first over an
expected cost per sample, with ties broken by suite and sample id, so every shard computes the
same split on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample

TOOL_USE_TURN_TOKENS = 4_000
"""Expected tokens per allowed agent turn of a tool-use sample (prompt re-sent plus reply)."""
DEFAULT_TURNS = 30
LONG_CONTEXT_OVERHEAD_TOKENS = 256
"""Expected tokens of a long-context sample beyond its haystack (question and answer)."""


@dataclass(frozen=True)
class Shard:
    index: int
    """0-based (`--shard 0/4` .. `--shard 3/4`)."""
    count: int

    @property
    def label(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """`I/N` with 0 <= I < N; a one-line ValueError otherwise."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if match is None:
        raise ValueError(f"--shard takes I/N (e.g. 0/4), not {text!r}")
    index, count = int(match[1]), int(match[2])
    if count < 1 or not 0 <= index < count:
        raise ValueError(f"--shard {text}: I must be in 0..N-1 and N at least 1")
    return Shard(index, count)


def expected_cost(sample: Sample) -> int:
    """Tokens a tool-use sample is expected to use: its turn budget."""
    return int((sample.metadata or {}).get("max_turns") or DEFAULT_TURNS) * TOOL_USE_TURN_TOKENS


def _costs(task: Task) -> list[tuple[int, str]]:
    """(expected tokens, sample id) per sample; a generated grid is priced from its specs (its
    length), without generating a sample."""
    specs = getattr(task.dataset, "specs", None)
    if specs is not None:
        return [(spec.length + LONG_CONTEXT_OVERHEAD_TOKENS, spec.sample_id) for spec in specs]
    return [(expected_cost(sample), str(sample.id)) for sample in task.dataset]


def assign(tasks: Sequence[Task], count: int) -> dict[tuple[str, str], int]:
    """(task name, sample id) -> shard index, for every sample of `tasks`."""
    items = sorted(((cost, task.name, sample_id) for task in tasks for cost, sample_id in _costs(task)),
                   key=lambda item: (-item[0], item[1], item[2]))
    loads = [0] * count
    placed: dict[tuple[str, str], int] = {}
    for cost, name, sample_id in items:
        target = min(range(count), key=lambda i: (loads[i], i))
        loads[target] += cost
        placed[(name, sample_id)] = target
    return placed


def shard_tasks(tasks: Sequence[Task], shard: Shard) -> list[Task]:
    """The tasks with only this shard's samples (a task left with none is dropped)."""
    placed = assign(tasks, shard.count)
    kept: list[Task] = []
    for task in tasks:
        mine = {sample_id for _, sample_id in _costs(task) if placed[(task.name, sample_id)] == shard.index}
        if not mine:
            continue
        subset = getattr(task.dataset, "subset", None)
        task.dataset = subset(mine) if subset is not None else MemoryDataset(
            [s for s in task.dataset if str(s.id) in mine], name=task.dataset.name, location=task.dataset.location)
        kept.append(task)
    if not kept:
        raise ValueError(f"shard {shard.label} has no samples: the run has fewer samples than shards")
    return kept
