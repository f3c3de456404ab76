"""The agentic long-context suite as a plugin: the long-context grid's options and columns, a sandbox,
an oracle that searches with tools, and the report's in-context vs agentic comparison."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from agentbench.oracle import OracleStrategy
from agentbench.suites.long_context.suite import GRID_COLUMNS, GRID_OPTIONS, grid_arguments
from agentbench.suites.plugin import ReportSection, RunContext, SuiteOption

if TYPE_CHECKING:
    import pandas as pd
    from inspect_ai import Task

    from agentbench.spec import TaskRegistry


HORIZONS = ("search", "long")
"""`search`: bash and python, so the agent can grep; `long`: only list_files and read_page, so it must
read every page and carries about the whole context in its history (issue 16's long-horizon variant)."""


def parse_horizon(text: str) -> str:
    if text not in HORIZONS:
        raise ValueError(f"unknown horizon {text!r}; choose from {', '.join(HORIZONS)}")
    return text


class AgenticLongContextSuite:
    """The long-context samples of the same seed and grid, as files an agent searches in a sandbox."""

    name = "agentic_long_context"
    summary = "the long_context grid's needles in a tree of files in a Docker sandbox, found with bash/python"
    options = (*GRID_OPTIONS, SuiteOption(
        "horizon", "Agentic long context: `search` (bash and python; default) or `long` (only list_files and "
        "read_page: the agent reads every page, its history grows to about the whole context).", parse_horizon))
    starter: Mapping[str, str] | None = None
    columns = GRID_COLUMNS

    def task(self, run: RunContext, options: Mapping[str, str]) -> Task:
        from agentbench.suites.agentic_long_context.task import agentic_long_context

        return agentic_long_context(tokenizer=run.tokenizer, seed=run.seed, sandbox=run.sandbox,
                                    **grid_arguments(options), **({"horizon": options["horizon"]} if "horizon" in options else {}))

    def images(self, run: RunContext, options: Mapping[str, str]) -> list[str]:
        from agentbench.suites.agentic_long_context.task import SANDBOX

        return [SANDBOX.image]

    def oracle(self, tasks: TaskRegistry) -> OracleStrategy | None:
        from agentbench.suites.agentic_long_context.oracle import agentic_oracle

        return agentic_oracle

    def report_section(self, samples: pd.DataFrame) -> ReportSection | None:
        from agentbench.suites.agentic_long_context.report import ANCHOR, TITLE, section

        html = section(samples)
        return None if html is None else ReportSection(ANCHOR, TITLE, html)


SUITE = AgenticLongContextSuite()
