"""A Chat Completions reply checked before anything reads it, failing in one line that names the bad field.

Content sent as typed parts (Mistral's reasoning models, content_parts.py) is read as text and
reasoning first, so it is not a malformed reply.
"""

from __future__ import annotations

from typing import Any

from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from agentbench.endpoints.content_parts import with_string_content
from agentbench.validation_text import first_problem

_PREFIX = "the reply is not a chat completion"


class MalformedReply(ValueError):
    """A reply that is not a Chat Completions completion; `str()` is one line naming the first bad field."""


def checked_completion(completion: dict[str, Any]) -> ChatCompletion:
    """The reply (as JSON) validated as a `ChatCompletion`; a `MalformedReply` if it is not one."""
    try:
        return ChatCompletion.model_validate(with_string_content(completion))
    except ValidationError as exc:
        problem = first_problem(exc)
        raise MalformedReply(f"{_PREFIX}: {problem.where('(top level)')}: {problem.message} (got {problem.input!r:.80})") from None
    except ValueError as exc:
        raise MalformedReply(f"{_PREFIX}: {exc}") from None
