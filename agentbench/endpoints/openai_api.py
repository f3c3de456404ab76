"""Our Inspect model API for every OpenAI-compatible endpoint, built on the official `openai` SDK.

Registered as `agentbench/<model>`: `agentbench/ref/oracle` on the embedded server, or
`agentbench/deepseek-ai/DeepSeek-V3` with a `--base-url` for vLLM, SGLang, llama.cpp or a
hosted API. Context overflow comes back as a `model_length` stop, so the sample is recorded
as `context_exceeded` instead of an error, and token estimates use our offline tokenizer.
"""

from __future__ import annotations

import os
from typing import Any

import httpx
from inspect_ai.model import (
    ChatMessage,
    GenerateConfig,
    ModelAPI,
    ModelOutput,
    messages_to_openai,
    model_output_from_openai,
    modelapi,
)
from inspect_ai.tool import ToolChoice, ToolFunction, ToolInfo
from openai import APIConnectionError, APIStatusError, APITimeoutError, AsyncOpenAI, BadRequestError

from agentbench.endpoints.context_errors import is_context_overflow
from agentbench.tokenizers import DEFAULT_TOKENIZER, get_tokenizer

NO_KEY = "no-key"


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


@modelapi(name="agentbench")
class OpenAICompatibleAPI(ModelAPI):
    """Chat Completions against one OpenAI-compatible base URL."""

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
        **extra_body: Any,
    ) -> None:
        super().__init__(model_name=model_name, base_url=base_url, api_key=api_key, config=config)
        if not base_url:
            raise ValueError(f"model agentbench/{model_name} needs a base URL (--base-url)")
        key = api_key or (os.environ.get(api_key_env) if api_key_env else None)
        if api_key_env and not key:
            raise ValueError(f"environment variable {api_key_env} (the API key) is not set")
        self._tokenizer_name = tokenizer
        self._context_window = context_window
        self._extra_body = extra_body
        self._client = AsyncOpenAI(
            base_url=base_url,
            api_key=key or NO_KEY,
            max_retries=0,
            timeout=httpx.Timeout(timeout_s, connect=10.0),
        )

    async def aclose(self) -> None:
        await self._client.close()

    async def generate(
        self,
        input: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        request: dict[str, Any] = {
            "model": self.model_name,
            "messages": await messages_to_openai(input),
        }
        if tools:
            request["tools"] = tool_params(tools)
            request["tool_choice"] = tool_choice_param(tool_choice)
        for name in ("max_tokens", "temperature", "top_p", "seed", "stop_seqs"):
            value = getattr(config, name)
            if value is not None:
                request["stop" if name == "stop_seqs" else name] = value
        try:
            completion = await self._client.chat.completions.create(**request, extra_body=self._extra_body or None)
        except BadRequestError as exc:
            if is_context_overflow(exc):
                return ModelOutput.from_content(self.model_name, "", stop_reason="model_length", error=exc.message)
            raise
        return await model_output_from_openai(completion)

    def should_retry(self, ex: Exception) -> bool:
        if isinstance(ex, APIStatusError):
            return ex.status_code == 429 or ex.status_code >= 500
        return isinstance(ex, (APIConnectionError, APITimeoutError))

    def connection_key(self) -> str:
        return str(self.base_url)

    def max_tokens(self) -> int | None:
        return None

    async def count_text_tokens(self, text: str) -> int:
        return get_tokenizer(self._tokenizer_name).count(text)
