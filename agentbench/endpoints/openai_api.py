"""Our Inspect model API for every OpenAI-compatible endpoint, built on the official `openai` SDK.

Registered as `agentbench/<model>` (by `agentbench._registry`, which imports this module only when
such a model is created): `agentbench/ref/oracle` on the embedded server, or
`agentbench/deepseek-ai/DeepSeek-V3` with a `--base-url` for vLLM, SGLang, llama.cpp or a
hosted API. Each call is streamed (falling back to plain requests where the endpoint cannot
stream), timed, retried by our own tenacity policy (Inspect's retries are off for it), checked
for tool-call anomalies and recorded on the assistant message (see `call_metrics`). Context
overflow comes back as a `model_length` stop, so the sample is recorded as `context_exceeded`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections import Counter
from typing import Any

import anyio
import httpx
from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    ModelUsage,
)
from inspect_ai.tool import ToolChoice, ToolFunction, ToolInfo
from inspect_ai.util import store
from openai import APIStatusError, AsyncOpenAI

from agentbench.endpoints.call_metrics import CallMetrics, time_per_output_token
from agentbench.endpoints.completion_shape import MalformedReply
from agentbench.endpoints.epoch import epoch_headers
from agentbench.endpoints.context_errors import is_context_overflow, overflow_from_usage
from agentbench.endpoints.failure_text import describe_failure, failure_kind
from agentbench.endpoints.generation import Generation, task_max_tokens
from agentbench.endpoints.openai_convert import messages_to_openai, model_output_from_openai
from agentbench.endpoints.prompt_tokens import noted_prompt_tokens
from agentbench.endpoints.reasoning import history_reasoning
from agentbench.endpoints.reported_usage import usage_problem
from agentbench.endpoints.retries import RetryPolicy
from agentbench.endpoints.streaming import TimedCompletion, plain_completion, streamed_completion
from agentbench.endpoints.tool_anomalies import find_anomalies, reasoning_text, repair_message
from agentbench.tokenizers import DEFAULT_TOKENIZER, get_tokenizer

logger = logging.getLogger(__name__)

NO_KEY = "no-key"
PROMPT_MARGIN = 1.02
"""Our token count of a prompt may be a little under the server's: leave this much room."""
FAILED_CALL_RETRIES = "agentbench_failed_call_retries"
"""Sample store key: retries spent on model calls that failed for good (they leave no assistant message)."""
COUNT_INLINE_CHARS = 1 << 16
"""Texts shorter than this are tokenized on the event loop (a worker thread costs more than counting them)."""
TEMPLATE_TOKENS_PER_MESSAGE = 8
"""Chat-template tokens a message may add (role markers, separators): what a prompt at the window's
edge must leave for them when our count is of the text alone."""


class EndpointFailed(RuntimeError):
    """A model call that failed for good; the message names the cause and the retries spent on it."""

    def __init__(self, cause: BaseException, retries: Counter[str]) -> None:
        spent = ", ".join(f"{kind} x{count}" for kind, count in retries.most_common())
        after = f" after {retries.total()} retries ({spent})" if retries else " (not retried)"
        super().__init__(f"endpoint call failed: {describe_failure(cause)}{after}")
        self.retries = retries.total()


def _record_failed_retries(count: int) -> None:
    """Add a failed call's retries to the sample's store, where the samples table finds them."""
    if count:
        sample_store = store()
        sample_store.set(FAILED_CALL_RETRIES, int(sample_store.get(FAILED_CALL_RETRIES, 0)) + count)


def tool_params(tools: list[ToolInfo]) -> list[dict[str, Any]]:
    """Inspect tool definitions as OpenAI `tools` entries."""
    return [
        {
            "type": "function",
            "function": {
                "name": t.name,
                "description": t.description,
                "parameters": t.parameters.model_dump(exclude_none=True),
            },
        }
        for t in tools
    ]


def tool_choice_param(choice: ToolChoice) -> str | dict[str, Any]:
    """Inspect's tool choice in OpenAI's vocabulary (`any` is OpenAI's `required`)."""
    if isinstance(choice, ToolFunction):
        return {"type": "function", "function": {"name": choice.name}}
    return "required" if choice == "any" else choice


