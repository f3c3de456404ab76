"""Notice a reply that repeats the prompt instead of answering it.

transformers serve, with a random-weight model, returned the rendered prompt as `content`: the
long-context grader then found the needle inside the echoed haystack and scored 1.0. A reply
is an echo when a long stretch of it is copied verbatim from the prompt (quoting a needle
sentence or the question is not: those are far shorter than `COPY_CHARS`), or when it
repeats the whole of a short prompt, or when it is out of all proportion to what was asked.
"""

from __future__ import annotations

ECHO_KEY = "echo"
"""Score metadata flag of a reply judged an echo (failure category `echo`)."""
COPY_CHARS = 400
"""Copied characters that make an echo: several sentences of haystack, never a quoted needle."""
WINDOW_CHARS = 100
"""Reply slices looked up in the prompt; a copy shorter than this is never counted."""
SHORT_PROMPT_CHARS = 2 * COPY_CHARS
PROPORTION = 50
"""A reply this many times longer than the expected answer (and over DISPROPORTION_FLOOR) is no answer."""
DISPROPORTION_FLOOR = 2000
"""Never judge a reply shorter than this by its length alone: a verbose right answer is still an answer."""


def copied_chars(prompt: str, reply: str) -> int:
    """Characters of `reply` inside stretches of at least WINDOW_CHARS found verbatim in `prompt`."""
    covered = 0
    position = 0
    while position + WINDOW_CHARS <= len(reply):
        if reply[position : position + WINDOW_CHARS] not in prompt:
            position += WINDOW_CHARS // 2
            continue
        end = position + WINDOW_CHARS
        while end + WINDOW_CHARS <= len(reply) and reply[end : end + WINDOW_CHARS] in prompt:
            end += WINDOW_CHARS
        covered += end - position
        position = end
    return covered


def is_echo(prompt: str, reply: str, expected_chars: int | None = None) -> bool:
    """True when `reply` repeats `prompt` (or a long part of it), or dwarfs an expected answer of `expected_chars`."""
    text, asked = reply.strip(), prompt.strip()
    if not text or not asked:
        return False
    if len(asked) < SHORT_PROMPT_CHARS:
        return asked in text
    if expected_chars is not None and len(text) > max(DISPROPORTION_FLOOR, PROPORTION * expected_chars):
        return True
    return copied_chars(asked, text) >= COPY_CHARS
