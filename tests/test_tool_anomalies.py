"""Tool calls in the wrong place are found, counted by kind, and parsed back out of each known text format."""

from __future__ import annotations

import json

import pytest

from agentbench.endpoints.tool_anomalies import (
    CALLS_IN_CONTENT,
    CALLS_IN_REASONING,
    EMPTY_TOOL_CALLS,
    UNPARSEABLE_ARGUMENTS,
    RecoveredCall,
    find_anomalies,
    recover_calls,
    repair_message,
)

PARIS = RecoveredCall("get_weather", json.dumps({"city": "Paris"}))
TOKYO = RecoveredCall("get_weather", json.dumps({"city": "Tokyo", "units": {"temp": "C"}}))


@pytest.mark.parametrize(
    ("text", "calls", "rest"),
    [
        ('Let me check.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>', [PARIS], "Let me check."),
        ('<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>\n<tool_call>{"name": "get_weather", '
         '"arguments": {"city": "Tokyo", "units": {"temp": "C"}}}</tool_call>', [PARIS, TOKYO], ""),
        ('[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}}]', [PARIS], ""),
        ('[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}', [PARIS], ""),
        ('<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{"city": "Paris"}\n```'
         '<｜tool▁call▁end｜><｜tool▁calls▁end｜>', [PARIS], ""),
        ('Sure.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{"city": "Paris"}<｜tool▁call▁end｜>'
         '<｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{"city": "Tokyo", "units": {"temp": "C"}}<｜tool▁call▁end｜><｜tool▁calls▁end｜>',
         [PARIS, TOKYO], "Sure."),
        ('<|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"city": "Paris"}<|call|>', [PARIS], ""),
    ],
    ids=["hermes", "hermes-two-nested", "mistral-list", "mistral-args", "deepseek-v3", "deepseek-v3.1-two", "harmony"],
)
def test_known_formats_are_recovered(text: str, calls: list[RecoveredCall], rest: str) -> None:
    assert recover_calls(text) == (calls, rest)


def test_plain_text_has_no_calls() -> None:
    assert recover_calls("The weather in Paris is {sunny}.") == ([], "The weather in Paris is {sunny}.")
    assert find_anomalies({"role": "assistant", "content": "It is sunny."}, "stop") == {}


def _call(arguments: str) -> dict:
    return {"id": "c1", "type": "function", "function": {"name": "get_weather", "arguments": arguments}}


def test_each_kind_of_anomaly_is_counted() -> None:
    hermes = '<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>'
    assert find_anomalies({"content": hermes}, "stop") == {CALLS_IN_CONTENT: 1}
    assert find_anomalies({"content": "[TOOL_CALLS] garbled"}, "stop") == {CALLS_IN_CONTENT: 1}
    assert find_anomalies({"content": None, "tool_calls": []}, "tool_calls") == {EMPTY_TOOL_CALLS: 1}
    bad = find_anomalies({"tool_calls": [_call('{"city": "Par'), _call("[1]"), _call('{"city": "Paris"}')]}, "tool_calls")
    assert bad == {UNPARSEABLE_ARGUMENTS: 2}
    assert find_anomalies({"content": "", "reasoning_content": f"I will call it. {hermes}"}, "stop") == {CALLS_IN_REASONING: 1}
    assert find_anomalies({"content": "", "reasoning": "to=functions.get_weather"}, "stop") == {CALLS_IN_REASONING: 1}


def test_repair_moves_calls_from_content_into_tool_calls() -> None:
    message = {"role": "assistant", "content": 'Checking.<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>'}
    assert repair_message(message) == 1
    assert message["content"] == "Checking."
    [call] = message["tool_calls"]
    assert call["function"] == {"name": "get_weather", "arguments": '{"city": "Paris"}'} and call["id"].startswith("call_")


def test_repair_leaves_unparseable_text_alone() -> None:
    message = {"role": "assistant", "content": "[TOOL_CALLS] not json"}
    assert repair_message(message) == 0 and message == {"role": "assistant", "content": "[TOOL_CALLS] not json"}
