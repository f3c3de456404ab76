"""Sampling settings sent with every request, and the reply-length caps each suite and task default to.

A server left to its own default may stop a reply at 1,024 tokens (transformers serve) or only
when the context is full (llama.cpp's server), so every request carries `max_tokens`: the
endpoint's or the command line's value if set, else the task's (tool-use `limits.max_output_tokens`),
else the suite's (`SUITE_MAX_TOKENS`). Temperature, top_p and seed are sent only when set:
otherwise the server's own defaults apply, and run.json says "endpoint default".
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SUITE_MAX_TOKENS: dict[str, int] = {"long_context": 4096, "tool_use": 4096}
"""Default `max_tokens` of one reply per suite: room for a reasoning model to think, then answer
(long context: a few values; tool use: one agent turn). When the window is known the model API
lowers it to the room the prompt leaves, so a long-context sample built to the window's edge keeps
exactly its answer reserve."""

TASK_MAX_TOKENS = "agentbench:max_output_tokens"
"""Sample store key: this task's own reply cap, set by the tool-use agent from `limits.max_output_tokens`."""

ENDPOINT_DEFAULT = "endpoint default"
RECORDED_SETTINGS = ("temperature", "top_p", "max_tokens", "seed", "extra_body", "send_reasoning", "repair_tool_calls")


class Generation(BaseModel):
    """Sampling settings an endpoint (or the command line) fixes; None leaves each to the task or server."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    temperature: float | None = Field(None, ge=0)
    top_p: float | None = Field(None, gt=0, le=1)
    max_tokens: int | None = Field(None, gt=0)
    seed: int | None = None

    def model_args(self) -> dict[str, Any]:
        """The settings that are set, as arguments of our model API."""
        return self.model_dump(exclude_none=True)


def task_max_tokens() -> int | None:
    """The running sample's own reply cap, if its task set one."""
    from inspect_ai.util import store  # here, not at the top: the CLI reads this module's settings without Inspect

    value = store().get(TASK_MAX_TOKENS)
    return int(value) if value else None


def generation_record(model_args: dict[str, Any]) -> dict[str, Any]:
    """An endpoint's generation settings for run.json: each named, "endpoint default" when unset.

    An unset `max_tokens` is not the server's default: the suite's or task's cap is sent.
    """
    record: dict[str, Any] = {}
    for name in RECORDED_SETTINGS:
        value = model_args.get(name)
        if name == "extra_body":
            value = {k: v for k, v in model_args.items() if k not in _KNOWN_ARGS} or None
        if value is None and name in ("send_reasoning", "repair_tool_calls"):
            value = False
        if value is None and name == "max_tokens":
            value = {"default": "per suite and task", **{f"{suite}": cap for suite, cap in SUITE_MAX_TOKENS.items()}}
        record[name] = ENDPOINT_DEFAULT if value is None else value
    return record


_KNOWN_ARGS = frozenset(
    {
        "temperature", "top_p", "max_tokens", "seed", "send_reasoning", "repair_tool_calls", "max_connections", "stream",
        "timeout_s", "context_window", "tokenizer", "api_key_env", "served_model", "headers",
        "max_attempts", "retry_budget_s", "retry_wait_s",
    }
)
"""Model-API arguments that are not sent in the request body (everything else is `extra_body`)."""
