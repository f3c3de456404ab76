"""The reference models the server offers: `ref/oracle` solves known tasks, `ref/null` never acts.

They make a run meaningful without a GPU or an API key: the oracle bounds what the harness
can score (every known task should pass), the null model shows what doing nothing scores.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Protocol

from agentbench.oracle import Conversation, OracleStrategy, Reply, ToolCallReply
from agentbench.refserver.settings import Settings

DEFAULT_CONTEXT_WINDOW = 1_100_000
"""Room for a 1,048,576-token haystack plus the question and the answer."""

SMALL_CONTEXT_WINDOW = 8_192
WINDOW_128K = 131_072
"""The window of DeepSeek-V3, gpt-oss and many more: a 128k long-context sample must fit it."""

UNKNOWN_TASK_REPLY = "I do not know this task, so I cannot solve it."
NULL_REPLY = "I am the null reference model: I never act, so I leave the task as it is."


class ReferenceModel(Protocol):
    """A model the reference server serves under `name`."""

    name: str
    context_window: int

    def respond(self, conversation: Conversation) -> Reply: ...


class NullModel:
    """Answers every request with the same short text and never calls a tool.

    It ignores `tool_choice` "required" and named functions on purpose: a baseline that
    acts is no baseline, so a forced tool call gets plain text from it.
    """

    def __init__(self, name: str, context_window: int) -> None:
        self.name = name
        self.context_window = context_window

    def respond(self, conversation: Conversation) -> Reply:
        return Reply(content=NULL_REPLY)


class OracleModel:
    """Asks each of its oracle strategies in turn and obeys the request's tool constraints."""

    def __init__(self, name: str, context_window: int, strategies: Sequence[OracleStrategy]) -> None:
        self.name = name
        self.context_window = context_window
        self.strategies = tuple(strategies)

    def respond(self, conversation: Conversation) -> Reply:
        for strategy in self.strategies:
            reply = strategy(conversation)
            if reply is not None:
                return obey_tool_choice(reply, conversation)
        return obey_tool_choice(Reply(content=UNKNOWN_TASK_REPLY), conversation)


def obey_tool_choice(reply: Reply, conversation: Conversation) -> Reply:
    """Keep only calls to callable tools; when a call is required and none is left, force one.

    A dropped call is described in the text instead (if the reply has none), so the reply
    still says what the oracle would do; a forced call goes to `submit` if offered, else
    to the first callable tool, carrying the reply's text in each of its string parameters.
    """
    kept = tuple(call for call in reply.tool_calls if call.name in conversation.tools)
    content = reply.content
    if not content and len(kept) < len(reply.tool_calls):
        content = "\n".join(
            f"I would call {call.name} with {json.dumps(call.arguments)}, but that tool is not available."
            for call in reply.tool_calls
            if call.name not in conversation.tools
        )
    if conversation.tool_required and not kept:
        return Reply(tool_calls=(_forced_call(conversation, content),), reasoning=reply.reasoning)
    return Reply(content=content, tool_calls=kept, reasoning=reply.reasoning)


def _forced_call(conversation: Conversation, text: str) -> ToolCallReply:
    name = "submit" if "submit" in conversation.tools else conversation.tools[0]
    schema = conversation.tool_schemas.get(name, {})
    properties = schema.get("properties", {})
    wanted = schema.get("required") or list(properties)
    return ToolCallReply(name, {param: text for param in wanted if properties.get(param, {}).get("type", "string") == "string"})


def reference_models(settings: Settings, strategies: Sequence[OracleStrategy]) -> list[ReferenceModel]:
    """The models a server with these settings offers, in the order `/v1/models` lists them; the
    oracles know the tasks `strategies` solve."""
    window = settings.context_window or DEFAULT_CONTEXT_WINDOW
    return [
        OracleModel("ref/oracle", window, strategies),
        NullModel("ref/null", window),
        OracleModel("ref/oracle-8k", SMALL_CONTEXT_WINDOW, strategies),
        OracleModel("ref/oracle-128k", WINDOW_128K, strategies),
    ]
