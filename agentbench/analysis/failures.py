"""Decide why a sample failed, in the fixed categories of `columns.FAILURE_CATEGORIES`."""

from __future__ import annotations

from inspect_ai.log import EvalSample
from inspect_ai.model import ChatMessageTool

from agentbench.agent.scaffold import LIMIT_KEY

_LIMIT_CATEGORIES = {"turn": "turn_limit", "message": "turn_limit", "time": "time_limit", "working": "time_limit", "token": "token_limit"}
_SANDBOX_MARKERS = ("sandbox", "docker", "container", "SandboxCrashed", "OutputLimitExceeded")


def error_category(message: str) -> str:
    """`sandbox_error` for failures of the sandbox, else `endpoint_error` (the model side)."""
    return "sandbox_error" if any(m.lower() in message.lower() for m in _SANDBOX_MARKERS) else "endpoint_error"


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
        return error_category(f"{sample.error.message}\n{sample.error.traceback}")
    if sample.output.stop_reason == "model_length":
        return "context_exceeded"
    if _last_tool_parse_error(sample):
        return "tool_call_error"
    limit = sample.store.get(LIMIT_KEY) or (sample.limit.type if sample.limit is not None else None)
    if limit in _LIMIT_CATEGORIES:
        return _LIMIT_CATEGORIES[limit]
    return "verifier_failed"
