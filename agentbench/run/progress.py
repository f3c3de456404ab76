"""Live progress of a run per model x suite: samples done of total, successes, failures by
category, elapsed time and an ETA. Fed by an Inspect hook (`progress_hook.py`), drawn with rich
on a terminal and as occasional plain lines elsewhere (CI logs)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from rich.console import Console
from rich.live import Live
from rich.table import Table

from inspect_ai.log import EvalSample

from agentbench.analysis.failures import failure_category
from agentbench.analysis.column import reward_and_success

Clock = Callable[[], float]


@dataclass
class GroupProgress:
    """One model x suite: what has completed so far."""

    model: str
    suite: str
    total: int = 0
    done: int = 0
    successes: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    started: float | None = None

    def eta_s(self, now: float) -> float | None:
        """Seconds left at the rate so far (None before the first sample completes)."""
        if not self.done or self.started is None or self.done >= self.total:
            return None
        return (now - self.started) / self.done * (self.total - self.done)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class RunProgress:
    """Counts per model x suite, updated from sample-end events; rendered live or as lines."""

    def __init__(self, console: Console, clock: Clock = time.monotonic, live: bool | None = None) -> None:
        self._console = console
        self._clock = clock
        self._live_enabled = console.is_terminal if live is None else live
        self._groups: dict[tuple[str, str], GroupProgress] = {}
        self._tasks: dict[str, tuple[str, str]] = {}
        self._begun = clock()
        self._live: Live | None = None
        self._reported: dict[tuple[str, str], int] = {}

    @property
    def groups(self) -> list[GroupProgress]:
        return list(self._groups.values())

    def task_started(self, eval_id: str, model: str, suite: str, samples: int) -> None:
        key = (model.removeprefix("agentbench/"), suite)
        group = self._groups.setdefault(key, GroupProgress(*key))
        group.total += samples
        group.started = group.started if group.started is not None else self._clock()
        self._tasks[eval_id] = key
        self._refresh()

    def sample_ended(self, eval_id: str, success: bool, failure: str | None) -> None:
        key = self._tasks.get(eval_id)
        if key is None:
            return
        group = self._groups[key]
        group.done += 1
        group.successes += success
        if failure:
            group.failures[failure] += 1
        self._refresh(key)

    def table(self) -> Table:
        now = self._clock()
        table = Table(title=f"agentbench: running ({_duration(now - self._begun)})", title_justify="left")
        for name in ("model", "suite", "done", "success", "failures", "ETA"):
            table.add_column(name, justify="right" if name in ("done", "success", "ETA") else "left")
        for g in self._groups.values():
            failures = ", ".join(f"{k} {v}" for k, v in g.failures.most_common()) or "-"
            table.add_row(g.model, g.suite, f"{g.done}/{g.total}", f"{g.successes}/{g.done}" if g.done else "-",
                          failures, _duration(g.eta_s(now)) if g.done < g.total else "done")
        return table

    def line(self, group: GroupProgress) -> str:
        failures = ", ".join(f"{k} {v}" for k, v in group.failures.most_common())
        now = self._clock()
        eta = f", ETA {_duration(group.eta_s(now))}" if group.done < group.total else ""
        return (f"{group.model} · {group.suite}: {group.done}/{group.total} done, {group.successes} succeeded"
                f"{f' ({failures})' if failures else ''}, {_duration(now - self._begun)} elapsed{eta}")

    def _refresh(self, changed: tuple[str, str] | None = None) -> None:
        if self._live is not None:
            self._live.update(self.table())
            return
        if changed is None:
            return
        group = self._groups[changed]
        step = max(1, group.total // 10)
        if group.done == group.total or group.done - self._reported.get(changed, 0) >= step:
            self._reported[changed] = group.done
            self._console.print(self.line(group), highlight=False, soft_wrap=True)

    @contextmanager
    def shown(self) -> Iterator[RunProgress]:
        """Draw live while the block runs (terminals), and make this the progress hook's target."""
        token = CURRENT.set(self)
        try:
            if self._live_enabled:
                with Live(self.table(), console=self._console, refresh_per_second=4, transient=True) as live:
                    self._live = live
                    try:
                        yield self
                    finally:
                        self._live = None
            else:
                yield self
        finally:
            CURRENT.reset(token)


CURRENT: ContextVar[RunProgress | None] = ContextVar("agentbench_progress", default=None)
"""The progress of the run in this context: Inspect's hook instance is one per process, runs are not."""


def outcome_of(sample: EvalSample) -> tuple[bool, str | None]:
    """(success, failure category) of a finished Inspect sample, as the samples table will say."""
    success = reward_and_success(sample)[1]
    return success, failure_category(sample, success)
