"""What a reference model sees and says: the seam between the server and the suites.

The server turns an OpenAI chat request into a `Conversation`; a reference model turns
that into a `Reply`; the server renders the reply as an OpenAI response (or SSE stream).
Suites teach `ref/oracle` their tasks through an `OracleStrategy` each, which the server is
handed when an app is built (`refserver.app.create_app`): nothing here is registered or global,
so two apps in one process each know only what they were given. This module sits below both the
server and the suites and imports neither.
"""

from __future__ import annotations

from collections.abc import Callable
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ToolCallReply:
    """One tool call a reference model makes."""

    name: str
    arguments: dict[str, Any]
    raw_arguments: str | None = None
    """Sent instead of the JSON of `arguments` when set (a simulated model's malformed call)."""

    @property
    def arguments_text(self) -> str:
        """The arguments as the reply carries them."""
        return json.dumps(self.arguments) if self.raw_arguments is None else self.raw_arguments


@dataclass(frozen=True)
class Reply:
    """A reference model's whole answer for one request."""

    content: str = ""
    tool_calls: tuple[ToolCallReply, ...] = ()
    reasoning: str | None = None


@dataclass(frozen=True)
class Conversation:
    """An OpenAI chat request reduced to what reference models reason about."""

    messages: list[dict[str, Any]]
    tools: list[str] = field(default_factory=list)
    """Tools the reply may call: those offered, narrowed by `tool_choice` ("none" leaves none)."""
    tool_required: bool = False
    """The request demands a tool call (`tool_choice` "required" or a named function)."""
    tool_schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    """JSON schema of each callable tool's parameters, by tool name."""
    prompt_tokens: int = 0
    """The request's prompt tokens as the server counts them."""
    epoch: int = 1
    """The attempt (Inspect epoch) the client says this request belongs to; 1 when it does not say."""

    def texts(self, role: str) -> list[str]:
        """Text of every message with this role, in order (content parts joined)."""
        return [content_text(m.get("content")) for m in self.messages if m.get("role") == role]

    @property
    def first_user_text(self) -> str:
        users = self.texts("user")
        return users[0] if users else ""

    @property
    def last_user_text(self) -> str:
        users = self.texts("user")
        return users[-1] if users else ""

    @property
    def tool_results(self) -> list[str]:
        """Results of earlier tool calls, oldest first."""
        return self.texts("tool")

    @property
    def all_text(self) -> str:
        return "\n".join(content_text(m.get("content")) for m in self.messages)


def content_text(content: Any) -> str:
    """The text of an OpenAI message `content` (a string or a list of parts; non-text parts ignored)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


OracleStrategy = Callable[[Conversation], Reply | None]
"""Returns the oracle's reply when it recognises the conversation as one of its tasks, else None."""
