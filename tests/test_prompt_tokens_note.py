"""The long-context suite notes each prompt's exact token count so our model API does not count a
1M-token prompt a second time; any prompt the note does not describe exactly is counted as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from inspect_ai.model import ChatMessageSystem, ChatMessageUser, GenerateConfig, get_model
from inspect_ai.tool import ToolInfo
from inspect_ai.util import store

import agentbench._registry  # noqa: F401  (registers our model API)
from agentbench.endpoints import openai_api
from agentbench.endpoints.prompt_tokens import note_prompt_tokens, noted_prompt_tokens
from agentbench.suites.long_context.generate import build_sample
from agentbench.suites.long_context.spec import LongContextSpec
from agentbench.tokenizers import DEFAULT_TOKENIZER, get_tokenizer

WINDOW = 8192
SUITE = GenerateConfig(max_tokens=4096)
PROMPT = "the haystack " * 500


class CountingTokenizer:
    """The real tokenizer, counting what our model API asks it to count."""

    def __init__(self, name: str) -> None:
        self._real = get_tokenizer(name)
        self.counted: list[int] = []

    def count(self, text: str) -> int:
        self.counted.append(len(text))
        return self._real.count(text)


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> Iterator[CountingTokenizer]:
    spy = CountingTokenizer(DEFAULT_TOKENIZER)
    monkeypatch.setattr(openai_api, "get_tokenizer", lambda name: spy)
    yield spy
    store().delete("agentbench:prompt_tokens")


def _api() -> Any:
    # never contacted: only the request is built
    return get_model("agentbench/ref/oracle", base_url="http://127.0.0.1:9/v1", memoize=False,
                     context_window=WINDOW, tokenizer=DEFAULT_TOKENIZER).api


async def _max_tokens(messages: list[Any], tools: list[ToolInfo] | None = None) -> int:
    return int((await _api()._request(messages, tools or [], "auto", SUITE))["max_tokens"])


async def test_a_noted_prompt_is_not_counted_again_and_keeps_exactly_the_room_the_window_leaves(counter: CountingTokenizer) -> None:
    note_prompt_tokens(DEFAULT_TOKENIZER, PROMPT, WINDOW - 128)
    assert await _max_tokens([ChatMessageUser(content=PROMPT)]) == 128
    assert counter.counted == []


async def test_a_prompt_changed_after_it_was_noted_is_counted(counter: CountingTokenizer) -> None:
    note_prompt_tokens(DEFAULT_TOKENIZER, PROMPT, WINDOW - 128)
    assert await _max_tokens([ChatMessageUser(content=PROMPT + "and one more line")]) == 4096
    assert counter.counted, "a prompt the note does not describe was trusted to the note"


async def test_a_note_in_another_tokenizer_is_not_trusted(counter: CountingTokenizer) -> None:
    note_prompt_tokens("deepseek-v3", PROMPT, WINDOW - 128)
    assert await _max_tokens([ChatMessageUser(content=PROMPT)]) == 4096
    assert counter.counted


@pytest.mark.parametrize("extra", ["system", "tools"])
async def test_a_request_with_more_than_the_noted_user_message_is_counted(counter: CountingTokenizer, extra: str) -> None:
    note_prompt_tokens(DEFAULT_TOKENIZER, PROMPT, 10)
    messages: list[Any] = [ChatMessageUser(content=PROMPT)]
    tools = None
    if extra == "system":
        messages.insert(0, ChatMessageSystem(content="be brief"))
    else:
        tools = [ToolInfo(name="look", description="look at a file")]
    assert await _max_tokens(messages, tools) == 4096
    assert counter.counted


async def test_a_noted_prompt_over_the_window_leaves_the_cap_alone(counter: CountingTokenizer) -> None:
    """No room at all: the server's refusal (context exceeded) is the honest outcome, not a 0 or negative cap."""
    note_prompt_tokens(DEFAULT_TOKENIZER, PROMPT, WINDOW + 5)
    assert await _max_tokens([ChatMessageUser(content=PROMPT)]) == 4096
    assert counter.counted == []


def test_the_note_is_the_count_the_server_makes_of_a_built_sample() -> None:
    """What `fill_and_generate` notes for an 8k sample: its templated count, which leaves exactly the reserve."""
    built = build_sample(LongContextSpec("niah_single_number", WINDOW, 0.5))
    note_prompt_tokens(built.spec.tokenizer, built.prompt, built.prompt_tokens)
    try:
        assert noted_prompt_tokens(DEFAULT_TOKENIZER, built.prompt) == WINDOW - 128
        assert noted_prompt_tokens(DEFAULT_TOKENIZER, built.prompt[:-1]) is None
    finally:
        store().delete("agentbench:prompt_tokens")
