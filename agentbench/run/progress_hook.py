"""The Inspect hooks of `agentbench run`: live progress (`progress.RunProgress`) and each sample's row
and transcript as it completes (`collect.SampleCollector`)."""

from __future__ import annotations

from inspect_ai.hooks import Hooks, SampleEnd, TaskEnd, TaskStart, hooks

from agentbench.run import collect
from agentbench.run.progress import CURRENT, outcome_of


@hooks(name="agentbench_progress", description="Live progress of `agentbench run` per model and suite.")
class ProgressHook(Hooks):
    """Forwards to the run in progress in this context; does nothing outside `agentbench run`."""

    async def on_task_start(self, data: TaskStart) -> None:
        progress = CURRENT.get()
        if progress is not None:
            spec = data.spec
            samples = (spec.dataset.samples or 0) * (spec.config.epochs or 1)
            progress.task_started(data.eval_id, spec.model, spec.task.rsplit("/", 1)[-1], samples)

    async def on_sample_end(self, data: SampleEnd) -> None:
        progress = CURRENT.get()
        if progress is not None:
            progress.sample_ended(data.eval_id, *outcome_of(data.sample))


@hooks(name="agentbench_samples", description="Rows and transcripts of `agentbench run`, collected as samples end.")
class SampleHook(Hooks):
    """Forwards to the run's collector in this context; does nothing outside `agentbench run`."""

    async def on_task_start(self, data: TaskStart) -> None:
        collector = collect.CURRENT.get()
        if collector is not None:
            collector.task_started(data.eval_id, data.spec.model)

    async def on_sample_end(self, data: SampleEnd) -> None:
        collector = collect.CURRENT.get()
        if collector is not None:
            collector.sample_ended(data.eval_id, data.sample)

    async def on_task_end(self, data: TaskEnd) -> None:
        collector = collect.CURRENT.get()
        if collector is not None:
            collector.task_ended(data.eval_id, data.log.location)
