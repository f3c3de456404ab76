"""A reference model's `Reply` rendered as an OpenAI chat completion or as its SSE chunk stream.

Streams split text into deltas of a few words and tool calls into OpenAI's delta shape
(header with index, id, type and name; then pieces of the arguments), so clients can
measure time to first token and exercise their stream accumulators.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from agentbench.endpoints.extensions import SIMULATED_TIMING
from agentbench.oracle import Reply
from agentbench.refserver.usage import CompletionTokens

WORDS_PER_DELTA = 3

ARGUMENT_CHARS_PER_DELTA = 16


def _new_id(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:24]}"


@dataclass(frozen=True)
class Completion:
    """One answered request, ready to render either way."""

    model: str
    reply: Reply
    finish_reason: str
    prompt_tokens: int
    completion: CompletionTokens
    timing: dict[str, Any] | None = None
    """Planted latency of a simulated model, sent as `SIMULATED_TIMING` so clients record it, labelled."""
    content_parts: bool = False
    """Render content as a list of typed parts, the reasoning in `thinking` parts (Mistral's reasoning models)."""
    id: str = field(default_factory=lambda: _new_id("chatcmpl-"))
    created: int = field(default_factory=lambda: int(time.time()))

    @property
    def usage(self) -> dict[str, Any]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion.total,
            "total_tokens": self.prompt_tokens + self.completion.total,
            "prompt_tokens_details": {"cached_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": self.completion.reasoning},
        }

    @cached_property
    def tool_calls(self) -> list[dict[str, Any]]:
        """The reply's calls in OpenAI's shape, each with a fresh id (the same in every rendering)."""
        return [
            {"id": _new_id("call_"), "type": "function", "function": {"name": call.name, "arguments": call.arguments_text}}
            for call in self.reply.tool_calls
        ]


def completion_body(completion: Completion) -> dict[str, Any]:
    """The non-streaming `chat.completion` object."""
    reply = completion.reply
    message: dict[str, Any] = {
        "role": "assistant",
        "content": reply.content if reply.content or not reply.tool_calls else None,
        "refusal": None,
    }
    if completion.content_parts:
        message["content"] = [*_thinking_parts(reply.reasoning), *_text_parts(reply.content)] or message["content"]
    elif reply.reasoning:
        message["reasoning_content"] = reply.reasoning
    if reply.tool_calls:
        message["tool_calls"] = completion.tool_calls
    return {
        "id": completion.id,
        "object": "chat.completion",
        "created": completion.created,
        "model": completion.model,
        "system_fingerprint": None,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": completion.finish_reason}],
        "usage": completion.usage,
        **_timing(completion),
    }


def _timing(completion: Completion) -> dict[str, Any]:
    return {SIMULATED_TIMING: completion.timing} if completion.timing is not None else {}


def stream_events(completion: Completion, include_usage: bool) -> list[str]:
    """Every server-sent event of the streamed answer, `data: [DONE]` last."""
    events = [_event(_chunk(completion, delta, None, include_usage)) for delta in _deltas(completion)]
    events.append(_event({**_chunk(completion, {}, completion.finish_reason, include_usage), **_timing(completion)}))
    if include_usage:
        events.append(_event(_envelope(completion, [], completion.usage)))
    events.append("data: [DONE]\n\n")
    return events


def _deltas(completion: Completion) -> Iterator[dict[str, Any]]:
    reply = completion.reply
    yield {"role": "assistant", "content": "" if reply.content or not reply.tool_calls else None}
    for piece in _pieces(reply.reasoning or ""):
        yield {"content": _thinking_parts(piece)} if completion.content_parts else {"reasoning_content": piece}
    for piece in _pieces(reply.content):
        yield {"content": _text_parts(piece)} if completion.content_parts else {"content": piece}
    for index, call in enumerate(completion.tool_calls):
        function = call["function"]
        header = {"index": index, "id": call["id"], "type": "function", "function": {"name": function["name"], "arguments": ""}}
        yield {"tool_calls": [header]}
        arguments = function["arguments"]
        for start in range(0, len(arguments), ARGUMENT_CHARS_PER_DELTA):
            yield {"tool_calls": [{"index": index, "function": {"arguments": arguments[start : start + ARGUMENT_CHARS_PER_DELTA]}}]}


def _thinking_parts(reasoning: str | None) -> list[dict[str, Any]]:
    return [{"type": "thinking", "thinking": [{"type": "text", "text": reasoning}]}] if reasoning else []


def _text_parts(text: str) -> list[dict[str, Any]]:
    return [{"type": "text", "text": text}] if text else []


def _pieces(text: str) -> Iterator[str]:
    words = re.findall(r"\S+\s*|\s+", text)
    for start in range(0, len(words), WORDS_PER_DELTA):
        yield "".join(words[start : start + WORDS_PER_DELTA])


def _chunk(completion: Completion, delta: dict[str, Any], finish_reason: str | None, include_usage: bool) -> dict[str, Any]:
    choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
    chunk = _envelope(completion, [choice], None)
    if not include_usage:
        del chunk["usage"]
    return chunk


def _envelope(completion: Completion, choices: list[dict[str, Any]], usage: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "id": completion.id,
        "object": "chat.completion.chunk",
        "created": completion.created,
        "model": completion.model,
        "system_fingerprint": None,
        "choices": choices,
        "usage": usage,
    }


def _event(payload: dict[str, Any]) -> str:
    return f"data: {json.dumps(payload, separators=(',', ':'))}\n\n"
