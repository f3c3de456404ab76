"""Content sent as a list of typed parts (Mistral's reasoning models) is read as the answer and its
reasoning, streamed or not, in runs and in the probe; parts that cannot be read fail in one line."""

from __future__ import annotations

import re

import pytest
from inspect_ai.model import ContentReasoning, get_model

import agentbench._registry  # noqa: F401  (registers our model API)
from agentbench.endpoints.chunks import CompletionAccumulator, MalformedChunk
from agentbench.endpoints.completion_shape import MalformedReply, checked_completion
from agentbench.endpoints.content_parts import split_parts
from agentbench.endpoints.probe import probe
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.faults import FAULTS_HEADER, parse_faults
from agentbench.refserver.settings import Settings

THINK = {"type": "thinking", "thinking": [{"type": "text", "text": "Two and "}, {"type": "text", "text": "two."}]}
ANSWER = {"type": "text", "text": "4"}
CITATION = {"type": "reference", "reference_ids": [1, 2]}


def _reply(content: object) -> dict:
    return {"id": "c", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}]}


def test_text_and_thinking_parts_are_the_answer_and_the_reasoning() -> None:
    assert split_parts([THINK, ANSWER, CITATION, {"type": "text", "text": "."}]) == ("4.", "Two and two.")
    assert split_parts([]) == ("", "")


@pytest.mark.parametrize(
    ("parts", "words"),
    [
        (["4"], "content part 0 is not a text, thinking or reference part: '4'"),
        ([ANSWER, {"type": "image_url", "image_url": {"url": "x"}}], "content part 1 is not a text, thinking or reference part"),
        ([{"type": "text", "text": 4}], "content part 0 is not a text"),
        ([{"type": "text"}], "content part 0 is not a text"),
        ([{"type": "thinking", "thinking": "Two and two."}], "content part 0 is not a text, thinking"),
        ([{"type": "thinking", "thinking": ["Two"]}], "content part 0: a thinking piece is not a text part: 'Two'"),
        ([{"type": "thinking", "thinking": [{"type": "text", "text": None}]}], "content part 0: a thinking piece is not a text part"),
    ],
    ids=["bare-string", "unknown-type", "number-text", "no-text", "thinking-string", "thinking-bare-piece", "thinking-null-text"],
)
def test_parts_that_cannot_be_read_are_named(parts: list, words: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(words)):
        split_parts(parts)
    with pytest.raises(MalformedReply, match=r"^the reply is not a chat completion: choices\.0\.message\.content: content part"):
        checked_completion(_reply(parts))
    accumulator = CompletionAccumulator()
    with pytest.raises(MalformedChunk, match="^a delta's content: content part"):
        accumulator.add({"choices": [{"index": 0, "delta": {"content": parts}}]})


def test_a_plain_reply_in_parts_reads_as_text_and_reasoning() -> None:
    message = checked_completion(_reply([THINK, ANSWER])).choices[0].message
    assert message.content == "4" and (message.model_extra or {})["reasoning_content"] == "Two and two."
    kept = _reply([THINK, ANSWER])
    kept["choices"][0]["message"]["reasoning_content"] = "sent apart"
    assert (checked_completion(kept).choices[0].message.model_extra or {})["reasoning_content"] == "sent apart"


def test_streamed_parts_count_as_output_from_the_first_thought() -> None:
    accumulator = CompletionAccumulator()
    deltas = [{"role": "assistant", "content": ""}, {"content": [THINK]}, {"content": [ANSWER]}, {"content": [CITATION]}]
    carried = [accumulator.add({"choices": [{"index": 0, "delta": delta}]}) for delta in deltas]
    assert carried == [False, True, True, False]  # TTFT is the first thought, as for reasoning_content
    accumulator.add({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    message = accumulator.completion()["choices"][0]["message"]
    assert (message["content"], message["reasoning_content"]) == ("4", "Two and two.")


@pytest.mark.parametrize("stream", [True, False], ids=["streamed", "plain"])
async def test_a_run_reads_a_server_sending_parts_as_one_sending_strings(stream: bool) -> None:
    """The simulated model thinks before it answers: the answer, the reasoning and the tokens are the same either way."""
    with EmbeddedServer() as server:
        outputs = []
        for faults in ("", "content_parts=1"):
            model = get_model("agentbench/ref/sim-a3b", base_url=server.base_url, memoize=False, stream=stream,
                              headers={FAULTS_HEADER: faults})
            outputs.append(await model.generate("What is 2+2?"))
    strings, parts = outputs
    assert parts.stop_reason == strings.stop_reason and parts.completion == strings.completion and parts.completion
    reasoning = [[c.reasoning for c in out.message.content if isinstance(c, ContentReasoning)] for out in outputs]
    assert reasoning[0] == reasoning[1] and reasoning[0] and reasoning[0][0]
    assert parts.usage is not None and strings.usage is not None
    assert (parts.usage.output_tokens, parts.usage.reasoning_tokens) == (strings.usage.output_tokens, strings.usage.reasoning_tokens)
    assert parts.error is None


def test_the_probe_passes_a_server_sending_parts() -> None:
    with EmbeddedServer(Settings(faults=parse_faults("content_parts=1"))) as server:
        report = probe(server.base_url, "ref/oracle-8k", timeout_s=60, long_checks=False)
    assert report.ok and all(check.status == "pass" for check in report.checks), report.checks
