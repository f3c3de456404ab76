"""One column of `samples.parquet` as one object: its name, dtype, how a sample yields it, what it means.

The parquet schema, README's schema table and the summaries derive from these objects, and a
suite contributes its own columns as more of them (`Suite.columns`). This module is light on
purpose: suites import it to declare columns without loading Inspect's log reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from inspect_ai.log import EvalSample
    from inspect_ai.model import ModelUsage

NUMERIC_DTYPES = frozenset({"int64", "Int64", "float64"})


def reward_and_success(sample: EvalSample) -> tuple[float, bool]:
    """The sample's reward and success; a sample that ended in an error has neither."""
    if not sample.scores or sample.error is not None:
        return 0.0, False
    score = next(iter(sample.scores.values()))
    reward = float(score.value) if isinstance(score.value, (int, float, bool)) else 0.0
    return reward, bool((score.metadata or {}).get("success", reward == 1.0))


@dataclass(frozen=True, eq=False)
class SampleFacts:
    """What a column may read: the sample of an Inspect log and where it came from (usage summed once)."""

    sample: EvalSample
    run_id: str
    model: str
    log_file: str

    @property
    def metadata(self) -> Mapping[str, Any]:
        return self.sample.metadata

    @cached_property
    def usage(self) -> ModelUsage:
        """The sample's usage summed over every model it called."""
        from inspect_ai.model import ModelUsage

        total = ModelUsage()
        for usage in self.sample.model_usage.values():
            total = total + usage
        return total

    @cached_property
    def tool_calls(self) -> list[str]:
        """Names of the tools the model called, in order (`submit` is the answer, not a tool use)."""
        from inspect_ai.model import ChatMessageAssistant

        return [call.function for m in self.sample.messages if isinstance(m, ChatMessageAssistant)
                for call in (m.tool_calls or []) if call.function != "submit"]

    @cached_property
    def call_metrics(self) -> list[dict[str, Any]]:
        """What our model API recorded on each assistant message (latency, retries, anomalies)."""
        from inspect_ai.model import ChatMessageAssistant

        from agentbench.endpoints.call_metrics import call_metrics_of

        return [c for m in self.sample.messages if isinstance(m, ChatMessageAssistant) if (c := call_metrics_of(m.metadata))]

    @cached_property
    def model_calls(self) -> int:
        from inspect_ai.model import ChatMessageAssistant

        return sum(isinstance(m, ChatMessageAssistant) for m in self.sample.messages)

    @cached_property
    def reward_and_success(self) -> tuple[float, bool]:
        return reward_and_success(self.sample)

    @property
    def input_tokens(self) -> int:
        """Input tokens including cache reads and writes, as the endpoint counted the prompt."""
        usage = self.usage
        return usage.input_tokens + (usage.input_tokens_cache_read or 0) + (usage.input_tokens_cache_write or 0)


@dataclass(frozen=True)
class Column:
    """A column of the samples table."""

    name: str
    dtype: str
    """pandas dtype ("string", "int64", "Int64" (nullable), "float64", "bool")."""
    doc: str
    """One line for README's schema table."""
    extract: Callable[[SampleFacts], object] = field(repr=False, compare=False)
    """The value for one sample (None for missing)."""

    @property
    def numeric(self) -> bool:
        return self.dtype in NUMERIC_DTYPES


def metadata_value(key: str) -> Callable[[SampleFacts], object]:
    """Extract `sample.metadata[key]` (None when the sample does not carry it)."""
    return lambda facts: facts.metadata.get(key)
