"""Answer one chat request: pick the model, check the context window, ask the model, count usage."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import Any

from agentbench.refserver.errors import APIError
from agentbench.refserver.models import ReferenceModel
from agentbench.oracle import Conversation, Reply
from agentbench.refserver.render import Completion
from agentbench.refserver.schema import ChatRequest, NamedToolChoice
from agentbench.refserver.usage import CompletionTokens, completion_tokens, prompt_tokens
from agentbench.tokenizers import Tokenizer

logger = logging.getLogger(__name__)


class ChatService:
    """The server's behaviour, free of HTTP: `answer` turns a request into a completion or an `APIError`."""

    def __init__(self, tokenizer: Tokenizer, models: Sequence[ReferenceModel]) -> None:
        self.tokenizer = tokenizer
        self.models = {model.name: model for model in models}

    def model(self, name: str) -> ReferenceModel:
        model = self.models.get(name)
        if model is None:
            available = ", ".join(self.models)
            raise APIError(
                404,
                f"The model `{name}` does not exist or you do not have access to it. Available models: {available}.",
                param="model",
                code="model_not_found",
            )
        return model

    def answer(self, request: ChatRequest, epoch: int = 1, enforce_window: bool = True,
               default_limit: int | None = None) -> Completion:
        """Answer `request`, which the client says belongs to attempt `epoch`; `enforce_window=False`
        answers prompts over the window (as some servers do), `default_limit` caps replies when the
        request sets no max_tokens (else: the room left in the window)."""
        model = self.model(request.model)
        conversation = conversation_of(request)
        tools = [tool.model_dump(exclude_none=True) for tool in request.tools or ()]
        prompt = prompt_tokens(self.tokenizer, conversation.messages, tools)
        limit = request.completion_limit if request.completion_limit is not None else default_limit
        if enforce_window:
            room = check_context(model.context_window, prompt, limit)
        else:
            room = limit if limit is not None else max(1, model.context_window - prompt)
        conversation = dataclasses.replace(conversation, prompt_tokens=prompt, epoch=epoch)
        try:
            reply = model.respond(conversation)
        except Exception as exc:
            logger.exception("reference model %s failed", model.name)
            raise APIError(500, f"{model.name} failed: {type(exc).__name__}: {exc}", type="server_error") from exc
        used = completion_tokens(self.tokenizer, reply)
        finish = "tool_calls" if reply.tool_calls else "stop"
        if used.total > room:
            reply, used, finish = *self._truncate(reply, room), "length"
        return Completion(model=request.model, reply=reply, finish_reason=finish, prompt_tokens=prompt, completion=used)

    def _truncate(self, reply: Reply, limit: int) -> tuple[Reply, CompletionTokens]:
        """What a real model emits when it hits the limit: reasoning, then text; unfinished tool calls are lost."""
        reasoning = self.tokenizer.encode(reply.reasoning or "")[:limit]
        content = self.tokenizer.encode(reply.content)[: limit - len(reasoning)]
        truncated = Reply(content=self.tokenizer.decode(content), reasoning=self.tokenizer.decode(reasoning) or None)
        return truncated, CompletionTokens(total=len(reasoning) + len(content), reasoning=len(reasoning))


def check_context(window: int, prompt: int, completion_limit: int | None) -> int:
    """Refuse a request that cannot fit, in OpenAI's words; return how many tokens the reply may use."""
    if prompt >= window:
        raise APIError(
            400,
            f"This model's maximum context length is {window} tokens. However, your messages resulted in "
            f"{prompt} tokens. Please reduce the length of the messages.",
            param="messages",
            code="context_length_exceeded",
        )
    if completion_limit is not None and prompt + completion_limit > window:
        raise APIError(
            400,
            f"This model's maximum context length is {window} tokens. However, you requested "
            f"{prompt + completion_limit} tokens ({prompt} in the messages, {completion_limit} in the completion). "
            "Please reduce the length of the messages or completion.",
            param="messages",
            code="context_length_exceeded",
        )
    return completion_limit if completion_limit is not None else window - prompt


def conversation_of(request: ChatRequest) -> Conversation:
    """The request as reference models see it, with `tool_choice` applied to the callable tools."""
    offered: dict[str, dict[str, Any]] = {tool.function.name: tool.function.parameters for tool in request.tools or ()}
    choice = request.tool_choice
    required = choice == "required" or isinstance(choice, NamedToolChoice)
    if required and not offered:
        raise APIError(400, "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", param="tool_choice")
    if isinstance(choice, NamedToolChoice):
        if choice.name not in offered:
            raise APIError(400, f"Invalid value for 'tool_choice': no function named '{choice.name}' was specified in the 'tools' parameter.", param="tool_choice")
        callable_tools = [choice.name]
    else:
        callable_tools = [] if choice == "none" else list(offered)
    return Conversation(
        messages=[message.model_dump(exclude_none=True) for message in request.messages],
        tools=callable_tools,
        tool_required=required,
        tool_schemas={name: offered[name] for name in callable_tools},
    )