def cannot_stream(exc: APIStatusError) -> bool:
    """The endpoint refused the request because it was streamed (not for any other reason)."""
    return exc.status_code in (400, 404, 415, 422, 501) and "stream" in str(exc.message).lower() and not is_context_overflow(exc)


def _message_text(message: dict[str, Any]) -> str:
    """The text of one OpenAI message that a server tokenizes: content parts, reasoning and tool calls."""
    content = message.get("content")
    parts = [content] if isinstance(content, str) else [p.get("text", "") for p in content or () if isinstance(p, dict)]
    parts += [str(message.get(k) or "") for k in ("reasoning_content", "reasoning")]
    parts += [json.dumps(call.get("function", {})) for call in message.get("tool_calls") or ()]
    return "\n".join(p for p in parts if p)


class OpenAICompatibleAPI(ModelAPI):
    """Chat Completions against one OpenAI-compatible base URL.

    Model args (besides Inspect's): `api_key_env` names the key's variable; `tokenizer` counts
    tokens the server does not report; `context_window` lets a length stop at zero output be
    read as an overflow; `timeout_s` is the longest silence tolerated (connect aside);
    `stream`, `send_reasoning`, `repair_tool_calls`; `max_connections` caps requests in flight;
    `max_attempts` and `retry_budget_s` bound retries, `retry_wait_s` is the first backoff; `headers` are sent with every request;
    `served_model` is the name sent to the endpoint when Inspect knows the model by another
    (a named endpoint); `temperature`, `top_p`, `max_tokens` and `seed` override the task's
    settings (see `generation`); any other argument is sent in the request body (e.g. `chat_template_kwargs`).
    """

    def __init__(
        self,
        model_name: str,
        base_url: str | None = None,
        api_key: str | None = None,
        config: GenerateConfig = GenerateConfig(),
        api_key_env: str | None = None,
        tokenizer: str = DEFAULT_TOKENIZER,
        context_window: int | None = None,
        timeout_s: float = 600.0,
        stream: bool = True,
        send_reasoning: bool = False,
        repair_tool_calls: bool = False,
        max_connections: int = 32,
        max_attempts: int = 10,
        retry_budget_s: float = 900.0,
        retry_wait_s: float = 0.5,
        headers: dict[str, str] | None = None,
        served_model: str | None = None,
        temperature: float | None = None,
        top_p: float | None = None,
        max_tokens: int | None = None,
        seed: int | None = None,
        **extra_body: Any,
    ) -> None:
        super().__init__(model_name=model_name, base_url=base_url, api_key=api_key, config=config)
        if not base_url:
            raise ValueError(f"model agentbench/{model_name} needs a base URL (--base-url)")
        key = api_key or (os.environ.get(api_key_env) if api_key_env else None)
        if api_key_env and not key:
            raise ValueError(f"environment variable {api_key_env} (the API key) is not set")
        if max_connections < 1:
            raise ValueError(f"max_connections must be at least 1, not {max_connections}")
        self._served_model = served_model or model_name
        self._generation = Generation(temperature=temperature, top_p=top_p, max_tokens=max_tokens, seed=seed)
        self._tokenizer_name = tokenizer
        self._context_window = context_window
        self._stream = stream
        self._send_reasoning = send_reasoning
        self._repair = repair_tool_calls
        self._connections = max_connections
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self._retry_policy = RetryPolicy(max_attempts=max_attempts, budget_s=retry_budget_s, initial_wait_s=retry_wait_s)
        self._extra_body = extra_body
        self._client = AsyncOpenAI(
            base_url=base_url,
            api_key=key or NO_KEY,
            max_retries=0,
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 10.0)),
            default_headers=headers,
        )

    async def aclose(self) -> None:
        await self._client.close()

    def _semaphore(self) -> asyncio.Semaphore:
        """This endpoint's request slots (made afresh for each event loop Inspect runs us in)."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self._connections))
        return self._slots[1]

    async def _request(self, input: list[ChatMessage], tools: list[ToolInfo], tool_choice: ToolChoice, config: GenerateConfig) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self._served_model,
            "messages": history_reasoning(list(await messages_to_openai(input)), self._send_reasoning),
        }
        if tools:
            request["tools"] = tool_params(tools)
            request["tool_choice"] = tool_choice_param(tool_choice)
        fixed = self._generation.model_args()
        for name in ("max_tokens", "temperature", "top_p", "seed", "stop_seqs"):
            value = fixed.get(name, getattr(config, name))
            if name == "max_tokens" and "max_tokens" not in fixed:
                value = task_max_tokens() or value
            if value is not None:
                request["stop" if name == "stop_seqs" else name] = value
        if "max_tokens" not in fixed and request.get("max_tokens") and self._context_window:
            request["max_tokens"] = await self._fitting_max_tokens(request, int(request["max_tokens"]))
        if self._extra_body:
            request["extra_body"] = self._extra_body
        if headers := epoch_headers():
            request["extra_headers"] = headers
        return request

    async def _fitting_max_tokens(self, request: dict[str, Any], cap: int) -> int:
        """A default cap lowered to the room the window leaves after the prompt (vLLM and SGLang refuse
        prompt + max_tokens over the window even when the prompt fits); unchanged if there is no room at all.
        A lone user message whose suite noted its exact templated count (`prompt_tokens`) is not counted again."""
        assert self._context_window is not None
        count, exact = await self._counted_prompt(request)
        if exact:
            room = self._context_window - count
        else:
            room = self._context_window - int(count * PROMPT_MARGIN)
            if room <= 0:  # a prompt built to the window's edge (a long-context length): its exact reserve
                room = self._context_window - count - TEMPLATE_TOKENS_PER_MESSAGE * (len(request["messages"]) + 1)
        return min(cap, room) if room > 0 else cap

    async def _counted_prompt(self, request: dict[str, Any]) -> tuple[int, bool]:
        """The request's prompt in tokens: (its suite's exact templated count, True) for a lone user message
        whose suite noted it, else (its messages' text and tools counted with the run's tokenizer, False)."""
        messages = request["messages"]
        lone = len(messages) == 1 and messages[0].get("role") == "user" and not request.get("tools")
        noted = noted_prompt_tokens(self._tokenizer_name, _message_text(messages[0])) if lone else None
        if noted is not None:
            return noted, True
        text = "\n".join(_message_text(m) for m in messages) + json.dumps(request.get("tools") or [])
        return await self.count_text_tokens(text), False

    async def _attempt(self, request: dict[str, Any]) -> TimedCompletion:
        async with self._semaphore():
            if not self._stream:
                return await plain_completion(self._client, request)
            try:
                return await streamed_completion(self._client, request)
            except APIStatusError as exc:
                if not cannot_stream(exc):
                    raise
                self._stream = False
                logger.warning("%s cannot stream (%s); falling back to non-streaming requests, without TTFT/TPOT", self.base_url, exc.message)
                return await plain_completion(self._client, request)

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        request = await self._request(input, tools, tool_choice, config)
        retries: Counter[str] = Counter()

        def count_retry(exc: BaseException) -> None:
            retries[failure_kind(exc)] += 1
            logger.info("retrying %s after %s", self.model_name, describe_failure(exc))

        start = time.perf_counter()
        try:
            async for attempt in self._retry_policy.retrying(count_retry):
                with attempt:
                    timed = await self._attempt(request)
        except APIStatusError as exc:
            if not is_context_overflow(exc):
                _record_failed_retries(retries.total())
                raise EndpointFailed(exc, retries) from exc
            output = ModelOutput.from_content(self.model_name, "", stop_reason="model_length", error=describe_failure(exc))
            metrics = CallMetrics(self._stream, time.perf_counter() - start, None, None, 0, 0, retries.total(), dict(retries))
            output.choices[0].message.metadata = metrics.as_metadata()
            return output
        except Exception as exc:
            _record_failed_retries(retries.total())
            raise EndpointFailed(exc, retries) from exc
        try:
            return await self._output(request, timed, retries)
        except MalformedReply as exc:  # not retried: a server that sends this once sends it again
            raise EndpointFailed(exc, retries) from exc

    async def _output(self, request: dict[str, Any], timed: TimedCompletion, retries: Counter[str]) -> ModelOutput:
        completion = timed.completion
        if not completion.get("choices"):
            raise MalformedReply("the reply is not a chat completion: it has no choices")
        if completion.get("usage") is not None and (problem := usage_problem(completion["usage"])) is not None:
            logger.warning("%s reported usage that cannot be true (%s): the call's tokens are counted instead", self.base_url, problem)
            completion = {key: value for key, value in completion.items() if key != "usage"}
        choice = completion["choices"][0]
        message = choice["message"]
        anomalies = find_anomalies(message, choice.get("finish_reason"))
        repaired = repair_message(message) if self._repair else 0
        if repaired:
            choice["finish_reason"] = "tool_calls"
        output = model_output_from_openai(completion)
        usage = completion.get("usage") or {}
        output_tokens = usage.get("completion_tokens")
        if output_tokens is None:
            output_tokens = await self.count_text_tokens(reasoning_text(message) + (message.get("content") or ""))
        reasoning_tokens = (usage.get("completion_tokens_details") or {}).get("reasoning_tokens") or 0
        if not reasoning_tokens and reasoning_text(message):
            # vLLM and SGLang do not report reasoning tokens: count them as the server would
            reasoning_tokens = await self.count_text_tokens(reasoning_text(message))
            if output.usage is not None:
                output.usage.reasoning_tokens = reasoning_tokens
        if output.usage is None:  # no usage from the server (llama-cpp-python's streams): counted, or tokens and cost read 0
            prompt, exact = await self._counted_prompt(request)
            prompt += 0 if exact else TEMPLATE_TOKENS_PER_MESSAGE * (len(request["messages"]) + 1)
            output.usage = ModelUsage(input_tokens=prompt, output_tokens=output_tokens, total_tokens=prompt + output_tokens,
                                      reasoning_tokens=reasoning_tokens or None)
        if overflow_from_usage(usage.get("prompt_tokens"), self._context_window):
            output.choices[0].stop_reason = "model_length"
        e2e_s, ttft_s, tpot_s = timed.e2e_s, timed.ttft_s, time_per_output_token(timed.e2e_s, timed.ttft_s, output_tokens)
        if timed.simulated is not None:
            e2e_s, ttft_s, tpot_s = timed.simulated["e2e_s"], timed.simulated["ttft_s"], timed.simulated.get("tpot_s")
            ttft_s = ttft_s if timed.streamed else None
            tpot_s = tpot_s if timed.streamed else None
        metrics = CallMetrics(
            streamed=timed.streamed,
            e2e_s=e2e_s,
            ttft_s=ttft_s,
            tpot_s=tpot_s,
            output_tokens=output_tokens,
            reasoning_tokens=reasoning_tokens,
            retries=retries.total(),
            retry_causes=dict(retries),
            tool_call_anomalies=dict(anomalies),
            repaired_tool_calls=repaired,
            simulated_timing=timed.simulated is not None,
            prompt_tokens=usage.get("prompt_tokens"),
        )
        assistant = output.choices[0].message
        assistant.metadata = {**(assistant.metadata or {}), **metrics.as_metadata()}
        return output

    def should_retry(self, ex: Exception) -> bool:
        """Never: `generate` retries by our own policy, so Inspect must not retry on top of it."""
        return False

    def connection_key(self) -> str:
        return str(self.base_url)

    def max_connections(self) -> int:
        return self._connections

    def max_tokens(self) -> int | None:
        return None

    async def count_text_tokens(self, text: str) -> int:
        """Counted inline when short; a long text (a long-context prompt: about a second per million
        tokens) is counted in a worker thread, so the event loop keeps serving the other samples."""
        count = get_tokenizer(self._tokenizer_name).count
        if len(text) < COUNT_INLINE_CHARS:
            return count(text)
        return await anyio.to_thread.run_sync(count, text)
