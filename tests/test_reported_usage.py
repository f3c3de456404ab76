"""A server's usage is trusted only when it can be true. Negative counts were summed into a sample's
tokens (and would price it below nothing), 10^15 prompt tokens priced it beyond any budget, and a
count given as text failed the call ("1 validation error for ChatCompletion"); each is now dropped
and the call's tokens are counted, as for a server that reports no usage."""

from __future__ import annotations

import pytest
from inspect_ai.model import get_model

import agentbench._registry  # noqa: F401  (registers our model API)
from agentbench.endpoints.reported_usage import PLAUSIBLE_TOKENS, usage_problem
from scripted_sse import Scripted, chunk, sse

GOOD = {"prompt_tokens": 12, "completion_tokens": 4, "total_tokens": 16}


@pytest.mark.parametrize("usage", [
    GOOD,
    {"prompt_tokens": 12.0, "completion_tokens": 4, "total_tokens": 16},  # whole floats: some servers send them
    {**GOOD, "prompt_tokens_details": None, "completion_tokens_details": {"reasoning_tokens": 0}},
    {**GOOD, "prompt_tokens_details": {"cached_tokens": 8}},
    {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
])
def test_true_usage_is_trusted(usage: dict) -> None:
    assert usage_problem(usage) is None


@pytest.mark.parametrize(("usage", "problem"), [
    ({**GOOD, "prompt_tokens": -100}, "prompt_tokens is -100"),
    ({**GOOD, "completion_tokens": "4"}, "completion_tokens is '4', not a whole number"),
    ({**GOOD, "total_tokens": True}, "total_tokens is True, not a whole number"),
    ({**GOOD, "prompt_tokens": 1e15}, "prompt_tokens is 1,000,000,000,000,000"),
    ({**GOOD, "prompt_tokens": PLAUSIBLE_TOKENS + 1}, "prompt_tokens is 100,000,001"),
    ({**GOOD, "completion_tokens": 2.5}, "completion_tokens is 2.5, not a whole number"),
    ({"completion_tokens": 4, "total_tokens": 4}, "prompt_tokens is None, not a whole number"),
    ({**GOOD, "prompt_tokens_details": {"cached_tokens": -1}}, "prompt_tokens_details.cached_tokens is -1"),
    ({**GOOD, "completion_tokens_details": [1]}, "completion_tokens_details is [1], not an object"),
    ("lots", "usage is 'lots', not an object"),
])
def test_usage_that_cannot_be_true_is_named(usage: object, problem: str) -> None:
    assert usage_problem(usage) == problem


ANSWER = [chunk({"role": "assistant"}), chunk({"content": "The answer is 42."}), chunk({}, "stop")]


@pytest.mark.parametrize("usage", [{"prompt_tokens": -100, "completion_tokens": -5, "total_tokens": -105},
                                   {"prompt_tokens": "abc", "completion_tokens": 4, "total_tokens": 4},
                                   {"prompt_tokens": 10**15, "completion_tokens": 4, "total_tokens": 10**15 + 4}])
async def test_a_call_with_impossible_usage_is_counted_instead(usage: dict) -> None:
    async with Scripted(sse([*ANSWER, chunk(None, usage=usage)])) as client:
        model = get_model("agentbench/m", base_url=str(client.base_url), memoize=False)
        output = await model.generate("What is six times seven?")
    assert output.completion == "The answer is 42." and output.usage is not None
    assert 0 < output.usage.input_tokens < 100 and 0 < output.usage.output_tokens < 20


async def test_a_call_with_true_usage_keeps_it() -> None:
    async with Scripted(sse([*ANSWER, chunk(None, usage=GOOD)])) as client:
        model = get_model("agentbench/m", base_url=str(client.base_url), memoize=False)
        output = await model.generate("What is six times seven?")
    assert output.usage is not None and (output.usage.input_tokens, output.usage.output_tokens) == (12, 4)
