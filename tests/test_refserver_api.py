"""The reference server's OpenAI API, exercised with the official openai SDK against a running server."""

from __future__ import annotations

import json

import httpx
import openai
import pytest
from openai.lib.streaming.chat import ChatCompletionStreamState

from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.models import NULL_REPLY, UNKNOWN_TASK_REPLY
from agentbench.oracle import Conversation, Reply
from agentbench.refserver.settings import Settings
from openai_tools import SUBMIT_TOOL

KEY = "test-key-0123456789"
HELLO = [{"role": "user", "content": "Hello, who are you?"}]


@pytest.fixture(scope="module")
def server():
    with EmbeddedServer(Settings(api_key=KEY)) as running:
        yield running


@pytest.fixture
def client(server: EmbeddedServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key=KEY, max_retries=0)


@pytest.fixture
def aclient(server: EmbeddedServer) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url=server.base_url, api_key=KEY, max_retries=0)


def _post(server: EmbeddedServer, content: bytes, key: str = KEY) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    return httpx.post(f"{server.base_url}/chat/completions", content=content, headers=headers, timeout=60)


def _assert_openai_error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["message"] and "\n" not in error["message"]
    return error


def test_plain_reply_with_usage(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(model="ref/null", messages=HELLO)
    choice = completion.choices[0]
    assert choice.message.content == NULL_REPLY
    assert choice.message.tool_calls is None
    assert choice.finish_reason == "stop"
    assert completion.model == "ref/null"
    assert completion.usage is not None
    assert completion.usage.prompt_tokens > 5
    assert completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens


def test_stream_text_in_several_deltas_with_usage_last(client: openai.OpenAI) -> None:
    whole = client.chat.completions.create(model="ref/oracle", messages=HELLO)
    chunks = list(client.chat.completions.create(model="ref/oracle", messages=HELLO, stream=True, stream_options={"include_usage": True}))
    assert chunks[0].choices[0].delta.role == "assistant"
    texts = [c.choices[0].delta.content for c in chunks if c.choices and c.choices[0].delta.content]
    assert len(texts) >= 3
    assert "".join(texts) == UNKNOWN_TASK_REPLY
    assert [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason] == ["stop"]
    assert all(c.usage is None for c in chunks[:-1])
    assert chunks[-1].choices == []
    assert chunks[-1].usage == whole.usage
    assert len({c.id for c in chunks}) == 1


def test_stream_without_include_usage_has_no_usage(client: openai.OpenAI) -> None:
    chunks = list(client.chat.completions.create(model="ref/null", messages=HELLO, stream=True))
    assert all(c.usage is None for c in chunks)
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_stream_tool_call_deltas_accumulate_to_the_same_call(client: openai.OpenAI) -> None:
    request = {"model": "ref/oracle", "messages": HELLO, "tools": [SUBMIT_TOOL], "tool_choice": "required"}
    whole = client.chat.completions.create(**request)
    state = ChatCompletionStreamState()
    chunks = list(client.chat.completions.create(**request, stream=True, stream_options={"include_usage": True}))
    for chunk in chunks:
        state.handle_chunk(chunk)
    streamed = state.get_final_completion()
    [call] = streamed.choices[0].message.tool_calls
    [expected] = whole.choices[0].message.tool_calls
    assert (call.function.name, call.function.arguments) == (expected.function.name, expected.function.arguments)
    assert json.loads(call.function.arguments) == {"answer": UNKNOWN_TASK_REPLY}
    assert streamed.choices[0].finish_reason == "tool_calls"
    assert streamed.usage == whole.usage
    deltas = [c.choices[0].delta.tool_calls[0] for c in chunks if c.choices and c.choices[0].delta.tool_calls]
    assert deltas[0].id and deltas[0].type == "function" and deltas[0].function.name == "submit"
    assert len(deltas) > 2
    assert all(d.index == 0 and d.id is None and d.function.name is None for d in deltas[1:])


async def test_async_client_plain_and_streaming(aclient: openai.AsyncOpenAI) -> None:
    completion = await aclient.chat.completions.create(model="ref/null", messages=HELLO)
    assert completion.choices[0].message.content == NULL_REPLY
    stream = await aclient.chat.completions.create(model="ref/null", messages=HELLO, stream=True, stream_options={"include_usage": True})
    text, usage = "", None
    async for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
        usage = chunk.usage or usage
    assert text == NULL_REPLY
    assert usage == completion.usage


async def test_async_tool_choice_named(aclient: openai.AsyncOpenAI) -> None:
    completion = await aclient.chat.completions.create(
        model="ref/oracle", messages=HELLO, tools=[SUBMIT_TOOL], tool_choice={"type": "function", "function": {"name": "submit"}}
    )
    [call] = completion.choices[0].message.tool_calls
    assert call.function.name == "submit"
    assert completion.choices[0].finish_reason == "tool_calls"


def test_tool_choice_none_and_auto_on_unknown_task_answer_in_text(client: openai.OpenAI) -> None:
    for choice in ("none", "auto"):
        completion = client.chat.completions.create(model="ref/oracle", messages=HELLO, tools=[SUBMIT_TOOL], tool_choice=choice)
        assert completion.choices[0].message.tool_calls is None
        assert completion.choices[0].message.content == UNKNOWN_TASK_REPLY


def test_bad_tool_choice_is_400(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError, match="only allowed when 'tools' are specified"):
        client.chat.completions.create(model="ref/oracle", messages=HELLO, tool_choice="required")
    with pytest.raises(openai.BadRequestError, match="no function named 'bash'"):
        client.chat.completions.create(
            model="ref/oracle", messages=HELLO, tools=[SUBMIT_TOOL], tool_choice={"type": "function", "function": {"name": "bash"}}
        )


def test_models_list_their_context_windows(client: openai.OpenAI) -> None:
    models = {m.id: m.model_dump() for m in client.models.list()}
    assert set(models) == {"ref/oracle", "ref/null", "ref/oracle-8k", "ref/oracle-128k", "ref/sim-a3b", "ref/sim-a37b"}
    assert models["ref/sim-a3b"]["context_window"] == 131_072
    assert models["ref/oracle"]["context_window"] == models["ref/oracle"]["max_model_len"] == 1_100_000
    assert models["ref/null"]["context_window"] == 1_100_000
    assert models["ref/oracle-8k"]["context_window"] == 8192
    assert client.models.retrieve("ref/oracle-8k").model_dump()["max_model_len"] == 8192
    assert models["ref/oracle-128k"]["context_window"] == 131_072


def test_context_window_setting_overrides_default() -> None:
    with EmbeddedServer(Settings(context_window=32_000)) as small:
        data = httpx.get(f"{small.base_url}/models").json()["data"]
    assert {m["id"]: m["context_window"] for m in data} == {"ref/oracle": 32_000, "ref/null": 32_000, "ref/oracle-8k": 8192, "ref/oracle-128k": 131_072, "ref/sim-a3b": 131_072, "ref/sim-a37b": 131_072}


def test_wrong_or_missing_key_is_401(server: EmbeddedServer) -> None:
    bad = openai.OpenAI(base_url=server.base_url, api_key="wrong-key-9876543210", max_retries=0)
    with pytest.raises(openai.AuthenticationError) as caught:
        bad.chat.completions.create(model="ref/null", messages=HELLO)
    assert caught.value.code == "invalid_api_key"
    assert "wrong-key-9876543210" not in caught.value.message
    _assert_openai_error(httpx.get(f"{server.base_url}/models"), 401)
    assert httpx.get(server.base_url.removesuffix("/v1") + "/health").json() == {"status": "ok"}


def test_malformed_json_is_400(server: EmbeddedServer) -> None:
    error = _assert_openai_error(_post(server, b'{"model": "ref/null", "messages": ['), 400)
    assert "JSON" in error["message"]
    assert error["type"] == "invalid_request_error"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"model": "ref/null"}, "messages"),
        ({"messages": HELLO}, "model"),
        ({"model": "ref/null", "messages": []}, "messages"),
        ({"model": "ref/null", "messages": [{"role": "robot", "content": "hi"}]}, "messages.0.role"),
        ({"model": "ref/null", "messages": [{"role": "user", "content": 5}]}, "messages.0.content"),
        ({"model": "ref/null", "messages": [{"role": "tool", "content": "out"}]}, "messages.0"),
        ({"model": "ref/null", "messages": HELLO, "tool_choice": "sometimes"}, "tool_choice"),
        ({"model": "ref/null", "messages": HELLO, "max_tokens": 0}, "max_tokens"),
        ([1, 2], None),
    ],
)
def test_schema_problems_are_400_naming_the_field(server: EmbeddedServer, body: object, field: str | None) -> None:
    error = _assert_openai_error(_post(server, json.dumps(body).encode()), 400)
    assert error["param"] == field
    if field:
        assert f"{field}:" in error["message"]


