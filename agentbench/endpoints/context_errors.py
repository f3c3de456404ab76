"""Recognise "prompt too long" errors from the servers that host MoE models.

vLLM, SGLang, llama.cpp and OpenAI each word a context overflow differently (and vLLM
changed its wording between versions); all of them must become `context_exceeded`.
"""

from __future__ import annotations

import re

from openai import APIStatusError

CONTEXT_ERROR_CODES = {"context_length_exceeded", "exceed_context_size_error"}
_PATTERNS = re.compile(
    "|".join(
        [
            r"maximum context length",  # OpenAI, vLLM (old)
            r"context length is only \d+",  # vLLM (new)
            r"longer than the model'?s context length",  # SGLang, vLLM
            r"exceeds? the (available )?context size",  # llama.cpp
            r"requested \d+ tokens?.*context",  # llama.cpp
            r"requested tokens \(\d+\) exceed context window",  # llama.cpp's Python bindings (llama-cpp-python)
            r"prompt is too long",
            r"too many tokens",
            r"context[_ ]length[_ ]exceeded",
        ]
    ),
    re.IGNORECASE,
)


def overflow_from_usage(prompt_tokens: int | None, context_window: int | None) -> bool:
    """A "successful" reply that is really an overflow: the server counted a prompt filling the known window.

    Some servers answer such prompts anyway (transformers serve; llama.cpp cut at once for
    length): whatever they said, the model never saw the whole prompt.
    """
    if context_window is None or prompt_tokens is None:
        return False
    return prompt_tokens >= context_window


def is_context_overflow(exc: APIStatusError) -> bool:
    """True when an endpoint's error says the request did not fit the context window."""
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error", body) if isinstance(body.get("error", body), dict) else body
    codes = {str(error.get("code")), str(error.get("type")), str(getattr(exc, "code", ""))}
    if codes & CONTEXT_ERROR_CODES:
        return True
    message = " ".join(str(part) for part in (exc.message, error.get("message", ""), body.get("detail", "")) if part)
    return bool(_PATTERNS.search(message))
