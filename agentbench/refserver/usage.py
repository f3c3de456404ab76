"""Token usage as a ChatML-style server would report it, counted with a real tokenizer.

    prompt_tokens = Σ over messages (MESSAGE_OVERHEAD + tokens(content text)
                                     + Σ over its tool calls tokens(tool_call_text(name, arguments)))
                    + tokens(JSON of the tool definitions)      (when tools are offered)
                    + REPLY_PRIMING
    completion_tokens = tokens(reasoning) + tokens(content) + Σ over tool calls tokens(tool_call_text)

MESSAGE_OVERHEAD stands for `<|im_start|>`, the role, a newline, `<|im_end|>` and a newline;
REPLY_PRIMING for the `<|im_start|>assistant\\n` that opens the reply. A tool call is counted
as the Hermes-style `{"name": ..., "arguments": ...}` object that Qwen-family models emit.
Each text is encoded exactly once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agentbench.oracle import Reply, content_text
from agentbench.tokenizers import Tokenizer

MESSAGE_OVERHEAD = 5
REPLY_PRIMING = 3


@dataclass(frozen=True)
class CompletionTokens:
    """Tokens of a reply: `total` includes the `reasoning` tokens."""

    total: int
    reasoning: int


def tool_call_text(name: str, arguments: str) -> str:
    """How a tool call reads in the token stream; `arguments` is its JSON text."""
    return f'{{"name": {json.dumps(name)}, "arguments": {arguments}}}'


def prompt_tokens(tokenizer: Tokenizer, messages: Sequence[dict[str, Any]], tools: Sequence[dict[str, Any]]) -> int:
    """Tokens of a request's messages and tool definitions (formula in the module docstring)."""
    total = REPLY_PRIMING
    for message in messages:
        total += MESSAGE_OVERHEAD + tokenizer.count(content_text(message.get("content")))
        for call in message.get("tool_calls") or ():
            function = call["function"]
            total += tokenizer.count(tool_call_text(function["name"], function["arguments"]))
    if tools:
        total += tokenizer.count(json.dumps(list(tools)))
    return total


def completion_tokens(tokenizer: Tokenizer, reply: Reply) -> CompletionTokens:
    """Tokens a reply costs (formula in the module docstring)."""
    reasoning = tokenizer.count(reply.reasoning) if reply.reasoning else 0
    total = reasoning + (tokenizer.count(reply.content) if reply.content else 0)
    for call in reply.tool_calls:
        total += tokenizer.count(tool_call_text(call.name, call.arguments_text))
    return CompletionTokens(total=total, reasoning=reasoning)
