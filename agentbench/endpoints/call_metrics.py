"""What our model API records about each model call, kept on the assistant message it produced.

The assistant message's `metadata` travels with `sample.messages` into the Inspect log, so the
samples table reads it without loading the (possibly huge) model events.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

METADATA_KEY = "agentbench_call"


@dataclass(frozen=True)
class CallMetrics:
    """One model call: latency (vLLM `bench serve` definitions), tokens, retries and tool-call anomalies.

    `tpot_s` = (e2e_s - ttft_s) / (output_tokens - 1), None unless streamed with >1 output token.
    With `simulated_timing`, `e2e_s`, `ttft_s` and `tpot_s` are those a simulated model planted.
    """

    streamed: bool
    e2e_s: float
    ttft_s: float | None
    tpot_s: float | None
    output_tokens: int
    reasoning_tokens: int
    retries: int
    retry_causes: dict[str, int] = field(default_factory=dict)
    """Retries by cause: HTTP status (`429`, `503`), `refused`, `reset`, `timeout`, `stream_broken` (see `failure_text`)."""
    tool_call_anomalies: dict[str, int] = field(default_factory=dict)
    repaired_tool_calls: int = 0
    simulated_timing: bool = False
    """The latency fields are a simulated reference model's planted values, reported by the server, not measured."""
    prompt_tokens: int | None = None
    """The prompt's tokens as the endpoint reported them (the context the model carried on this call)."""

    def as_metadata(self) -> dict[str, Any]:
        return {METADATA_KEY: asdict(self)}


def time_per_output_token(e2e_s: float, ttft_s: float | None, output_tokens: int) -> float | None:
    """vLLM's TPOT: the decode time spread over every token after the first."""
    if ttft_s is None or output_tokens < 2:
        return None
    return (e2e_s - ttft_s) / (output_tokens - 1)


def call_metrics_of(metadata: dict[str, Any] | None) -> dict[str, Any] | None:
    """The recorded metrics of one assistant message, if our model API produced it."""
    value = (metadata or {}).get(METADATA_KEY)
    return value if isinstance(value, dict) else None
