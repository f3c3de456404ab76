"""A reply that is not a chat completion fails its call in one line naming the bad field, streamed or
not. A plain reply whose content was a number escaped as pydantic's multi-line ValidationError (not even
an endpoint error), a streamed tool call named 5 as "TypeError: sequence item 0: expected str instance"."""

from __future__ import annotations

import json

import pytest
from inspect_ai.model import get_model
from inspect_ai.tool import ToolInfo, ToolParams

import agentbench._registry  # noqa: F401  (registers our model API)
from agentbench.endpoints.call_metrics import call_metrics_of
from agentbench.endpoints.openai_api import EndpointFailed
from agentbench.endpoints.tool_anomalies import CALLS_IN_CONTENT, UNPARSEABLE_ARGUMENTS
from scripted_sse import Scripted, chunk, sse

USAGE = {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6}


def _plain(message: dict) -> bytes:
    return json.dumps({"id": "x", "object": "chat.completion", "created": 1, "model": "m", "usage": USAGE,
                       "choices": [{"index": 0, "message": {"role": "assistant", **message}, "finish_reason": "stop"}]}).encode()


STREAMED = {
    "content is a number": ([chunk({"content": 123})], "MalformedChunk: a delta's content is not a string: 123"),
    "tool named 5": ([chunk({"tool_calls": [{"index": 0, "id": "c", "type": "function", "function": {"name": 5, "arguments": "{}"}}]})],
                     "MalformedChunk: a tool call's name is not a string: 5"),
}
PLAIN = {
    "content is a number": (_plain({"content": 123}), "the reply is not a chat completion: choices.0.message.content: Input should be a valid string"),
    "no choices": (json.dumps({"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": []}).encode(),
                   "the reply is not a chat completion: it has no choices"),
    "tool arguments an object": (_plain({"content": None, "tool_calls": [{"id": "c", "type": "function",
                                                                          "function": {"name": "f", "arguments": {"a": 1}}}]}),
                                 "function.arguments: Input should be a valid string (got {'a': 1})"),
}


async def _failure(server: Scripted, stream: bool) -> str:
    async with server as client:
        model = get_model("agentbench/m", base_url=str(client.base_url), memoize=False, stream=stream, max_attempts=1)
        with pytest.raises(EndpointFailed) as caught:
            await model.generate("hi")
    return str(caught.value)


@pytest.mark.parametrize("case", STREAMED)
async def test_a_malformed_stream_is_one_line(case: str) -> None:
    deltas, words = STREAMED[case]
    message = await _failure(Scripted(sse([chunk({"role": "assistant"}), *deltas, chunk({}, "stop"), chunk(None, usage=USAGE)])), stream=True)
    assert words in message and "\n" not in message and message.endswith("(not retried)")


@pytest.mark.parametrize("case", PLAIN)
async def test_a_malformed_plain_reply_is_one_line(case: str) -> None:
    body, words = PLAIN[case]
    message = await _failure(Scripted(body, content_type="application/json"), stream=False)
    assert words in message and "\n" not in message and message.endswith("(not retried)")


DEEP = "[" * 200_000 + "]" * 200_000


@pytest.mark.parametrize(("delta", "finish", "anomaly"), [
    ({"tool_calls": [{"index": 0, "id": "c", "type": "function", "function": {"name": "f", "arguments": DEEP}}]}, "tool_calls",
     UNPARSEABLE_ARGUMENTS),
    ({"content": '<tool_call>{"name": "f", "arguments": ' + DEEP + "}</tool_call>"}, "stop", CALLS_IN_CONTENT),
])
async def test_json_nested_past_the_parsers_depth_is_an_anomaly_not_a_crash(delta: dict, finish: str, anomaly: str) -> None:
    """A degenerate model's `[[[[...` in a call's arguments or in a call written as text escaped as RecursionError."""
    async with Scripted(sse([chunk({"role": "assistant"}), chunk(delta), chunk({}, finish), chunk(None, usage=USAGE)])) as client:
        model = get_model("agentbench/m", base_url=str(client.base_url), memoize=False, max_attempts=1)
        output = await model.generate("hi", tools=[ToolInfo(name="f", description="a tool", parameters=ToolParams())])
    metrics = call_metrics_of(output.message.metadata)
    assert metrics is not None and metrics["tool_call_anomalies"] == {anomaly: 1}
