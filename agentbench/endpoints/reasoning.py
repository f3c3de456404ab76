"""Reasoning on later turns: dropped by default, or sent back as `reasoning_content` when asked.

Inspect keeps a reply's reasoning apart from its answer and re-sends it under the field it
came in (`reasoning_content`, `reasoning`, `reasoning_details`). Servers disagree on what they
want back: most chat templates drop it, DeepSeek's thinking mode with tools answers 400
unless it is returned. The `send_reasoning` model setting chooses.
"""

from __future__ import annotations

from typing import Any

REASONING_FIELDS = ("reasoning_content", "reasoning", "reasoning_details")


def history_reasoning(messages: list[dict[str, Any]], send_reasoning: bool) -> list[dict[str, Any]]:
    """The messages with each assistant turn's reasoning removed, or kept as `reasoning_content`."""
    prepared = []
    for message in messages:
        if message.get("role") != "assistant" or not any(f in message for f in REASONING_FIELDS):
            prepared.append(message)
            continue
        message = dict(message)
        reasoning = [message.pop(f) for f in REASONING_FIELDS if f in message]
        text = next((r for r in reasoning if isinstance(r, str) and r), None)
        if send_reasoning and text:
            message["reasoning_content"] = text
        prepared.append(message)
    return prepared
