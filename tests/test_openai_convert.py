"""Our Chat Completions conversions (`endpoints.openai_convert`) give what Inspect's public wrappers give,
without reading the openai package's metadata on each call (the wrappers read it every time)."""

from __future__ import annotations

import importlib.metadata
from typing import Any

import pytest
from inspect_ai import model as inspect_model
from inspect_ai.model import (
    ChatMessageAssistant,
    ChatMessageSystem,
    ChatMessageTool,
    ChatMessageUser,
    ContentReasoning,
    ContentText,
    ModelOutput,
)
from inspect_ai.tool import ToolCall
from pydantic import ValidationError

from agentbench.endpoints import openai_api, openai_convert
from agentbench.endpoints.completion_shape import MalformedReply

MESSAGES = [
    ChatMessageSystem(content="You are terse."),
    ChatMessageUser(content="Weather in Paris and Oslo?"),
    ChatMessageAssistant(content=[ContentReasoning(reasoning="Two cities: two calls."), ContentText(text="Checking.")],
                         tool_calls=[ToolCall(id="call_a", function="get_weather", arguments={"city": "Paris"}),
                                     ToolCall(id="call_b", function="get_weather", arguments={"city": "Oslo"})]),
    ChatMessageTool(content="18C", tool_call_id="call_a", function="get_weather"),
    ChatMessageTool(content="", tool_call_id="call_b", function="get_weather"),
    ChatMessageUser(content=[ContentText(text="And "), ContentText(text="tomorrow?")]),
]

USAGE = {"prompt_tokens": 70, "completion_tokens": 5, "total_tokens": 75,
         "prompt_tokens_details": {"cached_tokens": 64}, "completion_tokens_details": {"reasoning_tokens": 3}}


def _completion(message: dict[str, Any], finish: str = "stop", usage: dict[str, Any] | None = USAGE) -> dict[str, Any]:
    return {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", **message}, "finish_reason": finish}],
            **({"usage": usage} if usage else {})}


COMPLETIONS = {
    "text": _completion({"content": "It is 18C."}),
    "cut": _completion({"content": "It is"}, "length", None),
    "reasoning": _completion({"content": "42", "reasoning_content": "Let me think."}),
    "tool calls": _completion({"content": None, "tool_calls": [
        {"id": "call_a", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}},
        {"id": "call_b", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Os'}}]}, "tool_calls"),
    "refusal": _completion({"content": None, "refusal": "I cannot help."}, "content_filter"),
    "empty": _completion({"content": ""}),
}


async def test_messages_convert_as_inspects_public_wrapper_converts_them() -> None:
    assert await openai_convert.messages_to_openai(MESSAGES) == await inspect_model.messages_to_openai(MESSAGES)


@pytest.mark.parametrize("name", COMPLETIONS)
async def test_a_reply_converts_as_inspects_public_wrapper_converts_it(name: str) -> None:
    ours = openai_convert.model_output_from_openai(COMPLETIONS[name])
    theirs = await inspect_model.model_output_from_openai(COMPLETIONS[name])
    assert _comparable(ours) == _comparable(theirs)


def _comparable(output: ModelOutput) -> dict[str, Any]:
    """The output without what is new on each conversion (its time, each message's random id)."""
    dumped = output.model_dump(exclude={"time"})
    for choice in dumped["choices"]:
        choice["message"].pop("id")
    return dumped


@pytest.mark.parametrize("broken", [{"choices": "none"}, {**COMPLETIONS["text"], "choices": [{"index": 0}]},
                                    {**COMPLETIONS["text"], "usage": {"prompt_tokens": "many"}}])
async def test_a_malformed_reply_is_refused_as_inspect_refuses_it(broken: dict[str, Any]) -> None:
    """Refused where Inspect refuses, in one line naming the field where Inspect raises pydantic's whole report."""
    with pytest.raises(MalformedReply, match=r"^the reply is not a chat completion: [\w.]+: .*\(got .*\)$"):
        openai_convert.model_output_from_openai(broken)
    with pytest.raises(ValidationError):
        await inspect_model.model_output_from_openai(broken)


async def test_conversions_read_no_package_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost removed: Inspect's wrappers look the openai distribution up on every call; ours never do."""
    lookups: list[str] = []
    real = importlib.metadata.Distribution.from_name

    def counted(name: str) -> importlib.metadata.Distribution:
        lookups.append(name)
        return real(name)

    monkeypatch.setattr(importlib.metadata.Distribution, "from_name", staticmethod(counted))
    await inspect_model.messages_to_openai(MESSAGES)
    inspect_model_output = await inspect_model.model_output_from_openai(COMPLETIONS["text"])
    assert lookups.count("openai") == 2 and inspect_model_output.completion  # the check this test would catch
    lookups.clear()
    for _ in range(5):
        await openai_convert.messages_to_openai(MESSAGES)
        openai_convert.model_output_from_openai(COMPLETIONS["tool calls"])
    assert lookups == []


def test_our_model_api_converts_through_these() -> None:
    assert openai_api.messages_to_openai is openai_convert.messages_to_openai
    assert openai_api.model_output_from_openai is openai_convert.model_output_from_openai


def test_our_openai_floor_is_the_one_inspect_checks_for() -> None:
    """Inspect's wrappers refuse openai older than its minimum; skipping their check is safe only while
    our own dependency floor (pyproject.toml) is at least that minimum, so the installer enforces it."""
    import tomllib
    from pathlib import Path

    from inspect_ai.model._providers.providers import validate_openai_client
    from packaging.requirements import Requirement
    from packaging.version import Version

    source = Path(validate_openai_client.__code__.co_filename).read_text()
    minimum = Version(source.split("def validate_openai_client", 1)[1].split('MIN_VERSION = "', 1)[1].split('"', 1)[0])
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    [floor] = [Requirement(r) for r in pyproject["project"]["dependencies"] if Requirement(r).name == "openai"]
    assert any(s.operator == ">=" and Version(s.version) >= minimum for s in floor.specifier), (floor, minimum)
