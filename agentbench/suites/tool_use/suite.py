"""The tool-use suite as a plugin: task folders run by an agent in a sandbox, checked by their verifiers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from agentbench.analysis.column import Column
from agentbench.oracle import OracleStrategy
from agentbench.suites.plugin import ReportSection, RunContext, SuiteOption

if TYPE_CHECKING:
    import pandas as pd
    from inspect_ai import Task

    from agentbench.spec import TaskRegistry


class ToolUseSuite:
    """Multi-step tool use in a sandbox, one sample per task folder of suite `tool_use`."""

    name = "tool_use"
    summary = "task folders (tasks/tool_use/*): an agent with bash/python in a sandbox, checked by each task's verifier"
    options = (
        SuiteOption("task_ids", "Only these tool-use task ids (comma-separated).", flag="task"),
        SuiteOption("tags", "Only tool-use tasks with one of these tags (comma-separated)."),
    )
    starter: Mapping[str, str] | None = {"tags": "starter"}
    columns: tuple[Column, ...] = ()

    def task(self, run: RunContext, options: Mapping[str, str]) -> Task:
        from agentbench.suites.tool_use.task import tool_use

        dirs = ",".join(str(p) for p in run.tasks_dirs) or None
        return tool_use(tasks_dir=dirs, ids=options.get("task_ids"), tags=options.get("tags"), sandbox=run.sandbox,
                        registry=run.image_registry, runtime_class=run.runtime_class)

    def images(self, run: RunContext, options: Mapping[str, str]) -> list[str]:
        from agentbench.spec import discover

        return sorted({task.spec.sandbox.image for task in discover(run.tasks_dirs).suite(self.name)})

    def oracle(self, tasks: TaskRegistry) -> OracleStrategy | None:
        from agentbench.suites.tool_use_oracle import tool_use_strategy

        return tool_use_strategy(tasks)

    def report_section(self, samples: pd.DataFrame) -> ReportSection | None:
        return None


SUITE = ToolUseSuite()
