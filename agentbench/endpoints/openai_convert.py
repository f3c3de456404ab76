"""Inspect's Chat Completions conversions, minus the package check Inspect's public wrappers repeat per call.

`inspect_ai.model.messages_to_openai` and `model_output_from_openai` check the installed openai
version before every conversion by reading and parsing the package's 45 KB METADATA
(`importlib.metadata.version`): 1-5 ms, twice per model call, about 0.13x of a run of trivial
samples (BENCHMARKS.md, issue 17). Inspect's own OpenAI providers check once, when the model is
created, and then call the implementations those wrappers delegate to; so do we. The version Inspect
checks for is our own floor for `openai` in pyproject.toml, so the installer has made the check.
These are the wrappers' bodies: `tests/test_openai_convert.py` holds them equal to the public
wrappers, so an Inspect release that moves or changes the implementations fails a test, not a run.
"""

from __future__ import annotations

from typing import Any

from inspect_ai.model import ChatMessage, ModelOutput
from inspect_ai.model._openai import chat_choices_from_openai
from inspect_ai.model._openai import messages_to_openai as _messages_to_openai
from inspect_ai.model._openai import model_output_from_openai as _model_output_from_openai
from openai.types.chat import ChatCompletionMessageParam

from agentbench.endpoints.completion_shape import checked_completion


async def messages_to_openai(messages: list[ChatMessage]) -> list[ChatCompletionMessageParam]:
    """Inspect messages as Chat Completions messages (system messages keep the `system` role)."""
    return await _messages_to_openai(messages, "system")


def model_output_from_openai(completion: dict[str, Any]) -> ModelOutput:
    """A Chat Completions reply (as JSON) as Inspect's `ModelOutput`; a `MalformedReply` if it is not one."""
    parsed = checked_completion(completion)
    return _model_output_from_openai(parsed, chat_choices_from_openai(parsed, tools=[]))
