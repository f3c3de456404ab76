"""`agentbench probe`: check an endpoint before a long run, and say how to fix what is wrong.

Each check sends the endpoint a small request and grades what comes back: pass, warn (works,
with a caveat the run will live with) or fail (samples would be lost or misjudged), each
with the fix. Nothing is retried: the probe reports the endpoint as it behaves.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

import httpx
import openai

from agentbench.endpoints.completion_shape import MalformedReply, checked_completion
from agentbench.endpoints.context_errors import is_context_overflow
from agentbench.endpoints.echo import is_echo
from agentbench.endpoints.failure_text import describe_failure, server_message
from agentbench.endpoints.window import Window, discover_window, window_of_entry
from agentbench.endpoints.probe_prompts import (
    FILLER,
    LONG_QUESTION,
    ONE_CALL,
    PARALLEL_CALLS,
    PLAIN,
    WEATHER_RESULT,
    WEATHER_TOOL,
    tokenizer_sample,
)
from agentbench.endpoints.retries import retry_after_s
from agentbench.endpoints.streaming import CHUNKS_PER_TOKEN, OVERRUN_SLACK
from agentbench.endpoints.tool_anomalies import (
    CALLS_IN_CONTENT,
    CALLS_IN_REASONING,
    EMPTY_TOOL_CALLS,
    UNPARSEABLE_ARGUMENTS,
    find_anomalies,
    reasoning_text,
)
from agentbench.tokenizers import DEFAULT_TOKENIZER, get_tokenizer

Status = Literal["pass", "warn", "fail", "skip"]
LONG_FRACTION = 0.9
OVERFLOW_EXTRA_TOKENS = 1_000
PLAIN_MAX_TOKENS = 256
SETTLE_MIN_S = 60.0
SETTLE_FACTOR = 10
"""After a timeout, how long to wait for the server to be free again: this many times the timeout (at least SETTLE_MIN_S)."""
TOKENIZER_TOLERANCE = 0.02
"""Largest gap between our prompt-token count and the server's before lengths are called skewed."""

TOOL_PARSER_FIX = (
    "serve the model with its tool-call parser (vLLM: --enable-auto-tool-choice --tool-call-parser "
    "hermes|mistral|deepseek_v3|openai...; SGLang: --tool-call-parser), or set repair_tool_calls: true for this endpoint"
)
_ANOMALY_FAILS = {
    CALLS_IN_CONTENT: ("the tool call came back as text in `content`, not in `tool_calls`", TOOL_PARSER_FIX),
    EMPTY_TOOL_CALLS: ("finish_reason is tool_calls but the tool_calls list is empty", TOOL_PARSER_FIX),
    UNPARSEABLE_ARGUMENTS: ("tool-call arguments are not valid JSON", "check the tool-call parser and chat template; try a lower temperature"),
    CALLS_IN_REASONING: ("the tool call is inside the reasoning", "use a reasoning parser that ends reasoning before tool calls (vLLM: --reasoning-parser)"),
}


@dataclass(frozen=True)
class Check:
    """One probe result; `fix` says what to change when status is warn or fail."""

    name: str
    status: Status
    detail: str
    fix: str = ""


@dataclass
class ProbeReport:
    base_url: str
    model: str
    context_window: int | None = None
    context_window_source: str | None = None
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.status != "fail" for check in self.checks)

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "ok": self.ok}, indent=2)


def _http_failure(exc: Exception) -> tuple[str, str]:
    """A request error in one line, with its fix."""
    if isinstance(exc, openai.APIStatusError):
        message = server_message(exc)
        if exc.status_code == 429:
            wait = retry_after_s(exc)
            after = f", Retry-After {wait:g}s" if wait is not None else ""
            return f"rate limited (HTTP 429{after}): {message}", "lower concurrency for this endpoint or raise its rate limit; runs retry 429s but slowly"
        if exc.status_code >= 500:
            return f"server error (HTTP {exc.status_code}): {message}", "check the server's logs; runs retry 5xx, but a steady error rate slows every sample"
        if exc.status_code in (401, 403):
            return f"key rejected (HTTP {exc.status_code})", "pass --api-key-env NAME of the variable holding a valid key"
        return f"HTTP {exc.status_code}: {message}", "check the model name and the request fields the server accepts"
    if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
        return "timed out waiting for the endpoint (stalled?)", "check the server is not overloaded or stuck; raise --timeout if it is just slow"
    if isinstance(exc, (openai.APIConnectionError, httpx.TransportError)):
        return f"connection failed: {describe_failure(exc)}", "check the URL (ending in /v1) and that the server is up"
    return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}", "check the endpoint's OpenAI compatibility"


