"""Streamed completions merged by `chunks.CompletionAccumulator`: the same answer the SDK's own
accumulation gives, TTFT at the first output, and every broken stream refused, not half-read."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Sequence
from typing import Any

import pytest
from inspect_ai.model import model_output_from_openai
from openai import APIConnectionError, APIError, APITimeoutError
from openai.lib.streaming.chat import ChatCompletionStreamState
from openai.types.chat import ChatCompletionChunk

from agentbench.endpoints.chunks import CompletionAccumulator, MalformedChunk
from agentbench.endpoints.retries import StreamBroken, is_retryable
from agentbench.endpoints.streaming import streamed_completion
from agentbench.endpoints.tool_anomalies import UNPARSEABLE_ARGUMENTS, find_anomalies
from scripted_sse import Scripted as _Scripted, call as _call, chunk as _chunk, sse as _sse

USAGE = {"prompt_tokens": 7, "completion_tokens": 5, "total_tokens": 12}

TEXT = [_chunk({"role": "assistant", "content": ""}), *(_chunk({"content": piece}) for piece in ("Hel", "lo, ", "wor", "ld")),
        _chunk({}, "stop"), _chunk(None, usage=USAGE)]
TOOLS = [
    _chunk({"role": "assistant", "content": None}),
    _chunk({"tool_calls": [_call(0, id="call_a", name="get_weather", arguments="")]}),
    _chunk({"tool_calls": [_call(0, arguments='{"ci')]}),
    _chunk({"tool_calls": [_call(1, id="call_b", name="get_", arguments='{"city"')]}),
    _chunk({"tool_calls": [_call(0, arguments='ty": "Paris"}'), _call(1, name="time", arguments=': "Oslo"}')]}),
    _chunk({}, "tool_calls"),
    _chunk(None, usage=USAGE),
]
REASONING = [_chunk({"role": "assistant"}), _chunk({"reasoning_content": "Let me "}), _chunk({"reasoning_content": "think."}),
             _chunk({"content": "42"}), _chunk({"content": ""}, "stop", usage=USAGE)]
BAD_ARGUMENTS = [_chunk({"role": "assistant", "tool_calls": [_call(0, id="call_x", name="get_weather", arguments='{"city": "Par')]}),
                 _chunk({}, "tool_calls"), _chunk(None, usage=USAGE)]


def _ours(chunks: Sequence[object]) -> dict[str, Any]:
    accumulator = CompletionAccumulator()
    for chunk in chunks:
        accumulator.add(chunk)
    return accumulator.completion()


def _sdks(chunks: Sequence[dict[str, Any]]) -> dict[str, Any]:
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    for chunk in chunks:
        state.handle_chunk(ChatCompletionChunk.model_validate(chunk))
    return state.get_final_completion().model_dump(exclude_none=True)


@pytest.mark.parametrize("chunks", [TEXT, TOOLS, REASONING, BAD_ARGUMENTS], ids=["text", "tools", "reasoning", "bad-args"])
async def test_same_answer_as_the_sdks_accumulation(chunks: list[dict[str, Any]]) -> None:
    ours, sdks = await model_output_from_openai(_ours(chunks)), await model_output_from_openai(_sdks(chunks))
    unrelated = {"time": True, "choices": {"__all__": {"message": {"id"}}}}  # message ids are drawn at random
    assert ours.model_dump(exclude=unrelated) == sdks.model_dump(exclude=unrelated)
    assert ours.usage is not None and ours.usage.output_tokens == 5


def test_tool_call_fragments_assembled_in_index_order() -> None:
    calls = _ours(TOOLS)["choices"][0]["message"]["tool_calls"]
    assert [(c["id"], c["function"]["name"], json.loads(c["function"]["arguments"])) for c in calls] == [
        ("call_a", "get_weather", {"city": "Paris"}), ("call_b", "get_time", {"city": "Oslo"})]


def test_malformed_arguments_kept_verbatim_and_flagged() -> None:
    completion = _ours(BAD_ARGUMENTS)
    choice = completion["choices"][0]
    assert choice["message"]["tool_calls"][0]["function"]["arguments"] == '{"city": "Par'
    assert find_anomalies(choice["message"], choice["finish_reason"])[UNPARSEABLE_ARGUMENTS] == 1


async def test_a_stream_that_never_names_the_role_is_still_an_assistant_message() -> None:
    """Some servers send no `role` delta; the SDK's accumulation cannot even validate such a completion."""
    output = await model_output_from_openai(_ours([{**chunk, "choices": [{**chunk["choices"][0], "delta": {"content": "hi"}}]}
                                                   if chunk["choices"] else chunk for chunk in TEXT]))
    assert output.message.role == "assistant" and output.completion == "hi" * 6


