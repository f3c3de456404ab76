"""The agentic long-context suite as a plugin: the long-context grid's options and columns, a sandbox,
an oracle that searches with tools, and the report's in-context vs agentic comparison."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from agentbench.oracle import OracleStrategy
from agentbench.suites.long_context.suite import GRID_COLUMNS, GRID_OPTIONS, grid_arguments
from agentbench.suites.plugin import ReportSection, RunContext

if TYPE_CHECKING:
    import pandas as pd
    from inspect_ai import Task


class AgenticLongContextSuite:
    """The long-context samples of the same seed and grid, as files an agent searches in a sandbox."""

    name = "agentic_long_context"
    summary = "the long_context grid's needles in a tree of files in a Docker sandbox, found with bash/python"
    options = GRID_OPTIONS
    starter: Mapping[str, str] | None = None
    columns = GRID_COLUMNS

    def task(self, run: RunContext, options: Mapping[str, str]) -> Task:
        from agentbench.suites.agentic_long_context.task import agentic_long_context

        return agentic_long_context(tokenizer=run.tokenizer, seed=run.seed, sandbox=run.sandbox, **grid_arguments(options))

    def images(self, run: RunContext, options: Mapping[str, str]) -> list[str]:
        from agentbench.suites.agentic_long_context.task import SANDBOX

        return [SANDBOX.image]

    def oracle(self, tasks: object) -> OracleStrategy | None:
        from agentbench.suites.agentic_long_context.oracle import agentic_oracle

        return agentic_oracle

    def report_section(self, samples: pd.DataFrame) -> ReportSection | None:
        from agentbench.suites.agentic_long_context.report import ANCHOR, TITLE, section

        html = section(samples)
        return None if html is None else ReportSection(ANCHOR, TITLE, html)


SUITE = AgenticLongContextSuite()
