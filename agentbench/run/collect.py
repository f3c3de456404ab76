"""Each sample's table row and clipped transcript, collected as the sample completes.

Fed by an Inspect hook (`progress_hook.py`) while the eval runs, so writing the results after it reads
no log of a task that ended: its rows and transcripts are already here. A task that did not end (Ctrl-C,
a crash) is read from its log once, rows and transcripts in the same pass.
"""

from __future__ import annotations

import threading
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from inspect_ai.log import EvalSample

from agentbench.analysis.column import SampleFacts
from agentbench.analysis.columns import sample_columns
from agentbench.analysis.samples import log_paths, log_samples, sample_row, warn_unreadable
from agentbench.report.transcripts import Transcript, TranscriptKey, transcript_of


@dataclass
class _Task:
    model: str
    samples: list[tuple[dict[str, object], Transcript]] = field(default_factory=list)
    log: Path | None = None
    """The task's log once the task ended (None: it did not end, its log must be read)."""


@dataclass(frozen=True)
class Collected:
    """The rows of a run's samples table and the transcripts of its samples, keyed by log, sample and epoch."""

    rows: list[dict[str, object]]
    transcripts: dict[TranscriptKey, Transcript]


class SampleCollector:
    """Rows and transcripts per task of one run; the hook calls it, `collected` hands them over."""

    def __init__(self, run_id: str) -> None:
        self.run_id = run_id
        self.columns = sample_columns()
        self._tasks: dict[str, _Task] = {}
        self.first_sample_ended = threading.Event()
        """Set when the run's first sample ends: work that can wait (the results' imports) waits for it."""

    def task_started(self, eval_id: str, model: str) -> None:
        self._tasks[eval_id] = _Task(model.removeprefix("agentbench/"))

    def sample_ended(self, eval_id: str, sample: EvalSample) -> None:
        task = self._tasks.get(eval_id)
        if task is not None:
            task.samples.append((sample_row(SampleFacts(sample, self.run_id, task.model, ""), self.columns),
                                 transcript_of(sample)))
        self.first_sample_ended.set()

    def task_ended(self, eval_id: str, location: str) -> None:
        task = self._tasks.get(eval_id)
        if task is not None and location:
            task.log = Path(location.removeprefix("file://")).resolve()

    def collected(self, run_dir: Path) -> Collected:
        """Everything under `run_dir/logs`: ended tasks from memory, any other log read once."""
        ended = {task.log: task for task in self._tasks.values() if task.log is not None}
        rows: list[dict[str, object]] = []
        transcripts: dict[TranscriptKey, Transcript] = {}
        for path in log_paths(run_dir):
            log = path.resolve()
            relative = log.relative_to(run_dir.resolve()).as_posix()
            task = ended.get(log)
            try:
                pairs = ([({**row, "log_file": relative}, transcript) for row, transcript in task.samples] if task
                         else [(row, transcript_of(sample)) for row, sample in log_samples(log, run_dir, self.run_id, self.columns)])
            except Exception as exc:  # a damaged zip or JSON raises many types; none may cost the other logs
                warn_unreadable(path, exc)
                continue
            for row, transcript in pairs:
                rows.append(row)
                transcripts[(str(log), str(row["sample_id"]), int(row["epoch"]))] = transcript  # type: ignore[call-overload]
        return Collected(rows, transcripts)


CURRENT: ContextVar[SampleCollector | None] = ContextVar("agentbench_collector", default=None)
"""The collector of the run in this context: Inspect's hook instance is one per process, runs are not."""