async def test_a_role_repeated_in_every_delta_is_not_concatenated() -> None:
    chunks = [{**chunk, "choices": [{**chunk["choices"][0], "delta": {**chunk["choices"][0]["delta"], "role": "assistant"}}]}
              if chunk["choices"] else chunk for chunk in TEXT]
    output = await model_output_from_openai(_ours(chunks))
    assert output.message.role == "assistant" and output.completion == "Hello, world"


def test_usage_only_final_chunk_and_finish() -> None:
    accumulator = CompletionAccumulator()
    for chunk in TEXT[:-2]:
        accumulator.add(chunk)
    assert not accumulator.finished
    accumulator.add(TEXT[-2])
    assert accumulator.finished and "usage" not in accumulator.completion()
    assert accumulator.add(TEXT[-1]) is False
    assert accumulator.completion()["usage"] == USAGE
    assert accumulator.completion()["choices"] == [{"index": 0, "finish_reason": "stop",
                                                    "message": {"role": "assistant", "content": "Hello, world"}}]


def test_output_starts_at_text_reasoning_or_tool_call_not_at_the_role() -> None:
    accumulator = CompletionAccumulator()
    assert [accumulator.add(chunk) for chunk in REASONING] == [False, True, True, True, False]
    assert [CompletionAccumulator().add(chunk) for chunk in TOOLS[:2]] == [False, True]
    assert CompletionAccumulator().add(_chunk({"content": ""})) is False


def test_output_is_counted_in_chunks_and_characters_and_a_cut_ends_it_at_length() -> None:
    accumulator = CompletionAccumulator()
    for chunk in TOOLS[:5]:
        accumulator.add(chunk)
    arguments = '{"city": "Paris"}' + '{"city": "Oslo"}'
    assert accumulator.chunks == 5 and accumulator.output_chars == len("get_weather" + "get_time") + len(arguments)
    assert not accumulator.finished
    accumulator.cut()
    assert accumulator.finished and {c["finish_reason"] for c in accumulator.completion()["choices"]} == {"length"}
    empty = CompletionAccumulator()
    empty.cut()
    assert not empty.finished  # nothing arrived: still a broken stream, not a reply


@pytest.mark.parametrize("chunk", [["not", "an", "object"], "text", 3, {"choices": "x"}, {"choices": ["x"]},
                                   _chunk({"tool_calls": {"index": 0}}), _chunk({"tool_calls": ["x"]}),
                                   _chunk({"tool_calls": [{"index": "0"}]}), {"choices": [{"index": "0", "delta": {}}]},
                                   {"choices": [{"index": 0, "delta": "text"}]}, _chunk({"content": 123}),
                                   _chunk({"reasoning_content": ["x"]}), _chunk({"tool_calls": [{"index": 0, "function": {"name": 5}}]}),
                                   _chunk({"tool_calls": [{"index": 0, "function": {"arguments": {"city": "Paris"}}}]}),
                                   _chunk({"tool_calls": [{"index": 0, "function": "get_weather"}]})])
def test_a_chunk_that_is_not_a_completion_chunk_is_refused(chunk: object) -> None:
    with pytest.raises(MalformedChunk):
        CompletionAccumulator().add(chunk)


# --- against a scripted server: the SDK's connection, our accumulation --------------------------------


REQUEST = {"model": "m", "messages": [{"role": "user", "content": "hi"}], "extra_body": {"top_k": 3},
           "extra_headers": {"X-Test": "1"}}


async def test_streamed_through_the_sdk_with_usage_asked_and_extras_sent() -> None:
    scripted = _Scripted(_sse(TOOLS))
    async with scripted as client:
        timed = await streamed_completion(client, dict(REQUEST))
    sent = scripted.requests[0]
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True} and sent["top_k"] == 3
    assert "extra_body" not in sent and "extra_headers" not in sent
    assert timed.streamed and timed.completion["usage"] == USAGE and 0 < timed.ttft_s <= timed.e2e_s
    assert len(timed.completion["choices"][0]["message"]["tool_calls"]) == 2


async def test_simulated_timing_from_the_finishing_chunk() -> None:
    planted = {"simulated": True, "ttft_s": 0.5, "e2e_s": 2.0}
    async with _Scripted(_sse([*TEXT[:-1], {**TEXT[-1], "agentbench_simulated_timing": planted}])) as client:
        timed = await streamed_completion(client, dict(REQUEST))
    assert timed.simulated == planted


