"""The Chat Completions request as the reference server accepts it, parsed once and fast.

The body is decoded with `json.loads` and then validated as Python objects: pydantic keeps
the (possibly multi-megabyte) message strings as they are instead of re-reading them.
Fields the reference models have no use for (temperature, seed, ...) are accepted and ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from agentbench.refserver.errors import APIError
from agentbench.validation_text import first_problem


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class FunctionCall(_Open):
    name: str
    arguments: str


class ToolCall(_Open):
    id: str
    type: Literal["function"] = "function"
    function: FunctionCall


class Message(_Open):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: Any = None
    name: str | None = None
    tool_calls: list[ToolCall] | None = None
    tool_call_id: str | None = None

    @field_validator("content")
    @classmethod
    def _content(cls, value: Any) -> str | list[dict[str, Any]] | None:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, list) and all(isinstance(part, dict) for part in value):
            return value
        raise ValueError("content must be a string or a list of content parts")

    @model_validator(mode="after")
    def _role_fields(self) -> Message:
        if self.role == "tool" and self.tool_call_id is None:
            raise ValueError("a tool message needs tool_call_id")
        if self.role != "assistant" and self.content is None:
            raise ValueError(f"a {self.role} message needs content")
        if self.role == "assistant" and self.content is None and not self.tool_calls:
            raise ValueError("an assistant message needs content or tool_calls")
        return self


class FunctionDefinition(_Open):
    name: str = Field(min_length=1)
    description: str | None = None
    parameters: dict[str, Any] = Field(default_factory=dict)


class ToolDefinition(_Open):
    type: Literal["function"]
    function: FunctionDefinition


@dataclass(frozen=True)
class NamedToolChoice:
    """`tool_choice` naming one function the reply must call."""

    name: str


class StreamOptions(_Open):
    include_usage: bool = False


class ChatRequest(_Open):
    model: str
    messages: list[Message] = Field(min_length=1)
    tools: list[ToolDefinition] | None = None
    tool_choice: Any = None
    stream: bool = False
    stream_options: StreamOptions | None = None
    max_tokens: int | None = Field(None, ge=1)
    max_completion_tokens: int | None = Field(None, ge=1)
    n: Literal[1] | None = None

    @field_validator("tool_choice")
    @classmethod
    def _tool_choice(cls, value: Any) -> str | NamedToolChoice | None:
        if value is None:
            return None
        if isinstance(value, str) and value in ("auto", "none", "required"):
            return value
        function = value.get("function") if isinstance(value, dict) and value.get("type") == "function" else None
        if isinstance(function, dict) and isinstance(function.get("name"), str):
            return NamedToolChoice(function["name"])
        raise ValueError('tool_choice must be "auto", "none", "required" or {"type": "function", "function": {"name": ...}}')

    @property
    def completion_limit(self) -> int | None:
        """The completion token cap the client asked for, if any."""
        return self.max_completion_tokens if self.max_completion_tokens is not None else self.max_tokens

    @property
    def include_usage(self) -> bool:
        return self.stream_options is not None and self.stream_options.include_usage


def parse_request(body: bytes) -> ChatRequest:
    """Decode and validate a request body; any problem becomes a one-line 400 naming the field."""
    try:
        raw = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise APIError(400, f"We could not parse the JSON body of your request: {exc}") from None
    if not isinstance(raw, dict):
        raise APIError(400, "The request body must be a JSON object.")
    try:
        return ChatRequest.model_validate(raw)
    except ValidationError as exc:
        raise _validation_error(exc) from None


def _validation_error(exc: ValidationError) -> APIError:
    problem = first_problem(exc)
    where = problem.where()
    return APIError(400, f"Invalid request: {where or 'body'}: {problem.message}{problem.more}", param=where or None)