class _ChunkWatch:
    """Closes a stream that carries no chunk for `seconds`, as the read timeout ends one that carries no byte:
    keep-alive comments are bytes, not chunks. The read blocked in the probe's thread ends at the next bytes."""

    def __init__(self, close: Callable[[], None], seconds: float) -> None:
        self._close, self._seconds = close, seconds
        self._beat, self._done = threading.Event(), threading.Event()
        self.fired = False
        self._thread = threading.Thread(target=self._watch, name="agentbench-probe-chunk-watch", daemon=True)

    def __enter__(self) -> _ChunkWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._beat.set()
        self._thread.join()

    def beat(self) -> None:
        self._beat.set()

    def _watch(self) -> None:
        while not self._done.is_set():
            if not self._beat.wait(self._seconds):
                self.fired = True
                self._close()
                return
            self._beat.clear()


class Prober:
    """Runs the probe's checks against one endpoint, in order; later checks skip if the basics failed."""

    def __init__(self, base_url: str, model: str, api_key: str | None, timeout_s: float, tokenizer: str, context_window: int | None) -> None:
        self.report = ProbeReport(base_url, model, context_window, "--context-window" if context_window else None)
        self.api_key = api_key
        self.client = openai.OpenAI(base_url=base_url, api_key=api_key or "no-key", max_retries=0, timeout=timeout_s)
        self.answered = False
        """Whether any chat request succeeded (a check that saw no reply cannot pass)."""
        self.settled = False
        self.tokenizer = tokenizer
        self.timeout_s = timeout_s
        self.last_tool_reply: dict[str, Any] | None = None

    def add(self, name: str, status: Status, detail: str, fix: str = "") -> Check:
        check = Check(name, status, detail, fix)
        self.report.checks.append(check)
        return check

    def chat(self, messages: list[dict[str, Any]], **kwargs: Any) -> dict[str, Any]:
        completion = self.client.chat.completions.create(model=self.report.model, messages=messages, **kwargs)  # type: ignore[arg-type]
        self.answered = True
        return checked_completion(completion.model_dump(exclude_none=True, warnings=False)).model_dump(exclude_none=True)

    def guarded(self, name: str, check: Callable[[], None]) -> None:
        """Run one check; a failed request fails it with the request's own error and fix."""
        try:
            check()
        except MalformedReply as exc:
            self.add(name, "fail", str(exc), "check the endpoint's OpenAI compatibility: runs score such replies as endpoint errors")
        except (openai.APIError, httpx.HTTPError) as exc:
            detail, fix = _http_failure(exc)
            self.add(name, "fail", detail, fix)
            if isinstance(exc, (openai.APITimeoutError, httpx.TimeoutException)):
                self.settle()

    def settle(self) -> None:
        """After giving up on a request, wait until the server answers again before the next check.

        The abandoned request's connection is closed, which cancels it on servers that notice;
        a single-threaded server that does not (llama-cpp-python) would otherwise stall every
        later check behind it. How long it stayed busy is added to the timed-out check. Done once:
        a server that stalls every request is not waited for again and again.
        """
        if self.settled:
            return
        self.settled = True
        start = time.perf_counter()
        try:
            self.client.with_options(timeout=max(SETTLE_MIN_S, SETTLE_FACTOR * self.timeout_s)).chat.completions.create(
                model=self.report.model, messages=[{"role": "user", "content": PLAIN}], max_tokens=1)
        except (openai.APIError, httpx.HTTPError):
            return
        busy = time.perf_counter() - start
        if busy > 1.0:
            last = self.report.checks[-1]
            self.report.checks[-1] = replace(last, detail=f"{last.detail}; the server stayed busy {busy:.0f}s more with the abandoned "
                                                          "request (it does not cancel requests whose client has gone)")

    def reachable(self) -> bool:
        try:
            models = self.client.models.list()
        except openai.NotFoundError:
            self.add("reachable", "warn", "no /models route", "fine for chat, but the model cannot be checked there")
            self.learn_window([])
            return True
        except (openai.APIError, httpx.HTTPError) as exc:
            detail, fix = _http_failure(exc)
            self.add("reachable", "fail", detail, fix)
            return False
        self.add("reachable", "pass", f"answered /models ({len(models.data)} model(s)); key accepted")
        self.model_listed([m.model_dump() for m in models.data])
        return True

    def model_listed(self, models: list[dict[str, Any]]) -> None:
        entry = next((m for m in models if m.get("id") == self.report.model), None)
        if entry is None:
            names = ", ".join(str(m.get("id")) for m in models[:10]) or "none"
            self.add("model", "fail", f"{self.report.model!r} is not listed", f"use one of: {names}")
            return
        self.add("model", "pass", "listed")
        self.learn_window(models)

    def learn_window(self, models: list[dict[str, Any]]) -> None:
        """The window from the command line, else wherever the server reports it; say which."""
        if self.report.context_window is not None:
            self.add("context_window", "pass", f"{self.report.context_window:,} tokens (from --context-window)")
            return
        entry = next((m for m in models if m.get("id") == self.report.model), None)
        window: Window | None = (window_of_entry(entry) if entry else None) or discover_window(
            str(self.client.base_url), self.report.model, self.api_key, self.timeout_s, models)
        if window is None:
            self.add("context_window", "warn", "not reported by the server (/v1/models, /props, /get_model_info)",
                     "pass --context-window (or set context_window in endpoints.yaml) so overflows are recognised")
            return
        self.report.context_window, self.report.context_window_source = window.tokens, window.source
        self.add("context_window", "pass", f"{window.tokens:,} tokens (from {window.source})")

    def plain_chat(self) -> None:
        reply = self.chat([{"role": "user", "content": PLAIN}], max_tokens=PLAIN_MAX_TOKENS)
        message = reply["choices"][0]["message"]
        self.reasoning_seen(message)
        used = (reply.get("usage") or {}).get("completion_tokens")
        if is_echo(PLAIN, message.get("content") or ""):
            self.add("chat", "fail", f"echo: the reply repeats the prompt: {message['content'].strip()[:60]!r}",
                     "check the chat template and that the server returns only generated tokens; runs score such replies as `echo`")
        elif used is not None and used > PLAIN_MAX_TOKENS:
            self.add("chat", "fail", f"the server ignored max_tokens: {used:,} output tokens for max_tokens={PLAIN_MAX_TOKENS}",
                     "upgrade or configure the server to honour max_tokens: every reply will run to the server's own limit")
        elif (message.get("content") or "").strip():
            self.add("chat", "pass", f"answered {message['content'].strip()[:40]!r}")
        else:
            self.add("chat", "warn", "empty answer", "raise max_tokens (a reasoning model may spend them all thinking) or check the chat template")

    def streaming(self) -> None:
        start = time.perf_counter()
        stream = self.client.chat.completions.create(
            model=self.report.model, messages=[{"role": "user", "content": PLAIN}], max_tokens=PLAIN_MAX_TOKENS,
            stream=True, stream_options={"include_usage": True},
        )
        chunks, usage, finish, first, broken = 0, None, None, None, ""
        overrun = CHUNKS_PER_TOKEN * PLAIN_MAX_TOKENS + OVERRUN_SLACK  # where a run cuts such a stream
        watch = _ChunkWatch(stream.response.close, self.timeout_s)
        try:
            with stream, watch:  # closing the connection on a timeout cancels the request on servers that notice
                for chunk in stream:
                    watch.beat()
                    chunks += 1
                    first = first or (time.perf_counter() if any(c.delta.content for c in chunk.choices) else None)
                    usage = chunk.usage or usage
                    finish = next((c.finish_reason for c in chunk.choices if c.finish_reason), finish)
                    if finish is None and chunks > overrun:
                        break
            self.answered = True
        except (openai.APITimeoutError, httpx.TimeoutException):
            self.stalled(chunks, "no data")
            return
        except Exception as exc:
            if watch.fired:
                self.stalled(chunks, "no chunk (nothing, or keep-alive comments only)")
                return
            if chunks == 0 or not isinstance(exc, (openai.APIError, httpx.HTTPError)):
                raise
            broken = f": {_http_failure(exc)[0]}"
        if watch.fired:
            self.stalled(chunks, "no chunk (nothing, or keep-alive comments only)")
        elif finish is None and chunks > overrun:
            self.add("streaming", "fail", f"the stream ran past max_tokens={PLAIN_MAX_TOKENS} without finishing ({chunks:,} chunks, "
                     "then closed by the probe)", "configure the server to honour max_tokens: runs cut such a stream and "
                     "score it as a reply cut by max_tokens")
        elif finish is None:
            self.add("streaming", "fail", f"stream broke off after {chunks} chunk(s) without a finish reason{broken}",
                     "check proxies, load balancers and the server's logs; runs retry broken streams, at a cost")
        elif usage is None:
            self.add("streaming", "warn", f"{chunks} chunks, no usage", "the server ignores stream_options.include_usage; output tokens will be counted locally")
        else:
            ttft = f", TTFT {first - start:.2f}s" if first else ""
            self.add("streaming", "pass", f"{chunks} chunks with usage{ttft}")

    def stalled(self, chunks: int, what: str) -> None:
        self.add("streaming", "fail", f"stream stalled after {chunks} chunk(s): {what} for {self.timeout_s:g}s",
                 "the server stopped sending mid-answer: check it is not overloaded or stuck; runs retry a call after timeout_s of silence")
        self.settle()

    def tool_call(self) -> None:
        reply = self.chat([{"role": "user", "content": ONE_CALL}], tools=[WEATHER_TOOL], tool_choice="auto", max_tokens=1024)
        choice = reply["choices"][0]
        message = choice["message"]
        self.reasoning_seen(message)
        if not self.anomalies_fail("tool_call", message, choice.get("finish_reason")):
            calls = message.get("tool_calls") or []
            if not calls:
                self.add("tool_call", "warn", "answered without calling the tool", "check the chat template renders tools; or the model may just not call")
                return
            self.last_tool_reply = message
            self.add("tool_call", "pass", f"called {calls[0]['function']['name']}({calls[0]['function']['arguments']})")

    def anomalies_fail(self, name: str, message: dict[str, Any], finish: str | None) -> bool:
        anomalies = find_anomalies(message, finish)
        for kind in (CALLS_IN_CONTENT, EMPTY_TOOL_CALLS, UNPARSEABLE_ARGUMENTS, CALLS_IN_REASONING):
            if anomalies.get(kind):
                detail, fix = _ANOMALY_FAILS[kind]
                self.add(name, "fail", detail, fix)
                return True
        return False

    def parallel_calls(self) -> None:
        reply = self.chat([{"role": "user", "content": PARALLEL_CALLS}], tools=[WEATHER_TOOL], tool_choice="auto", max_tokens=1024)
        choice = reply["choices"][0]
        if self.anomalies_fail("parallel_calls", choice["message"], choice.get("finish_reason")):
            return
        calls = choice["message"].get("tool_calls") or []
        if len(calls) >= 2:
            self.add("parallel_calls", "pass", f"{len(calls)} calls in one reply")
        else:
            self.add("parallel_calls", "warn", f"{len(calls)} call(s) in one reply", "the model or server does not make parallel calls; agents will take more turns")

    def round_trip(self) -> None:
        if self.last_tool_reply is None:
            self.add("tool_round_trip", "skip", "no tool call to answer")
            return
        call = self.last_tool_reply["tool_calls"][0]
        assistant = {"role": "assistant", "content": self.last_tool_reply.get("content"), "tool_calls": [call]}
        result = {"role": "tool", "tool_call_id": call["id"], "content": WEATHER_RESULT}
        messages = [{"role": "user", "content": ONE_CALL}, assistant, result]
        try:
            reply = self.chat(messages, tools=[WEATHER_TOOL], max_tokens=1024)
        except openai.BadRequestError as exc:
            reasoning = reasoning_text(self.last_tool_reply)
            if "reasoning" not in str(exc.message).lower() or not reasoning:
                raise
            self.chat([messages[0], {**assistant, "reasoning_content": reasoning}, result], tools=[WEATHER_TOOL], max_tokens=1024)
            self.add("tool_round_trip", "fail", "refused unless the reasoning of the tool-calling turn is sent back", "set send_reasoning: true for this endpoint")
            return
        text = reply["choices"][0]["message"].get("content") or ""
        if "18" in text:
            self.add("tool_round_trip", "pass", "used the tool result in its answer")
        else:
            self.add("tool_round_trip", "warn", f"answer does not use the tool result: {text[:60]!r}", "check the chat template renders tool results")

    def reasoning_seen(self, message: dict[str, Any]) -> None:
        if any(c.name == "reasoning" for c in self.report.checks):
            return
        field_name = next((f for f in ("reasoning_content", "reasoning") if message.get(f)), None)
        if field_name:
            self.add("reasoning", "pass", f"reasoning returned apart from the answer, in `{field_name}`")
        elif "<think>" in (message.get("content") or ""):
            self.add("reasoning", "warn", "reasoning came back inside content as <think>...</think>", "serve with a reasoning parser (vLLM/SGLang: --reasoning-parser) so reasoning is kept apart")

    def long_prompt(self) -> None:
        window = self.report.context_window
        if window is None:
            self.add("long_prompt", "skip", "context window unknown", "pass --context-window to test prompts near it")
            return
        target = int(window * LONG_FRACTION)
        reply = self.chat([{"role": "user", "content": self.filler(target) + "\n" + LONG_QUESTION}], max_tokens=16)
        prompt = (reply.get("usage") or {}).get("prompt_tokens")
        counted = f"; the server counted {prompt:,} prompt tokens" if prompt else ""
        self.add("long_prompt", "pass", f"accepted ~{target:,} tokens ({LONG_FRACTION:.0%} of the window){counted}")

    def tokenizer_agrees(self) -> None:
        """Our count of a ~3,000-token prompt against the server's, less the chat template's own tokens."""
        tiny = self.chat([{"role": "user", "content": PLAIN}], max_tokens=1)
        text = tokenizer_sample()
        big = self.chat([{"role": "user", "content": text}], max_tokens=1)
        theirs_tiny, theirs_big = ((r.get("usage") or {}).get("prompt_tokens") for r in (tiny, big))
        if not theirs_tiny or not theirs_big:
            self.add("tokenizer", "skip", "the server reports no prompt_tokens")
            return
        ours = get_tokenizer(self.tokenizer)
        overhead = theirs_tiny - ours.count(PLAIN)
        mine, counted = ours.count(text), theirs_big - overhead
        gap = (counted - mine) / mine
        detail = f"{self.tokenizer}: {mine:,} tokens, the server: {counted:,} ({gap:+.1%})"
        if abs(gap) > TOKENIZER_TOLERANCE:
            self.add("tokenizer", "warn", f"token counts differ: {detail}",
                     "pass --tokenizer NAME (qwen3, deepseek-v3, mistral-tekken) or --tokenizer hf:PATH to the served model's tokenizer.json, "
                     "else every long-context length is off by this much")
        else:
            self.add("tokenizer", "pass", f"agrees within {TOKENIZER_TOLERANCE:.0%}: {detail}")

    def too_long_prompt(self) -> None:
        window = self.report.context_window
        if window is None:
            self.add("too_long_prompt", "skip", "context window unknown", "pass --context-window to test overflow errors")
            return
        try:
            reply = self.chat([{"role": "user", "content": self.filler(window + OVERFLOW_EXTRA_TOKENS) + "\n" + LONG_QUESTION}], max_tokens=16)
        except openai.APIStatusError as exc:
            if exc.status_code == 429 or exc.status_code >= 500:
                raise
            if is_context_overflow(exc):
                self.add("too_long_prompt", "pass", f"refused with a recognised context error (HTTP {exc.status_code})")
            else:
                self.add("too_long_prompt", "fail", f"refused, but the error is not recognised as overflow: HTTP {exc.status_code}: {server_message(exc)[:200]}",
                         "such samples will count as endpoint_error; report this error text so agentbench learns it")
            return
        prompt = (reply.get("usage") or {}).get("prompt_tokens")
        counted = f"the server counted {prompt:,} prompt tokens" if prompt else "the server reported no prompt_tokens"
        self.add("too_long_prompt", "warn", f"accepted a prompt over the {window:,}-token window ({counted}); runs record such samples as context_exceeded",
                 "the server truncates or the window is larger than claimed: set context_window to the real limit")

    def filler(self, tokens: int) -> str:
        per = get_tokenizer(self.tokenizer).count(FILLER)
        return FILLER * max(1, tokens // per)

    def run(self, long_checks: bool) -> ProbeReport:
        if not self.reachable():
            return self.report
        for name, check in (("chat", self.plain_chat), ("streaming", self.streaming), ("tool_call", self.tool_call),
                            ("parallel_calls", self.parallel_calls), ("tool_round_trip", self.round_trip)):
            self.guarded(name, check)
        seen = any(c.name == "reasoning" for c in self.report.checks)
        if not seen and self.answered:
            self.add("reasoning", "pass", "no reasoning field (the model does not reason, or its reasoning is off)")
        elif not seen:
            self.add("reasoning", "skip", "no request succeeded, so reasoning could not be seen")
        if self.answered:
            self.guarded("tokenizer", self.tokenizer_agrees)
        if long_checks:
            self.guarded("long_prompt", self.long_prompt)
            self.guarded("too_long_prompt", self.too_long_prompt)
        return self.report


def probe(
    base_url: str,
    model: str,
    api_key: str | None = None,
    *,
    timeout_s: float = 120.0,
    tokenizer: str = DEFAULT_TOKENIZER,
    context_window: int | None = None,
    long_checks: bool = True,
) -> ProbeReport:
    """Probe one endpoint; `context_window` overrides the one the server reports."""
    return Prober(base_url, model, api_key, timeout_s, tokenizer, context_window).run(long_checks)
