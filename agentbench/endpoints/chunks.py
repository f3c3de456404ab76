"""Chat Completions stream chunks, as parsed JSON, merged into one completion dict.

The SDK's `ChatCompletionStreamState` rebuilds pydantic snapshots of the whole message on every
chunk (about 0.1 ms a chunk); this keeps text as lists of pieces joined once at the end, so a
chunk costs a few dict look-ups. The result has the shape `ChatCompletion.model_dump(exclude_none=True)`
gives: what `model_output_from_openai` and our anomaly checks read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agentbench.endpoints.content_parts import split_parts

OUTPUT_KEYS = ("content", "reasoning_content", "reasoning", "tool_calls")
"""Delta fields that carry output (TTFT runs to the first chunk with any of them non-empty)."""


class MalformedChunk(ValueError):
    """A stream chunk that is not a chat completion chunk (not an object, or choices that are not objects)."""


@dataclass
class _ToolCall:
    id: str | None = None
    type: str | None = None
    name: list[str] = field(default_factory=list)
    arguments: list[str] = field(default_factory=list)

    def add(self, delta: dict[str, Any]) -> int:
        """Merge one delta of this call; the characters it carried (at least 1: the delta is output)."""
        self.id = delta.get("id") or self.id
        self.type = delta.get("type") or self.type
        function = delta.get("function") or {}
        if not isinstance(function, dict):
            raise MalformedChunk(f"a tool call's function is not an object: {function!r:.200}")
        for part in ("name", "arguments"):
            if function.get(part) is not None and not isinstance(function[part], str):
                raise MalformedChunk(f"a tool call's {part} is not a string: {function[part]!r:.200}")
        if function.get("name"):
            self.name.append(function["name"])
        if function.get("arguments"):
            self.arguments.append(function["arguments"])
        return max(1, len(function.get("name") or "") + len(function.get("arguments") or ""))

    def dump(self) -> dict[str, Any]:
        call: dict[str, Any] = {"function": {"arguments": "".join(self.arguments), "name": "".join(self.name)},
                                "type": self.type or "function"}
        if self.id is not None:
            call["id"] = self.id
        return call


@dataclass
class _Choice:
    index: int
    texts: dict[str, list[str]] = field(default_factory=dict)
    """Pieces of every string field of the message (content, reasoning, refusal, server extras)."""
    others: dict[str, Any] = field(default_factory=dict)
    """The role and non-string message fields other than tool calls: the last value sent wins."""
    tool_calls: dict[int, _ToolCall] = field(default_factory=dict)
    finish_reason: str | None = None
    logprobs: dict[str, list[Any]] | None = None

    def add(self, choice: dict[str, Any]) -> int:
        """Merge one choice's delta; the characters of output it carried (at least 1 for an empty tool call delta)."""
        delta = choice.get("delta") or {}
        if not isinstance(delta, dict):
            raise MalformedChunk(f"a choice's delta is not an object: {delta!r:.200}")
        output = 0
        for key, value in delta.items():
            if value is None:
                continue
            if key == "tool_calls":
                output += self._add_tool_calls(value)
            elif key == "content" and isinstance(value, list):
                output += self._add_parts(value)
            elif isinstance(value, str) and key != "role":  # some servers repeat the role in every delta
                self.texts.setdefault(key, []).append(value)
                output += len(value) if key in OUTPUT_KEYS else 0
            elif key in OUTPUT_KEYS:
                raise MalformedChunk(f"a delta's {key} is not a string: {value!r:.200}")
            else:
                self.others[key] = value
        if choice.get("finish_reason"):
            self.finish_reason = choice["finish_reason"]
        logprobs = choice.get("logprobs")
        if isinstance(logprobs, dict):
            merged = self.logprobs if self.logprobs is not None else {}
            for key in ("content", "refusal"):
                if logprobs.get(key):
                    merged.setdefault(key, []).extend(logprobs[key])
            self.logprobs = merged
        return output

    def _add_parts(self, parts: list[Any]) -> int:
        """Content as typed parts (Mistral): text to `content`, thinking to `reasoning_content`."""
        try:
            text, reasoning = split_parts(parts)
        except ValueError as exc:
            raise MalformedChunk(f"a delta's content: {exc}") from None
        for key, piece in (("content", text), ("reasoning_content", reasoning)):
            if piece:
                self.texts.setdefault(key, []).append(piece)
        return len(text) + len(reasoning)

    def _add_tool_calls(self, deltas: Any) -> int:
        if not isinstance(deltas, list):
            raise MalformedChunk(f"tool_calls is not a list: {deltas!r:.200}")
        carried = 0
        for position, delta in enumerate(deltas):
            if not isinstance(delta, dict):
                raise MalformedChunk(f"a tool call delta is not an object: {delta!r:.200}")
            index = delta.get("index", position)  # the index is required; a server that omits it lists calls in order
            if not isinstance(index, int):
                raise MalformedChunk(f"a tool call delta's index is not an integer: {index!r:.50}")
            carried += self.tool_calls.setdefault(index, _ToolCall()).add(delta)
        return carried

    def dump(self) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", **self.others}
        message.update({key: "".join(pieces) for key, pieces in self.texts.items()})
        if self.tool_calls:
            message["tool_calls"] = [self.tool_calls[index].dump() for index in sorted(self.tool_calls)]
        choice: dict[str, Any] = {"index": self.index, "message": message}
        if self.finish_reason is not None:
            choice["finish_reason"] = self.finish_reason
        if self.logprobs is not None:
            choice["logprobs"] = self.logprobs
        return choice


