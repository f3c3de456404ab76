"""A prompt's exact token count, noted by the suite that built it, for our model API to reuse.

A long-context prompt is built to an exact length in the run's tokenizer, chat template included.
Counting it again to fit `max_tokens` into the window cost as much CPU as the server's own count
(about a second per million tokens). The note names the tokenizer and a digest of the text, so a
prompt changed after it was noted, or an endpoint counting in another tokenizer, is counted anew.
"""

from __future__ import annotations

import hashlib
from typing import Any

from inspect_ai.util import store

_PROMPT_TOKENS_KEY = "agentbench:prompt_tokens"


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def note_prompt_tokens(tokenizer: str, text: str, tokens: int) -> None:
    """Record that `text`, sent alone as the user message, takes `tokens` in `tokenizer` with its template."""
    store().set(_PROMPT_TOKENS_KEY, {"tokenizer": tokenizer, "digest": _digest(text), "tokens": tokens})


def noted_prompt_tokens(tokenizer: str, text: str) -> int | None:
    """The noted count of `text` as a lone user message in `tokenizer`; None if none was noted for it."""
    note: Any = store().get(_PROMPT_TOKENS_KEY)
    if not isinstance(note, dict) or note.get("tokenizer") != tokenizer or note.get("digest") != _digest(text):
        return None
    return int(note["tokens"])
