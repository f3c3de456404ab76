"""Our model API against the embedded server: latency, retries, streaming fallback, reasoning, overflow."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path

import inspect_ai
import pytest
from inspect_ai import Task
from inspect_ai.dataset import Sample
from inspect_ai.model import ChatMessageTool, ChatMessageUser, ContentReasoning, GenerateConfig, Model, get_model
from inspect_ai.solver import generate
from inspect_ai.tool import ToolInfo, ToolParam, ToolParams
from openai import BadRequestError

import agentbench._registry  # noqa: F401  (registers our model API)
from agentbench.analysis.samples import samples_table
from agentbench.endpoints.call_metrics import call_metrics_of
from agentbench.endpoints.openai_api import EndpointFailed
from agentbench.endpoints.probe_prompts import ONE_CALL
from agentbench.refserver.embedded import EmbeddedServer
from agentbench.refserver.faults import FAULTS_HEADER, THINKING, parse_faults
from agentbench.refserver.models import NULL_REPLY
from agentbench.refserver.settings import Settings

WEATHER = ToolInfo(
    name="get_weather",
    description="Current weather in a city.",
    parameters=ToolParams(properties={"city": ToolParam(type="string")}, required=["city"]),
)


@pytest.fixture(scope="module")
def server():
    with EmbeddedServer() as running:
        yield running


def _model(server: EmbeddedServer, faults: str = "", served: str = "ref/null", **args: object) -> Model:
    return get_model(f"agentbench/{served}", base_url=server.base_url, memoize=False, headers={FAULTS_HEADER: faults}, **args)


def _metrics(output) -> dict:
    metrics = call_metrics_of(output.message.metadata)
    assert metrics is not None
    return metrics


async def test_ttft_and_tpot_match_the_configured_latency(server: EmbeddedServer) -> None:
    """TTFT runs to the first chunk carrying output, not to the role delta the server sends at once, and TPOT
    is vLLM's (e2e - TTFT) / (tokens - 1). Only floors hold whatever the load: the server sends the first
    output 0.3 s after the request and the last one the decode time after that, but the client may read
    any chunk late, so its TTFT can land anywhere up to its e2e."""
    output = await _model(server, "ttft_s=0.3,tokens_per_s=50").generate("hello")
    metrics = _metrics(output)
    assert output.completion == NULL_REPLY
    assert metrics["streamed"] and metrics["output_tokens"] > 10
    decode_floor = (metrics["output_tokens"] - 1) / 50
    assert 0.3 <= metrics["ttft_s"] < metrics["e2e_s"]
    assert metrics["e2e_s"] >= 0.3 + decode_floor
    assert metrics["tpot_s"] == pytest.approx((metrics["e2e_s"] - metrics["ttft_s"]) / (metrics["output_tokens"] - 1))


async def test_latency_does_not_block_other_requests(server: EmbeddedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight streams are each held, just before their 2 s TTFT sleep, until all eight are there; then every
    sleep must start before any ends. Requests served one at a time never gather the eight (the guard
    fails); a sleep blocking the server makes each start only after the previous one ended."""
    in_flight = server.app.state.in_flight
    until_done = in_flight.until_done
    all_there = asyncio.Event()
    marks: list[str] = []

    async def held(events: AsyncIterator[str]) -> AsyncIterator[str]:
        yield await anext(events)  # the role delta: no latency before it
        marks.append("there")
        if marks.count("there") == 8:
            all_there.set()
        await all_there.wait()
        marks.append("sleeping")
        first = await anext(events)
        marks.append("slept")
        yield first
        async for event in events:
            yield event

    monkeypatch.setattr(in_flight, "until_done", lambda events: until_done(held(events)))
    model = _model(server, "ttft_s=2")
    outputs = await asyncio.wait_for(asyncio.gather(*(model.generate(f"hello {i}") for i in range(8))), timeout=120)
    assert all(o.completion == NULL_REPLY for o in outputs)
    assert marks == ["there"] * 8 + ["sleeping"] * 8 + ["slept"] * 8


async def test_each_retry_is_counted_and_retry_after_honoured() -> None:
    """A server of its own: the fault RNG is one per server, so on the shared one the draws (and whether
    any 429 comes at all) would depend on which tests ran before on the same worker."""
    with EmbeddedServer(Settings(faults=parse_faults("rate_limit=0.5,retry_after_s=0.2,seed=3"))) as own:
        model = _model(own, max_attempts=30)
        retries, elapsed = 0, 0.0
        for i in range(6):
            start = time.perf_counter()
            output = await model.generate(f"hello {i}")
            elapsed += time.perf_counter() - start
            retries += _metrics(output)["retries"]
        assert retries == own.app.state.faults.injected["rate_limit"] > 0
    assert elapsed >= 0.2 * retries


