"""Context overflow is recognised in the error shapes of OpenAI, vLLM (old/new), SGLang and llama.cpp."""

from __future__ import annotations

import httpx
import openai
import pytest

from agentbench.endpoints.context_errors import is_context_overflow, overflow_from_usage


def _error(status: int, body: dict) -> openai.APIStatusError:
    response = httpx.Response(status, json=body, request=httpx.Request("POST", "http://x/v1/chat/completions"))
    return openai.APIStatusError(str(body), response=response, body=body)


@pytest.mark.parametrize(
    "body",
    [
        {"error": {"message": "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.", "type": "invalid_request_error", "code": "context_length_exceeded"}},
        {"object": "error", "message": "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens (39000 in the messages, 1000 in the completion).", "type": "BadRequestError", "code": 400},
        {"error": {"message": "This model's maximum context length is 32768 tokens and your request has 40000 input tokens. Please reduce the length of the input messages. (parameter=input_tokens, value=40000)", "type": "BadRequestError", "code": 400}},
        {"object": "error", "message": "The input (40000 tokens) is longer than the model's context length (32768 tokens).", "type": "BadRequestError", "code": 400},
        {"error": {"code": 400, "message": "the request exceeds the available context size, try increasing it", "type": "exceed_context_size_error", "n_prompt_tokens": 40000, "n_ctx": 32768}},
        {"error": {"message": "Requested tokens (9013) exceed context window of 8192", "type": "internal_server_error", "code": None}},
        {"detail": "Requested tokens (9013) exceed context window of 8192"},
    ],
    ids=["openai", "vllm-old", "vllm-new", "sglang", "llama.cpp", "llama-cpp-python", "fastapi-detail"],
)
def test_overflow_shapes_are_recognised(body: dict) -> None:
    assert is_context_overflow(_error(400, body))


@pytest.mark.parametrize(
    "body",
    [
        {"error": {"message": "The model `foo` does not exist.", "type": "invalid_request_error", "code": "model_not_found"}},
        {"error": {"message": "Invalid value for 'tool_choice'", "type": "invalid_request_error", "code": None}},
        {"detail": "Server is pinned to 'tiny'; requested 'wrong/model'."},
        {"detail": "Requested tokens must be positive; the context window is fine"},
    ],
)
def test_other_errors_are_not_overflow(body: dict) -> None:
    assert not is_context_overflow(_error(400, body))


@pytest.mark.parametrize(
    ("prompt", "window", "overflow"),
    [(65_569, 8192, True), (8192, 8192, True), (8191, 8192, False), (65_569, None, False), (None, 8192, False)],
)
def test_overflow_from_usage_whatever_the_server_answered(prompt: int | None, window: int | None, overflow: bool) -> None:
    """transformers serve answered a 65,569-token prompt on an 8,192-token window: that is an overflow."""
    assert overflow_from_usage(prompt, window) is overflow
