"""Decide why a sample failed, in the fixed categories of `columns.FAILURE_CATEGORIES`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspect_ai.log import EvalSample
from inspect_ai.model import ChatMessageTool

from agentbench.agent.scaffold import LIMIT_KEY
from agentbench.endpoints.echo import ECHO_KEY
from agentbench.sandbox.backends import is_sandbox_failure

if TYPE_CHECKING:
    import pandas as pd

_LIMIT_CATEGORIES = {"turn": "turn_limit", "message": "turn_limit", "time": "time_limit", "working": "time_limit", "token": "token_limit"}


def error_category(message: str, traceback: str = "") -> str:
    """`sandbox_error` when an exception a sandbox backend declares ended the sample, else
    `endpoint_error` (the model side)."""
    return "sandbox_error" if is_sandbox_failure(message, traceback) else "endpoint_error"


def _last_tool_parse_error(sample: EvalSample) -> bool:
    tools = [m for m in sample.messages if isinstance(m, ChatMessageTool)]
    return bool(tools) and tools[-1].error is not None and tools[-1].error.type == "parsing"


def failure_category(sample: EvalSample, success: bool) -> str | None:
    """Null on success; otherwise the first cause that applies, most specific first.

    A sample whose last tool call could not be parsed ended that way, even if a limit then fired.
    """
    if success:
        return None
    if sample.error is not None:
        return error_category(sample.error.message, sample.error.traceback)
    if sample.output.stop_reason == "model_length":
        return "context_exceeded"
    if any((score.metadata or {}).get(ECHO_KEY) for score in (sample.scores or {}).values()):
        return "echo"
    if sample.output.stop_reason == "max_tokens":
        return "max_tokens"
    if _last_tool_parse_error(sample):
        return "tool_call_error"
    limit = sample.store.get(LIMIT_KEY) or (sample.limit.type if sample.limit is not None else None)
    if limit in _LIMIT_CATEGORIES:
        return _LIMIT_CATEGORIES[limit]
    return "verifier_failed"


INFRASTRUCTURE_FAILURES = ("endpoint_error", "sandbox_error")
"""Failures of what runs the model or the agent, not of the model: too many make a run's scores meaningless."""


def infrastructure_share(failure_column: pd.Series) -> tuple[int, float]:
    """How many samples ended in an infrastructure failure, and their share of all samples (0 when none ran)."""
    count = int(failure_column.isin(INFRASTRUCTURE_FAILURES).sum())
    return count, count / len(failure_column) if len(failure_column) else 0.0