def test_unknown_model_is_404_naming_it_and_the_available_ones(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="gpt-17", messages=HELLO)
    assert caught.value.code == "model_not_found"
    assert "gpt-17" in caught.value.message
    assert "ref/oracle, ref/null, ref/oracle-8k, ref/oracle-128k" in caught.value.message


def test_unknown_route_is_an_openai_error(server: EmbeddedServer) -> None:
    _assert_openai_error(httpx.get(f"{server.base_url}/nothing-here", headers={"Authorization": f"Bearer {KEY}"}), 404)


def test_prompt_over_context_window_is_context_length_exceeded(client: openai.OpenAI) -> None:
    long_text = "alpha beta gamma delta " * 3000
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="ref/oracle-8k", messages=[{"role": "user", "content": long_text}])
    assert caught.value.status_code == 400
    assert caught.value.code == "context_length_exceeded"
    assert caught.value.body["message"].startswith("This model's maximum context length is 8192 tokens. However, your messages resulted in ")
    assert client.chat.completions.create(model="ref/oracle", messages=[{"role": "user", "content": long_text}]).usage.prompt_tokens > 8192


def test_prompt_plus_max_tokens_over_window_is_context_length_exceeded(client: openai.OpenAI) -> None:
    for limit in ({"max_tokens": 8190}, {"max_completion_tokens": 8190}):
        with pytest.raises(openai.BadRequestError) as caught:
            client.chat.completions.create(model="ref/oracle-8k", messages=HELLO, **limit)
        assert caught.value.code == "context_length_exceeded"
        assert "in the messages, 8190 in the completion" in caught.value.message
    assert client.chat.completions.create(model="ref/oracle-8k", messages=HELLO, max_tokens=4000).choices[0].finish_reason == "stop"


