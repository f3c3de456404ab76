"""Usage counted with the real tokenizer, per the formula in agentbench.refserver.usage."""

from __future__ import annotations

import json

import openai
import pytest

from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.models import NULL_REPLY, UNKNOWN_TASK_REPLY
from agentbench.refserver.settings import Settings
from agentbench.refserver.usage import MESSAGE_OVERHEAD, REPLY_PRIMING, tool_call_text
from agentbench.tokenizers import get_tokenizer
from openai_tools import PYTHON_TOOL as PYTHON, SUBMIT_TOOL as SUBMIT



@pytest.fixture(scope="module")
def client():
    with EmbeddedServer(Settings()) as server:
        yield openai.OpenAI(base_url=server.base_url, api_key="unused", max_retries=0)


def test_prompt_tokens_follow_the_documented_formula(client: openai.OpenAI) -> None:
    arguments = json.dumps({"code": "print(2 + 2)"})
    messages = [
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "What is 2 + 2?"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "python", "arguments": arguments}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "4\n"},
        {"role": "user", "content": [{"type": "text", "text": "Thanks. "}, {"type": "text", "text": "Answer now."}]},
    ]
    count = get_tokenizer("qwen3").count
    expected = (
        REPLY_PRIMING
        + len(messages) * MESSAGE_OVERHEAD
        + count("You are terse.")
        + count("What is 2 + 2?")
        + count(tool_call_text("python", arguments))
        + count("4\n")
        + count("Thanks. Answer now.")
        + count(json.dumps([PYTHON]))
    )
    usage = client.chat.completions.create(model="ref/null", messages=messages, tools=[PYTHON]).usage
    assert usage.prompt_tokens == expected
    assert usage.completion_tokens == count(NULL_REPLY)


def test_tool_call_completion_tokens_count_the_call_json(client: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": "Hello?"}]
    completion = client.chat.completions.create(model="ref/oracle", messages=messages, tools=[SUBMIT], tool_choice="required")
    [call] = completion.choices[0].message.tool_calls
    assert call.function.arguments == json.dumps({"answer": UNKNOWN_TASK_REPLY})
    assert completion.usage.completion_tokens == get_tokenizer("qwen3").count(tool_call_text("submit", call.function.arguments))


def test_another_tokenizer_counts_differently() -> None:
    text = "Mixture-of-experts routing 路由 " * 50
    with EmbeddedServer(Settings(tokenizer="deepseek-v3")) as server:
        deepseek = openai.OpenAI(base_url=server.base_url, api_key="unused")
        usage = deepseek.chat.completions.create(model="ref/null", messages=[{"role": "user", "content": text}]).usage
    assert usage.prompt_tokens == get_tokenizer("deepseek-v3").count(text) + MESSAGE_OVERHEAD + REPLY_PRIMING
    assert usage.prompt_tokens != get_tokenizer("qwen3").count(text) + MESSAGE_OVERHEAD + REPLY_PRIMING


@pytest.mark.slow
def test_a_million_token_prompt_is_accepted_by_the_oracle(client: openai.OpenAI) -> None:
    haystack = "The quick brown fox jumps over the lazy dog. " * 104_858
    tokens = get_tokenizer("qwen3").count(haystack)
    assert tokens >= 1_048_576
    completion = client.with_options(timeout=60).chat.completions.create(model="ref/oracle", messages=[{"role": "user", "content": haystack}])
    assert completion.usage.prompt_tokens == tokens + MESSAGE_OVERHEAD + REPLY_PRIMING
    assert completion.choices[0].finish_reason == "stop"
    assert completion.choices[0].message.content
