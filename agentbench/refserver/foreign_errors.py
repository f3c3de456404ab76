"""Context overflow in the words of servers other than OpenAI, for clients to prove they recognise each."""

from __future__ import annotations

import re
from typing import Any, Literal

from fastapi.responses import JSONResponse

from agentbench.refserver.errors import APIError

OverflowStyle = Literal["openai", "vllm_old", "vllm_new", "sglang", "llamacpp", "length"]
"""Context overflow as OpenAI, vLLM before/after 0.10, SGLang and llama.cpp word it, or as a
200 reply cut for length before its first token (`length`)."""

_OVERFLOW_NUMBERS = re.compile(r"maximum context length is (\d+) tokens\. However, (?:your messages resulted in|you requested) (\d+)")


class ForeignOverflow(APIError):
    """A context overflow rendered in another server's error shape."""

    def __init__(self, style: OverflowStyle, window: int, prompt: int) -> None:
        super().__init__(400, f"context overflow ({style})")
        self.style, self.window, self.prompt = style, window, prompt

    def response(self) -> JSONResponse:
        w, p = self.window, self.prompt
        bodies: dict[str, dict[str, Any]] = {
            "vllm_old": {"object": "error", "type": "BadRequestError", "param": None, "code": 400, "message":
                         f"This model's maximum context length is {w} tokens. However, you requested {p} tokens ({p} in the messages, "
                         "0 in the completion). Please reduce the length of the messages or completion."},
            "vllm_new": {"error": {"type": "BadRequestError", "param": "input_tokens", "code": 400, "message":
                                   f"This model's maximum context length is {w} tokens and your request has {p} input tokens. "
                                   f"Please reduce the length of the input messages. (parameter=input_tokens, value={p})"}},
            "sglang": {"object": "error", "type": "BadRequestError", "param": None, "code": 400,
                       "message": f"The input ({p} tokens) is longer than the model's context length ({w} tokens)."},
            "llamacpp": {"error": {"code": 400, "type": "exceed_context_size_error", "n_prompt_tokens": p, "n_ctx": w,
                                   "message": "the request exceeds the available context size, try increasing it"}},
        }
        return JSONResponse(bodies[self.style], status_code=400)


def overflow_numbers(error: APIError) -> tuple[int, int] | None:
    """(window, prompt tokens) of one of our own context overflow errors, else None."""
    numbers = _OVERFLOW_NUMBERS.search(error.message) if error.code == "context_length_exceeded" else None
    return (int(numbers[1]), int(numbers[2])) if numbers else None
