"""Misbehaviour the reference server can inject, to test clients (ours and users') against real-world quirks.

A fault spec is `name=value` pairs joined by commas, given to `agentbench serve --faults` or
per request in the `X-Agentbench-Faults` header (whose values override the server's):

    rate_limit=0.2,retry_after_s=1,server_error=0.1,ttft_s=0.2,tokens_per_s=50,seed=7

Rates are probabilities in [0, 1] drawn from one seeded RNG per server, so a run's count of
faults is reproducible. Latency is slept asynchronously, never blocking other requests.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import random
import threading
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, Literal

from fastapi import Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agentbench.refserver.errors import APIError
from agentbench.refserver.foreign_errors import ForeignOverflow, OverflowStyle, overflow_numbers
from agentbench.oracle import Reply, content_text
from agentbench.refserver.render import Completion
from agentbench.refserver.schema import ChatRequest
from agentbench.refserver.usage import CompletionTokens, tool_call_text
from agentbench.tokenizers import Tokenizer
from agentbench.validation_text import first_problem

FAULTS_HEADER = "X-Agentbench-Faults"
MISSING_REASONING = (
    "Missing `reasoning_content` field in the assistant message at message index {index}: in thinking mode "
    "with tools, the reasoning_content of every assistant turn that called a tool must be passed back to the API."
)
THINKING = "I should call the tool before answering."
_REMEMBERED_CALLS = 100_000
_SLEEP_SLICE_S = 0.1
KEEP_ALIVE = ": keep-alive\n\n"
"""An SSE comment: bytes on the connection, no event."""


WindowPlace = Literal["models", "meta", "props", "sglang", "none"]
"""`models`: top-level `max_model_len`/`context_window` on /v1/models (vLLM); `meta`: only
`meta.n_ctx_train` there (llama.cpp's C++ server); `props`: only GET /props `n_ctx` (llama.cpp);
`sglang`: only GET /get_model_info `context_length`; `none`: nowhere (transformers serve, llama-cpp-python)."""
RAMBLE = "and so on "

FAULT_RATES = ("rate_limit", "server_error", "drop", "stall", "bad_tool_json", "tools_in_content", "require_reasoning")


class Faults(BaseModel):
    """What to inject and how often; every rate is a probability per request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rate_limit: float = Field(0.0, ge=0, le=1, description="429 with a Retry-After header.")
    server_error: float = Field(0.0, ge=0, le=1, description="500 or 503 (alternately).")
    drop: float = Field(0.0, ge=0, le=1, description="Connection dropped halfway through a stream.")
    stall: float = Field(0.0, ge=0, le=1, description="Stream (or plain reply) stops for stall_s halfway.")
    bad_tool_json: float = Field(0.0, ge=0, le=1, description="First tool call's arguments are cut short (invalid JSON).")
    tools_in_content: float = Field(0.0, ge=0, le=1, description="Tool calls written into content as Hermes <tool_call> text.")
    require_reasoning: float = Field(0.0, ge=0, le=1, description="Reply calling tools carries reasoning that must come back (else 400).")
    retry_after_s: float = Field(1.0, ge=0, description="Retry-After sent with each injected 429.")
    stall_s: float = Field(300.0, ge=0, description="How long a stall lasts.")
    keep_alive_s: float | None = Field(None, gt=0, description="During a streamed stall, send an SSE `: keep-alive` comment this often (proxies keep a waiting connection open so).")
    ttft_s: float = Field(0.0, ge=0, description="Delay before the first output token.")
    tokens_per_s: float | None = Field(None, gt=0, description="Decode speed after the first token (None: instant).")
    no_streaming: bool = Field(False, description="Refuse streamed requests with a 400, as servers without streaming do.")
    overflow_style: OverflowStyle = Field("openai", description="Whose words a context overflow is reported in.")
    echo: bool = Field(False, description="Reply content is the rendered prompt (transformers serve with a random-weight model).")
    ignore_max_tokens: bool = Field(False, description="max_tokens is ignored: replies run on to server_max_tokens (transformers serve; llama.cpp runs to a full context).")
    server_max_tokens: int = Field(1024, gt=0, description="Where a reply ignoring max_tokens stops (transformers serve's default).")
    accept_overflow: bool = Field(False, description="Prompts over the window are answered, usage counting them whole (transformers serve, llama-cpp-python).")
    content_parts: bool = Field(False, description="Content as a list of typed parts, reasoning in `thinking` parts (Mistral's reasoning models).")
    detail_errors: bool = Field(False, description="Errors as FastAPI's {\"detail\": message} (transformers serve).")
    no_stream_usage: bool = Field(False, description="stream_options.include_usage is ignored (llama-cpp-python).")
    no_models: bool = Field(False, description="No /v1/models route: 404 (some proxies and minimal servers).")
    window_in: WindowPlace = Field("models", description="Where the context window is reported (see WindowPlace).")
    single_thread: bool = Field(False, description="One request at a time, others queue (llama-cpp-python's server).")
    seed: int = Field(0, description="Seed of the fault RNG.")

    @property
    def rates(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in FAULT_RATES}


class FaultSpecError(ValueError):
    """A fault spec that cannot be read; `str()` is one line."""


def parse_faults(spec: str, base: Faults | None = None) -> Faults:
    """Read `name=value,...` on top of `base` (default: no faults)."""
    values: dict[str, Any] = (base or Faults()).model_dump()
    for item in filter(None, (part.strip() for part in spec.split(","))):
        name, sep, value = item.partition("=")
        if not sep or name.strip() not in Faults.model_fields:
            raise FaultSpecError(f"bad fault {item!r}: expected name=value with name one of {', '.join(Faults.model_fields)}")
        values[name.strip()] = value.strip()
    try:
        return Faults.model_validate(values)
    except ValidationError as exc:
        problem = first_problem(exc)
        raise FaultSpecError(f"bad fault {problem.where()}: {problem.message}") from None


class _Dropped(Exception):
    """Raised inside a stream to make the server cut the connection."""


class _QuietDrops(logging.Filter):
    """Keeps uvicorn from logging a traceback for each connection we drop on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], _Dropped))


def _quiet_drops() -> None:
    uvicorn_errors = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _QuietDrops) for f in uvicorn_errors.filters):
        uvicorn_errors.addFilter(_QuietDrops())


@dataclasses.dataclass(frozen=True)
class FaultPlan:
    """The faults drawn for one request."""

    faults: Faults
    drawn: frozenset[str]
    injector: FaultInjector
    error_status: int = 500
    altered: list[str] = dataclasses.field(default_factory=list)
    """Reply-level faults applied to the completion, counted once it has been delivered whole."""

    def refusal(self) -> JSONResponse | None:
        """The 429 or 5xx to answer with instead of a reply, if one was drawn."""
        if "rate_limit" in self.drawn:
            self.injector.applied("rate_limit")
            response = APIError(429, "Rate limit reached for requests; please retry after a moment.", type="rate_limit_error", code="rate_limit_exceeded").response()
            response.headers["Retry-After"] = f"{self.faults.retry_after_s:g}"
            return response
        if "server_error" in self.drawn:
            self.injector.applied("server_error")
            return APIError(self.error_status, "The server had an error while processing your request (injected fault).", type="server_error").response()
        return None

    def check_request(self, request: ChatRequest) -> None:
        """400 for a stream the server refuses, or an earlier turn that must carry its reasoning but came back without it."""
        if request.stream and self.faults.no_streaming:
            self.injector.applied("no_streaming")
            raise APIError(400, "Streaming is not supported by this server; send the request with stream=false.", param="stream")
        for index, message in enumerate(request.messages):
            if message.role != "assistant" or not message.tool_calls or (message.model_extra or {}).get("reasoning_content"):
                continue
            if any(self.injector.must_return(call.id) for call in message.tool_calls):
                raise APIError(400, MISSING_REASONING.format(index=index), param="messages")

    def overflow(self, error: APIError, request: ChatRequest) -> Completion:
        """Re-raise a context overflow in the configured style (`length`: answer 200, cut before the first token)."""
        numbers = overflow_numbers(error)
        if self.faults.overflow_style == "openai" or numbers is None:
            raise error
        window, prompt = numbers
        if self.faults.overflow_style != "length":
            raise ForeignOverflow(self.faults.overflow_style, window, prompt) from None
        return Completion(model=request.model, reply=Reply(), finish_reason="length", prompt_tokens=prompt, completion=CompletionTokens(0, 0))

    def misbehave(self, completion: Completion, request: ChatRequest, tokenizer: Tokenizer) -> Completion:
        """The completion as an echoing server, one ignoring max_tokens, or one sending typed parts would have sent it."""
        if self.faults.content_parts:
            self.injector.applied("content_parts")
            completion = dataclasses.replace(completion, content_parts=True)
        if self.faults.echo:
            self.injector.applied("echo")
            text = render_chatml(request)
            used = tokenizer.count(text)
            return dataclasses.replace(completion, reply=Reply(content=text), finish_reason="stop", completion=CompletionTokens(used, 0))
        if self.faults.ignore_max_tokens and completion.completion.total < self.faults.server_max_tokens:
            self.injector.applied("ignore_max_tokens")
            missing = self.faults.server_max_tokens - completion.completion.total
            ramble = tokenizer.decode(tokenizer.encode(RAMBLE * missing)[:missing])
            reply = Reply(content=f"{completion.reply.content}{ramble}", reasoning=completion.reply.reasoning)
            return dataclasses.replace(completion, reply=reply, finish_reason="length",
                                       completion=CompletionTokens(self.faults.server_max_tokens, completion.completion.reasoning))
        return completion

    def alter(self, completion: Completion) -> Completion:
        """The completion with the reply-level faults drawn for it applied."""
        reply = completion.reply
        if not reply.tool_calls:
            return completion
        if "tools_in_content" in self.drawn:
            self.altered.append("tools_in_content")
            text = "\n".join(f"<tool_call>\n{tool_call_text(c.name, json.dumps(c.arguments))}\n</tool_call>" for c in reply.tool_calls)
            content = f"{reply.content}\n{text}" if reply.content else text
            return dataclasses.replace(completion, reply=Reply(content=content, reasoning=reply.reasoning), finish_reason="stop")
        if "require_reasoning" in self.drawn:
            self.altered.append("require_reasoning")
            completion = dataclasses.replace(completion, reply=dataclasses.replace(reply, reasoning=reply.reasoning or THINKING))
            self.injector.remember(call["id"] for call in completion.tool_calls)
        if "bad_tool_json" in self.drawn:
            self.altered.append("bad_tool_json")
            function = completion.tool_calls[0]["function"]
            function["arguments"] = function["arguments"][: max(1, len(function["arguments"]) // 2)]
        return completion

    def work_s(self, completion: Completion) -> float:
        """Seconds of generation this request costs the server: first token, decoding and any stall."""
        return self.faults.ttft_s + self._decode_s(completion) + (self.faults.stall_s if "stall" in self.drawn else 0.0)

    def _decode_s(self, completion: Completion) -> float:
        if self.faults.tokens_per_s is None:
            return 0.0
        return max(0, completion.completion.total - 1) / self.faults.tokens_per_s

    async def before_plain_reply(self, completion: Completion, disconnected: Callable[[], Awaitable[bool]]) -> None:
        """Latency (and any stall) of a non-streamed reply, slept without blocking the server.

        Sleeps in slices, stopping early once the client has gone (as a stalled client times out).
        """
        if "stall" in self.drawn:
            self.injector.applied("stall")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.faults.ttft_s + self._decode_s(completion) + (self.faults.stall_s if "stall" in self.drawn else 0)
        while (left := deadline - loop.time()) > 0 and not await disconnected():
            await asyncio.sleep(min(left, _SLEEP_SLICE_S))
        if not await disconnected():
            self._delivered()

    def _delivered(self) -> None:
        for fault in self.altered:
            self.injector.applied(fault)

    async def stream(self, events: Sequence[str], completion: Completion, include_usage: bool) -> AsyncIterator[str]:
        """The SSE events with latency paced in and a drop or stall halfway if drawn."""
        outputs = len(events) - 3 - int(include_usage)  # role delta first; finish, [usage], [DONE] last
        per_event = self._decode_s(completion) / max(1, outputs - 1)
        halfway = len(events) // 2
        for index, event in enumerate(events):
            if index == halfway and "drop" in self.drawn:
                self.injector.applied("drop")
                raise _Dropped("injected fault: connection dropped mid-stream")
            if index == halfway and "stall" in self.drawn:
                self.injector.applied("stall")
                async for comment in self._stalled():
                    yield comment
            if index == 1 and self.faults.ttft_s:
                await asyncio.sleep(self.faults.ttft_s)
            elif 1 < index <= outputs and per_event:
                await asyncio.sleep(per_event)
            yield event
        self._delivered()

    async def _stalled(self) -> AsyncIterator[str]:
        """Silence for stall_s, or keep-alive comments every keep_alive_s for as long."""
        if self.faults.keep_alive_s is None:
            await asyncio.sleep(self.faults.stall_s)
            return
        loop = asyncio.get_running_loop()
        end = loop.time() + self.faults.stall_s
        while (left := end - loop.time()) > 0:
            await asyncio.sleep(min(self.faults.keep_alive_s, left))
            yield KEEP_ALIVE


class FaultInjector:
    """A server's faults: draws per request from one seeded RNG, counts those applied, remembers reasoning owed."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        _quiet_drops()
        self._rng = random.Random(faults.seed)
        self._lock = threading.Lock()
        self._owed: dict[str, None] = {}
        self.injected: Counter[str] = Counter()
        """How many times each fault was actually applied (a drawn fault may not apply, e.g. a drop to a plain reply)."""

    def faults_for(self, header: str | None) -> Faults:
        """The faults in force for one request: the header's spec over the server's."""
        try:
            return parse_faults(header, self.faults) if header else self.faults
        except FaultSpecError as exc:
            raise APIError(400, f"{FAULTS_HEADER}: {exc}") from None

    def plan(self, header: str | None) -> FaultPlan:
        """Draw this request's faults (the header's spec, if any, overrides the server's)."""
        faults = self.faults_for(header)
        with self._lock:
            draws = {name: self._rng.random() for name in FAULT_RATES}
            status = self._rng.choice((500, 503))
        drawn = frozenset(name for name, rate in faults.rates.items() if draws[name] < rate)
        return FaultPlan(faults, drawn, self, status)

    def applied(self, fault: str) -> None:
        with self._lock:
            self.injected[fault] += 1

    def remember(self, call_ids: Any) -> None:
        with self._lock:
            for call_id in call_ids:
                self._owed[call_id] = None
            while len(self._owed) > _REMEMBERED_CALLS:
                del self._owed[next(iter(self._owed))]

    def must_return(self, call_id: str) -> bool:
        with self._lock:
            return call_id in self._owed


def render_chatml(request: ChatRequest) -> str:
    """The prompt as a ChatML chat template renders it, which an echoing server sends back."""
    turns = [f"<|im_start|>{m.role}\n{content_text(m.model_dump().get('content'))}<|im_end|>\n" for m in request.messages]
    return "".join(turns) + "<|im_start|>assistant\n"


async def detail_error(request: Request, exc: Exception) -> JSONResponse:
    """Our refusals, in FastAPI's `{"detail": message}` shape when `detail_errors` is on for the request."""
    assert isinstance(exc, APIError)
    try:
        detail = request.app.state.faults.faults_for(request.headers.get(FAULTS_HEADER)).detail_errors
    except APIError:
        detail = False
    return JSONResponse({"detail": exc.message}, status_code=exc.status) if detail else exc.response()