async def test_gives_up_after_its_attempts(server: EmbeddedServer) -> None:
    model = _model(server, "server_error=1", max_attempts=3, retry_wait_s=0.01)
    before = server.app.state.faults.injected["server_error"]
    with pytest.raises(Exception, match="injected fault"):
        await model.api.generate([ChatMessageUser(content="hello")], [], "auto", GenerateConfig())
    assert server.app.state.faults.injected["server_error"] - before == 3


async def test_falls_back_to_plain_requests_once_and_says_so(server: EmbeddedServer, caplog: pytest.LogCaptureFixture) -> None:
    model = _model(server, "no_streaming=true")
    before = server.app.state.faults.injected["no_streaming"]
    with caplog.at_level(logging.WARNING, logger="agentbench.endpoints.openai_api"):
        first, second = await model.generate("one"), await model.generate("two")
    assert first.completion == second.completion == NULL_REPLY
    assert [_metrics(o)["streamed"] for o in (first, second)] == [False, False]
    assert _metrics(first)["ttft_s"] is None and _metrics(first)["tpot_s"] is None
    assert server.app.state.faults.injected["no_streaming"] - before == 1
    assert sum("cannot stream" in r.message for r in caplog.records) == 1


async def test_stream_off_by_setting(server: EmbeddedServer) -> None:
    output = await _model(server, stream=False).generate("hello")
    assert _metrics(output)["streamed"] is False


async def test_reasoning_kept_apart_counted_and_sent_back_when_asked(server: EmbeddedServer) -> None:
    model = _model(server, "require_reasoning=1", served="ref/oracle", send_reasoning=True)
    first = await model.generate([ChatMessageUser(content=ONE_CALL)], tools=[WEATHER])
    reasoning = [c for c in first.message.content if isinstance(c, ContentReasoning)]
    assert [r.reasoning for r in reasoning] == [THINKING]
    assert first.message.tool_calls and _metrics(first)["reasoning_tokens"] > 0
    assert first.usage is not None and first.usage.reasoning_tokens == _metrics(first)["reasoning_tokens"]
    call = first.message.tool_calls[0]
    history = [ChatMessageUser(content=ONE_CALL), first.message, ChatMessageTool(content="18 degrees", tool_call_id=call.id, function=call.function)]
    second = await model.generate(history, tools=[WEATHER])
    assert "18 degrees" in second.completion
    refusing = _model(server, "require_reasoning=1", served="ref/oracle")
    with pytest.raises(EndpointFailed, match="HTTP 400: Missing `reasoning_content`") as failed:
        await refusing.api.generate(history, [WEATHER], "auto", GenerateConfig())
    assert isinstance(failed.value.__cause__, BadRequestError)


async def test_calls_in_content_counted_and_repaired_on_request(server: EmbeddedServer) -> None:
    plain = await _model(server, "tools_in_content=1", served="ref/oracle").generate([ChatMessageUser(content=ONE_CALL)], tools=[WEATHER])
    assert not plain.message.tool_calls and "<tool_call>" in plain.completion
    assert _metrics(plain)["tool_call_anomalies"] == {"calls_in_content": 1}
    repaired = await _model(server, "tools_in_content=1", served="ref/oracle", repair_tool_calls=True).generate(
        [ChatMessageUser(content=ONE_CALL)], tools=[WEATHER]
    )
    assert [(c.function, c.arguments) for c in repaired.message.tool_calls or []] == [("get_weather", {"city": "Paris"})]
    assert repaired.stop_reason == "tool_calls" and _metrics(repaired)["repaired_tool_calls"] == 1


OVERFLOW_STYLES = ("openai", "vllm_old", "vllm_new", "sglang", "llamacpp", "length")


@pytest.mark.slow
def test_overflow_in_every_shape_is_context_exceeded(server: EmbeddedServer, tmp_path: Path) -> None:
    models = [
        get_model(f"agentbench/{style}", base_url=server.base_url, served_model="ref/oracle-8k", memoize=False,
                  context_window=8192, headers={FAULTS_HEADER: f"overflow_style={style}"})
        for style in OVERFLOW_STYLES
    ]
    task = Task(dataset=[Sample(id="long", input="word " * 9000, target="")], solver=generate(), name="overflow")
    inspect_ai.eval(task, model=models, log_dir=str(tmp_path / "logs"), display="none", max_tasks=len(models))
    frame = samples_table(tmp_path, "overflow").set_index("model")
    assert frame.failure.to_dict() == {style: "context_exceeded" for style in OVERFLOW_STYLES}
    assert frame.error.isna().all()
