"""Message content sent as a list of typed parts, read as the answer's text and its reasoning.

Chat Completions' assistant `content` is a string; Mistral's reasoning models (Magistral, and its
other models with `reasoning_effort`) send a list instead, in a reply and in every streamed delta:
`{"type": "text", "text": ...}` for the answer and `{"type": "thinking", "thinking": [{"type":
"text", "text": ...}]}` for the reasoning. `reference` parts (citations of a search) carry no text.
"""

from __future__ import annotations

from typing import Any

IGNORED_PARTS = frozenset({"reference"})


def split_parts(parts: list[Any]) -> tuple[str, str]:
    """(answer text, reasoning text) of a content list; a ValueError names the first part it cannot read."""
    text: list[str] = []
    reasoning: list[str] = []
    for index, part in enumerate(parts):
        kind = part.get("type") if isinstance(part, dict) else None
        if kind == "text" and isinstance(part.get("text"), str):
            text.append(part["text"])
        elif kind == "thinking" and isinstance(part.get("thinking"), list):
            reasoning.extend(_thinking_text(index, part["thinking"]))
        elif kind not in IGNORED_PARTS:
            raise ValueError(f"content part {index} is not a text, thinking or reference part: {part!r:.120}")
    return "".join(text), "".join(reasoning)


def _thinking_text(index: int, pieces: list[Any]) -> list[str]:
    found = []
    for piece in pieces:
        if not (isinstance(piece, dict) and piece.get("type") == "text" and isinstance(piece.get("text"), str)):
            raise ValueError(f"content part {index}: a thinking piece is not a text part: {piece!r:.120}")
        found.append(piece["text"])
    return found


def with_string_content(completion: dict[str, Any]) -> dict[str, Any]:
    """The reply with each message's typed parts as text and its thinking as `reasoning_content`.

    A ValueError names the first part it cannot read, with where it is (`choices.0.message.content`).
    """
    choices = completion.get("choices")
    if not isinstance(choices, list) or not any(_parts_of(choice) is not None for choice in choices):
        return completion
    rewritten = []
    for index, choice in enumerate(choices):
        parts = _parts_of(choice)
        if parts is not None:
            try:
                text, reasoning = split_parts(parts)
            except ValueError as exc:
                raise ValueError(f"choices.{index}.message.content: {exc}") from None
            message = {**choice["message"], "content": text}
            if reasoning and not message.get("reasoning_content"):
                message["reasoning_content"] = reasoning
            choice = {**choice, "message": message}
        rewritten.append(choice)
    return {**completion, "choices": rewritten}


def _parts_of(choice: object) -> list[Any] | None:
    message = choice.get("message") if isinstance(choice, dict) else None
    content = message.get("content") if isinstance(message, dict) else None
    return content if isinstance(content, list) else None
