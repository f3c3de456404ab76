"""What a run evaluates: suites and their parameters, turned into Inspect tasks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inspect_ai import Task

SUITES = ("tool_use", "long_context")
STARTER = "starter"
"""The default selection: tool-use tasks tagged `starter` plus a small long-context grid."""
STARTER_LENGTHS = "1k,2k,4k,8k,16k"
STARTER_DEPTHS = "0,20,40,60,80,100"
"""The starter grid: small enough to run in seconds, long enough to show where a model falls off."""


@dataclass(frozen=True)
class Selection:
    """Suites to run and their options; `suites == ("starter",)` is the quick default run."""

    suites: tuple[str, ...] = (STARTER,)
    task_ids: str | None = None
    tags: str | None = None
    tasks_dirs: tuple[Path, ...] = ()
    sandbox: str = "docker"
    registry: str | None = None
    runtime_class: str | None = None
    tokenizer: str = "qwen3"
    seed: int = 0
    lengths: str | None = None
    depths: str | None = None
    variants: str | None = None
    haystack: str | None = None
    max_length: str | None = None

    def __post_init__(self) -> None:
        # Absolute from here on: Inspect and the reference server may run with another working directory.
        object.__setattr__(self, "tasks_dirs", tuple(Path(p).resolve() for p in self.tasks_dirs))
        unknown = set(self.suites) - {*SUITES, STARTER}
        if unknown:
            raise ValueError(f"unknown suite {sorted(unknown)[0]!r}; choose from {', '.join((STARTER, *SUITES))}")

    @property
    def needs_sandbox(self) -> bool:
        return STARTER in self.suites or "tool_use" in self.suites


def _tool_use(sel: Selection, tags: str | None) -> Task:
    from agentbench.suites.tool_use import tool_use

    dirs = ",".join(str(p) for p in sel.tasks_dirs) or None
    return tool_use(tasks_dir=dirs, ids=sel.task_ids, tags=tags, sandbox=sel.sandbox,
                    registry=sel.registry, runtime_class=sel.runtime_class)


def _long_context(sel: Selection, smoke: bool) -> Task:
    from agentbench.suites.long_context.task import long_context

    options = {
        "lengths": STARTER_LENGTHS if smoke else sel.lengths,
        "depths": STARTER_DEPTHS if smoke else sel.depths,
        "variants": "niah_single_number" if smoke else sel.variants,
        "haystack": sel.haystack,
        "max_length": None if smoke else sel.max_length,
    }
    return long_context(tokenizer=sel.tokenizer, seed=sel.seed, **{k: v for k, v in options.items() if v is not None})


def build_tasks(sel: Selection) -> list[Task]:
    """The Inspect tasks for a selection, in a stable order."""
    tasks: list[Task] = []
    if STARTER in sel.suites:
        tasks += [_tool_use(sel, sel.tags or STARTER), _long_context(sel, smoke=True)]
    if "tool_use" in sel.suites:
        tasks.append(_tool_use(sel, sel.tags))
    if "long_context" in sel.suites:
        tasks.append(_long_context(sel, smoke=False))
    return tasks
