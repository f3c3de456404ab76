"""The long-context suite as a plugin: its options, task, oracle, columns and report section."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from agentbench.analysis.column import Column, SampleFacts, metadata_value
from agentbench.oracle import OracleStrategy
from agentbench.suites.long_context.grid import parse_depths, parse_length, parse_lengths
from agentbench.suites.plugin import ReportSection, RunContext, SuiteOption

if TYPE_CHECKING:
    import pandas as pd
    from inspect_ai import Task

    from agentbench.spec import TaskRegistry


def parse_variants(text: str) -> list[str]:
    """A comma-separated list of variant names."""
    from agentbench.suites.long_context.spec import VARIANTS

    names = list(dict.fromkeys(v.strip() for v in text.split(",") if v.strip()))
    unknown = [v for v in names if v not in VARIANTS]
    if unknown or not names:
        raise ValueError(f"unknown long-context variant {', '.join(unknown) or '(none given)'}; choose from {', '.join(VARIANTS)}")
    return names


def _depth(facts: SampleFacts) -> float | None:
    depth = facts.metadata.get("depth")
    return None if depth is None else round(100 * float(depth), 4)


def _endpoint_prompt_tokens(facts: SampleFacts) -> int | None:
    """A one-call long-context sample's prompt tokens as the endpoint reported them."""
    if facts.metadata.get("length") is None or facts.sample.error is not None or facts.model_calls != 1:
        return None
    return facts.input_tokens


GRID_OPTIONS = (
    SuiteOption("lengths", "Long-context lengths, e.g. 1k,4k,128k.", parse_lengths),
    SuiteOption("depths", "Long-context needle depths in percent, e.g. 0,50,100.", parse_depths),
    SuiteOption("max_length", "Extend the default long-context grid through this length (e.g. 1m).", parse_length),
    SuiteOption("variants", "Long-context variants (comma-separated).", parse_variants),
    SuiteOption("haystack", "Long-context haystack kind."),
)
"""The grid options, shared with `agentic_long_context` (same flags, same meaning)."""

GRID_COLUMNS = (
    Column("length", "Int64", "long context: the grid length (in context, the whole request: prompt + 128-token answer "
           "reserve; agentic, the same sample's, its files holding the same context)", metadata_value("length")),
    Column("context_tokens", "Int64", "long context: exact tokens of the context (haystack + needles) in the run's "
           "tokenizer (agentic: of the files)", metadata_value("context_tokens")),
    Column("prompt_tokens", "Int64", "long context: prompt tokens the endpoint reported for the sample's one model call",
           _endpoint_prompt_tokens),
    Column("depth", "float64", "long context: requested needle depth in percent of the context (0-100, as `--depths` "
           "takes it and the report shows it); null for depth-free variants (common words)", _depth),
)
"""The grid's columns, shared with `agentic_long_context`."""


def grid_arguments(options: Mapping[str, str]) -> dict[str, str]:
    return {name: options[name] for name in ("lengths", "depths", "variants", "haystack", "max_length") if name in options}


class LongContextSuite:
    """RULER-style needles in haystacks up to 1M+ tokens, the whole context in the prompt."""

    name = "long_context"
    summary = "generated needle-in-a-haystack grid, the haystack in the prompt (length x depth x variant)"
    options = GRID_OPTIONS
    starter: Mapping[str, str] | None = {"lengths": "1k,2k,4k,8k,16k", "depths": "0,20,40,60,80,100",
                                          "variants": "niah_single_number"}
    columns = GRID_COLUMNS

    def task(self, run: RunContext, options: Mapping[str, str]) -> Task:
        from agentbench.suites.long_context.task import long_context

        return long_context(tokenizer=run.tokenizer, seed=run.seed, **grid_arguments(options))

    def images(self, run: RunContext, options: Mapping[str, str]) -> list[str]:
        return []

    def oracle(self, tasks: TaskRegistry) -> OracleStrategy | None:
        from agentbench.suites.long_context.oracle import long_context_oracle

        return long_context_oracle

    def report_section(self, samples: pd.DataFrame) -> ReportSection | None:
        from agentbench.analysis import metrics
        from agentbench.analysis.reference import model_label
        from agentbench.report import figures, sections

        grid = metrics.length_depth(samples)
        heatmaps = [
            (f"{model_label(model)} · {suite}", figures.length_depth_heatmap(group, f"{model_label(model)} · {suite}"))
            for (model, suite), group in grid.groupby(["model", "suite"], sort=True)
        ]
        html = sections.long_context(metrics.effective_length(samples), heatmaps)
        return ReportSection("long-context", "Long context", html) if html else None


SUITE = LongContextSuite()