_TOP_LEVEL_SKIPPED = frozenset({"choices", "object", "usage", "obfuscation"})
"""Top-level chunk fields not copied as they are (any other keeps its last non-null value: id, model, extensions)."""


class CompletionAccumulator:
    """Feed it each chunk of one stream (`add`), then read the whole completion (`completion`)."""

    def __init__(self) -> None:
        self._top: dict[str, Any] = {}
        self._choices: dict[int, _Choice] = {}
        self._usage: dict[str, Any] | None = None
        self.finished = False
        """A choice has a finish reason: the answer is complete."""
        self.chunks = 0
        """Chunks so far: a server sends about one per token (a few more: the role, the finish, the usage)."""
        self.output_chars = 0
        """Characters of output (text, reasoning, tool call names and arguments) so far."""

    def add(self, chunk: object) -> bool:
        """Merge one chunk; True if it carried output (text, reasoning or a tool call)."""
        if not isinstance(chunk, dict):
            raise MalformedChunk(f"a stream chunk is not a JSON object: {chunk!r:.200}")
        self._top.update((key, value) for key, value in chunk.items() if key not in _TOP_LEVEL_SKIPPED and value is not None)
        if isinstance(chunk.get("usage"), dict):
            self._usage = chunk["usage"]  # sent once, with the last chunk (vLLM sends null before it)
        choices = chunk.get("choices") or []
        if not isinstance(choices, list):
            raise MalformedChunk(f"a chunk's choices are not a list: {choices!r:.200}")
        output = 0
        for position, choice in enumerate(choices):
            if not isinstance(choice, dict):
                raise MalformedChunk(f"a choice is not an object: {choice!r:.200}")
            index = choice.get("index", position)
            if not isinstance(index, int):
                raise MalformedChunk(f"a choice's index is not an integer: {index!r:.50}")
            target = self._choices.get(index)
            if target is None:
                target = self._choices[index] = _Choice(index)
            output += target.add(choice)
            self.finished = self.finished or target.finish_reason is not None
        self.chunks += 1
        self.output_chars += output
        return bool(output)

    def cut(self) -> None:
        """End the completion here, as a server does at its length limit (finish reason `length`)."""
        for choice in self._choices.values():
            choice.finish_reason = choice.finish_reason or "length"
        self.finished = bool(self._choices)

    def completion(self) -> dict[str, Any]:
        """The completion so far, shaped as a non-streamed one (`object` is `chat.completion`)."""
        body: dict[str, Any] = {**self._top, "object": "chat.completion",
                                "choices": [self._choices[index].dump() for index in sorted(self._choices)]}
        if self._usage is not None:
            body["usage"] = self._usage
        return body