def test_max_tokens_truncates_the_reply_with_finish_reason_length(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(model="ref/null", messages=HELLO, max_tokens=4)
    assert completion.choices[0].finish_reason == "length"
    assert completion.usage.completion_tokens == 4
    assert NULL_REPLY.startswith(completion.choices[0].message.content)
    assert len(completion.choices[0].message.content) < len(NULL_REPLY)


class _Exploding:
    """A reference model that crashes, to show the server reports it instead of hanging."""

    name = "test/explode"
    context_window = 1000

    def respond(self, conversation: Conversation) -> Reply:
        raise RuntimeError("boom in the model")


@pytest.mark.parametrize("stream", [False, True])
def test_exception_inside_a_model_is_a_json_500(stream: bool) -> None:
    with EmbeddedServer(Settings(), models=[_Exploding()]) as crashing:
        body = json.dumps({"model": "test/explode", "messages": HELLO, "stream": stream}).encode()
        response = httpx.post(f"{crashing.base_url}/chat/completions", content=body, timeout=60)
    error = _assert_openai_error(response, 500)
    assert error["type"] == "server_error"
    assert "test/explode failed: RuntimeError: boom in the model" in error["message"]


class _Thinker:
    """A reference model that reasons before answering, as reasoning MoE models do."""

    name = "test/thinker"
    context_window = 100_000
    reasoning = "The user greets me. A greeting deserves a greeting back, kept short."

    def respond(self, conversation: Conversation) -> Reply:
        return Reply(content="Hello to you too.", reasoning=self.reasoning)


def test_reasoning_is_returned_streamed_and_counted() -> None:
    from agentbench.tokenizers import get_tokenizer

    with EmbeddedServer(Settings(), models=[_Thinker()]) as thinking:
        client = openai.OpenAI(base_url=thinking.base_url, api_key="unused", max_retries=0)
        whole = client.chat.completions.create(model="test/thinker", messages=HELLO)
        chunks = list(client.chat.completions.create(model="test/thinker", messages=HELLO, stream=True))
        cut = client.chat.completions.create(model="test/thinker", messages=HELLO, max_tokens=5)
    count = get_tokenizer("qwen3").count
    assert whole.choices[0].message.model_extra["reasoning_content"] == _Thinker.reasoning
    assert whole.usage.completion_tokens_details.reasoning_tokens == count(_Thinker.reasoning)
    assert whole.usage.completion_tokens == count(_Thinker.reasoning) + count("Hello to you too.")
    pieces = [c.choices[0].delta.model_extra.get("reasoning_content") for c in chunks if c.choices]
    assert "".join(p for p in pieces if p) == _Thinker.reasoning
    assert cut.choices[0].finish_reason == "length"
    assert cut.choices[0].message.content == ""
    assert cut.usage.completion_tokens == cut.usage.completion_tokens_details.reasoning_tokens == 5