async def test_a_stream_past_max_tokens_is_cut_at_the_bound_and_a_finished_one_is_read_whole() -> None:
    for piece, count, kept in (("w", 5000, 4 * 10 + 1024), ("x" * 1000, 50, 4), ("", 5000, 0)):  # chunks, characters, empty deltas
        endless = [_chunk({"role": "assistant"}), *(_chunk({"content": piece}) for _ in range(count))]  # no finish, no end
        async with _Scripted(_sse(endless, done=False)) as client:
            timed = await streamed_completion(client, {**REQUEST, "max_tokens": 10})
        message = timed.completion["choices"][0]
        assert message["finish_reason"] == "length" and message["message"]["content"] == piece * kept
    overshoot = [_chunk({"role": "assistant"}), *(_chunk({"content": "w"}) for _ in range(1000)), _chunk({}, "stop")]
    async with _Scripted(_sse(overshoot)) as client:  # transformers serve: past the cap, but it stops on its own
        timed = await streamed_completion(client, {**REQUEST, "max_tokens": 10})
    assert timed.completion["choices"][0]["finish_reason"] == "stop"
    assert timed.completion["choices"][0]["message"]["content"] == "w" * 1000


async def test_a_stream_of_keep_alive_comments_alone_times_out_like_silence() -> None:
    """A proxy that keeps the connection open with `: keep-alive` comments while nothing comes (the
    server behind it hung) sends bytes, so the read timeout never fires: the sample waited forever."""
    async with _Scripted(_sse(TEXT[:1], done=False), keep_alive_s=0.05) as client:
        patient = client.with_options(timeout=2.0)
        with pytest.raises(APITimeoutError):
            await asyncio.wait_for(streamed_completion(patient, {"model": "m", "messages": []}), timeout=300)


async def test_a_stream_ending_before_its_finish_reason_is_broken_and_retried() -> None:
    async with _Scripted(_sse(TEXT[:3], done=False)) as client:
        with pytest.raises(StreamBroken) as raised:
            await streamed_completion(client, dict(REQUEST))
    assert is_retryable(raised.value)


async def test_a_connection_dropped_mid_stream_is_a_retryable_connection_error() -> None:
    async with _Scripted(_sse(TEXT[:3], done=False), chunked=True) as client:
        with pytest.raises(APIConnectionError) as raised:
            await streamed_completion(client, dict(REQUEST))
    assert is_retryable(raised.value)


async def test_an_error_event_mid_stream_raises_the_servers_message() -> None:
    body = _sse(TEXT[:2], done=False) + b'data: {"error": {"message": "engine died", "type": "server_error"}}\n\n'
    async with _Scripted(body) as client:
        with pytest.raises(APIError, match="engine died"):
            await streamed_completion(client, dict(REQUEST))


@pytest.mark.parametrize("line", [b"data: {not json\n\n", b'data: ["a list"]\n\n'])
async def test_a_malformed_data_line_fails_the_call_instead_of_being_skipped(line: bytes) -> None:
    async with _Scripted(_sse(TEXT[:2], done=False) + line + _sse(TEXT[2:])) as client:
        with pytest.raises((ValueError, MalformedChunk)):
            await streamed_completion(client, dict(REQUEST))


async def test_comments_and_events_split_across_reads_are_decoded() -> None:
    body = b": keep-alive\n\n" + _sse(TOOLS).replace(b"\n\n", b"\r\n\r\n")
    async with _Scripted(body, piece=7) as client:
        timed = await streamed_completion(client, dict(REQUEST))
    assert timed.completion == _ours(TOOLS)



async def test_a_long_prompt_is_counted_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting a 1M-token prompt takes about a second: on the event loop it would stall every other sample."""
    from inspect_ai.model import get_model

    import agentbench._registry  # noqa: F401  (registers our model API)
    from agentbench.endpoints import openai_api

    threads: list[str] = []

    class Counting:
        def count(self, text: str) -> int:
            threads.append(threading.current_thread().name)
            return len(text.split())

    monkeypatch.setattr(openai_api, "get_tokenizer", lambda name: Counting())
    api = get_model("agentbench/m", base_url="http://127.0.0.1:9/v1", memoize=False).api
    short, long = "a b", "word " * openai_api.COUNT_INLINE_CHARS
    assert [await api.count_text_tokens(short), await api.count_text_tokens(long)] == [2, openai_api.COUNT_INLINE_CHARS]
    assert threads[0] == threading.current_thread().name != threads[1]
